package cn.nianbao.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.nianbao.model.Datapoint;
import cn.nianbao.model.Report;
import cn.nianbao.model.SourceCell;

/**
 * Cuts a report down to what the checks across reports read, so that a run's reports fit in memory
 * together: 上年结转/结转下年度 of table B (B-CARRY-OVER), the continuity columns of table A
 * (PREV_ITEMS, CHANGE, IN_FORCE, ISSUED, REPEALED), the datapoints OUTLIER-YOY compares (its
 * {@code datapoints} patterns), and for a blank table-B 总计 among them the applicant columns its
 * recomputed value is the sum of ({@link ReportValues}). Sources keep their sheet and cell (findings
 * name them), not the label. A 汇总 report (ROLLUP-MISMATCH) is compared whole: do not slim it.
 */
public final class SlimReports {

    private static final List<String> CONTINUITY_COLUMNS = List.of(".PREV_ITEMS", ".CHANGE", ".IN_FORCE", ".ISSUED", ".REPEALED");

    private final List<String> outlierPatterns = new ArrayList<>();
    /** Repeated strings (sheet names, cell references) shared between the kept datapoints. */
    private final Map<String, String> strings = new HashMap<>();

    public SlimReports(RuleBook rules) {
        for (Rule rule : rules.rules()) {
            if (!rule.isArithmetic() && rule.enabled() && Checks.cross(rule.check()) instanceof OutlierYoyCheck) {
                List<String> patterns = rule.listParam("datapoints");
                outlierPatterns.addAll(patterns != null ? patterns : new OutlierYoyCheck().defaultParamsPatterns());
            }
        }
    }

    /** Answers by datapoint id: a format has a few hundred ids, a run has them once per report. */
    private final Map<String, Boolean> neededById = new java.util.concurrent.ConcurrentHashMap<>();

    /** Whether the checks across reports read this datapoint. */
    boolean needed(String id) {
        return neededById.computeIfAbsent(id, this::readAcrossReports);
    }

    private boolean readAcrossReports(String id) {
        if (id.startsWith("B.CARRIED_IN.") || id.startsWith("B.CARRIED_OUT.")) {
            return true;
        }
        if (id.startsWith("A.")) {
            for (String column : CONTINUITY_COLUMNS) {
                if (id.endsWith(column)) {
                    return true;
                }
            }
        }
        for (String pattern : outlierPatterns) {
            if (Wildcards.matches(pattern, id)) {
                return true;
            }
        }
        return false;
    }

    /** The report with only the datapoints the checks across reports read, in the report's order. */
    public Report slim(Report full) {
        Map<String, Datapoint> kept = new LinkedHashMap<>();
        for (Datapoint dp : full.datapoints().values()) {
            boolean keep = needed(dp.id());
            if (!keep && dp.id().startsWith(ReportValues.TOTALS_TABLE + ".")
                    && ReportValues.APPLICANT_COLUMNS.contains(dp.column())) {
                // a part of a blank 总计 that is kept: the blank policy recomputes the total from it
                Datapoint total = full.datapoints().get(ReportValues.TOTALS_TABLE + "." + dp.row() + "." + ReportValues.TOTAL_COLUMN);
                keep = total != null && total.blank() && needed(total.id());
            }
            if (keep) {
                kept.put(dp.id(), compact(dp));
            }
        }
        return full.withContent(kept);
    }

    private Datapoint compact(Datapoint dp) {
        SourceCell s = dp.source();
        SourceCell source = s == null ? null : new SourceCell(share(s.sheet()), share(s.cell()), null);
        return new Datapoint(share(dp.id()), dp.value(), dp.blank(), source);
    }

    private String share(String s) {
        return s == null ? null : strings.computeIfAbsent(s, k -> k);
    }
}
