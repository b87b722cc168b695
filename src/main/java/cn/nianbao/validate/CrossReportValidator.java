package cn.nianbao.validate;

import java.util.ArrayList;
import java.util.List;

import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;
import cn.nianbao.model.ReportContent;
import cn.nianbao.model.ReportHeader;
import cn.nianbao.model.UnitTotal;

/**
 * Runs the rule book's checks across reports and years. Duplicates are resolved first
 * (DUPLICATE-SUBMISSION), and every other check sees only the winners.
 */
public final class CrossReportValidator {

    static final String DUPLICATE_RULE = "DUPLICATE-SUBMISSION";
    static final String ROLLUP_RULE = "ROLLUP-MISMATCH";

    private final RuleBook rules;

    public CrossReportValidator(RuleBook rules) {
        this.rules = rules;
    }

    /** One report per agency and year: the newest file wins; a finding per ignored file. */
    public DuplicateResolution resolveDuplicates(List<ReportHeader> reports) {
        return new DuplicateSubmissionCheck().resolve(reports, rules.require(DUPLICATE_RULE));
    }

    /** All cross-report findings of a run (including DUPLICATE-SUBMISSION for reports not yet deduplicated). */
    public List<Finding> validate(CrossReportInput input) {
        DuplicateResolution resolution = resolveDuplicates(ReportContent.headers(input.reports()));
        java.util.Set<ReportHeader> won = new java.util.HashSet<>(resolution.winners());
        CrossReportInput winners = input.withReports(input.reports().stream().filter(r -> won.contains(r.header())).toList());
        List<Finding> findings = new ArrayList<>(resolution.findings());
        for (Rule rule : rules.rules()) {
            if (rule.isArithmetic() || !rule.enabled() || rule.id().equals(DUPLICATE_RULE)) {
                continue;
            }
            CrossReportCheck check = Checks.cross(rule.check());
            if (check != null && !(check instanceof DuplicateSubmissionCheck)) {
                findings.addAll(check.check(winners, rule));
            }
        }
        return findings;
    }

    /** ROLLUP-MISMATCH for one published 汇总 report against the computed roll-up of its unit. */
    public List<Finding> rollupMismatches(Report published, UnitTotal computed, CrossReportInput input) {
        Rule rule = rules.require(ROLLUP_RULE);
        return rule.enabled() ? new RollupMismatchCheck().compare(published, computed, rule, input) : List.of();
    }
}
