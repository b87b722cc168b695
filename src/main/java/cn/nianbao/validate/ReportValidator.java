package cn.nianbao.validate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;

/**
 * Runs the rule book's within-report rules on one report: every enabled arithmetic relation for every
 * binding of its wildcard, then the named checks. Values follow the blank policy ({@link ReportValues}).
 */
public final class ReportValidator {

    private final RuleBook rules;
    /**
     * The bindings of a relation over a format's datapoints, worked out once per format rather than once
     * per report: they depend only on the two, and splitting ~200 ids per relation for every report would
     * dominate validate's time.
     */
    private final Map<BindingKey, List<String>> bindingsByFormat = new ConcurrentHashMap<>();

    private record BindingKey(Relation relation, String format) {
    }

    public ReportValidator(RuleBook rules) {
        this.rules = rules;
    }

    public List<Finding> validate(Report report, ValidationContext ctx) {
        ReportValues values = new ReportValues(report);
        List<Finding> findings = new ArrayList<>();
        for (Rule rule : rules.rules()) {
            if (!rule.appliesTo(report.format(), report.year())) {
                continue;
            }
            if (rule.isArithmetic()) {
                findings.addAll(evaluate(rule, report, ctx, values));
            } else if (Checks.report(rule.check()) != null) {
                findings.addAll(Checks.report(rule.check()).check(report, ctx, rule, values));
            }
        }
        return findings;
    }

    private List<Finding> evaluate(Rule rule, Report report, ValidationContext ctx, ReportValues values) {
        // The wildcard ranges over what the format defines (official order); the report may lack some
        // (an optional subtotal row), and a binding reading an absent datapoint is skipped.
        boolean catalogued = ctx.catalogue() != null && ctx.catalogue().format(report.format()).isPresent();
        Collection<String> known = catalogued ? ctx.catalogue().require(report.format()).datapoints().keySet()
                : report.datapoints().keySet();
        List<Finding> findings = new ArrayList<>();
        for (Rule.RelationSpec spec : rule.relations()) {
            if (!spec.appliesTo(report.format())) {
                continue;
            }
            Relation relation = spec.relation();
            List<String> bindings = catalogued
                    ? bindingsByFormat.computeIfAbsent(new BindingKey(relation, report.format()), k -> Wildcards.bindings(relation, known))
                    : Wildcards.bindings(relation, known);
            for (String binding : bindings) {
                List<String> ids = new ArrayList<>();
                relation.left().collectIds(binding, ids);
                relation.right().collectIds(binding, ids);
                if (!ids.stream().allMatch(values::has)) {
                    continue;
                }
                BigDecimal left = relation.left().evaluate(binding, values::value);
                BigDecimal right = relation.right().evaluate(binding, values::value);
                if (relation.op().holds(left, right, rule.tolerance())) {
                    continue;
                }
                BigDecimal delta = left.subtract(right);
                // {row}/{column}/{target} describe the first datapoint written (normally the left side's).
                String target = ids.isEmpty() ? null : ids.get(0);
                Map<String, Object> p = target == null ? Placeholders.of(report) : Placeholders.of(report, ctx.catalogue(), target);
                p.put("left", left);
                p.put("right", right);
                p.put("delta", delta);
                p.put("tolerance", rule.tolerance());
                String template = spec.message() != null ? spec.message() : rule.message();
                findings.add(Findings.about(rule, template, report, ids, right, left, delta, p));
            }
        }
        return findings;
    }
}
