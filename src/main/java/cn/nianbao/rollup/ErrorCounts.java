package cn.nianbao.rollup;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.nianbao.model.Finding;
import cn.nianbao.model.ReportHeader;
import cn.nianbao.model.Severity;

/**
 * How many ERROR findings each agency's report of a year has, as ingest and validate stored them: what the roll-up
 * tells the readers of its sums (and leaves out of them, when the job says so). A finding counts for the report of the
 * agency and year it names; one without an agency or a year (an unreadable file of no known agency) is about no
 * report in the sums.
 */
public final class ErrorCounts {

    /** No report has errors. */
    public static final ErrorCounts NONE = new ErrorCounts();

    private final Map<String, Integer> counts = new HashMap<>();

    public ErrorCounts() {
    }

    /** The ERROR findings among {@code findings}, counted. */
    public static ErrorCounts of(List<Finding> findings) {
        ErrorCounts counts = new ErrorCounts();
        for (Finding f : findings) {
            if (f.severity() == Severity.ERROR && f.agencyCode() != null && f.year() != null) {
                counts.add(f.agencyCode(), f.year(), 1);
            }
        }
        return counts;
    }

    /** Adds {@code count} ERROR findings of agency {@code agencyCode}'s report of {@code year}. */
    public ErrorCounts add(String agencyCode, int year, int count) {
        counts.merge(key(agencyCode, year), count, Integer::sum);
        return this;
    }

    /** The ERROR findings of a report (0 when it has none). */
    public int of(ReportHeader report) {
        return counts.getOrDefault(key(report.agency().code(), report.year()), 0);
    }

    private static String key(String agencyCode, int year) {
        return year + "|" + agencyCode;
    }
}
