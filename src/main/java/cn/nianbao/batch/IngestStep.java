package cn.nianbao.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.transaction.support.TransactionTemplate;

import cn.nianbao.ingest.FileStamp;
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
 * The ingest step: reads the input folder's files, each into its reports and findings (its reader, which hands them out
 * in path order while the ingest threads read the next ones, up to {@code readAhead} files ahead), and stores each chunk
 * (its writer: content by hash, a row per report, findings) in one transaction, so reading overlaps storing. A
 * restarted run skips the files its crashed predecessor stored. A file whose bytes this program read before (same
 * SHA-256) is not opened: its stored content is resolved against this run's roster and file name, as a fresh read
 * would be. A file whose stamp (device, inode, size, modification and change times: {@link FileStamp}) is the one the
 * job's previous completed run recorded, under the same basis, is not even hashed: that run's rows and findings for it
 * are taken over (not in a run started with --force). Hand-written rather than Spring Batch's concurrent chunk processing (which reads the next chunk only once
 * the last is stored) because it measured faster on a quiet machine.
 */
public class IngestStep implements ItemReader<IngestResult>, ItemWriter<IngestResult>, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(IngestStep.class);

    private final RunStore store;
    private final RunRecords records;
    private final TemplateCatalogue catalogue;
    private final ReadLimits limits;
    private final List<RunProgressListener> listeners;
    private final Duration progressEvery;
    private final Executor readers;
    private final int readAhead;
    private final RunReuse reuse;
    private final TransactionTemplate tx;
    private final Duration settle;

    // set by beforeStep before any file is read, read-only while the ingest threads read
    private volatile long run;
    private volatile JobDefinition job;
    private volatile WorkbookIngester ingester;
    private volatile Set<String> alreadyStored;
    private volatile String contentKey;
    private volatile RuleBook rules;
    private volatile IngestProgress progress;
    private int total; // the input's files, stored ones included
    private ReadAhead<Path, IngestResult> reading; // the step's thread only
    private final AtomicInteger done = new AtomicInteger();
    /** The stamp of each file read, taken before reading it, until its result is stored. */
    private final Map<String, String> stamps = new ConcurrentHashMap<>();

    public IngestStep(RunStore store, RunRecords records, TemplateCatalogue catalogue, ReadLimits limits,
                      List<RunProgressListener> listeners, Duration progressEvery, Executor readers, int readAhead,
                      RunReuse reuse, TransactionTemplate tx, Duration settle) {
        this.store = store;
        this.records = records;
        this.catalogue = catalogue;
        this.limits = limits;
        this.listeners = List.copyOf(listeners);
        this.progressEvery = progressEvery;
        this.readers = readers;
        this.readAhead = readAhead;
        this.reuse = reuse;
        this.tx = tx;
        this.settle = settle;
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
        total = scan.files().size();
        List<Path> toRead = scan.files().stream().filter(f -> !alreadyStored.contains(relative(f))).toList();
        int takenOver = 0;
        // a restart reads what its crashed run did not store; a forced run reads every file
        Optional<Long> previous = alreadyStored.isEmpty() && !RunParameters.forced(stepExecution)
                ? reuse.previousOfSameBasis(job.name(), run, reuse.basis(definition)) : Optional.empty();
        if (previous.isPresent()) {
            List<Path> unchanged = new ArrayList<>();
            toRead = unchangedSince(store.fileStamps(previous.get()), toRead, unchanged);
            takenOver = takeOver(previous.get(), unchanged);
        }
        reading = new ReadAhead<>(toRead, this::readFile, readers, readAhead);
        int stored = alreadyStored.size() + takenOver;
        done.set(stored);
        progress = new IngestProgress(total, stored, progressEvery, System::nanoTime);
        if (!alreadyStored.isEmpty()) {
            log.info("续跑：上次中断前已读取 {} 个文件，跳过这些文件", alreadyStored.size());
        }
        if (takenOver > 0) {
            log.info("读取：{} 个文件自上次运行后未被改动（文件系统记录的大小、修改时间与变更时间均相同），沿用上次的读取结果；读取其余 {} 个文件",
                    takenOver, toRead.size());
        }
    }

    /** The files to read: those of {@code files} whose stamp is not the recorded one; the others go to {@code unchanged}. */
    private List<Path> unchangedSince(Map<String, String> recorded, List<Path> files, List<Path> unchanged) {
        if (recorded.isEmpty()) {
            return files;
        }
        java.time.Instant now = java.time.Instant.now();
        List<Path> toRead = new ArrayList<>();
        for (Path f : files) {
            String rel = relative(f);
            Optional<FileStamp> stamp;
            try {
                stamp = FileStamp.of(f, now, settle);
            } catch (IOException e) {
                stamp = Optional.empty(); // reading it says what is wrong, as a finding
            }
            if (stamp.isPresent() && stamp.get().text().equals(recorded.get(rel))) {
                unchanged.add(f);
            } else {
                toRead.add(f);
            }
        }
        return toRead;
    }

    /**
     * Takes over, all or none, the rows and findings of the unchanged files from the job's previous completed run,
     * which ran under this run's basis (program, job definition, rule file, read limits): a fresh read would read,
     * resolve and judge them as it did.
     */
    private int takeOver(long previous, List<Path> unchanged) {
        if (unchanged.isEmpty()) {
            return 0;
        }
        List<String> paths = unchanged.stream().map(this::relative).toList();
        return tx.execute(status -> store.copyIngested(previous, run, paths));
    }

    /**
     * The step's reader: the result of each file {@link #beforeStep} found and a crashed run did not store, in path
     * order, then null.
     */
    @Override
    public IngestResult read() throws InterruptedException {
        return reading.next();
    }

    private String relative(Path file) {
        return job.input().relativize(file).toString().replace('\\', '/');
    }

    /**
     * Reads one file into its result; never throws for a bad file. Runs on the ingest threads: it only reads what
     * {@link #beforeStep} set.
     */
    private IngestResult readFile(Path file) {
        String rel = relative(file);
        Submission submission;
        try {
            // before the bytes are read: a write while they are read changes the stamp, and the next night reads again
            FileStamp.of(file, java.time.Instant.now(), settle).ifPresent(s -> stamps.put(rel, s.text()));
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
        Map<String, String> chunkStamps = new java.util.HashMap<>();
        for (IngestResult r : items) {
            String stamp = stamps.remove(r.submission().path());
            if (stamp != null && !r.submission().sha256().isEmpty()) {
                chunkStamps.put(r.submission().path(), stamp);
            }
        }
        store.saveIngested(run, items, contentKey, chunkStamps);
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
        if (reading != null) {
            reading.stop(); // a step that failed part way leaves reads started ahead: they finish unobserved
            reading = null; // the later steps do not need the file list (a path per file)
        }
        return stepExecution.getExitStatus();
    }
}
