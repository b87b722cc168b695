package cn.nianbao.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * What changed since the previous completed run of the same job: which agencies' reports are new,
 * changed (different bytes) or gone, and which roll-up totals moved. Empty lists when nothing changed;
 * {@code previousJobExecutionId} null on a job's first run.
 */
public record RunChanges(Long previousJobExecutionId, List<AgencyChange> agencies, List<TotalMove> totals) {

    public RunChanges {
        agencies = agencies == null ? List.of() : List.copyOf(agencies);
        totals = totals == null ? List.of() : List.copyOf(totals);
    }

    public static RunChanges firstRun() {
        return new RunChanges(null, List.of(), List.of());
    }

    public enum Change { NEW, CHANGED, REMOVED }

    /** An agency's report for a year that differs from the previous run's (sha256 null when absent on that side). */
    public record AgencyChange(String agencyCode, String agencyName, int year, Change change, String path,
                               String previousSha256, String sha256) {
    }

    /** A roll-up value that differs from the previous run's (null when absent on that side). */
    public record TotalMove(String unitCode, String unitName, int year, String datapoint, BigDecimal previous, BigDecimal current) {
    }
}
