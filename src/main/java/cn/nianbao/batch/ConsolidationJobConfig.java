package cn.nianbao.batch;

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
import org.springframework.transaction.support.TransactionTemplate;

import cn.nianbao.ingest.ReadLimits;
import cn.nianbao.job.JobDefinition;
import cn.nianbao.job.RunDefinition;
import cn.nianbao.validate.RuleBook;
import cn.nianbao.ingest.IngestResult;
import cn.nianbao.store.ContentStore;
import cn.nianbao.store.DispositionStore;
import cn.nianbao.store.JobLocks;
import cn.nianbao.store.RunStore;
import cn.nianbao.store.RunRecords;
import cn.nianbao.template.TemplateCatalogue;

/**
 * The consolidation job: ingest → validate → roll up → read auditors' decisions → publish. Each step is thin; the work is in the
 * domain packages.
 */
@Configuration
public class ConsolidationJobConfig {

    public static final String JOB_NAME = "consolidate";
    /** The Batch job of a roll-up job file (from-jobs): gather → validate → roll up → decisions → publish. */
    public static final String ROLLUP_JOB_NAME = "rollup-runs";
    /** Every Batch job a nianbao job (by its name) may run as: what recovery and purge look through. */
    public static final java.util.List<String> JOB_NAMES = java.util.List.of(JOB_NAME, ROLLUP_JOB_NAME);

    @Bean
    TemplateCatalogue templateCatalogue() {
        return TemplateCatalogue.load();
    }

    /**
     * The clock the program shows times by (run parameters, run.json's display). Nothing is decided by it: lock
     * liveness, retention and "the latest run" go by the database's clock and order. {@code nianbao.clock.offset}
     * shifts it, to run the program as a machine whose clock is off would (the two-machine tests do).
     */
    @Bean
    java.time.Clock clock(@Value("${nianbao.clock.offset:PT0S}") java.time.Duration offset) {
        return java.time.Clock.offset(java.time.Clock.systemUTC(), offset);
    }

    @Bean
    ContentStore contentStore(JdbcTemplate jdbc) {
        return new ContentStore(jdbc);
    }

    @Bean
    RunStore runStore(JdbcTemplate jdbc, ContentStore contents) {
        return new RunStore(jdbc, contents);
    }

    @Bean
    DispositionStore dispositionStore(JdbcTemplate jdbc) {
        return new DispositionStore(jdbc);
    }

    @Bean
    JobLocks jobLocks(JdbcTemplate jdbc, @Value("${nianbao.lock.stale-after:PT2M}") java.time.Duration staleAfter,
                      @Value("${nianbao.lock.heartbeat:PT15S}") java.time.Duration heartbeat) {
        return new JobLocks(jdbc, staleAfter, heartbeat);
    }


    @Bean
    RunRecords runRecords(JdbcTemplate jdbc) {
        return new RunRecords(jdbc);
    }


    @Bean
    ReadLimits readLimits(@Value("${nianbao.limits.max-file-bytes:20971520}") long maxFileBytes,
                          @Value("${nianbao.limits.max-sheets:50}") int maxSheets,
                          @Value("${nianbao.limits.max-rows-per-sheet:5000}") int maxRows,
                          @Value("${nianbao.limits.max-columns:200}") int maxColumns,
                          @Value("${nianbao.limits.max-entry-bytes:20971520}") long maxEntryBytes,
                          @Value("${nianbao.limits.min-inflate-ratio:0.01}") double minInflateRatio,
                          @Value("${nianbao.limits.max-cells-per-sheet:100000}") int maxCells,
                          @Value("${nianbao.limits.max-cells-to-calculate:3000}") int maxCellsToCalculate) {
        // Defaults as in ReadLimits.defaults() and docs/limits.md.
        return new ReadLimits(maxFileBytes, maxSheets, maxRows, maxColumns, maxEntryBytes, minInflateRatio, maxCells,
                maxCellsToCalculate);
    }

