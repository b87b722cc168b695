package cn.nianbao.model;

import java.time.Instant;

/**
 * A completed run of another job that a roll-up run (city, province) was built from.
 *
 * @param jobName        the job's name (its job file's {@code name})
 * @param jobInstanceId  the run (the key of its stored rows)
 * @param jobExecutionId the execution that completed it
 * @param ended          when that execution ended
 * @param runningThen    whether the job was running again (a newer run not yet complete) when the roll-up took it
 */
public record SourceRun(String jobName, long jobInstanceId, long jobExecutionId, Instant ended, boolean runningThen) {
}
