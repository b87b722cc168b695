package cn.nianbao.ingest;

/** A workbook that cannot be used at all; {@code rule} is the PARSE-* id, the message is for people. */
public class UnreadableWorkbookException extends Exception {

    private final String rule;

    public UnreadableWorkbookException(String rule, String message, Throwable cause) {
        super(message, cause);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
