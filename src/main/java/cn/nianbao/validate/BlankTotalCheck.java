package cn.nianbao.validate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;

/**
 * B-ROW-TOTAL-BLANK: a blank 总计 whose parts are not all zero, once per row. The replacement by the
 * recomputed sum happens in {@link ReportValues} whether or not this rule is enabled.
 */
public final class BlankTotalCheck implements ReportCheck {

    @Override
    public Set<String> placeholders() {
        return Set.of("row", "column", "target", "parts", "agency", "year");
    }

    @Override
    public List<Finding> check(Report report, ValidationContext ctx, Rule rule, ReportValues values) {
        List<Finding> findings = new ArrayList<>();
        for (Map.Entry<String, BigDecimal> e : values.recomputedTotals().entrySet()) {
            Map<String, Object> p = Placeholders.of(report, ctx.catalogue(), e.getKey());
            p.put("parts", e.getValue());
            findings.add(Findings.about(rule, report, List.of(e.getKey()), e.getValue(), null, null, p));
        }
        return findings;
    }
}
