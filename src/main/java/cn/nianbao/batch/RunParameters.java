package cn.nianbao.batch;

import java.nio.file.Path;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;

import cn.nianbao.roster.AdHocJob;
import cn.nianbao.roster.JobDefinition;
import cn.nianbao.roster.JobFileReader;

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

    private RunParameters() {
    }

    public static JobParameters of(JobDefinition job, String fingerprint, String startedAt) {
        JobParametersBuilder b = new JobParametersBuilder()
                .addString(JOB_NAME, job.name(), true)
                .addString(FINGERPRINT, fingerprint, true)
                .addString(JOB_FILE, job.source() == null ? "" : job.source().toAbsolutePath().toString(), false)
                .addString(INPUT, job.input().toString(), false)
                .addString(OUTPUT, job.output().toString(), false)
                .addString(YEAR, job.years().size() == 1 ? job.years().get(0).toString() : "", false)
                .addString(STARTED, startedAt, false);
        return b.toJobParameters();
    }

    /** The run a step belongs to: its job instance, which a restart shares with the crashed execution. */
    public static long runOf(StepExecution step) {
        return step.getJobExecution().getJobInstance().getInstanceId();
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
