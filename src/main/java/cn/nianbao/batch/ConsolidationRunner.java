package cn.nianbao.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import cn.nianbao.ingest.InputScanner;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Severity;
import cn.nianbao.roster.JobDefinition;
import cn.nianbao.store.JobLocks;
import cn.nianbao.store.ReportStore;

/**
 * Starts (or restarts) the consolidation job for a job definition and turns its outcome into the exit
 * status of outputs.md: 0 done, 1 done with findings at --fail-on level, 3 the job failed.
 */
@Component
public class ConsolidationRunner {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FINDINGS = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_FAILED = 3;

    private static final Logger log = LoggerFactory.getLogger(ConsolidationRunner.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job consolidateJob;
    private final ReportStore store;
    private final JobLocks locks;
    private final Duration lockWait;

    public ConsolidationRunner(JobOperator jobOperator, JobRepository jobRepository, Job consolidateJob, ReportStore store,
                               JobLocks locks, @Value("${nianbao.lock.wait:PT0S}") Duration lockWait) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.consolidateJob = consolidateJob;
        this.store = store;
        this.locks = locks;
        this.lockWait = lockWait;
    }

    /** The outcome of a run: its exit status and the job instance its results are stored under. */
    public record Outcome(int exitCode, Long jobInstanceId, Long jobExecutionId) {
    }

    /**
     * Runs the job under its lock: a second run of the same job (same name) is refused with exit 3, or
     * waits for the first up to {@code nianbao.lock.wait}. Runs of other jobs are not affected.
     */
    public Outcome run(JobDefinition job, Severity failOn, boolean force) throws IOException {
        Optional<JobLocks.Held> lock;
        try {
            if (!lockWait.isZero()) {
                locks.holder(job.name()).ifPresent(h -> log.info("作业「{}」正在由进程 {} 运行，最多等待 {}", job.name(), h.owner(), lockWait));
            }
            lock = locks.acquire(job.name(), lockWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(EXIT_FAILED, null, null);
        }
        if (lock.isEmpty()) {
            String holder = locks.holder(job.name())
                    .map(h -> "进程 " + h.owner() + "，开始于 " + h.acquiredAt() + "，最近心跳 " + h.heartbeat())
                    .orElse("另一进程");
            System.err.println("错误：作业「" + job.name() + "」正在运行（" + holder + "），同一作业同一时间只能运行一次；"
                    + "本次未运行。请待其结束后再试，或加 --nianbao.lock.wait=PT10M 等待其结束。");
            return new Outcome(EXIT_FAILED, null, null);
        }
        try (JobLocks.Held held = lock.get()) {
            recoverDeadExecutions(job);
            return runLocked(job, failOn, force);
        }
    }

    /**
     * Executions of this job still marked running belong to a process that died without a word (kill -9,
     * power loss): we hold the job's lock, so nothing else can be running them. Batch leaves them STARTED,
     * which would make {@code start} refuse with JobExecutionAlreadyRunningException; marking them FAILED
     * (with an end time, steps too) lets the same instance restart from where it stopped.
     */
    private void recoverDeadExecutions(JobDefinition job) {
        for (JobExecution running : jobRepository.findRunningJobExecutions(ConsolidationJobConfig.JOB_NAME)) {
            if (!job.name().equals(running.getJobParameters().getString(RunParameters.JOB_NAME))) {
                continue; // another job's run: its own lock protects it
            }
            log.warn("上次运行（执行号 {}，状态 {}）的进程已不存在，标记为失败后续跑", running.getId(), running.getStatus());
            jobOperator.recover(running);
        }
    }

    private Outcome runLocked(JobDefinition job, Severity failOn, boolean force) throws IOException {
        InputScanner.Scan scan = InputScanner.scan(job.input());
        String fingerprint = fingerprint(job, scan);
        String startedAt = Instant.now().toString();
        JobParameters params = RunParameters.of(job, force ? fingerprint + ":" + startedAt : fingerprint, startedAt);
        log.info("作业「{}」：输入 {}（{} 个工作簿，{} 个其他文件），输出 {}", job.name(), job.input(), scan.workbooks().size(),
                scan.skipped().size(), job.output());
        JobInstance existing = jobRepository.getJobInstance(ConsolidationJobConfig.JOB_NAME, params);
        if (existing != null) {
            JobExecution last = jobRepository.getLastJobExecution(existing);
            if (last != null && last.getStatus() != BatchStatus.COMPLETED) {
                log.info("续跑上次未完成的运行（执行号 {}，状态 {}）", last.getId(), last.getStatus());
            }
        }
        JobExecution execution;
        try {
            execution = jobOperator.start(consolidateJob, params);
        } catch (JobInstanceAlreadyCompleteException e) {
            JobExecution last = jobRepository.getLastJobExecution(existing);
            log.info("输入与上次运行完全相同，上次运行（执行号 {}）已完成，输出仍然有效；如需重新运行请加 --force",
                    last == null ? "?" : last.getId());
            long instance = existing.getInstanceId();
            return new Outcome(exitFor(store.findings(instance), failOn), instance, last == null ? null : last.getId());
        } catch (Exception e) {
            log.error("作业无法启动：{}", e.getMessage(), e);
            return new Outcome(EXIT_FAILED, null, null);
        }
        long instance = execution.getJobInstance().getInstanceId();
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            log.error("作业失败（执行号 {}，状态 {}）；用同一命令重新运行即可从中断处续跑", execution.getId(), execution.getStatus());
            for (Throwable t : execution.getAllFailureExceptions()) {
                log.error("原因：{}", t.toString(), t);
            }
            return new Outcome(EXIT_FAILED, instance, execution.getId());
        }
        List<Finding> findings = store.findings(instance);
        printSummary(job, instance, findings);
        return new Outcome(exitFor(findings, failOn), instance, execution.getId());
    }

