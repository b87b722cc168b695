package cn.nianbao.validate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.nianbao.model.Datapoint;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;

/**
 * A-ITEMS-AS-DECISIONS (GOV2019): 处理决定数量 equal to 上一年项目数量 + 本年增/减 and non-zero
 * suggests the item count was typed into the decisions column.
 */
public final class ItemsAsDecisionsCheck implements ReportCheck {

    @Override
    public Set<String> placeholders() {
        return Set.of("row", "items", "decisions", "agency", "year");
    }

    @Override
    public List<Finding> check(Report report, ValidationContext ctx, Rule rule, ReportValues values) {
        List<Finding> findings = new ArrayList<>();
        for (Datapoint dp : report.datapoints().values()) {
            if (!dp.inTable("A") || !dp.inColumn("DECISIONS")) {
                continue;
            }
            String prev = "A." + dp.row() + ".PREV_ITEMS";
            String change = "A." + dp.row() + ".CHANGE";
            if (!values.has(prev) || !values.has(change)) {
                continue;
            }
            BigDecimal items = values.value(prev).add(values.value(change));
            BigDecimal decisions = values.value(dp.id());
            if (items.signum() != 0 && items.compareTo(decisions) == 0) {
                Map<String, Object> p = Placeholders.of(report, ctx.catalogue(), dp.id());
                p.put("items", items);
                p.put("decisions", decisions);
                findings.add(Findings.about(rule, report, List.of(dp.id(), prev, change), null, decisions, null, p));
            }
        }
        return findings;
    }
}
