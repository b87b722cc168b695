package cn.nianbao.validate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import cn.nianbao.model.Agency;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;
import cn.nianbao.model.ReportContent;
import cn.nianbao.model.Submission;
import cn.nianbao.template.TemplateCatalogue;

/**
 * Runs the checks across reports a group of agencies at a time, so that a province's run (100,000
 * reports) needs the slim reports of one group in memory, not of all. Every check across reports
 * compares an agency with itself (its other years, its duplicates, its place on the roster); none
 * compares two agencies. So the reports arrive ordered by agency, a group is closed only between two
 * agencies, and each group is checked with the roster cut down to its own agencies. The roster's
 * agencies that sent no report at all are checked last, on their own (MISSING-SUBMISSION).
 *
 * <p>{@code unusedSubmissions} are the run's files that gave no counted report: MISSING-SUBMISSION names
 * one whose file name mentions the missing agency. Passing only these (rather than every file, with the
 * used ones worked out from the reports at hand) keeps that test the run's, not the group's.
 */
public final class AgencyPartitions {

    private final CrossReportValidator across;
    private final TemplateCatalogue catalogue;
    private final Set<Integer> years;
    private final ReportHistory history;
    private final List<Agency> roster;
    private final List<Submission> unusedSubmissions;
    private final ReportContent content;
    private final int groupSize;
    private final Consumer<List<Finding>> sink;

    private final List<Report> group = new ArrayList<>();
    private final Set<String> seenAgencies = new HashSet<>();
    private String lastAgency;

    /**
     * @param roster    the roster expected, or null when the job has none (then MISSING-SUBMISSION and
     *                  UNKNOWN-AGENCY are skipped, as without partitions)
     * @param groupSize reports per group, at least; a group ends at the first change of agency after it
     */
    public AgencyPartitions(CrossReportValidator across, TemplateCatalogue catalogue, Set<Integer> years, ReportHistory history,
                            List<Agency> roster, List<Submission> unusedSubmissions, ReportContent content, int groupSize,
                            Consumer<List<Finding>> sink) {
        this.across = across;
        this.catalogue = catalogue;
        this.years = Set.copyOf(years);
        this.history = history;
        this.roster = roster;
        this.unusedSubmissions = List.copyOf(unusedSubmissions);
        this.content = content;
        this.groupSize = Math.max(1, groupSize);
        this.sink = sink;
    }

    /** The next (slim) report; reports must come grouped by agency code. */
    public void add(Report report) {
        String agency = report.agency().code();
        if (!Objects.equals(agency, lastAgency)) {
            if (!seenAgencies.add(agency)) {
                throw new IllegalStateException("reports not grouped by agency: " + agency + " came back after " + lastAgency);
            }
            if (group.size() >= groupSize) {
                check(group);
                group.clear();
            }
            lastAgency = agency;
        }
        group.add(report);
    }

    /**
     * An agency whose reports are not passed because its findings across reports come from elsewhere (an earlier run,
     * unchanged): not one that sent nothing. Call before {@link #finish}.
     */
    public void checkedElsewhere(String agencyCode) {
        seenAgencies.add(agencyCode);
    }

    /** Checks the last group, then the roster's agencies that sent nothing. */
    public void finish() {
        check(group);
        group.clear();
        if (roster != null) {
            List<Agency> silent = roster.stream().filter(a -> !seenAgencies.contains(a.code())).toList();
            if (!silent.isEmpty()) {
                run(List.of(), silent);
            }
        }
    }

    private void check(List<Report> reports) {
        if (reports.isEmpty()) {
            return;
        }
        List<Agency> ownRoster = null;
        if (roster != null) {
            Set<String> codes = new HashSet<>();
            reports.forEach(r -> codes.add(r.agency().code()));
            ownRoster = roster.stream().filter(a -> codes.contains(a.code())).toList();
        }
        run(reports, ownRoster);
    }

    private void run(List<Report> reports, List<Agency> groupRoster) {
        for (int year : years.stream().sorted().toList()) {
            sink.accept(across.validate(new CrossReportInput(catalogue, year, reports, history, groupRoster, unusedSubmissions,
                    List.of(), content)));
        }
    }
}
