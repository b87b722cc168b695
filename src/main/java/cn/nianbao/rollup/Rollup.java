package cn.nianbao.rollup;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import cn.nianbao.model.Agency;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;
import cn.nianbao.model.ReportHeader;
import cn.nianbao.model.ReportContent;
import cn.nianbao.model.Scope;
import cn.nianbao.model.Severity;
import cn.nianbao.model.UnitTotal;
import cn.nianbao.template.DatapointDef;
import cn.nianbao.template.ReportFormat;
import cn.nianbao.template.TemplateCatalogue;
import cn.nianbao.validate.ReportValues;

/**
 * Cell-wise sums of the agencies' own (本级) reports for every unit above them, per year. Rules are
 * linear, so sums of consistent reports are consistent. Blanks follow the rules' blank policy
 * ({@link ReportValues}). Optional subtotal rows are left out: some
 * agencies add them and some do not, so their sum would mean nothing. Reports in a format that is not
 * the one in force for the year are not summed in silently: they are left out with a finding.
 */
public final class Rollup {

    /** The sums, the roll-up's findings, and how many reports' values were read to make them. */
    public record Result(List<UnitTotal> totals, List<Finding> findings, int reportsRead) {
    }

    private final TemplateCatalogue catalogue;

    public Rollup(TemplateCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /**
     * @param reports the accepted reports of the run (duplicates already resolved), with their datapoints
     * @param units   the units to roll up into; with no roster, a single unit that takes every report
     * @param years   the years to produce (every year with reports, plus the job's years)
     */
    public Result compute(List<Report> reports, UnitTree units, Set<Integer> years, boolean hasRoster) {
        return compute(ReportContent.headers(reports), units, years, hasRoster, ReportContent.of(reports));
    }

    /** As {@link #compute(List, UnitTree, Set, boolean, ReportContent, ErrorCounts, boolean)} with no report that has errors. */
    public Result compute(List<ReportHeader> reports, UnitTree units, Set<Integer> years, boolean hasRoster, ReportContent content) {
        return compute(reports, units, years, hasRoster, content, ErrorCounts.NONE, false);
    }

    /**
     * As {@link #compute(List, UnitTree, Set, boolean)} for reports given by their headers: their datapoints are read
     * from {@code content} once, each report's values added to every unit it counts in (memory grows with units ×
     * datapoints, not with reports). Each unit's reports with ERROR findings ({@code errors}) are named in its total; with
     * {@code leaveOutErrors} they are left out of its sums (and are not missing: they were sent).
     */
    public Result compute(List<ReportHeader> reports, UnitTree units, Set<Integer> years, boolean hasRoster, ReportContent content,
                          ErrorCounts errors, boolean leaveOutErrors) {
        return compute(reports, units, years, hasRoster, content, errors, leaveOutErrors, EarlierSums.NONE);
    }

    /**
     * As {@link #compute(List, UnitTree, Set, boolean, ReportContent, ErrorCounts, boolean)}, each unit's sums started
     * from an earlier run's ({@code earlier}) where it summed the unit and year in the same format: only the reports
     * that came or went since are read, their values added or taken away. Where a report that went has no stored
     * content any more, every sum is made from scratch instead.
     */
    public Result compute(List<ReportHeader> reports, UnitTree units, Set<Integer> years, boolean hasRoster, ReportContent content,
                          ErrorCounts errors, boolean leaveOutErrors, EarlierSums earlier) {
        List<UnitTotal> totals = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        // What each report adds to (or, a report gone since the earlier run, takes away from): the sums of each unit it
        // counts in (its district, its city …).
        Map<ReportHeader, List<Feed>> feeds = new HashMap<>();
        List<ReportHeader> toRead = new ArrayList<>();
        // A report left out of several units (district, city) is one finding, not one per unit.
        Set<String> leftOut = new java.util.HashSet<>();
        Set<Integer> allYears = new TreeSet<>(years);
        reports.forEach(r -> allYears.add(r.year()));
        for (Agency unit : units.units()) {
            List<Agency> expected = hasRoster ? units.agenciesUnder(unit.code()) : List.of();
            for (int year : allYears) {
                List<ReportHeader> candidates = reports.stream()
                        .filter(r -> r.year() == year && r.scope() == Scope.OWN)
                        .filter(r -> !hasRoster || units.isUnder(r.agency().parent(), unit.code()))
                        .collect(Collectors.toList());
                if (candidates.isEmpty() && expected.isEmpty()) {
                    continue;
                }
                ReportFormat format = formatFor(year, candidates);
                List<ReportHeader> included = new ArrayList<>();
                List<UnitTotal.ReportErrors> withErrors = new ArrayList<>();
                Set<String> present = new LinkedHashSet<>();
                for (ReportHeader r : candidates) {
                    if (r.format().equals(format.id())) {
                        int count = errors.of(r);
                        if (count > 0) {
                            withErrors.add(new UnitTotal.ReportErrors(r, count, leaveOutErrors));
                        }
                        if (count == 0 || !leaveOutErrors) {
                            included.add(r);
                        }
                        present.add(r.agency().code());
                    } else if (leftOut.add(r.submission().path())) {
                        findings.add(new Finding(Severity.ERROR, "ROLLUP-MIXED-FORMAT", r.agency().code(), r.agency().name(), year,
                                r.submission().path(), null, List.of(), null, null, null,
                                year + "年汇总使用 " + format.id() + " 格式，该单位报表为 " + r.format()
                                        + " 格式，未计入「" + unit.name() + "」及以上各级汇总；请按" + year + "年适用的格式重新填报"));
                    }
                }
                Map<String, BigDecimal> values = new LinkedHashMap<>();
                for (DatapointDef def : format.datapoints().values()) {
                    if (def.row().optional()) {
                        continue;
                    }
                    values.put(def.id(), BigDecimal.ZERO);
                }
                List<ReportHeader> added = included;
                List<ReportHeader> gone = List.of();
                Optional<UnitTotal> was = earlier.of(unit.code(), year).filter(t -> t.format().equals(format.id()));
                if (was.isPresent()) {
                    Difference d = Difference.between(was.get().included(), included);
                    if (d.size() <= included.size()) { // else reading every report is less
                        values.replaceAll((id, zero) -> was.get().values().getOrDefault(id, BigDecimal.ZERO));
                        added = d.added();
                        gone = d.gone();
                    }
                }
                feed(feeds, toRead, added, new Feed(values, false));
                feed(feeds, toRead, gone, new Feed(values, true));
                List<Agency> missing = expected.stream().filter(a -> !present.contains(a.code())).collect(Collectors.toList());
                List<Agency> expectedOrIncluded = hasRoster ? expected
                        : included.stream().map(ReportHeader::agency).collect(Collectors.toList());
                totals.add(new UnitTotal(unit, year, format.id(), values, included, expectedOrIncluded, missing, withErrors,
                        leaveOutErrors, null));
            }
        }
        // The rules' blank policy: a blank 总计 counts as the sum of its parts, so the district's 总计 is not
        // understated by one agency's missing total.
        boolean[] goneWithoutContent = {false};
        content.forEachValues(toRead, full -> {
            ReportValues r = new ReportValues(full);
            for (Feed feed : feeds.get(full.header())) {
                if (feed.subtract() && full.datapoints().isEmpty()) {
                    goneWithoutContent[0] = true; // what it added then cannot be taken away
                }
                for (Map.Entry<String, BigDecimal> e : feed.sums().entrySet()) {
                    BigDecimal v = r.value(e.getKey());
                    e.setValue(feed.subtract() ? e.getValue().subtract(v) : e.getValue().add(v));
                }
            }
        });
        if (goneWithoutContent[0]) {
            return compute(reports, units, years, hasRoster, content, errors, leaveOutErrors, EarlierSums.NONE);
        }
        return new Result(totals, findings, toRead.size());
    }

    /** Adds {@code feed} to each report's feeds; a report met for the first time is to be read. */
    private static void feed(Map<ReportHeader, List<Feed>> feeds, List<ReportHeader> toRead, List<ReportHeader> reports, Feed feed) {
        for (ReportHeader r : reports) {
            feeds.computeIfAbsent(r, k -> {
                toRead.add(k);
                return new ArrayList<>(2);
            }).add(feed);
        }
    }

    /** Sums a report's values go into, or (a report gone since the earlier run) are taken from. */
    private record Feed(Map<String, BigDecimal> sums, boolean subtract) {
    }

    /**
     * The reports in a unit's sums now that were not in the earlier ones, and those gone, told apart by their content
     * (file hash and part): a report whose file was only touched or renamed adds the same values.
     */
    private record Difference(List<ReportHeader> added, List<ReportHeader> gone) {

        static Difference between(List<ReportHeader> before, List<ReportHeader> now) {
            Map<String, Integer> left = new HashMap<>();
            for (ReportHeader r : before) {
                left.merge(contentOf(r), 1, Integer::sum);
            }
            List<ReportHeader> added = new ArrayList<>();
            for (ReportHeader r : now) {
                Integer n = left.get(contentOf(r));
                if (n == null || n == 0) {
                    added.add(r);
                } else {
                    left.put(contentOf(r), n - 1);
                }
            }
            List<ReportHeader> gone = new ArrayList<>();
            for (ReportHeader r : before) {
                String key = contentOf(r);
                Integer n = left.get(key);
                if (n != null && n > 0) {
                    gone.add(r);
                    left.put(key, n - 1);
                }
            }
            return new Difference(added, gone);
        }

        int size() {
            return added.size() + gone.size();
        }

        private static String contentOf(ReportHeader r) {
            return r.submission().sha256() + "#" + r.part().index();
        }
    }

    /** The format in force for the year; without one, the format most of the reports use. */
    private ReportFormat formatFor(int year, List<ReportHeader> reports) {
        return catalogue.formatForYear(year).orElseGet(() -> {
            Map<String, Long> counts = reports.stream().collect(Collectors.groupingBy(ReportHeader::format, Collectors.counting()));
            String most = counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                    .orElse(catalogue.formats().get(0).id());
            return catalogue.require(most);
        });
    }
}