    static int exitFor(List<Finding> findings, Severity failOn) {
        if (failOn == null) {
            return EXIT_OK;
        }
        return findings.stream().anyMatch(f -> f.severity().atLeast(failOn)) ? EXIT_FINDINGS : EXIT_OK;
    }

    private void printSummary(JobDefinition job, long instance, List<Finding> findings) {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0);
        }
        findings.forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
        int files = store.submissions(instance).size();
        int accepted = store.reportHeaders(instance).size();
        log.info("完成：{} 个文件，{} 份报表已读取，{} 个文件未能读取；问题 {} 个错误、{} 个警告、{} 个提示",
                files, accepted, files - accepted, counts.get(Severity.ERROR), counts.get(Severity.WARNING), counts.get(Severity.INFO));
        Map<String, Long> byRule = new java.util.TreeMap<>();
        findings.stream().filter(f -> f.severity() != Severity.INFO).forEach(f -> byRule.merge(f.rule(), 1L, Long::sum));
        if (!byRule.isEmpty()) {
            log.info("按规则：{}", byRule.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(java.util.stream.Collectors.joining("，")));
        }
        log.info("输出文件夹：{}（问题清单见 exceptions.html / exceptions.xlsx）", job.output());
    }

    /**
     * Names the inputs of a run: the job, every workbook's path, size and modification time, and the
     * job and rule files' contents. Same fingerprint = same run (restart after a crash); any change = a new run.
     */
    static String fingerprint(JobDefinition job, InputScanner.Scan scan) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        update(md, job.name());
        update(md, job.output().toString());
        update(md, job.years().toString());
        if (job.source() != null) {
            md.update(Files.readAllBytes(job.source()));
        }
        if (job.rules() != null && Files.isRegularFile(job.rules())) {
            md.update(Files.readAllBytes(job.rules()));
        }
        for (Path p : scan.workbooks()) {
            update(md, job.input().relativize(p).toString());
            update(md, Long.toString(Files.size(p)));
            update(md, Files.getLastModifiedTime(p).toString());
        }
        return HexFormat.of().formatHex(md.digest(), 0, 16);
    }

    private static void update(MessageDigest md, String s) {
        md.update(s.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
    }

}
