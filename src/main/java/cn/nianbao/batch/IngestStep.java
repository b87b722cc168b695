package cn.nianbao.batch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.ItemWriter;

import cn.nianbao.ingest.ParsedWorkbook;
import cn.nianbao.ingest.ReadLimits;
import cn.nianbao.ingest.WorkbookIngester;
import cn.nianbao.model.Finding;
import cn.nianbao.ingest.IngestResult;
import cn.nianbao.model.Severity;
import cn.nianbao.model.Submission;
import cn.nianbao.roster.JobDefinition;
import cn.nianbao.roster.RosterResolver;
import cn.nianbao.store.ReportStore;
import cn.nianbao.template.TemplateCatalogue;
import cn.nianbao.validate.RuleBook;

/**
 * The ingest step's processor and writer: each workbook is read into a report and stored with its
 * findings, a chunk per transaction. A restarted run skips the files its crashed predecessor stored.
 * A file whose bytes were parsed before (same SHA-256, same reader version) is not opened: its stored
 * content is resolved against this run's roster and file name, as a fresh read would be.
 *
 * <p>Workbooks are read ahead of the chunk on a pool of threads ({@code nianbao.ingest.threads}): while
 * the step's thread writes one chunk (and Spring Batch commits it), the pool is already reading the next
 * files. With the pool as the step's own task executor instead, every thread sat idle during each write.
 * {@link #process} takes a file's result from the read-ahead, in input order, on the step's thread; the
 * reading only uses what {@link #beforeStep} set, and the ingester is thread-safe (a workbook is opened per
 * call). {@link #write} runs on the step's thread, a chunk at a time.
 */
