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
import org.springframework.batch.infrastructure.item.ItemWriter;

import cn.nianbao.ingest.ParsedWorkbook;
import cn.nianbao.ingest.ReadLimits;
import cn.nianbao.ingest.WorkbookIngester;
import cn.nianbao.model.Finding;
import cn.nianbao.model.IngestResult;
import cn.nianbao.model.Severity;
import cn.nianbao.model.Submission;
import cn.nianbao.roster.JobDefinition;
import cn.nianbao.roster.RosterResolver;
import cn.nianbao.store.ReportStore;
import cn.nianbao.template.TemplateCatalogue;

/**
 * The ingest step's processor and writer: each workbook is read into a report and stored with its
 * findings, a chunk per transaction. A restarted run skips the files its crashed predecessor stored.
 * A file whose bytes were parsed before (same SHA-256, same reader version) is not opened: its stored
 * content is resolved against this run's roster and file name, as a fresh read would be.
 *
 * <p>{@link #process} runs on several threads at once (the step's task executor): it only reads the
 * fields {@link #beforeStep} set, and the ingester is thread-safe (a workbook is opened per call).
 * {@link #write} runs on the step's thread, a chunk at a time.
 */
public class IngestStep implements ItemProcessor<Path, IngestResult>, ItemWriter<IngestResult>, StepExecutionListener {

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

    private final TestPause testPause;

    public IngestStep(ReportStore store, TemplateCatalogue catalogue, ReadLimits limits, TestPause testPause) {
        this.store = store;
        this.catalogue = catalogue;
        this.limits = limits;
        this.testPause = testPause;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        run = RunParameters.runOf(stepExecution);
        job = RunParameters.job(stepExecution.getJobParameters());
        Integer year = job.years().size() == 1 ? job.years().get(0) : null;
        ingester = new WorkbookIngester(catalogue, limits, new RosterResolver(job), year, java.util.Set.copyOf(job.years()));
        readerVersion = WorkbookIngester.cacheVersion(limits);
        alreadyStored = Set.copyOf(store.pathsOfRun(run));
        try {
            total = cn.nianbao.ingest.InputScanner.scan(job.input()).workbooks().size();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        done.set(alreadyStored.size());
        if (!alreadyStored.isEmpty()) {
            log.info("续跑：上次中断前已读取 {} 个文件，跳过这些文件", alreadyStored.size());
        }
    }

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
            Submission s = new Submission(rel, "", 0, java.time.Instant.EPOCH);
            return new IngestResult(s, java.util.Optional.empty(), List.of(new Finding(Severity.ERROR, "PARSE-UNREADABLE",
                    null, null, null, rel, null, List.of(), null, null, null,
                    "无法读取文件（" + e.getMessage() + "）；文件可能正在写入或被其他程序占用，请稍后重新报送")), java.util.Map.of());
        }
        // The same bytes read by this reader before (an earlier night, another job): reuse, don't open the workbook.
        Optional<ParsedWorkbook> stored = store.storedContent(submission.sha256(), readerVersion);
        if (stored.isPresent()) {
            return ingester.resolve(submission, stored.get()).asReused();
        }
        try {
            return ingester.ingest(file, submission);
        } catch (RuntimeException | StackOverflowError e) {
            // A workbook that trips the reader must not stop the district's run.
            log.warn("读取 {} 时出错", rel, e);
            return new IngestResult(submission, java.util.Optional.empty(), List.of(new Finding(Severity.ERROR,
                    "PARSE-UNREADABLE", null, null, null, rel, null, List.of(), null, null, null,
                    "读取时出错（" + e.getClass().getSimpleName() + "）；请用 Excel 或 WPS 另存为 .xlsx 后重新报送")),
                    java.util.Map.of());
        }
    }

    @Override
    public void write(Chunk<? extends IngestResult> chunk) {
        // Earlier chunks are committed by now: a crash test kills here to leave a half-ingested run.
        testPause.reached("ingest", done.get());
        List<IngestResult> items = new ArrayList<>(chunk.getItems());
        store.saveIngested(run, items, readerVersion);
        int n = done.addAndGet(items.size());
        int reused = 0;
        for (IngestResult r : items) {
            reused += r.reused() ? 1 : 0;
            log.debug("{} → {}{}", r.submission().path(), r.accepted() ? "已读取" : "未能读取", r.reused() ? "（内容未变，沿用已存结果）" : "");
        }
        log.info("读取进度 {}/{}（本批 {} 个文件内容未变，沿用已存结果）", n, total, reused);
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        return stepExecution.getExitStatus();
    }
}
