package cn.nianbao.publish;

import java.util.List;

import cn.nianbao.model.Finding;

/**
 * How this run's findings compare with the previous run's, matched by {@link Finding#fingerprint()}:
 * {@code newFindings} appeared in this run, {@code resolved} were in the previous run and are gone,
 * {@code stillOpen} are in both. Whoever keeps the history (the database step) builds it; the publisher
 * only renders it. Pass null on a first run.
 */
public record FindingChanges(List<Finding> newFindings, List<Finding> resolved, List<Finding> stillOpen) {

    public FindingChanges {
        newFindings = newFindings == null ? List.of() : List.copyOf(newFindings);
        resolved = resolved == null ? List.of() : List.copyOf(resolved);
        stillOpen = stillOpen == null ? List.of() : List.copyOf(stillOpen);
    }
}
