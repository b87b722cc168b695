package cn.nianbao.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.nianbao.model.Agency;
import cn.nianbao.model.Datapoint;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;

/**
 * A-REGULATION-SCOPE: a 街道/乡镇/区县部门 cannot make 规章, so a non-zero 规章 cell is probably
 * 规范性文件 typed one row too high. One finding per non-zero cell.
 */
public final class RegulationScopeCheck implements ReportCheck {

    static final String ROW = "REGULATION";

    @Override
    public Set<String> placeholders() {
        return Set.of("agency", "kind", "target", "row", "column", "value", "year");
    }

    @Override
    public List<Finding> check(Report report, ValidationContext ctx, Rule rule, ReportValues values) {
        Agency agency = ctx.agencyOf(report);
        if (agency == null || !agency.lacksRuleMakingPower()) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        for (Datapoint dp : report.datapoints().values()) {
            if (dp.table().equals("A") && dp.row().equals(ROW) && dp.valueOrZero().signum() != 0) {
                Map<String, Object> p = Placeholders.of(report, ctx.catalogue(), dp.id());
                p.put("kind", agency.kind());
                p.put("value", dp.value());
                findings.add(Findings.about(rule, report, List.of(dp.id()), null, dp.value(), null, p));
            }
        }
        return findings;
    }
}
