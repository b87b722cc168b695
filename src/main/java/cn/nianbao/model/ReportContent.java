package cn.nianbao.model;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The datapoints of reports known by their headers (agency, year, file): a run of thousands of reports
 * does not fit in memory with all its datapoints, so the steps that need every value (within-report
 * checks, roll-up, facts.csv, the per-agency sheet) visit the reports one at a time.
 */
public interface ReportContent {

    /** Calls {@code action} with each report, in the given order, with all its datapoints. */
    void forEachFull(List<Report> reports, Consumer<Report> action);

    /**
     * As {@link #forEachFull} for arithmetic only: each datapoint's id, value and blank flag; its source
     * (sheet, cell, label) may be left out.
     */
    default void forEachValues(List<Report> reports, Consumer<Report> action) {
        forEachFull(reports, action);
    }

    /** The datapoint ids present in any of the reports. */
    default Set<String> datapointIds(List<Report> reports) {
        Set<String> ids = new LinkedHashSet<>();
        forEachFull(reports, r -> ids.addAll(r.datapoints().keySet()));
        return ids;
    }

    /** Reports that are already complete in memory (tests, small runs). */
    static ReportContent inMemory() {
        return (reports, action) -> reports.forEach(action);
    }
}
