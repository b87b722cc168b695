package cn.nianbao.model;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Everything a run produced, handed to the publishers. {@code reusedFiles}: paths whose stored content
 * was reused instead of reading the workbook; {@code changes}: what differs from the previous completed
 * run of the job (null when not compared); {@code sources}: for a roll-up run, the runs of other jobs it was
 * built from (empty otherwise).
 */
public record RunResult(long jobExecutionId, String jobName, String status, Instant started, Instant ended,
                        List<Submission> submissions, List<ReportHeader> reports, List<Finding> findings,
                        List<UnitTotal> unitTotals, List<String> skippedFiles, Set<String> reusedFiles,
                        RunChanges changes, List<SourceRun> sources) {

    /** A district run (not built from other runs). */
    public RunResult(long jobExecutionId, String jobName, String status, Instant started, Instant ended,
                     List<Submission> submissions, List<ReportHeader> reports, List<Finding> findings,
                     List<UnitTotal> unitTotals, List<String> skippedFiles, Set<String> reusedFiles,
                     RunChanges changes) {
        this(jobExecutionId, jobName, status, started, ended, submissions, reports, findings, unitTotals, skippedFiles,
                reusedFiles, changes, List.of());
    }

    /** A run with every file read and no comparison with an earlier run. */
    public RunResult(long jobExecutionId, String jobName, String status, Instant started, Instant ended,
                     List<Submission> submissions, List<ReportHeader> reports, List<Finding> findings,
                     List<UnitTotal> unitTotals, List<String> skippedFiles) {
        this(jobExecutionId, jobName, status, started, ended, submissions, reports, findings, unitTotals, skippedFiles,
                Set.of(), null);
    }

    public RunResult {
        reusedFiles = reusedFiles == null ? Set.of() : Set.copyOf(reusedFiles);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }
}
