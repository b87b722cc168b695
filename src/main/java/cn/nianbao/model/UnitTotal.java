package cn.nianbao.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The roll-up of one unit (district, city …) for one year: the cell-wise sums over the reports of the
 * agencies below it, which reports went in and which expected agencies are missing.
 */
public record UnitTotal(Agency unit, int year, String format, Map<String, BigDecimal> values,
                        List<ReportHeader> included, List<Agency> expected, List<Agency> missing) {
}
