package cn.nianbao.publish;

import cn.nianbao.history.FindingChanges;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

import cn.nianbao.model.ReportContent;
import cn.nianbao.model.RunResult;
import cn.nianbao.model.UnitTotal;
import cn.nianbao.template.TemplateCatalogue;

/**
 * Writes every file of the output contract (outputs.md) for one run into an output folder. Each file is
 * written atomically; {@code run.json} comes last and lists the others, so its presence means the set is
 * complete. Plain Java: the batch step calls {@link #publish(RunResult, Path, FindingChanges)}.
 */
public final class Publisher {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Publisher.class);

    public static final String FACTS_CSV = "facts.csv";
    public static final String EXCEPTIONS_CSV = "exceptions.csv";
    public static final String SUMMARY_CSV = "summary.csv";
    public static final String EXCEPTIONS_XLSX = "exceptions.xlsx";
    public static final String EXCEPTIONS_HTML = "exceptions.html";
    public static final String NOTICES_XLSX = NoticeWorkbookWriter.FILE;
    public static final String RUN_JSON = "run.json";

    private final CsvOutputs csv;
    private final SummaryWorkbookWriter summaryWorkbook;
    private final ExceptionWorkbookWriter exceptionWorkbook = new ExceptionWorkbookWriter();
    private final ExceptionPageWriter exceptionPage = new ExceptionPageWriter();
    private final NoticeWorkbookWriter notices = new NoticeWorkbookWriter();
    private final RunJsonWriter runJson = new RunJsonWriter();

    private final java.util.concurrent.Executor executor;
    private final int parallelism;
    /** The heap the files being written side by side may together be expected to hold. */
    private final long heapBudget;

    /** A publisher that writes one file after the other on the calling thread. */
    public Publisher(TemplateCatalogue catalogue) {
        this(catalogue, Runnable::run, 1);
    }

    /**
     * A publisher that writes up to {@code parallelism} files at a time on {@code executor}: the files are
     * independent, and facts.csv alone takes about as long as all the others together.
     */
    public Publisher(TemplateCatalogue catalogue, java.util.concurrent.Executor executor, int parallelism) {
        this(catalogue, executor, parallelism, Runtime.getRuntime().maxMemory() / 4);
    }

    /**
     * As {@link #Publisher(TemplateCatalogue, java.util.concurrent.Executor, int)}, the files written side by side
     * expected to hold at most {@code heapBudget} bytes together: a summary workbook holds its unit's values as a grid
     * ({@link SummaryWorkbookWriter#heapBytes}), some 50 MB for a unit of 50,000 reports, and two of those at once
     * would not fit a small heap. By default a quarter of the maximum heap.
     */
    public Publisher(TemplateCatalogue catalogue, java.util.concurrent.Executor executor, int parallelism, long heapBudget) {
        this.csv = new CsvOutputs(catalogue);
        this.summaryWorkbook = new SummaryWorkbookWriter(catalogue);
        this.executor = executor;
        this.parallelism = Math.max(1, parallelism);
        this.heapBudget = Math.max(1, heapBudget);
    }

    /** Publishes a first run (no comparison with a previous one). */
    public List<Path> publish(RunResult run, Path outputFolder, ReportContent content) throws IOException {
        return publish(run, outputFolder, null, content);
    }

    /**
     * Writes all outputs and returns their paths in the order written (run.json last). The run's reports (and the
     * roll-ups' included reports) are headers: their datapoints are read from {@code content} one batch at a time.
     *
     * @param changes new / resolved / still-open findings against the previous run, or null on a first run
     */
    public List<Path> publish(RunResult run, Path outputFolder, FindingChanges changes, ReportContent content) throws IOException {
        return publish(run, outputFolder, changes, count -> { }, content, OutputHistory.NONE);
    }

    /**
     * As {@link #publish(RunResult, Path, FindingChanges, ReportContent)}, telling {@code progress} how many files are
     * written after each one, and leaving facts.csv and each summary workbook in place when {@code history} shows what
     * it holds would not change and nobody touched it since (see {@link OutputHistory}).
     */
    public List<Path> publish(RunResult run, Path outputFolder, FindingChanges changes, IntConsumer progress,
                              ReportContent content, OutputHistory history) throws IOException {
        return publish(run, outputFolder, changes, progress, content, history, Review.plain());
    }

    /**
     * As {@link #publish(RunResult, Path, FindingChanges, IntConsumer, ReportContent, OutputHistory)}, the exception
     * outputs with {@code review}: the rules' Chinese names, the roster's order, the job's decisions and what the
     * 整改通知 say.
     */
    public List<Path> publish(RunResult run, Path outputFolder, FindingChanges changes, IntConsumer progress,
                              ReportContent content, OutputHistory history, Review review) throws IOException {
        Files.createDirectories(outputFolder);
        removeStrayTemporaries(outputFolder);
        // Each file in the contract's order; they are independent of each other, so they are written side by side
        // (facts.csv, the largest, first) and collected in this order. run.json comes last and names them all.
        List<FileTask> tasks = new ArrayList<>();
        tasks.add(batchOfReports(() -> facts(run, content, outputFolder.resolve(FACTS_CSV), history)));
        tasks.add(batchOfReports(() -> csv.writeExceptions(nonNull(run.findings()), review, outputFolder.resolve(EXCEPTIONS_CSV))));
        tasks.add(batchOfReports(() -> csv.writeSummary(nonNull(run.unitTotals()), outputFolder.resolve(SUMMARY_CSV))));
        Set<String> summaryNames = new HashSet<>();
        for (UnitTotal unit : nonNull(run.unitTotals())) {
            String name = SummaryWorkbookWriter.fileName(unit);
            if (!summaryNames.add(name)) {
                // two units whose codes clean up to the same file name must not overwrite each other
                throw new IllegalStateException("two roll-up units would both be written to " + name);
            }
            Path target = outputFolder.resolve(name);
            tasks.add(new FileTask(() -> unlessUnchanged(name, summaryWorkbook.contentKey(unit, history.program(), target),
                    target, history, () -> summaryWorkbook.write(unit, target, content)),
                    BATCH_OF_REPORTS_BYTES + summaryWorkbook.heapBytes(unit)));
        }
        // recorded as written, so that the next run can tell whether an auditor saved it since (DecisionSources)
        tasks.add(batchOfReports(() -> recorded(EXCEPTIONS_XLSX, outputFolder.resolve(EXCEPTIONS_XLSX), history,
                () -> exceptionWorkbook.write(run, changes, review, outputFolder.resolve(EXCEPTIONS_XLSX)))));
        tasks.add(batchOfReports(() -> exceptionPage.write(run, changes, review, outputFolder.resolve(EXCEPTIONS_HTML))));
        tasks.add(batchOfReports(() -> notices.write(run, review, outputFolder.resolve(NOTICES_XLSX))));

        Written written = new Written(progress);
        for (Path p : writeAll(tasks)) {
            written.add(p);
        }
        List<String> names = new ArrayList<>();
        for (Path p : written) {
            names.add(p.getFileName().toString());
        }
        names.add(RUN_JSON);
        written.add(runJson.write(run, names, outputFolder.resolve(RUN_JSON)));
        return written.paths;
    }

    /**
     * facts.csv: left as it is when its bytes would not change and it was not touched since; otherwise written, the rows
     * of the reports that did not change copied from the file as the last run left it (when nobody touched it since),
     * the others read from the store. Either way, where each report's rows lie is recorded for the next run.
     */
    private Path facts(RunResult run, ReportContent content, Path target, OutputHistory history) throws IOException {
        List<cn.nianbao.model.ReportHeader> reports = CsvOutputs.inFactsOrder(nonNull(run.reports())); // ordered once for both
        return unlessUnchanged(FACTS_CSV, csv.factsKey(reports, history.program(), target), target, history, () -> {
            // the file as the last run left it (same size and time): its rows can be copied
            OutputHistory.State now = OutputHistory.State.of("", target);
            boolean untouched = now != null && history.last(FACTS_CSV).filter(l -> l.sizeBytes() == now.sizeBytes()
                    && l.modifiedMicros() == now.modifiedMicros()).isPresent();
            Map<String, OutputHistory.Piece> earlier = untouched ? history.pieces(FACTS_CSV) : Map.of();
            CsvOutputs.FactsWritten written;
            try {
                written = csv.writeFacts(reports, content, target, history.program(), target, earlier);
            } catch (IOException e) {
                if (earlier.isEmpty()) {
                    throw e;
                }
                // changed under us since it was checked: written whole
                log.warn("无法沿用上次写出的 {}（{}），重新写出全部内容", FACTS_CSV, e.getMessage());
                written = csv.writeFacts(reports, content, target, history.program(), null, Map.of());
            }
            if (!earlier.isEmpty()) {
                log.info("{}：{} 份报表的行沿用上次写出的文件，{} 份报表的行重新写出", FACTS_CSV, written.copied(),
                        reports.size() - written.copied());
            }
            if (written.path().equals(target)) {
                history.recordPieces(FACTS_CSV, written.pieces());
            }
            return written.path();
        });
    }

    /**
     * Writes {@code target}, unless an earlier run recorded the same content key for it and it still has the size and
     * time that run left it with (see {@link OutputHistory}); either way records it for the next run, a file left in
     * place with where its reports lie, as the run that wrote it recorded.
     */
    private static Path unlessUnchanged(String name, String key, Path target, OutputHistory history, Write write)
            throws IOException {
        OutputHistory.State now = OutputHistory.State.of(key, target);
        if (now != null && history.last(name).filter(now::equals).isPresent()) {
            log.info("{} 的内容不会变化，且上次写出后未被改动，保留原文件（{} 字节）", name, now.sizeBytes());
            Map<String, OutputHistory.Piece> pieces = history.pieces(name); // (before this run's record hides them)
            history.record(name, now);
            if (!pieces.isEmpty()) {
                history.recordPieces(name, pieces); // the file's reports lie where they did
            }
            return target;
        }
        Path written = write.write();
        if (written.equals(target)) {
            history.record(name, OutputHistory.State.of(key, target));
        } // else kept aside (the target is open elsewhere): no record, so the next run writes the target again
        return written;
    }

    /** Writes {@code target} and records the file it left (not a copy kept beside it: the target is then unchanged). */
    private static Path recorded(String name, Path target, OutputHistory history, Write write) throws IOException {
        Path written = write.write();
        if (written.equals(target)) {
            history.record(name, OutputHistory.State.of(history.program(), target));
        }
        return written;
    }

    /** Writes one output file and returns its path. */
    @FunctionalInterface
    private interface Write {
        Path write() throws IOException;
    }

    /** An output file to write, and the heap its writer is expected to hold at most. */
    private record FileTask(Write write, long heapBytes) {
    }

    /**
     * What a writer that reads the reports' datapoints a batch at a time holds (a batch of {@code ContentStore}'s 100
     * reports, each some hundreds of datapoints as objects), or a writer of a run's findings.
     */
    static final long BATCH_OF_REPORTS_BYTES = 8L << 20;

    private static FileTask batchOfReports(Write write) {
        return new FileTask(write, BATCH_OF_REPORTS_BYTES);
    }

    /**
     * Runs the tasks on the executor, at most {@code parallelism} at a time and together expected to hold at most
     * {@code heapBudget} bytes (a task expected to need more than the whole budget runs alone), and returns their paths
     * in the tasks' order. Tasks start in order: a large one waits for the heap the running ones hold, and the ones after
     * it wait behind it. When one fails, the ones not yet started are not started, and the failure is thrown once the
     * running ones have finished (each file is atomic: a failed one leaves no half file behind).
     */
    private List<Path> writeAll(List<FileTask> tasks) throws IOException {
        List<java.util.concurrent.CompletableFuture<Path>> futures = new ArrayList<>();
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(parallelism);
        int budgetKb = (int) Math.min(Integer.MAX_VALUE, Math.max(1, heapBudget >> 10));
        java.util.concurrent.Semaphore heap = new java.util.concurrent.Semaphore(budgetKb);
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        for (FileTask task : tasks) {
            int needKb = (int) Math.min(budgetKb, Math.max(1, task.heapBytes() >> 10));
            slots.acquireUninterruptibly();
            heap.acquireUninterruptibly(needKb);
            if (failed.get()) {
                heap.release(needKb);
                slots.release();
                break;
            }
            futures.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                long started = System.nanoTime();
                try {
                    Path written = task.write().write();
                    // one line per file: facts.csv of a province takes minutes, and the operator sees it move on
                    log.info("已写出 {}（{} 字节，用时 {} 秒）", written.getFileName(), String.format("%,d", sizeOf(written)),
                            String.format("%.1f", (System.nanoTime() - started) / 1e9));
                    return written;
                } catch (IOException e) {
                    failed.set(true); // before the slot is released, so that no further file is started
                    throw new java.io.UncheckedIOException(e);
                } catch (RuntimeException | Error e) {
                    failed.set(true);
                    throw e;
                } finally {
                    heap.release(needKb);
                    slots.release();
                }
            }, executor));
        }
        List<Path> paths = new ArrayList<>();
        Throwable failure = null;
        for (var f : futures) {
            try {
                paths.add(f.join());
            } catch (java.util.concurrent.CompletionException e) {
                if (failure == null) {
                    failure = e.getCause() != null ? e.getCause() : e;
                }
            }
        }
        if (failure instanceof java.io.UncheckedIOException io) {
            throw io.getCause();
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        return paths;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * A process killed while writing leaves its temporary file ({@code .facts.csv.<uuid>.tmp}, see
     * {@link AtomicFiles}): the next publish into the folder removes such leftovers of this class's own files.
     */
    private static void removeStrayTemporaries(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (AtomicFiles.isTemporary(name) && isOurs(name.substring(1, name.length() - AtomicFiles.TEMP_SUFFIX_LENGTH))) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static boolean isOurs(String output) {
        return output.equals(FACTS_CSV) || output.equals(EXCEPTIONS_CSV) || output.equals(SUMMARY_CSV)
                || output.equals(EXCEPTIONS_XLSX) || output.equals(EXCEPTIONS_HTML) || output.equals(NOTICES_XLSX)
                || output.equals(RUN_JSON)
                || (output.startsWith("summary-") && output.endsWith(".xlsx"));
    }

    /** The files written so far, reported to a progress listener one by one. */
    private static final class Written implements Iterable<Path> {
        private final List<Path> paths = new ArrayList<>();
        private final IntConsumer progress;

        Written(IntConsumer progress) {
            this.progress = progress;
        }

        void add(Path p) {
            paths.add(p);
            progress.accept(paths.size());
        }

        @Override
        public java.util.Iterator<Path> iterator() {
            return paths.iterator();
        }
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
