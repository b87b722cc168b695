package cn.nianbao.validate;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.nianbao.model.Datapoint;
import cn.nianbao.model.Report;

/**
 * The values every rule computes with (rules.md, blank policy): a blank counts as 0, except that a
 * blank 总计 of a table-B row whose applicant columns are not all zero is replaced by their sum, so
 * that one missing total is one finding (B-ROW-TOTAL-BLANK) and not a cascade of false ERRORs.
 */
public final class ReportValues {

    public static final String TOTALS_TABLE = "B";
    public static final String TOTAL_COLUMN = "TOTAL";
    /** The six applicant columns whose sum a table-B 总计 is. */
    public static final List<String> APPLICANT_COLUMNS = List.of("NATURAL", "BUSINESS", "RESEARCH", "NONPROFIT", "LEGAL", "OTHER_ORG");

    private final Report report;
    /** Blank totals replaced by their recomputed value, by datapoint id, in report order. */
    private final Map<String, BigDecimal> recomputed = new LinkedHashMap<>();

    public ReportValues(Report report) {
        this.report = report;
        for (Datapoint dp : report.datapoints().values()) {
            if (dp.blank() && dp.inTable(TOTALS_TABLE) && dp.inColumn(TOTAL_COLUMN)) {
                BigDecimal parts = BigDecimal.ZERO;
                for (String column : APPLICANT_COLUMNS) {
                    parts = parts.add(report.datapoint(TOTALS_TABLE + "." + dp.row() + "." + column)
                            .map(Datapoint::valueOrZero).orElse(BigDecimal.ZERO));
                }
                if (parts.signum() != 0) {
                    recomputed.put(dp.id(), parts);
                }
            }
        }
    }

    public Report report() {
        return report;
    }

    public boolean has(String id) {
        return report.datapoints().containsKey(id);
    }

    public Optional<Datapoint> datapoint(String id) {
        return report.datapoint(id);
    }

    /** The value to compute with: recomputed total, else the value, blank = 0, absent = 0. */
    public BigDecimal value(String id) {
        BigDecimal total = recomputed.get(id);
        if (total != null) {
            return total;
        }
        Datapoint dp = report.datapoints().get(id);
        return dp == null ? BigDecimal.ZERO : dp.valueOrZero();
    }

    /** The blank totals that were replaced, id → sum of the parts. */
    public Map<String, BigDecimal> recomputedTotals() {
        return recomputed;
    }
}
