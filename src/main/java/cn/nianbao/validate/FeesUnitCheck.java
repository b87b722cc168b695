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
 * A-FEES-UNIT (GOV2021): an amount in a 万元 column written with 「元」 (a reader note), or larger than
 * {@code maxWan} 万元, which suggests it was filled in 元.
 */
public final class FeesUnitCheck implements ReportCheck {

    @Override
    public Map<String, Object> defaultParams() {
        return Map.of("maxWan", ReportCheck.number(100000));
    }

    @Override
    public Set<String> placeholders() {
        return Set.of("target", "row", "column", "value", "reason", "maxWan", "agency", "year");
    }

    @Override
    public List<Finding> check(Report report, ValidationContext ctx, Rule rule, ReportValues values) {
        BigDecimal maxWan = rule.decimalParam("maxWan");
        List<Finding> findings = new ArrayList<>();
        for (Datapoint dp : report.datapoints().values()) {
            if (ValueKinds.of(ctx, report, dp.id()) != ValueKind.WAN && !dp.inColumn("AMOUNT_WAN")) {
                continue;
            }
            String reason = null;
            for (ReaderNote note : ctx.notes()) {
                if (note.kind() == ReaderNote.Kind.YUAN_IN_WAN_COLUMN && note.datapointId().equals(dp.id())) {
                    reason = "单元格写有「元」" + (note.detail() == null || note.detail().isBlank() ? "" : "（原文：" + note.detail() + "）");
                }
            }
            if (reason == null && dp.valueOrZero().compareTo(maxWan) > 0) {
                reason = "数额超过 " + Messages.number(maxWan) + " 万元，可能是按元填写的";
            }
            if (reason != null) {
                Map<String, Object> p = Placeholders.of(report, ctx.catalogue(), dp.id());
                p.put("value", dp.value());
                p.put("reason", reason);
                p.put("maxWan", maxWan);
                findings.add(Findings.about(rule, report, List.of(dp.id()), null, dp.value(), null, p));
            }
        }
        return findings;
    }
}
