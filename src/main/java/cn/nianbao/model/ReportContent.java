package cn.nianbao.model;

import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.function.Consumer;

/**
 * The datapoints of reports known by their headers: a run of thousands of reports does not fit in memory with all
 * its datapoints, so the steps that need every value (within-report checks, roll-up, facts.csv, the per-agency
 * sheet) visit the reports one at a time.
 */
public interface ReportContent {

    /** Calls {@code action} with each report, in the given order, with all its datapoints (sources with labels). */
    void forEachFull(List<ReportHeader> reports, Consumer<Report> action);

    /**
     * As {@link #forEachFull} for arithmetic and findings: each datapoint's id, value, blank flag and cell; its label
     * may be left out.
     */
    default void forEachValues(List<ReportHeader> reports, Consumer<Report> action) {
        forEachFull(reports, action);
    }

    /** The content of reports held in memory (tests, small runs), by their headers. */
    static ReportContent of(List<Report> reports) {
        Map<ReportHeader, Report> byHeader = new HashMap<>();
        reports.forEach(r -> byHeader.put(r.header(), r));
        return (headers, action) -> headers.forEach(h -> {
            Report r = byHeader.get(h);
            action.accept(r != null ? r : h.withContent(Map.of()));
        });
    }

    /** The headers of reports, in order. */
    static List<ReportHeader> headers(List<Report> reports) {
        return reports.stream().map(Report::header).toList();
    }
}
