package cn.nianbao.validate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;
import cn.nianbao.model.ReportContent;
import cn.nianbao.model.Scope;
import cn.nianbao.model.UnitTotal;

/**
 * ROLLUP-MISMATCH: a published 汇总 report differs from the computed sum of its 编制主体, per cell.
 * The rules are linear, so the difference localises to the agencies feeding the cell: the message
 * names those with a non-zero value there.
 */
public final class RollupMismatchCheck implements CrossReportCheck {

    @Override
    public Set<String> placeholders() {
        return Set.of("left", "right", "delta", "row", "column", "target", "agency", "year", "feeders");
    }

    @Override
    public List<Finding> check(CrossReportInput input, Rule rule) {
        List<Finding> findings = new ArrayList<>();
        for (UnitTotal total : input.unitTotals()) {
            for (Report r : input.reports()) {
                if (r.scope() == Scope.CONSOLIDATED && r.year() == total.year()
                        && r.agency().code().equals(total.unit().code())) {
                    findings.addAll(compare(r, total, rule, input));
                }
            }
        }
        return findings;
    }

    /** The mismatches between one published 汇总 report and the computed roll-up of its unit. */
    public List<Finding> compare(Report published, UnitTotal computed, Rule rule, CrossReportInput input) {
        if (!rule.appliesTo(published.format(), published.year())) {
            return List.of();
        }
        ReportValues values = new ReportValues(published);
        List<String> mismatched = new ArrayList<>();
        for (Map.Entry<String, BigDecimal> cell : computed.values().entrySet()) {
            String id = cell.getKey();
            if (!values.has(id)) {
                continue;
            }
            BigDecimal expected = cell.getValue() == null ? BigDecimal.ZERO : cell.getValue();
            if (values.value(id).subtract(expected).abs().compareTo(rule.tolerance()) > 0) {
                mismatched.add(id);
            }
        }
        if (mismatched.isEmpty()) {
            return List.of();
        }
        // The feeders of every differing cell, reading each included report's datapoints once.
        Map<String, List<String>> feeders = new HashMap<>();
        ReportContent content = input.content();
        content.forEachValues(computed.included(), included -> {
            ReportValues v = new ReportValues(included);
            for (String id : mismatched) {
                BigDecimal value = v.value(id);
                if (value.signum() != 0) {
                    feeders.computeIfAbsent(id, k -> new ArrayList<>()).add(included.agency().name() + "(" + Messages.number(value) + ")");
                }
            }
        });
        List<Finding> findings = new ArrayList<>();
        for (String id : mismatched) {
            BigDecimal actual = values.value(id);
            BigDecimal cellValue = computed.values().get(id);
            BigDecimal expected = cellValue == null ? BigDecimal.ZERO : cellValue;
            BigDecimal delta = actual.subtract(expected);
            List<String> names = feeders.getOrDefault(id, List.of());
            Map<String, Object> p = Placeholders.of(published, input == null ? null : input.catalogue(), id);
            p.put("left", actual);
            p.put("right", expected);
            p.put("delta", delta);
            p.put("feeders", names.isEmpty() ? "无" : String.join("、", names));
            findings.add(Findings.about(rule, published, List.of(id), expected, actual, delta, p));
        }
        return findings;
    }
}
