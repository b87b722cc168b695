package cn.nianbao.rollup;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

    public record Result(List<UnitTotal> totals, List<Finding> findings) {
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
        List<UnitTotal> totals = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        // What each report adds to: the sums of each unit it counts in (its district, its city …).
        Map<ReportHeader, List<Map<String, BigDecimal>>> feeds = new HashMap<>();
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
                for (ReportHeader r : included) {
                    feeds.computeIfAbsent(r, k -> {
                        toRead.add(k);
                        return new ArrayList<>(2);
                    }).add(values);
                }
                List<Agency> missing = expected.stream().filter(a -> !present.contains(a.code())).collect(Collectors.toList());
                List<Agency> expectedOrIncluded = hasRoster ? expected
                        : included.stream().map(ReportHeader::agency).collect(Collectors.toList());
                totals.add(new UnitTotal(unit, year, format.id(), values, included, expectedOrIncluded, missing, withErrors,
                        leaveOutErrors, null));
            }
        }
        // The rules' blank policy: a blank 总计 counts as the sum of its parts, so the district's 总计 is not
        // understated by one agency's missing total.
        content.forEachValues(toRead, full -> {
            ReportValues r = new ReportValues(full);
            for (Map<String, BigDecimal> sums : feeds.get(full.header())) {
                for (Map.Entry<String, BigDecimal> e : sums.entrySet()) {
                    e.setValue(e.getValue().add(r.value(e.getKey())));
                }
            }
        });
        return new Result(totals, findings);
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
