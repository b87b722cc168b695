package cn.nianbao.validate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;

/**
 * OUTLIER-YOY: a total (params {@code datapoints}, patterns such as B.*.TOTAL) that moved by more than
 * {@code factor} times either way, or from 0 to at least {@code fromZero} (or back), year on year.
 */
public final class OutlierYoyCheck implements CrossReportCheck {

    @Override
    public Map<String, Object> defaultParams() {
        return Map.of("datapoints", List.of("B.*.TOTAL", "C.*.TOTAL"),
                "factor", ReportCheck.number(10), "fromZero", ReportCheck.number(50));
    }

    /** The {@code datapoints} patterns when a rule book gives none. */
    @SuppressWarnings("unchecked")
    List<String> defaultParamsPatterns() {
        return (List<String>) defaultParams().get("datapoints");
    }

    @Override
    public Set<String> placeholders() {
        return Set.of("left", "right", "delta", "row", "column", "target", "agency", "year", "prevYear", "factor", "fromZero");
    }

    @Override
    public List<Finding> check(CrossReportInput input, Rule rule) {
        BigDecimal factor = rule.decimalParam("factor");
        BigDecimal fromZero = rule.decimalParam("fromZero");
        List<String> patterns = rule.listParam("datapoints");
        List<Finding> findings = new ArrayList<>();
        for (Report current : input.reports()) {
            // Only this year's reports: a report of another year is compared in that year's pass.
            if (current.year() != input.year() || !rule.appliesTo(current.format(), current.year())) {
                continue;
            }
            Optional<Report> previous = input.find(current.agency().code(), current.year() - 1);
            if (previous.isEmpty()) {
                continue;
            }
            ReportValues now = new ReportValues(current);
            ReportValues before = new ReportValues(previous.get());
            for (String id : current.datapoints().keySet()) {
                if (!before.has(id) || patterns.stream().noneMatch(p -> Wildcards.matches(p, id))) {
                    continue;
                }
                BigDecimal a = now.value(id);
                BigDecimal b = before.value(id);
                if (!outlier(a, b, factor, fromZero)) {
                    continue;
                }
                Map<String, Object> p = Placeholders.of(current, input.catalogue(), id);
                p.put("left", a);
                p.put("right", b);
                p.put("delta", a.subtract(b));
                p.put("prevYear", previous.get().year());
                p.put("factor", factor);
                p.put("fromZero", fromZero);
                findings.add(Findings.about(rule, current, List.of(id), b, a, a.subtract(b), p));
            }
        }
        return findings;
    }

    static boolean outlier(BigDecimal now, BigDecimal before, BigDecimal factor, BigDecimal fromZero) {
        BigDecimal small = now.abs().min(before.abs());
        BigDecimal large = now.abs().max(before.abs());
        if (small.signum() == 0) {
            return large.compareTo(fromZero) >= 0;
        }
        return large.compareTo(small.multiply(factor)) > 0;
    }
}
