package cn.nianbao.validate;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;

/** A-PROCUREMENT-PAIR (GOV2019): 采购项目数量 is 0 exactly when 采购总金额 is 0. */
public final class ProcurementPairCheck implements ReportCheck {

    static final String PROJECTS = "A.PROCUREMENT.PROJECTS";
    static final String AMOUNT = "A.PROCUREMENT.AMOUNT_YUAN";

    @Override
    public Set<String> placeholders() {
        return Set.of("projects", "amount", "agency", "year");
    }

    @Override
    public List<Finding> check(Report report, ValidationContext ctx, Rule rule, ReportValues values) {
        if (!values.has(PROJECTS) || !values.has(AMOUNT)) {
            return List.of();
        }
        BigDecimal projects = values.value(PROJECTS);
        BigDecimal amount = values.value(AMOUNT);
        if ((projects.signum() == 0) == (amount.signum() == 0)) {
            return List.of();
        }
        Map<String, Object> p = Placeholders.of(report);
        p.put("projects", projects);
        p.put("amount", amount);
        return List.of(Findings.about(rule, report, List.of(PROJECTS, AMOUNT), null, null, null, p));
    }
}
