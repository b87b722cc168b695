package cn.nianbao.history;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import cn.nianbao.model.RunChanges;

/**
 * Compares a run with the previous completed run of the same job: the accepted report of each agency and
 * year (by content hash) and every roll-up value. Plain data in, plain data out.
 */
public final class RunComparison {

    /** The accepted report of an agency for a year in one run. */
    public record Version(String agencyCode, String agencyName, int year, String sha256, String path) {
    }

    /** One roll-up value of one run. */
    public record UnitValue(String unitCode, String unitName, int year, String datapoint, BigDecimal value) {
    }

    private RunComparison() {
    }

    public static RunChanges compare(long previousJobExecutionId, List<Version> previous, List<Version> current,
                                     List<UnitValue> previousTotals, List<UnitValue> currentTotals) {
        Map<String, Version> before = byAgencyYear(previous);
        Map<String, Version> after = byAgencyYear(current);
        List<RunChanges.AgencyChange> agencies = new ArrayList<>();
        for (Map.Entry<String, Version> e : after.entrySet()) {
            Version now = e.getValue();
            Version then = before.get(e.getKey());
            if (then == null) {
                agencies.add(new RunChanges.AgencyChange(now.agencyCode(), now.agencyName(), now.year(), RunChanges.Change.NEW,
                        now.path(), null, now.sha256()));
            } else if (!then.sha256().equals(now.sha256())) {
                agencies.add(new RunChanges.AgencyChange(now.agencyCode(), now.agencyName(), now.year(), RunChanges.Change.CHANGED,
                        now.path(), then.sha256(), now.sha256()));
            }
        }
        for (Map.Entry<String, Version> e : before.entrySet()) {
            if (!after.containsKey(e.getKey())) {
                Version then = e.getValue();
                agencies.add(new RunChanges.AgencyChange(then.agencyCode(), then.agencyName(), then.year(), RunChanges.Change.REMOVED,
                        then.path(), then.sha256(), null));
            }
        }
        agencies.sort(Comparator.comparing(RunChanges.AgencyChange::agencyCode).thenComparing(RunChanges.AgencyChange::year));

        Map<String, UnitValue> totalsBefore = byKey(previousTotals);
        Map<String, UnitValue> totalsAfter = byKey(currentTotals);
        Map<String, RunChanges.TotalMove> moves = new TreeMap<>();
        for (Map.Entry<String, UnitValue> e : totalsAfter.entrySet()) {
            UnitValue now = e.getValue();
            UnitValue then = totalsBefore.get(e.getKey());
            BigDecimal was = then == null ? null : then.value();
            if (!same(was, now.value())) {
                moves.put(e.getKey(), new RunChanges.TotalMove(now.unitCode(), now.unitName(), now.year(), now.datapoint(), was, now.value()));
            }
        }
        for (Map.Entry<String, UnitValue> e : totalsBefore.entrySet()) {
            if (!totalsAfter.containsKey(e.getKey())) {
                UnitValue then = e.getValue();
                moves.put(e.getKey(), new RunChanges.TotalMove(then.unitCode(), then.unitName(), then.year(), then.datapoint(),
                        then.value(), null));
            }
        }
        return new RunChanges(previousJobExecutionId, agencies, new ArrayList<>(moves.values()));
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return Objects.equals(a, b) || (a != null && b != null && a.compareTo(b) == 0);
    }

    private static Map<String, Version> byAgencyYear(List<Version> versions) {
        Map<String, Version> map = new LinkedHashMap<>();
        for (Version v : versions) {
            map.put(v.agencyCode() + "|" + v.year(), v);
        }
        return new TreeMap<>(map);
    }

    private static Map<String, UnitValue> byKey(List<UnitValue> values) {
        Map<String, UnitValue> map = new TreeMap<>();
        for (UnitValue v : values) {
            map.put(v.unitCode() + "|" + v.year() + "|" + v.datapoint(), v);
        }
        return map;
    }
}
