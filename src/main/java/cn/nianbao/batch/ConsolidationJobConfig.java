package cn.nianbao.batch;

import java.nio.file.Path;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

import cn.nianbao.ingest.ReadLimits;
import cn.nianbao.model.IngestResult;
import cn.nianbao.store.JobLocks;
import cn.nianbao.store.ReportStore;
import cn.nianbao.store.RunRecords;
import cn.nianbao.template.TemplateCatalogue;

/**
 * The consolidation job: ingest → validate → roll up → publish. Each step is thin; the work is in the
 * domain packages.
 */
@Configuration
public class ConsolidationJobConfig {

    public static final String JOB_NAME = "consolidate";
    /** The Batch job of a roll-up job file (from-jobs): gather → validate → roll up → publish. */
    public static final String ROLLUP_JOB_NAME = "rollup-runs";
    /** Every Batch job a nianbao job (by its name) may run as: what recovery and purge look through. */
    public static final java.util.List<String> JOB_NAMES = java.util.List.of(JOB_NAME, ROLLUP_JOB_NAME);

    @Bean
    TemplateCatalogue templateCatalogue() {
        return TemplateCatalogue.load();
    }

    @Bean
    ReportStore reportStore(JdbcTemplate jdbc, TemplateCatalogue catalogue) {
        return new ReportStore(jdbc, catalogue);
    }

    @Bean
    JobLocks jobLocks(JdbcTemplate jdbc, @Value("${nianbao.lock.stale-after:PT2M}") java.time.Duration staleAfter,
                      @Value("${nianbao.lock.heartbeat:PT15S}") java.time.Duration heartbeat) {
        return new JobLocks(jdbc, staleAfter, heartbeat);
    }

    @Bean
    TestPause testPause(@Value("${nianbao.test.pause-after:}") String pauseAfter,
                        @Value("${nianbao.test.pause-for:PT1H}") java.time.Duration pauseFor,
                        @Value("${nianbao.test.pause-until:}") String pauseUntil) {
        return TestPause.parse(pauseAfter, pauseFor, pauseUntil);
    }

    @Bean
    RunRecords runRecords(JdbcTemplate jdbc) {
        return new RunRecords(jdbc);
    }

    @Bean
    RunAssembler runAssembler(ReportStore store, TemplateCatalogue catalogue, RunRecords records) {
        return new RunAssembler(store, catalogue, records);
    }

    @Bean
    ReadLimits readLimits(@Value("${nianbao.limits.max-file-bytes:20971520}") long maxFileBytes,
                          @Value("${nianbao.limits.max-sheets:50}") int maxSheets,
                          @Value("${nianbao.limits.max-rows-per-sheet:5000}") int maxRows,
                          @Value("${nianbao.limits.max-columns:200}") int maxColumns,
                          @Value("${nianbao.limits.max-entry-bytes:20971520}") long maxEntryBytes,
                          @Value("${nianbao.limits.min-inflate-ratio:0.01}") double minInflateRatio,
                          @Value("${nianbao.limits.max-cells-per-sheet:100000}") int maxCells) {
        // Defaults as in ReadLimits.defaults() and docs/limits.md.
        return new ReadLimits(maxFileBytes, maxSheets, maxRows, maxColumns, maxEntryBytes, minInflateRatio, maxCells);
    }

    @Bean
    @StepScope
    IngestStep ingestStepHandler(ReportStore store, TemplateCatalogue catalogue, ReadLimits limits, TestPause testPause,
                                 @org.springframework.beans.factory.annotation.Qualifier("ingestExecutor")
                                 ThreadPoolTaskExecutor ingestExecutor, @Value("${nianbao.ingest.chunk-size:20}") int chunkSize,
                                 @Value("${nianbao.ingest.progress-every:PT10S}") java.time.Duration progressEvery) {
        // read ahead by two chunks: the pool reads the next chunk's files while this one is written
        return new IngestStep(store, catalogue, limits, testPause, ingestExecutor, 2 * chunkSize, progressEvery);
    }