public class IngestStep implements ItemReader<Path>, ItemProcessor<Path, IngestResult>, ItemWriter<IngestResult>,
        StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(IngestStep.class);

    private final ReportStore store;
    private final TemplateCatalogue catalogue;
    private final ReadLimits limits;
    private int total;
    private final AtomicInteger done = new AtomicInteger();
    // set by beforeStep before any item is processed, read-only afterwards
    private volatile long run;
    private volatile JobDefinition job;
    private volatile WorkbookIngester ingester;
    private volatile Set<String> alreadyStored;
    private volatile String readerVersion;
    private volatile RuleBook rules;

    private final TestPause testPause;
    private final java.util.concurrent.Executor readers;
    private final int readAhead;
    /**
     * The input in the reader's order, the position {@link #process} expects next, and the reads started so far. The
     * reader hands the files over in this order, so a file's position is found by counting, not by a map from each of
     * (in a province) 100,000 paths.
     */
    private volatile List<Path> order = List.of();
    private int next; // the step's thread only
    private int handedOut; // files the reader handed out; the step's thread only
    private final java.util.Map<Path, java.util.concurrent.CompletableFuture<IngestResult>> reading =
            new java.util.concurrent.ConcurrentHashMap<>();
    private int started; // files whose read has been started, by position; the step's thread only
    private final java.time.Duration progressEvery;
    private volatile IngestProgress progress;

    public IngestStep(ReportStore store, TemplateCatalogue catalogue, ReadLimits limits, TestPause testPause) {
        this(store, catalogue, limits, testPause, Runnable::run, 0, java.time.Duration.ofSeconds(10));
    }

    /**
     * @param readers   the threads that read workbooks ahead of the step
     * @param readAhead how many files past the one being processed may be read (in memory) ahead of it
     * @param progressEvery how often at most a progress line is logged (and once at the end)
     */
    public IngestStep(ReportStore store, TemplateCatalogue catalogue, ReadLimits limits, TestPause testPause,
                      java.util.concurrent.Executor readers, int readAhead, java.time.Duration progressEvery) {
        this.progressEvery = progressEvery;
        this.store = store;
        this.catalogue = catalogue;
        this.limits = limits;
        this.testPause = testPause;
        this.readers = readers;
        this.readAhead = Math.max(0, readAhead);
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        run = RunParameters.runOf(stepExecution);
        job = RunParameters.job(stepExecution.getJobParameters());
        Integer year = job.years().size() == 1 ? job.years().get(0) : null;
        ingester = new WorkbookIngester(catalogue, limits, new RosterResolver(job), year, java.util.Set.copyOf(job.years()));
        readerVersion = WorkbookIngester.contentKey(ProgramIdentity.current(), limits);
        rules = RuleBook.load(job.rules());
        alreadyStored = Set.copyOf(store.pathsOfRun(run));
        try {
            order = cn.nianbao.ingest.InputScanner.scan(job.input()).files();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        total = order.size();
        reading.clear();
        started = 0;
        next = 0;
        handedOut = 0;
        done.set(alreadyStored.size());
        progress = new IngestProgress(total, alreadyStored.size(), progressEvery, System::nanoTime);
        if (!alreadyStored.isEmpty()) {
            log.info("续跑：上次中断前已读取 {} 个文件，跳过这些文件", alreadyStored.size());
        }
    }

    /**
     * The step's reader: the input's workbooks in the order {@link #beforeStep} scanned them, then null. (The step read
     * them from a reader of its own, which scanned the folder a second time.)
     */
    @Override
    public Path read() {
        return handedOut < order.size() ? order.get(handedOut++) : null;
    }

    @Override
    public IngestResult process(Path file) throws Exception {
        int at = next < order.size() && order.get(next).equals(file) ? next : order.indexOf(file);
        if (at < 0) { // not in the scan beforeStep made (cannot happen: this class is the step's reader): read it now
            return readWorkbook(file);
        }
        next = at + 1;
        // keep the pool busy up to readAhead files past this one, then wait for this one
        while (started <= Math.min(at + readAhead, order.size() - 1)) {
            Path ahead = order.get(started++);
            reading.put(ahead, java.util.concurrent.CompletableFuture.supplyAsync(() -> readWorkbook(ahead), readers));
        }
        java.util.concurrent.CompletableFuture<IngestResult> result = reading.remove(file);
        try {
            return result != null ? result.get() : readWorkbook(file);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            throw cause instanceof Exception ex ? ex : e;
        }
    }

    /** Reads one file into its result (null when a crashed run stored it already); never throws for a bad workbook. */
    private IngestResult readWorkbook(Path file) {
        String rel = job.input().relativize(file).toString().replace('\\', '/');
        if (alreadyStored.contains(rel)) {
            return null;
        }
        Submission submission;
        try {
            submission = WorkbookIngester.describe(job.input(), file);
        } catch (Exception e) {
            // Vanished or unreadable between scan and read (a file still being copied, a lock): a finding, not a crash.
            Submission s = new Submission(rel, "", 0, java.time.Instant.EPOCH);
            return IngestResult.failed(s, new Finding(Severity.ERROR, "PARSE-UNREADABLE", null, null, null, rel, null, List.of(),
                    null, null, null, "无法读取文件（" + e.getMessage() + "）；文件可能正在写入或被其他程序占用，请稍后重新报送"));
        }
        // The same bytes read by this reader before (an earlier night, another job): reuse, don't open the workbook.
        // (its datapoints stay in the store: the later steps read them by hash)
        Optional<ParsedWorkbook> stored = store.contents().stored(submission.sha256(), readerVersion);
        if (stored.isPresent()) {
            return ingester.resolve(submission, stored.get()).asReused();
        }
        try {
            return ingester.ingest(file, submission);
        } catch (RuntimeException | StackOverflowError e) {
            // A workbook that trips the reader must not stop the district's run.
            log.warn("读取 {} 时出错", rel, e);
            return IngestResult.failed(submission, new Finding(Severity.ERROR, "PARSE-UNREADABLE", null, null, null, rel, null,
                    List.of(), null, null, null, "读取时出错（" + e.getClass().getSimpleName() + "）；请用 Excel 或 WPS 另存为 .xlsx 后重新报送"));
        }
    }

    @Override
    public void write(Chunk<? extends IngestResult> chunk) {
        // Earlier chunks are committed by now: a crash test kills here to leave a half-ingested run.
        testPause.reached("ingest", done.get());
        List<IngestResult> items = new ArrayList<>(chunk.size());
        for (IngestResult r : chunk.getItems()) {
            // the reader's findings as the rule book says (severity, switched off, message)
            items.add(new IngestResult(r.submission(), r.reports(), rules.apply(r.findings()), r.parsed(), r.reused()));
        }
        store.saveIngested(run, items, readerVersion);
        int n = done.addAndGet(items.size());
        int reused = 0;
        for (IngestResult r : items) {
            reused += r.reused() ? 1 : 0;
            log.debug("{} → {}{}", r.submission().path(), r.accepted() ? "已读取" : "未能读取", r.reused() ? "（内容未变，沿用已存结果）" : "");
        }
        log.debug("读取进度 {}/{}（本批 {} 个文件内容未变，沿用已存结果）", n, total, reused);
        String line = progress.stored(n, reused);
        if (line != null) {
            log.info(line);
        }
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        // a step that failed part way leaves reads started ahead: let them finish unobserved
        reading.clear();
        order = List.of(); // the later steps do not need the file list (a path per file)
        return stepExecution.getExitStatus();
    }
}
