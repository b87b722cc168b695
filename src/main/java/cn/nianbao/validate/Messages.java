package cn.nianbao.validate;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills a rule's Chinese message template and formats numbers the way auditors read them. */
public final class Messages {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    private Messages() {
    }

    /** 12, 0.5, 25211 — never 1.2E+1 or 12.00. */
    public static String number(BigDecimal value) {
        if (value == null) {
            return "空";
        }
        if (value.signum() == 0) {
            return "0";
        }
        return value.stripTrailingZeros().toPlainString();
    }

    /** Replaces {name} by its value; numbers are formatted by {@link #number}, missing values by "". */
    public static String fill(String template, Map<String, ?> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = values.get(m.group(1));
            String text = value == null ? "" : value instanceof BigDecimal d ? number(d) : value.toString();
            m.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        m.appendTail(out);
        return out.toString();
    }
}
