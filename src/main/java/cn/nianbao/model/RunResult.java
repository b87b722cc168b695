package cn.nianbao.model;

import java.time.Instant;
import java.util.List;

/** Everything a run produced, handed to the publishers. */
public record RunResult(long jobExecutionId, String jobName, String status, Instant started, Instant ended,
                        List<Submission> submissions, List<Report> reports, List<Finding> findings,
                        List<UnitTotal> unitTotals, List<String> skippedFiles) {
}
