package cn.nianbao.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The roll-up of one unit (district, city …) for one year: the cell-wise sums over the reports of the
 * agencies below it, which reports went in and which expected agencies are missing. {@code reportedIds}:
 * the datapoint ids any included report has (optional subtotal rows among them), or null when not known
 * (then read from the included reports).
 */
public record UnitTotal(Agency unit, int year, String format, Map<String, BigDecimal> values,
                        List<ReportHeader> included, List<Agency> expected, List<Agency> missing, Set<String> reportedIds) {

    public UnitTotal(Agency unit, int year, String format, Map<String, BigDecimal> values,
                     List<ReportHeader> included, List<Agency> expected, List<Agency> missing) {
        this(unit, year, format, values, included, expected, missing, null);
    }
}
