package cn.nianbao.rollup;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
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
     * @param reports the accepted reports of the run (duplicates already resolved)
     * @param units   the units to roll up into; with no roster, a single unit that takes every report
     * @param years   the years to produce (every year with reports, plus the job's years)
     */
    public Result compute(List<Report> reports, UnitTree units, Set<Integer> years, boolean hasRoster) {
        return compute(reports, units, years, hasRoster, ReportContent.inMemory());
    }

    /**
     * As {@link #compute(List, UnitTree, Set, boolean)} for reports given by their headers: their datapoints
     * are read from {@code content} once, each report's values added to every unit it counts in (memory
     * grows with units × datapoints, not with reports). The totals' included reports are the headers.
     */
    public Result compute(List<Report> reports, UnitTree units, Set<Integer> years, boolean hasRoster, ReportContent content) {
        Pending pending = start(reports, units, years, hasRoster);
        List<Report> toRead = pending.toRead();
        int[] next = {0};
        content.forEachValues(toRead, full -> pending.add(toRead.get(next[0]++), full));
        return pending.result();
    }

    /**
     * A roll-up whose units, included reports and findings are known and whose sums are still to be added, one report
     * at a time ({@link #add}): so that a pass over the datapoints made for another reason (validate's) can make the
     * sums too, instead of a pass of its own.
     */
    public static final class Pending {
        private final List<UnitTotal> totals;
        private final List<Finding> findings;
        private final Map<Report, Feed> feeds;
        private final List<Report> toRead;

        private Pending(List<UnitTotal> totals, List<Finding> findings, Map<Report, Feed> feeds, List<Report> toRead) {
            this.totals = totals;
            this.findings = findings;
            this.feeds = feeds;
            this.toRead = toRead;
        }

        /** The report headers whose datapoints the sums need, each once. */
        public List<Report> toRead() {
            return java.util.Collections.unmodifiableList(toRead);
        }

        /**
         * Adds a report's values to every unit it counts in. {@code header} is the report as given to
         * {@link Rollup#start} (the same object); a report that counts in no unit is passed over.
         */
        public void add(Report header, Report full) {
            Feed feed = feeds.get(header);
            if (feed == null) {
                return;
            }
            // The rules' blank policy: a blank 总计 counts as the sum of its parts, so the
            // district's 总计 is not understated by one agency's missing total.
            ReportValues r = new ReportValues(full);
            for (Set<String> ids : feed.ids) {
                ids.addAll(full.datapoints().keySet());
            }
            for (Map<String, BigDecimal> values : feed.sums) {
                for (Map.Entry<String, BigDecimal> e : values.entrySet()) {
                    e.setValue(e.getValue().add(r.value(e.getKey())));
                }
            }
        }

        /** The roll-up, once every report of {@link #toRead} was added. */
        public Result result() {
            return new Result(totals, findings);
        }
    }

    /**
     * What one report adds to: the sums and the reported-id sets of each unit it counts in (its district, its city …;
     * one or a few). One small object per report: a province's run holds 100,000 of them while validate reads.
     */
    private static final class Feed {
        final List<Map<String, BigDecimal>> sums = new ArrayList<>(2);
        final List<Set<String>> ids = new ArrayList<>(2);
    }

    /** The roll-up's units, included reports and findings, its sums at zero: see {@link Pending}. */
    public Pending start(List<Report> reports, UnitTree units, Set<Integer> years, boolean hasRoster) {
        List<UnitTotal> totals = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        // Which sums each report adds to (a report counts in its district, its city …).
        Map<Report, Feed> feeds = new IdentityHashMap<>();
        List<Report> toRead = new ArrayList<>();
        // A report left out of several units (district, city) is one finding, not one per unit.
        Set<String> leftOut = new java.util.HashSet<>();
        Set<Integer> allYears = new TreeSet<>(years);
        reports.forEach(r -> allYears.add(r.year()));
        for (Agency unit : units.units()) {
            List<Agency> expected = hasRoster ? units.agenciesUnder(unit.code()) : List.of();
            for (int year : allYears) {
                List<Report> candidates = reports.stream()
                        .filter(r -> r.year() == year && r.scope() == Scope.OWN)
                        .filter(r -> !hasRoster || units.isUnder(r.agency().parent(), unit.code()))
                        .collect(Collectors.toList());
                if (candidates.isEmpty() && expected.isEmpty()) {
                    continue;
                }
                ReportFormat format = formatFor(year, candidates);
                List<Report> included = new ArrayList<>();
                for (Report r : candidates) {
                    if (r.format().equals(format.id())) {
                        included.add(r);
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
                Set<String> reportedIds = new LinkedHashSet<>();
                for (Report r : included) {
                    Feed feed = feeds.computeIfAbsent(r, k -> {
                        toRead.add(k);
                        return new Feed();
                    });
                    feed.sums.add(values);
                    feed.ids.add(reportedIds);
                }
                Set<String> present = included.stream().map(r -> r.agency().code()).collect(Collectors.toCollection(LinkedHashSet::new));
                List<Agency> missing = expected.stream().filter(a -> !present.contains(a.code())).collect(Collectors.toList());
                List<Agency> expectedOrIncluded = hasRoster ? expected
                        : included.stream().map(Report::agency).collect(Collectors.toList());
                totals.add(new UnitTotal(unit, year, format.id(), values, included, expectedOrIncluded, missing, reportedIds));
            }
        }
        return new Pending(totals, findings, feeds, toRead);
    }

    /** The format in force for the year; without one, the format most of the reports use. */
    private ReportFormat formatFor(int year, List<Report> reports) {
        return catalogue.formatForYear(year).orElseGet(() -> {
            Map<String, Long> counts = reports.stream().collect(Collectors.groupingBy(Report::format, Collectors.counting()));
            String most = counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                    .orElse(catalogue.formats().get(0).id());
            return catalogue.require(most);
        });
    }
}
