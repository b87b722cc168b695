package cn.nianbao.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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

import cn.nianbao.ingest.IngestResult;
import cn.nianbao.ingest.InputScanner;
import cn.nianbao.ingest.ParsedWorkbook;
import cn.nianbao.ingest.ReadLimits;
import cn.nianbao.ingest.WorkbookIngester;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Severity;
import cn.nianbao.model.Submission;
import cn.nianbao.job.JobDefinition;
import cn.nianbao.job.RosterResolver;
import cn.nianbao.job.RunDefinition;
import cn.nianbao.store.RunStore;
import cn.nianbao.store.RunRecords;
import cn.nianbao.template.TemplateCatalogue;
import cn.nianbao.validate.RuleBook;

/**
 * The ingest step: reads the input folder's files (its reader), each file into its reports and findings (its
 * processor: Spring Batch runs it on the ingest threads, the files of a chunk side by side), and stores each chunk
 * (its writer: content by hash, a row per report, findings) in one transaction. A restarted run skips the files its
 * crashed predecessor stored. A file whose bytes this program read before (same SHA-256) is not opened: its stored
 * content is resolved against this run's roster and file name, as a fresh read would be.
 */
public class IngestStep implements ItemReader<Path>, ItemProcessor<Path, IngestResult>, ItemWriter<IngestResult>,
        StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(IngestStep.class);

    private final RunStore store;
    private final RunRecords records;
    private final TemplateCatalogue catalogue;
    private final ReadLimits limits;
    private final List<RunProgressListener> listeners;
    private final Duration progressEvery;

    // set by beforeStep before any item is read, read-only while the processors run
    private volatile long run;
    private volatile JobDefinition job;
    private volatile WorkbookIngester ingester;
    private volatile Set<String> alreadyStored;
    private volatile String contentKey;
    private volatile RuleBook rules;
    private volatile IngestProgress progress;
    private List<Path> files = List.of();
    private int handedOut; // the reader's position: the step's thread only
    private final AtomicInteger done = new AtomicInteger();

    public IngestStep(RunStore store, RunRecords records, TemplateCatalogue catalogue, ReadLimits limits,
                      List<RunProgressListener> listeners, Duration progressEvery) {
        this.store = store;
        this.records = records;
        this.catalogue = catalogue;
        this.limits = limits;
        this.listeners = List.copyOf(listeners);
        this.progressEvery = progressEvery;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        run = RunParameters.runOf(stepExecution);
        RunDefinition definition = records.runDefinition(run);
        job = definition.job();
        Integer year = job.years().size() == 1 ? job.years().get(0) : null;
        ingester = new WorkbookIngester(catalogue, limits, new RosterResolver(job), year, Set.copyOf(job.years()));
        contentKey = WorkbookIngester.contentKey(ProgramIdentity.current(), limits);
        rules = RunDefinitions.rules(definition);
        alreadyStored = Set.copyOf(store.pathsOfRun(run));
        InputScanner.Scan scan;
        try {
            scan = InputScanner.scan(job.input());
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        store.replaceSkipped(run, scan.skipped());
        files = scan.files();
        handedOut = 0;
        done.set(alreadyStored.size());
        progress = new IngestProgress(files.size(), alreadyStored.size(), progressEvery, System::nanoTime);
        if (!alreadyStored.isEmpty()) {
            log.info("续跑：上次中断前已读取 {} 个文件，跳过这些文件", alreadyStored.size());
        }
    }

    /** The step's reader: the files {@link #beforeStep} found, in path order, then null. */
    @Override
    public Path read() {
        return handedOut < files.size() ? files.get(handedOut++) : null;
    }

    /**
     * Reads one file into its result (null, so not written again, when a crashed run stored it already); never throws
     * for a bad file. Runs on the ingest threads: it only reads what {@link #beforeStep} set.
     */
    @Override
    public IngestResult process(Path file) {
        String rel = job.input().relativize(file).toString().replace('\\', '/');
        if (alreadyStored.contains(rel)) {
            return null;
        }
        Submission submission;
        try {
            submission = WorkbookIngester.describe(job.input(), file);
        } catch (Exception e) {
            // Vanished or unreadable between scan and read (a file still being copied, a lock): a finding, not a crash.
            Submission s = new Submission(rel, "", 0, Instant.EPOCH);
            return IngestResult.failed(s, new Finding(Severity.ERROR, "PARSE-UNREADABLE", null, null, null, rel, null, List.of(),
                    null, null, null, "无法读取文件（" + e.getMessage() + "）；文件可能正在写入或被其他程序占用，请稍后重新报送"));
        }
        // The same bytes read by this program before (an earlier night, another job): reuse, don't open the file.
        // (its datapoints stay in the store: the later steps read them by hash)
        Optional<ParsedWorkbook> stored = store.contents().stored(submission.sha256(), contentKey);
        if (stored.isPresent()) {
            return ingester.resolve(submission, stored.get()).asReused();
        }
        try {
            return ingester.ingest(file, submission);
        } catch (RuntimeException | StackOverflowError e) {
            // A file that trips the reader must not stop the district's run.
            log.warn("读取 {} 时出错", rel, e);
            return IngestResult.failed(submission, new Finding(Severity.ERROR, "PARSE-UNREADABLE", null, null, null, rel, null,
                    List.of(), null, null, null, "读取时出错（" + e.getClass().getSimpleName() + "）；请用 Excel 或 WPS 另存为 .xlsx 后重新报送"));
        }
    }

    @Override
    public void write(Chunk<? extends IngestResult> chunk) {
        // Earlier chunks are committed by now (a crash test kills here to leave a half-ingested run).
        int stored = done.get();
        listeners.forEach(l -> l.filesStored(stored));
        List<IngestResult> items = new ArrayList<>(chunk.size());
        for (IngestResult r : chunk.getItems()) {
            // the reader's findings as the rule book says (severity, switched off, message)
            items.add(new IngestResult(r.submission(), r.reports(), rules.apply(r.findings()), r.parsed(), r.reused()));
        }
        store.saveIngested(run, items, contentKey);
        int n = done.addAndGet(items.size());
        int reused = 0;
        for (IngestResult r : items) {
            reused += r.reused() ? 1 : 0;
            log.debug("{} → {}{}", r.submission().path(), r.accepted() ? "已读取" : "未能读取", r.reused() ? "（内容未变，沿用已存结果）" : "");
        }
        log.debug("读取进度 {}/{}（本批 {} 个文件内容未变，沿用已存结果）", n, files.size(), reused);
        String line = progress.stored(n, reused);
        if (line != null) {
            log.info(line);
        }
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        files = List.of(); // the later steps do not need the file list (a path per file)
        return stepExecution.getExitStatus();
    }
}
