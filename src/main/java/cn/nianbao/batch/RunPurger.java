package cn.nianbao.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.nianbao.model.SourceRun;
import cn.nianbao.store.JobLocks;
import cn.nianbao.store.RunRecords;
import cn.nianbao.store.RunStore;

/**
 * Retention: deletes runs whose last execution ended before a cutoff, and runs left unfinished (their process died
 * and the job never ran again) that started before it — their job-repository rows (through
 * {@link JobRepository#deleteJobInstance}: step contexts, step executions, job contexts, parameters,
 * executions, the instance) and nianbao's rows of the run — then stored content and superseded
 * submission versions that no remaining run references. Never deleted: each job's latest completed run,
 * and anything of a job that is running now (its lock is held). Ages are judged by the database's clock, from the
 * times each run recorded by it (nb_run_definition), so machines in other time zones agree on them.
 */
@Component
public class RunPurger {

    private static final Logger log = LoggerFactory.getLogger(RunPurger.class);

    /** What a purge removed. */
    public record Purged(int runs, int contents, int versions, List<String> skippedJobs) {
    }

    private final JobRepository jobRepository;
    private final JdbcTemplate jdbc;
    private final RunStore store;
    private final JobLocks locks;
    private final TransactionTemplate tx;

    private final RunRecords records;

    public RunPurger(JobRepository jobRepository, JdbcTemplate jdbc, RunStore store, RunRecords records, JobLocks locks,
                     PlatformTransactionManager transactionManager) {
        this.records = records;
        this.jobRepository = jobRepository;
        this.jdbc = jdbc;
        this.store = store;
        this.locks = locks;
        this.tx = new TransactionTemplate(transactionManager);
    }

    /**
     * @param olderThan runs whose last execution ended longer ago than this are deleted
     * @param onlyJob   a job name to limit the purge to, or null for every job
     */
    public Purged purge(Duration olderThan, String onlyJob) throws InterruptedException {
        Instant cutoff = records.databaseNow().minus(olderThan);
        Map<String, List<JobInstance>> byJob = new LinkedHashMap<>();
        for (String batchJob : ConsolidationJobConfig.JOB_NAMES) { // district runs and roll-up runs alike
            for (JobInstance instance : jobRepository.findJobInstances(batchJob)) {
                JobExecution last = jobRepository.getLastJobExecution(instance);
                String name = last == null ? null : last.getJobParameters().getString(RunParameters.JOB_NAME);
                if (name != null && (onlyJob == null || onlyJob.equals(name))) {
                    byJob.computeIfAbsent(name, k -> new ArrayList<>()).add(instance);
                }
            }
        }
        int runs = 0;
        List<String> skipped = new ArrayList<>();
        for (Map.Entry<String, List<JobInstance>> job : byJob.entrySet()) {
            Optional<JobLocks.Held> lock = locks.acquire(job.getKey(), Duration.ZERO);
            if (lock.isEmpty()) {
                log.warn("作业「{}」正在运行，本次不清理它的记录", job.getKey());
                skipped.add(job.getKey());
                continue;
            }
            try (JobLocks.Held held = lock.get()) {
                runs += purgeJob(job.getKey(), job.getValue(), cutoff);
            }
        }
        int[] orphans = tx.execute(status -> deleteUnreferenced());
        log.info("清理完成：删除 {} 次运行、{} 份已无运行引用的文件内容、{} 条已被取代的报送版本", runs, orphans[0], orphans[1]);
        return new Purged(runs, orphans[0], orphans[1], skipped);
    }

    private int purgeJob(String jobName, List<JobInstance> instances, Instant cutoff) {
        // The latest completed run of the job is kept whatever its age: the next run compares with it.
        Long keep = records.latestCompleted(jobName).map(SourceRun::jobInstanceId).orElse(null);
        int deleted = 0;
        for (JobInstance instance : instances) {
            Optional<Instant> lastActive = records.lastActive(instance.getInstanceId());
            if (instance.getInstanceId() == (keep == null ? -1 : keep) || lastActive.isEmpty() || !lastActive.get().isBefore(cutoff)) {
                continue;
            }
            JobExecution last = jobRepository.getLastJobExecution(instance);
            long run = instance.getInstanceId();
            tx.executeWithoutResult(status -> {
                for (String table : List.of("nb_finding", "nb_checked_report", "nb_checked_agency", "nb_summary", "nb_summary_member",
                        "nb_summary_unit", "nb_summary_previous", "nb_run_basis", "nb_run_file", "nb_run_skipped")) {
                    jdbc.update("DELETE FROM " + table + " WHERE job_instance_id = ?", run);
                }
                for (String table : cn.nianbao.store.RunRecords.TABLES) {
                    jdbc.update("DELETE FROM " + table + " WHERE job_instance_id = ?", run);
                }
                jobRepository.deleteJobInstance(instance);
            });
            log.info("已删除作业「{}」的运行（实例 {}，{}，最后活动于 {}）", jobName, run,
                    last == null ? "无执行记录" : last.getStatus() == BatchStatus.COMPLETED ? "已完成" : "未完成：" + last.getStatus(),
                    lastActive.get());
            deleted++;
        }
        return deleted;
    }

    /** Content no run references any more, and superseded versions whose content is gone with it. */
    private int[] deleteUnreferenced() {
        List<String> contents = jdbc.queryForList("SELECT c.sha256 FROM nb_file_content c WHERE NOT EXISTS "
                + "(SELECT 1 FROM nb_run_file f WHERE f.sha256 = c.sha256)", String.class);
        store.contents().delete(contents);
        int versions = jdbc.update("DELETE FROM nb_submission_version WHERE superseded_by IS NOT NULL AND NOT EXISTS "
                + "(SELECT 1 FROM nb_run_file f WHERE f.sha256 = nb_submission_version.sha256)");
        return new int[] {contents.size(), versions};
    }
}
