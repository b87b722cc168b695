package cn.nianbao.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import cn.nianbao.model.Disposition;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Severity;
import cn.nianbao.model.SourceRun;
import cn.nianbao.job.JobDefinition;
import cn.nianbao.job.JobFileException;
import cn.nianbao.job.RollupDefinition;
import cn.nianbao.store.RunRecords;
import cn.nianbao.store.JobLocks;
import cn.nianbao.store.DispositionStore;
import cn.nianbao.store.RunStore;

/**
 * Starts (or restarts) the consolidation job for a job definition and turns its outcome into the exit
 * status of outputs.md: 0 done, 1 done with open findings at --fail-on level, 3 the job failed.
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
    private final Job rollupRunsJob;
    private final RunStore store;
    private final RunRecords records;
    private final JobLocks locks;
    private final Duration lockWait;
    private final java.time.Clock clock;
    private final DispositionStore dispositions;
    private final DecisionSources decisionSources;

    public ConsolidationRunner(JobOperator jobOperator, JobRepository jobRepository, Job consolidateJob, Job rollupRunsJob,
                               RunStore store, RunRecords records, JobLocks locks,
                               @Value("${nianbao.lock.wait:PT0S}") Duration lockWait, java.time.Clock clock,
                               DispositionStore dispositions, DecisionSources decisionSources) {
        this.clock = clock;
        this.dispositions = dispositions;
        this.decisionSources = decisionSources;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.consolidateJob = consolidateJob;
        this.rollupRunsJob = rollupRunsJob;
        this.store = store;
        this.records = records;
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
        for (String batchJob : ConsolidationJobConfig.JOB_NAMES) {
            for (JobExecution running : jobRepository.findRunningJobExecutions(batchJob)) {
                if (!job.name().equals(running.getJobParameters().getString(RunParameters.JOB_NAME))) {
                    continue; // another job's run: its own lock protects it
                }
                log.warn("上次运行（执行号 {}，状态 {}）的进程已不存在，标记为失败后续跑", running.getId(), running.getStatus());
                jobOperator.recover(running);
            }
        }
    }

    private Outcome runLocked(JobDefinition job, Severity failOn, boolean force) throws IOException {
        if (job.isRollup()) {
            return runRollupLocked(job, failOn, force);
        }
        String fingerprint = withDecisions(job, describeInput(job));
        String startedAt = clock.instant().toString();
        JobParameters params = RunParameters.of(job, fingerprint, startedAt, force);
        return start(consolidateJob, job, params, failOn);
    }

    /**
     * A run's fingerprint with the decisions it would read: an exceptions.xlsx an auditor saved since the last run, or
     * the job's dispositions file, makes a new run (its decisions are read and published, and count for --fail-on);
     * with neither, the fingerprint is the inputs' alone, and the same command on unchanged inputs finds its run done.
     */
    private String withDecisions(JobDefinition job, String fingerprint) throws IOException {
        String decisions = decisionSources.stamp(job);
        if (decisions.isEmpty()) {
            return fingerprint;
        }
        MessageDigest md = cn.nianbao.model.Sha256.digest();
        cn.nianbao.model.Sha256.field(md, decisions);
        return fingerprint + ":" + HexFormat.of().formatHex(md.digest(), 0, 8);
    }

    /**
     * Scans the input folder, logs what it holds and returns its fingerprint. A method of its own so that the scan
     * (a path per file: 100,000 of them for a province) is not held on this thread's stack while the job runs.
     */
    private String describeInput(JobDefinition job) throws IOException {
        InputScanner.Scan scan = InputScanner.scan(job.input());
        long reports = scan.reports();
        log.info("作业「{}」：输入 {}（{} 个年报文件{}），输出 {}", job.name(), job.input(), reports,
                scan.files().size() > reports ? "，" + (scan.files().size() - reports) + " 个其他文件" : "", job.output());
        if (scan.files().isEmpty()) {
            log.error("输入文件夹 {} 中没有任何文件：请确认作业文件中的 input 是否正确、网络盘是否已挂载", job.input().toAbsolutePath());
        }
        return fingerprint(job, scan);
    }

    /**
     * A roll-up job (from-jobs): takes the latest completed run of each named job, checks their rosters fit
     * together, and starts the roll-up over them. The run is named by those runs: the same command while no
     * source job completed a new run finds the roll-up already done; a new district run makes a new roll-up.
     */
    private Outcome runRollupLocked(JobDefinition job, Severity failOn, boolean force) throws IOException {
        List<SourceRun> sources = new ArrayList<>();
        List<RollupDefinition.Source> definitions = new ArrayList<>();
        for (String name : job.fromJobs()) {
            Optional<SourceRun> latest = records.latestCompleted(name);
            if (latest.isEmpty()) {
                System.err.println("错误：作业「" + name + "」在数据库中没有已完成的运行，汇总作业「" + job.name() + "」未运行。"
                        + "请先运行该作业（并确认它与本作业使用同一数据库），或检查 from-jobs 中的名称是否与其作业文件的 name 一致。");
                return new Outcome(EXIT_FAILED, null, null);
            }
            Optional<RollupDefinition.Source> definition = records.definition(latest.get().jobInstanceId());
            if (definition.isEmpty()) {
                System.err.println("错误：作业「" + name + "」最近一次完成的运行（执行号 " + latest.get().jobExecutionId()
                        + "）由旧版本运行，未记录名册，不能用于汇总。请用 --force 重新运行该作业后再汇总。");
                return new Outcome(EXIT_FAILED, null, null);
            }
            Optional<JobLocks.Holder> holder = locks.liveHolder(name);
            SourceRun source = latest.get();
            if (holder.isPresent()) {
                source = new SourceRun(name, source.jobInstanceId(), source.jobExecutionId(), source.ended(), true);
                log.warn("作业「{}」正在运行（进程 {}，开始于 {}）；本次汇总使用其最近一次已完成的运行（执行号 {}，结束于 {}），"
                        + "不含正在进行的这次运行", name, holder.get().owner(), holder.get().acquiredAt(), source.jobExecutionId(), source.ended());
            } else {
                log.info("作业「{}」：使用其最近一次已完成的运行（执行号 {}，结束于 {}）", name, source.jobExecutionId(), source.ended());
            }
            sources.add(source);
            definitions.add(definition.get());
        }
        try {
            RollupDefinition.merge(job, definitions); // checked here, before anything runs; the gather step merges the same
        } catch (JobFileException e) {
            System.err.println("错误：" + e.getMessage());
            return new Outcome(EXIT_USAGE, null, null);
        }
        String fingerprint = withDecisions(job, rollupFingerprint(job, sources));
        String startedAt = clock.instant().toString();
        JobParameters params = RunParameters.ofRollup(job, fingerprint, startedAt, force, sources);
        log.info("汇总作业「{}」：汇总 {} 个作业已完成的运行（不读取报表文件），输出 {}", job.name(), sources.size(), job.output());
        return start(rollupRunsJob, job, params, failOn);
    }

    private Outcome start(Job batchJob, JobDefinition job, JobParameters params, Severity failOn) {
        JobInstance existing = jobRepository.getJobInstance(batchJob.getName(), params);
        if (existing != null) {
            JobExecution last = jobRepository.getLastJobExecution(existing);
            if (last != null && last.getStatus() != BatchStatus.COMPLETED) {
                log.info("续跑上次未完成的运行（执行号 {}，状态 {}）", last.getId(), last.getStatus());
            }
        }
        JobExecution execution;
        try {
            execution = jobOperator.start(batchJob, params);
        } catch (JobInstanceAlreadyCompleteException e) {
            JobExecution last = jobRepository.getLastJobExecution(existing);
            log.info("输入与上次运行完全相同，上次运行（执行号 {}）已完成，输出仍然有效；如需重新运行请加 --force",
                    last == null ? "?" : last.getId());
            long instance = existing.getInstanceId();
            return new Outcome(exitFor(store.findings(instance), failOn, dispositions.decisions(job.name())), instance,
                    last == null ? null : last.getId());
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
        Map<String, Disposition> decisions = dispositions.decisions(job.name());
        printSummary(job, instance, findings, decisions);
        return new Outcome(exitFor(findings, failOn, decisions), instance, execution.getId());
    }

    /**
     * 1 when a finding at {@code failOn} or worse is open; a finding an auditor marked 已说明 or 不适用 is settled and
     * does not count.
     */
    static int exitFor(List<Finding> findings, Severity failOn, Map<String, Disposition> decisions) {
        if (failOn == null) {
            return EXIT_OK;
        }
        return findings.stream().filter(f -> f.severity().atLeast(failOn)).anyMatch(f -> !settled(f, decisions))
                ? EXIT_FINDINGS : EXIT_OK;
    }

    private static boolean settled(Finding f, Map<String, Disposition> decisions) {
        Disposition d = decisions.get(f.fingerprint());
        return d != null && d.closes();
    }

    private void printSummary(JobDefinition job, long instance, List<Finding> findings, Map<String, Disposition> decisions) {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0);
        }
        List<Finding> open = findings.stream().filter(f -> !settled(f, decisions)).toList();
        open.forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
        int[] fileCounts = store.fileCounts(instance); // counted in SQL: not 100,000 rows read to count them
        int settled = findings.size() - open.size();
        log.info("完成：{} 个文件，{} 份报表已读取，{} 个文件未能读取；待处理的问题 {} 个错误、{} 个警告、{} 个提示{}",
                fileCounts[0], fileCounts[1], fileCounts[2], counts.get(Severity.ERROR), counts.get(Severity.WARNING),
                counts.get(Severity.INFO), settled == 0 ? "" : "；另有 " + settled + " 个已说明或不适用");
        Map<String, Long> byRule = new java.util.TreeMap<>();
        open.stream().filter(f -> f.severity() != Severity.INFO).forEach(f -> byRule.merge(f.rule(), 1L, Long::sum));
        if (!byRule.isEmpty()) {
            cn.nianbao.validate.RuleBook rules = RunDefinitions.rules(records.runDefinition(instance));
            log.info("按规则：{}", byRule.entrySet().stream().map(e -> rules.nameOf(e.getKey()) + "（" + e.getKey() + "）" + e.getValue())
                    .collect(java.util.stream.Collectors.joining("，")));
        }
        log.info("输出文件夹：{}（问题清单见 exceptions.html / exceptions.xlsx）", job.output());
    }

    /**
     * Names the inputs of a run: the job, every workbook's path, size and modification time, the job and rule
     * files' contents, and the program ({@link ProgramIdentity}). Same fingerprint = same run (restart after a
     * crash); any change = a new run.
     */
    static String fingerprint(JobDefinition job, InputScanner.Scan scan) throws IOException {
        return fingerprint(job, scan, ProgramIdentity.current());
    }

    static String fingerprint(JobDefinition job, InputScanner.Scan scan, String program) throws IOException {
        MessageDigest md = jobDigest(job, program);
        for (Path p : scan.files()) {
            cn.nianbao.model.Sha256.field(md, job.input().relativize(p).toString());
            // size and times, and on Linux the inode and change time: a file replaced by one of the same size and time is new
            cn.nianbao.model.Sha256.field(md, cn.nianbao.ingest.FileStamp.fingerprintOf(p));
        }
        return HexFormat.of().formatHex(md.digest(), 0, 16);
    }

    /** Names a roll-up run: the job, its job and rule files, and the exact source runs (a new one = a new roll-up). */
    static String rollupFingerprint(JobDefinition job, List<SourceRun> sources) throws IOException {
        MessageDigest md = jobDigest(job, ProgramIdentity.current());
        for (SourceRun s : sources) {
            cn.nianbao.model.Sha256.field(md, s.jobName() + ":" + s.jobInstanceId() + ":" + s.jobExecutionId());
        }
        return HexFormat.of().formatHex(md.digest(), 0, 16);
    }

    /** A digest started with what names any run of the job: the program, its name, output, years, job file and rule file. */
    private static MessageDigest jobDigest(JobDefinition job, String program) throws IOException {
        MessageDigest md = cn.nianbao.model.Sha256.digest();
        cn.nianbao.model.Sha256.field(md, program);
        cn.nianbao.model.Sha256.field(md, job.name());
        cn.nianbao.model.Sha256.field(md, job.output().toString());
        cn.nianbao.model.Sha256.field(md, job.years().toString());
        if (job.source() != null) {
            md.update(Files.readAllBytes(job.source()));
        }
        if (job.rules() != null && Files.isRegularFile(job.rules())) {
            md.update(Files.readAllBytes(job.rules()));
        }
        return md;
    }

}
