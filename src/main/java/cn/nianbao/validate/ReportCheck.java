package cn.nianbao.validate;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;

/** A check on one report that is not a plain relation; named in the rule file by {@code check:}. */
public interface ReportCheck {

    /** Parameter names with their defaults (BigDecimal, String or List of String); the rule file may change them. */
    default Map<String, Object> defaultParams() {
        return Map.of();
    }

    /** The placeholders its message may use. */
    Set<String> placeholders();

    List<Finding> check(Report report, ValidationContext ctx, Rule rule, ReportValues values);

    /** Shorthand for a parameter default. */
    static BigDecimal number(long value) {
        return BigDecimal.valueOf(value);
    }
}
