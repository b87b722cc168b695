package cn.nianbao.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.nianbao.model.Finding;

/** How the findings of a run compare with the previous run's, by {@link Finding#fingerprint()}. */
public record FindingChanges(List<Finding> added, List<Finding> resolved, List<Finding> stillOpen) {

    public FindingChanges {
        added = List.copyOf(added);
        resolved = List.copyOf(resolved);
        stillOpen = List.copyOf(stillOpen);
    }

    /** New (only in current), resolved (only in previous), still open (in both; the current finding). */
    public static FindingChanges compare(List<Finding> previous, List<Finding> current) {
        Map<String, Finding> before = new LinkedHashMap<>();
        previous.forEach(f -> before.putIfAbsent(f.fingerprint(), f));
        Map<String, Finding> now = new LinkedHashMap<>();
        current.forEach(f -> now.putIfAbsent(f.fingerprint(), f));
        List<Finding> added = new ArrayList<>();
        List<Finding> stillOpen = new ArrayList<>();
        for (Map.Entry<String, Finding> e : now.entrySet()) {
            (before.containsKey(e.getKey()) ? stillOpen : added).add(e.getValue());
        }
        List<Finding> resolved = new ArrayList<>();
        for (Map.Entry<String, Finding> e : before.entrySet()) {
            if (!now.containsKey(e.getKey())) {
                resolved.add(e.getValue());
            }
        }
        return new FindingChanges(added, resolved, stillOpen);
    }
}
