package cn.nianbao.validate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.nianbao.model.Datapoint;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;
import cn.nianbao.template.ValueKind;

/**
 * A check of each filled cell on its own (NON-NEGATIVE, INTEGER): one finding per offending cell, its
 * value as the actual side. Subclasses say only which values offend.
 */
abstract class CellValueCheck implements ReportCheck {

    @Override
    public Set<String> placeholders() {
        return Set.of("target", "row", "column", "value", "agency", "year");
    }

    /** Whether a (non-blank) value of a column of this kind breaks the rule. */
    abstract boolean offends(BigDecimal value, ValueKind kind);

    @Override
    public List<Finding> check(Report report, ValidationContext ctx, Rule rule, ReportValues values) {
        List<Finding> findings = new ArrayList<>();
        for (Datapoint dp : report.datapoints().values()) {
            if (dp.blank() || dp.value() == null || !offends(dp.value(), ValueKinds.of(ctx, report, dp.id()))) {
                continue;
            }
            Map<String, Object> p = Placeholders.of(report, ctx.catalogue(), dp.id());
            p.put("value", dp.value());
            findings.add(Findings.about(rule, report, List.of(dp.id()), null, dp.value(), null, p));
        }
        return findings;
    }
}
