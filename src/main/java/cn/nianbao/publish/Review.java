package cn.nianbao.publish;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import cn.nianbao.job.Notice;
import cn.nianbao.model.Disposition;
import cn.nianbao.model.Finding;

/**
 * What the exception outputs show beside a run's findings, so auditors can read and act on them: each rule's Chinese
 * name, the roster's order (findings are listed by severity, then agency in roster order), the job's decisions by
 * fingerprint, what the 整改通知 say, and the time zone times are shown in.
 *
 * @param ruleNames the Chinese name of a rule id (the id itself for a rule without one)
 * @param roster    agency codes in roster order; agencies not in it come after, by code
 * @param decisions the job's decisions by finding fingerprint
 */
public record Review(Function<String, String> ruleNames, List<String> roster, Map<String, Disposition> decisions, Notice notice,
                     ZoneId zone) {

    public Review {
        roster = List.copyOf(roster);
        decisions = Map.copyOf(decisions);
        notice = notice == null ? Notice.NONE : notice;
    }

    /** Rule ids as their names, no roster, no decisions: what a run shows without its job's context. */
    public static Review plain() {
        return new Review(id -> id, List.of(), Map.of(), Notice.NONE, ZoneId.systemDefault());
    }

    public String ruleName(String ruleId) {
        String name = ruleId == null ? null : ruleNames.apply(ruleId);
        return name == null ? ruleId : name;
    }

    /** The decision on a finding, if one says anything. */
    public Disposition decision(Finding f) {
        Disposition d = decisions.get(f.fingerprint());
        return d != null && d.isDecision() ? d : null;
    }

    /** Whether an auditor settled the finding (已说明, 不适用): not counted for --fail-on, listed apart. */
    public boolean settled(Finding f) {
        Disposition d = decision(f);
        return d != null && d.closes();
    }

    /** Whether the finding's figures changed since it was decided on. */
    public boolean figuresChanged(Finding f) {
        Disposition d = decision(f);
        return d != null && d.figuresChanged(f);
    }

    public FindingOrder order() {
        return new FindingOrder(roster);
    }

    /** The findings still to act on, in the listing order. */
    public List<Finding> open(List<Finding> findings) {
        return order().inOrder(findings.stream().filter(f -> !settled(f)).toList());
    }

    /** The findings an auditor settled, in the listing order. */
    public List<Finding> settled(List<Finding> findings) {
        return order().inOrder(findings.stream().filter(this::settled).toList());
    }

    /**
     * Findings that no longer fire and are listed as resolved, each once, in the listing order: those the last run had
     * ({@code resolvedSinceLastRun}), and every decided finding of the job that is not among {@code current} (as the
     * job last saw it, its decision kept).
     */
    public List<Finding> resolved(List<Finding> current, List<Finding> resolvedSinceLastRun) {
        Set<String> now = new HashSet<>();
        current.forEach(f -> now.add(f.fingerprint()));
        Set<String> listed = new HashSet<>();
        List<Finding> out = new ArrayList<>();
        for (Finding f : resolvedSinceLastRun) {
            if (!now.contains(f.fingerprint()) && listed.add(f.fingerprint())) {
                out.add(f);
            }
        }
        for (Disposition d : decisions.values()) {
            if (d.isDecision() && d.lastSeen() != null && !now.contains(d.fingerprint()) && listed.add(d.fingerprint())) {
                out.add(d.lastSeen());
            }
        }
        return order().inOrder(out);
    }
}
