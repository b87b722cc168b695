package cn.nianbao.model;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Everything a run produced, handed to the publishers. {@code reusedFiles}: paths whose stored content
 * was reused instead of reading the workbook; {@code changes}: what differs from the previous completed
 * run of the job (null when not compared).
 */
public record RunResult(long jobExecutionId, String jobName, String status, Instant started, Instant ended,
                        List<Submission> submissions, List<Report> reports, List<Finding> findings,
                        List<UnitTotal> unitTotals, List<String> skippedFiles, Set<String> reusedFiles,
                        RunChanges changes) {

    /** A run with every file read and no comparison with an earlier run. */
    public RunResult(long jobExecutionId, String jobName, String status, Instant started, Instant ended,
                     List<Submission> submissions, List<Report> reports, List<Finding> findings,
                     List<UnitTotal> unitTotals, List<String> skippedFiles) {
        this(jobExecutionId, jobName, status, started, ended, submissions, reports, findings, unitTotals, skippedFiles,
                Set.of(), null);
    }

    public RunResult {
        reusedFiles = reusedFiles == null ? Set.of() : Set.copyOf(reusedFiles);
    }
}
