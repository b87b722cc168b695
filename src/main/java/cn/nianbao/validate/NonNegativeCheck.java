package cn.nianbao.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.nianbao.model.Datapoint;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;
import cn.nianbao.template.ValueKind;

/** NON-NEGATIVE: every value is ≥ 0 except the signed 本年增/减 (A.*.CHANGE). */
public final class NonNegativeCheck implements ReportCheck {

    @Override
    public Set<String> placeholders() {
        return Set.of("target", "row", "column", "value", "agency", "year");
    }

    @Override
    public List<Finding> check(Report report, ValidationContext ctx, Rule rule, ReportValues values) {
        List<Finding> findings = new ArrayList<>();
        for (Datapoint dp : report.datapoints().values()) {
            if (dp.blank() || dp.value() == null || dp.value().signum() >= 0
                    || ValueKinds.of(ctx, report, dp.id()) == ValueKind.SIGNED) {
                continue;
            }
            Map<String, Object> p = Placeholders.of(report, ctx.catalogue(), dp.id());
            p.put("value", dp.value());
            findings.add(Findings.about(rule, report, List.of(dp.id()), null, dp.value(), null, p));
        }
        return findings;
    }
}
