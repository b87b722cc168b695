package cn.nianbao.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.nianbao.model.Datapoint;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;

/** INTEGER: counts are whole numbers; money amounts (元, 万元) may have decimals. */
public final class IntegerCheck implements ReportCheck {

    @Override
    public Set<String> placeholders() {
        return Set.of("target", "row", "column", "value", "agency", "year");
    }

    @Override
    public List<Finding> check(Report report, ValidationContext ctx, Rule rule, ReportValues values) {
        List<Finding> findings = new ArrayList<>();
        for (Datapoint dp : report.datapoints().values()) {
            if (dp.blank() || dp.value() == null || ValueKinds.of(ctx, report, dp.id()).isAmount()
                    || dp.value().signum() == 0 || dp.value().stripTrailingZeros().scale() <= 0) {
                continue;
            }
            Map<String, Object> p = Placeholders.of(report, ctx.catalogue(), dp.id());
            p.put("value", dp.value());
            findings.add(Findings.about(rule, report, List.of(dp.id()), null, dp.value(), null, p));
        }
        return findings;
    }
}
