package cn.nianbao.batch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;

import cn.nianbao.model.SourceRun;
import cn.nianbao.job.AdHocJob;
import cn.nianbao.job.JobDefinition;
import cn.nianbao.job.JobFileReader;

/**
 * How a run is named in the job repository. Identifying: the job's name and a fingerprint of its
 * inputs, so the same inputs after a crash restart the same instance, and changed inputs are a new
 * run. Where the job came from is carried along, not identifying, so every step can read it back.
 */
public final class RunParameters {

    static final String JOB_NAME = "job.name";
    static final String FINGERPRINT = "input.fingerprint";
    static final String JOB_FILE = "job.file";
    static final String INPUT = "input";
    static final String OUTPUT = "output";
    static final String YEAR = "year";
    static final String STARTED = "run.at";
    /** "true" when the user asked for the run (--force): nothing is taken over unread, every file is hashed. */
    static final String FORCED = "run.forced";
    /** A roll-up run's source executions, in from-jobs order: "12,34" ("34:running": that job was running then). */
    static final String SOURCES = "source.executions";

    private RunParameters() {
    }

    /** A run's parameters; a forced run is named by its start too, so it is a new run whatever its inputs. */
    public static JobParameters of(JobDefinition job, String fingerprint, String startedAt, boolean forced) {
        JobParametersBuilder b = new JobParametersBuilder()
                .addString(JOB_NAME, job.name(), true)
                .addString(FINGERPRINT, forced ? fingerprint + ":" + startedAt : fingerprint, true)
                .addString(FORCED, Boolean.toString(forced), false)
                .addString(JOB_FILE, job.source() == null ? "" : job.source().toAbsolutePath().toString(), false)
                .addString(INPUT, job.input() == null ? "" : job.input().toString(), false)
                .addString(OUTPUT, job.output().toString(), false)
                .addString(YEAR, job.years().size() == 1 ? job.years().get(0).toString() : "", false)
                .addString(STARTED, startedAt, false);
        return b.toJobParameters();
    }

    /** A roll-up run's parameters: {@link #of} plus the source executions it consolidates. */
    public static JobParameters ofRollup(JobDefinition job, String fingerprint, String startedAt, boolean forced,
                                         List<SourceRun> sources) {
        String encoded = sources.stream().map(s -> s.jobExecutionId() + (s.runningThen() ? ":running" : ""))
                .collect(Collectors.joining(","));
        return new JobParametersBuilder(of(job, fingerprint, startedAt, forced)).addString(SOURCES, encoded, false).toJobParameters();
    }

    /** The source executions of a roll-up run: execution id → whether its job was running then, in from-jobs order. */
    static List<Map.Entry<Long, Boolean>> sources(JobParameters params) {
        String encoded = params.getString(SOURCES);
        List<Map.Entry<Long, Boolean>> out = new ArrayList<>();
        if (encoded == null || encoded.isBlank()) {
            return out;
        }
        for (String s : encoded.split(",")) {
            boolean running = s.endsWith(":running");
            out.add(Map.entry(Long.valueOf(running ? s.substring(0, s.indexOf(':')) : s), running));
        }
        return out;
    }

    /** The run a step belongs to: its job instance, which a restart shares with the crashed execution. */
    public static long runOf(StepExecution step) {
        return step.getJobExecution().getJobInstance().getInstanceId();
    }

    /** Whether the user forced the run (--force). */
    public static boolean forced(StepExecution step) {
        return "true".equals(step.getJobParameters().getString(FORCED));
    }

    /** The job definition a run was started with. */
    public static JobDefinition job(JobParameters params) {
        String file = params.getString(JOB_FILE);
        if (file != null && !file.isEmpty()) {
            return JobFileReader.read(Path.of(file));
        }
        String year = params.getString(YEAR);
        return AdHocJob.of(Path.of(params.getString(INPUT)), Path.of(params.getString(OUTPUT)),
                year == null || year.isEmpty() ? null : Integer.valueOf(year));
    }
}