    @Bean
    @StepScope
    IngestStep ingestStepHandler(RunStore store, RunRecords records, TemplateCatalogue catalogue, ReadLimits limits,
                                 org.springframework.beans.factory.ObjectProvider<RunProgressListener> listeners,
                                 @Value("${nianbao.ingest.progress-every:PT10S}") java.time.Duration progressEvery,
                                 @org.springframework.beans.factory.annotation.Qualifier("ingestExecutor") ThreadPoolTaskExecutor ingestExecutor,
                                 @Value("${nianbao.ingest.chunk-size:20}") int chunkSize, RunReuse reuse,
                                 PlatformTransactionManager transactionManager,
                                 @Value("${nianbao.ingest.settle:PT3S}") java.time.Duration settle) {
        // read ahead by two chunks: the ingest threads read the next chunk's files while this one is stored
        return new IngestStep(store, records, catalogue, limits, listeners.orderedStream().toList(), progressEvery,
                ingestExecutor, 2 * chunkSize, reuse, new TransactionTemplate(transactionManager), settle);
    }

    /** The threads the ingest step reads files on, ahead of the chunk being stored: by default one per processor. */
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
     * Threads that write the output files side by side (Publisher): they are independent of each other. By default
     * one per core; the Publisher keeps the writers together within a quarter of the heap, so two summary workbooks of
     * large units are written one after the other.
     */
    @Bean(destroyMethod = "shutdown")
    ThreadPoolTaskExecutor publishExecutor(@Value("${nianbao.publish.threads:0}") int threads) {
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(n);
        executor.setMaxPoolSize(n);
        executor.setThreadNamePrefix("publish-");
        executor.setDaemon(true);
        executor.initialize();
        return executor;
    }

    @Bean
    Step ingestStep(JobRepository repository, PlatformTransactionManager tx, IngestStep ingestStepHandler,
                    @Value("${nianbao.ingest.chunk-size:20}") int chunkSize) {
        return new StepBuilder("ingest", repository)
                .<IngestResult, IngestResult>chunk(chunkSize)
                .transactionManager(tx)
                .reader(ingestStepHandler) // the files its beforeStep scanned, read
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

    /** Reads auditors' decisions back before publish writes them into every output (DispositionTasklet). */
    @Bean
    Step dispositionStep(JobRepository repository, PlatformTransactionManager tx, DispositionTasklet tasklet) {
        return new StepBuilder("dispositions", repository).tasklet(tasklet, tx).build();
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
    Job consolidateJob(JobRepository repository, Step ingestStep, Step validateStep, Step rollupStep, Step dispositionStep,
                       Step publishStep, RunRecords records) {
        return new JobBuilder(JOB_NAME, repository)
                .listener(new JobExecutionListener() {
                    // Every run records what it was run with, so a roll-up job can take its roster from the database.
                    @Override
                    public void beforeJob(JobExecution execution) {
                        recordStart(records, execution);
                    }

                    @Override
                    public void afterJob(JobExecution execution) {
                        records.ended(execution.getJobInstance().getInstanceId());
                    }
                })
                .start(ingestStep)
                .next(validateStep)
                .next(rollupStep)
                .next(dispositionStep)
                .next(publishStep)
                .build();
    }

    /**
     * Records that a run starts; on its first start also what it is run with (the job file and its rule file as they
     * are now), which every step then reads from the database: a restart, or a step, never reads the job file again.
     */
    private static void recordStart(RunRecords records, JobExecution execution) {
        long run = execution.getJobInstance().getInstanceId();
        String name = execution.getJobParameters().getString(RunParameters.JOB_NAME);
        records.started(run, name);
        if (!records.hasDefinition(run)) {
            JobDefinition job = RunParameters.job(execution.getJobParameters());
            records.recordDefinition(run, new RunDefinition(job, RuleBook.readOverride(job.rules())));
        }
    }

    /** A roll-up job: the source runs' file rows instead of ingest, then the same steps (they read only the database). */
    @Bean
    Job rollupRunsJob(JobRepository repository, Step gatherStep, Step validateStep, Step rollupStep, Step dispositionStep,
                      Step publishStep, RunRecords records) {
        return new JobBuilder(ROLLUP_JOB_NAME, repository)
                .listener(new JobExecutionListener() {
                    @Override
                    public void beforeJob(JobExecution execution) {
                        recordStart(records, execution);
                    }

                    @Override
                    public void afterJob(JobExecution execution) {
                        records.ended(execution.getJobInstance().getInstanceId());
                    }
                })
                .start(gatherStep)
                .next(validateStep)
                .next(rollupStep)
                .next(dispositionStep)
                .next(publishStep)
                .build();
    }
}