    /**
     * Threads that read workbooks ahead of the ingest step (IngestStep): they keep reading while the step's
     * thread writes and commits a chunk.
     */
    @Bean(destroyMethod = "shutdown")
    ThreadPoolTaskExecutor ingestExecutor(@Value("${nianbao.ingest.threads:0}") int threads) {
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(n);
        executor.setMaxPoolSize(n);
        executor.setThreadNamePrefix("ingest-");
        executor.setDaemon(true);
        executor.initialize();
        return executor;
    }

    /**
     * Threads that write the output files side by side (Publisher): they are independent of each other. By
     * default half the cores: measured on 2 cores, two writers were no faster than one (the JIT compiler and the
     * garbage collector already use the second core while facts.csv is written) and needed 20 MB more heap.
     */
    @Bean(destroyMethod = "shutdown")
    ThreadPoolTaskExecutor publishExecutor(@Value("${nianbao.publish.threads:0}") int threads) {
        int n = threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(n);
        executor.setMaxPoolSize(n);
        executor.setThreadNamePrefix("publish-");
        executor.setDaemon(true);
        executor.initialize();
        return executor;
    }

    @Bean
    Step ingestStep(JobRepository repository, PlatformTransactionManager tx,
                    IngestStep ingestStepHandler, @Value("${nianbao.ingest.chunk-size:20}") int chunkSize) {
        return new StepBuilder("ingest", repository)
                .<Path, IngestResult>chunk(chunkSize)
                .transactionManager(tx)
                .reader(ingestStepHandler) // the files its beforeStep scanned
                .processor(ingestStepHandler)
                .writer(ingestStepHandler)
                .listener(ingestStepHandler)
                .build();
    }

    @Bean
    Step validateStep(JobRepository repository, PlatformTransactionManager tx, ValidateTasklet tasklet) {
        return new StepBuilder("validate", repository).tasklet(tasklet, tx).build();
    }

    @Bean
    Step rollupStep(JobRepository repository, PlatformTransactionManager tx, RollupTasklet tasklet) {
        return new StepBuilder("rollup", repository).tasklet(tasklet, tx).build();
    }

    @Bean
    Step publishStep(JobRepository repository, PlatformTransactionManager tx, PublishTasklet tasklet) {
        return new StepBuilder("publish", repository).tasklet(tasklet, tx).build();
    }

    @Bean
    Step gatherStep(JobRepository repository, PlatformTransactionManager tx, GatherTasklet tasklet) {
        return new StepBuilder("gather", repository).tasklet(tasklet, tx).build();
    }

    @Bean
    Job consolidateJob(JobRepository repository, Step ingestStep, Step validateStep, Step rollupStep, Step publishStep,
                       RunRecords records, RunAssembler assembler) {
        return new JobBuilder(JOB_NAME, repository)
                .listener(new JobExecutionListener() {
                    // Every run records what it was run with, so a roll-up job can take its roster from the database.
                    @Override
                    public void beforeJob(JobExecution execution) {
                        records.recordDefinition(execution.getJobInstance().getInstanceId(),
                                RunParameters.job(execution.getJobParameters()));
                    }

                    @Override
                    public void afterJob(JobExecution execution) {
                        assembler.forget();
                    }
                })
                .start(ingestStep)
                .next(validateStep)
                .next(rollupStep)
                .next(publishStep)
                .build();
    }

    /** A roll-up job: the source runs' file rows instead of ingest, then the same steps (they read only the database). */
    @Bean
    Job rollupRunsJob(JobRepository repository, Step gatherStep, Step validateStep, Step rollupStep, Step publishStep,
                      RunAssembler assembler) {
        return new JobBuilder(ROLLUP_JOB_NAME, repository)
                .listener(new JobExecutionListener() {
                    @Override
                    public void afterJob(JobExecution execution) {
                        assembler.forget();
                    }
                })
                .start(gatherStep)
                .next(validateStep)
                .next(rollupStep)
                .next(publishStep)
                .build();
    }
}
