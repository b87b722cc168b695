package cn.nianbao.validate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.nianbao.model.Agency;
import cn.nianbao.model.Report;
import cn.nianbao.model.ReportContent;
import cn.nianbao.model.Submission;
import cn.nianbao.model.UnitTotal;
import cn.nianbao.template.TemplateCatalogue;

/**
 * What the checks across reports look at: the run's year, its accepted reports, earlier reports, the
 * roster expected for the year (null = no roster: MISSING-SUBMISSION and UNKNOWN-AGENCY are skipped),
 * every ingested file (to say which file of a missing agency could not be used) and the computed
 * roll-ups (for ROLLUP-MISMATCH against published 汇总 reports among {@code reports}).
 */
public record CrossReportInput(TemplateCatalogue catalogue, int year, List<Report> reports, ReportHistory history,
                               List<Agency> roster, List<Submission> submissions, List<UnitTotal> unitTotals,
                               ReportContent content, Map<String, Report> byAgencyYear) {

    public CrossReportInput {
        reports = List.copyOf(reports);
        history = history == null ? ReportHistory.none() : history;
        roster = roster == null ? null : List.copyOf(roster);
        submissions = submissions == null ? List.of() : List.copyOf(submissions);
        unitTotals = unitTotals == null ? List.of() : List.copyOf(unitTotals);
        content = content == null ? ReportContent.of(reports) : content;
        // (agency code, year) → the first report of the run: find() is a look-up, not a scan per report.
        Map<String, Report> index = new HashMap<>();
        for (Report r : reports) {
            index.putIfAbsent(key(r.agency().code(), r.year()), r);
        }
        byAgencyYear = Map.copyOf(index);
    }

    public CrossReportInput(TemplateCatalogue catalogue, int year, List<Report> reports, ReportHistory history,
                            List<Agency> roster, List<Submission> submissions, List<UnitTotal> unitTotals) {
        this(catalogue, year, reports, history, roster, submissions, unitTotals, null, null);
    }

    /**
     * With {@code content}: where the complete datapoints of reports are read from when {@code reports}
     * and the roll-ups' included reports are slim (only what the checks across reports compare).
     */
    public CrossReportInput(TemplateCatalogue catalogue, int year, List<Report> reports, ReportHistory history,
                            List<Agency> roster, List<Submission> submissions, List<UnitTotal> unitTotals,
                            ReportContent content) {
        this(catalogue, year, reports, history, roster, submissions, unitTotals, content, null);
    }

    public CrossReportInput withReports(List<Report> newReports) {
        return new CrossReportInput(catalogue, year, newReports, history, roster, submissions, unitTotals, content);
    }

    private static String key(String agencyCode, int year) {
        return year + "|" + agencyCode;
    }

    /** An agency's report for a year: this run's first, else history. */
    public Optional<Report> find(String agencyCode, int reportYear) {
        Report r = byAgencyYear.get(key(agencyCode, reportYear));
        return r != null ? Optional.of(r) : history.find(agencyCode, reportYear);
    }
}
