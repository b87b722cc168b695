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
 * The shape shared by the checks between year N and year N−1 of one agency: for each binding, a value
 * of this year's report must equal an expression of last year's and this year's values.
 */
abstract class ContinuityCheck implements CrossReportCheck {

    /** The pairs this check compares for one report; empty when it does not apply. */
    abstract List<Comparison> comparisons(Report current, Report previous);

    /** {@code currentIds}: cells of this year's report; {@code previousId}: the cell named in the message. */
    record Comparison(String target, BigDecimal actual, BigDecimal expected, List<String> currentIds, String previousId) {
    }

    @Override
    public Set<String> placeholders() {
        return Set.of("left", "right", "delta", "row", "column", "target", "agency", "year", "prevYear", "prevFile", "prevCell");
    }

    @Override
    public List<Finding> check(CrossReportInput input, Rule rule) {
        List<Finding> findings = new ArrayList<>();
        for (Report current : input.reports()) {
            // Only this year's reports: the job validates once per year, and a report of another year
            // is compared in that year's pass (otherwise a multi-year run repeats every finding per year).
            if (current.year() != input.year() || !rule.appliesTo(current.format(), current.year())) {
                continue;
            }
            Optional<Report> previous = input.find(current.agency().code(), current.year() - 1);
            if (previous.isEmpty()) {
                continue;
            }
            for (Comparison c : comparisons(current, previous.get())) {
                BigDecimal delta = c.actual().subtract(c.expected());
                if (delta.abs().compareTo(rule.tolerance()) <= 0) {
                    continue;
                }
                Map<String, Object> p = Placeholders.of(current, input.catalogue(), c.target());
                p.put("left", c.actual());
                p.put("right", c.expected());
                p.put("delta", delta);
                p.put("prevYear", previous.get().year());
                p.put("prevFile", previous.get().submission() == null ? "" : previous.get().submission().fileName());
                p.put("prevCell", c.previousId() == null ? "" : Findings.where(previous.get(), c.previousId()));
                findings.add(Findings.about(rule, current, c.currentIds(), c.expected(), c.actual(), delta, p));
            }
        }
        return findings;
    }
}
