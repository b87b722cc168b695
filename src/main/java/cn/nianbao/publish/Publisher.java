package cn.nianbao.publish;

import cn.nianbao.validate.FindingChanges;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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

    public static final String FACTS_CSV = "facts.csv";
    public static final String EXCEPTIONS_CSV = "exceptions.csv";
    public static final String SUMMARY_CSV = "summary.csv";
    public static final String EXCEPTIONS_XLSX = "exceptions.xlsx";
    public static final String EXCEPTIONS_HTML = "exceptions.html";
    public static final String RUN_JSON = "run.json";

    private final CsvOutputs csv;
    private final SummaryWorkbookWriter summaryWorkbook;
    private final ExceptionWorkbookWriter exceptionWorkbook = new ExceptionWorkbookWriter();
    private final ExceptionPageWriter exceptionPage = new ExceptionPageWriter();
    private final RunJsonWriter runJson = new RunJsonWriter();

    public Publisher(TemplateCatalogue catalogue) {
        this.csv = new CsvOutputs(catalogue);
        this.summaryWorkbook = new SummaryWorkbookWriter(catalogue);
    }

    /** Publishes a first run (no comparison with a previous one). */
    public List<Path> publish(RunResult run, Path outputFolder) throws IOException {
        return publish(run, outputFolder, null);
    }

    /**
     * Writes all outputs and returns their paths in the order written (run.json last).
     *
     * @param changes new / resolved / still-open findings against the previous run, or null on a first run
     */
    public List<Path> publish(RunResult run, Path outputFolder, FindingChanges changes) throws IOException {
        return publish(run, outputFolder, changes, count -> { });
    }

    /**
     * As {@link #publish(RunResult, Path, FindingChanges)}, telling {@code progress} how many files are
     * written after each one (the batch step's test hook uses it to stop between two files).
     */
    public List<Path> publish(RunResult run, Path outputFolder, FindingChanges changes, IntConsumer progress) throws IOException {
        return publish(run, outputFolder, changes, progress, ReportContent.inMemory());
    }

    /**
     * As {@link #publish(RunResult, Path, FindingChanges, IntConsumer)} for a run whose reports (and the
     * roll-ups' included reports) are headers: their datapoints are read from {@code content} one batch at a time.
     */
    public List<Path> publish(RunResult run, Path outputFolder, FindingChanges changes, IntConsumer progress,
                              ReportContent content) throws IOException {
        Files.createDirectories(outputFolder);
        Written written = new Written(progress);
        written.add(csv.writeFacts(nonNull(run.reports()), content, outputFolder.resolve(FACTS_CSV)));
        written.add(csv.writeExceptions(nonNull(run.findings()), outputFolder.resolve(EXCEPTIONS_CSV)));
        written.add(csv.writeSummary(nonNull(run.unitTotals()), outputFolder.resolve(SUMMARY_CSV)));
        Set<String> summaryNames = new HashSet<>();
        for (UnitTotal unit : nonNull(run.unitTotals())) {
            String name = SummaryWorkbookWriter.fileName(unit);
            if (!summaryNames.add(name)) {
                // two units whose codes clean up to the same file name must not overwrite each other
                throw new IllegalStateException("two roll-up units would both be written to " + name);
            }
            written.add(summaryWorkbook.write(unit, nonNull(run.findings()), outputFolder.resolve(name), content));
        }
        written.add(exceptionWorkbook.write(run, outputFolder.resolve(EXCEPTIONS_XLSX)));
        written.add(exceptionPage.write(run, changes, outputFolder.resolve(EXCEPTIONS_HTML)));
        List<String> names = new ArrayList<>();
        for (Path p : written) {
            names.add(p.getFileName().toString());
        }
        names.add(RUN_JSON);
        written.add(runJson.write(run, names, outputFolder.resolve(RUN_JSON)));
        return written.paths;
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
