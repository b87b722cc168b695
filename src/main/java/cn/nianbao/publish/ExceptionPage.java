package cn.nianbao.publish;

import java.util.List;

/**
 * What exceptions.html shows, as plain text values for its template (src/main/jte/exceptions.jte): the template
 * escapes every one of them by where it stands, so a hostile agency name or message is shown, never run.
 *
 * @param facts     the run: job, status, times, files
 * @param badges    open findings per severity
 * @param changes   against the previous run, or null on a first run
 * @param open      findings still to act on
 * @param settled   findings an auditor marked 已说明 or 不适用 (not counted for --fail-on)
 * @param resolved  findings that no longer fire: since the previous run, and decided ones, each once
 */
public record ExceptionPage(String title, List<Fact> facts, List<Badge> badges, int openCount, int settledCount,
                            Changes changes, List<Tally> byWho, List<Tally> byRule, List<Row> open, List<Row> settled,
                            List<Row> resolved) {

    /** One line of the run's summary. */
    public record Fact(String label, String value) {
    }

    /** A count of open findings of one severity. */
    public record Badge(String css, String label, int count) {
    }

    /** How many findings are new, resolved and still open since the previous run. */
    public record Changes(int added, int resolved, int stillOpen) {
    }

    /** Counts of one agency (or file) or rule: open per severity, settled, all. */
    public record Tally(String name, String code, int errors, int warnings, int infos, int settled, int total) {
        public String errorsClass() {
            return errors > 0 ? "num sev-error" : "num";
        }

        public String warningsClass() {
            return warnings > 0 ? "num sev-warning" : "num";
        }

        public String infosClass() {
            return infos > 0 ? "num sev-info" : "num";
        }
    }

    /**
     * One finding as a row (or, on a narrow screen, a card): each value already as text.
     *
     * @param state     新增, 仍未解决 or 已解决 (empty on a first run)
     * @param review    the finding's figures changed since it was decided on
     */
    public record Row(String css, String severity, String ruleName, String ruleId, String who, String whoCode, String year,
                      String file, String sheet, String cells, String expected, String actual, String delta, String message,
                      String state, String disposition, String dispositionNote, boolean review, String fingerprint) {

        /** The flag shown when {@link #review} is set. */
        public String reviewFlag() {
            return cn.nianbao.model.Disposition.FIGURES_CHANGED;
        }

        /** The sheet and cells, as one place. */
        public String where() {
            String sheetPart = sheet.isEmpty() ? "" : "「" + sheet + "」";
            return (sheetPart + " " + cells).strip();
        }
    }
}
