package cn.nianbao.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.testing.WorkbookCells;

/** The output files written side by side on a pool are the files written one after the other. */
class ParallelPublishTest {

    @TempDir
    Path tmp;

    private final TestRuns fixture = new TestRuns();
    private final ExecutorService pool = Executors.newFixedThreadPool(3);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void writesTheSameFilesInTheSameOrderAsOneThread() throws Exception {
        Path one = tmp.resolve("one");
        Path three = tmp.resolve("three");
        List<Path> sequential = new Publisher(fixture.catalogue).publish(fixture.run, one, fixture.content);
        List<Integer> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Path> parallel = new Publisher(fixture.catalogue, pool, 3).publish(fixture.run, three, null, progress::add, fixture.content,
                OutputHistory.NONE);

        assertThat(names(parallel)).isEqualTo(names(sequential)).endsWith("run.json").hasSize(9);
        assertThat(progress).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        for (Path file : sequential) {
            String name = file.getFileName().toString();
            if (name.endsWith(".xlsx")) {
                // a workbook's zip carries its own timestamps: compare what a reader sees
                assertThat(WorkbookCells.cellValues(three.resolve(name))).as(name).isEqualTo(WorkbookCells.cellValues(file));
            } else {
                assertThat(Files.readAllBytes(three.resolve(name))).as(name).isEqualTo(Files.readAllBytes(file));
            }
        }
        assertThat(list(three)).containsExactlyInAnyOrderElementsOf(names(parallel));
    }

    @Test
    void writesFilesSideBySideWhenTheHeapBudgetAllowsIt() throws Exception {
        List<Boolean> met = new java.util.concurrent.CopyOnWriteArrayList<>();
        new Publisher(fixture.catalogue, meeting(pool, java.time.Duration.ofSeconds(30), met), 3, 1L << 30)
                .publish(fixture.run, tmp.resolve("roomy"), fixture.content);

        assertThat(met).as("the first file's writer met a second one already writing").containsExactly(true);
    }

    @Test
    void writesOneFileAtATimeWhenTwoWritersWouldNotFitTheHeapBudget() throws Exception {
        // every writer is reckoned to hold a batch of reports: two of them exceed this budget
        long budget = Publisher.BATCH_OF_REPORTS_BYTES + Publisher.BATCH_OF_REPORTS_BYTES / 2;
        List<Boolean> met = new java.util.concurrent.CopyOnWriteArrayList<>();
        Path out = tmp.resolve("tight");
        List<Path> written = new Publisher(fixture.catalogue, meeting(pool, java.time.Duration.ofMillis(500), met), 3, budget)
                .publish(fixture.run, out, fixture.content);

        assertThat(met).as("the first file's writer waited alone: no second one was started beside it").containsExactly(false);
        assertThat(names(written)).hasSize(9).endsWith("run.json");
    }

    /**
     * An executor on {@code pool} whose first task, before it starts writing, waits up to {@code wait} for a second task
     * to start, and records in {@code met} whether one did. The second can only start beside the first when the
     * publisher lets it: with one writer at a time it is handed over only after the first finished.
     */
    private static java.util.concurrent.Executor meeting(ExecutorService pool, java.time.Duration wait, List<Boolean> met) {
        java.util.concurrent.CountDownLatch twoStarted = new java.util.concurrent.CountDownLatch(2);
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        return command -> pool.execute(() -> {
            twoStarted.countDown();
            if (first.getAndSet(false)) {
                try {
                    met.add(twoStarted.await(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            command.run();
        });
    }

    @Test
    void removesWhatAKilledWriteLeftButNothingElse() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        String stray = ".facts.csv.0b6e1f52-3d7a-4c55-9d1e-2f4a8f7c9a11.tmp";
        String straySummary = ".summary-350502-2020.xlsx.7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f.tmp";
        Files.writeString(out.resolve(stray), "half a file");
        Files.writeString(out.resolve(straySummary), "half a workbook");
        Files.writeString(out.resolve(".notes.tmp"), "the operator's own file");
        Files.writeString(out.resolve(".budget.xlsx.0b6e1f52-3d7a-4c55-9d1e-2f4a8f7c9a11.tmp"), "not one of our outputs");

        new Publisher(fixture.catalogue, pool, 3).publish(fixture.run, out, fixture.content);

        assertThat(out.resolve(stray)).doesNotExist();
        assertThat(out.resolve(straySummary)).doesNotExist();
        assertThat(out.resolve(".notes.tmp")).hasContent("the operator's own file");
        assertThat(out.resolve(".budget.xlsx.0b6e1f52-3d7a-4c55-9d1e-2f4a8f7c9a11.tmp")).exists();
    }

    @Test
    void aFileThatCannotBeWrittenFailsThePublishWithoutRunJsonOrHalfFiles() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        // a folder where exceptions.csv belongs, and where each name it could be kept under instead belongs
        // (AtomicFiles keeps an output it cannot move into place beside it): its write cannot be moved anywhere
        Files.createDirectories(out.resolve("exceptions.csv").resolve("occupied"));
        for (int n = 1; n <= AtomicFiles.ASIDE_NAMES; n++) {
            Files.createDirectories(AtomicFiles.asideName(out.resolve("exceptions.csv"), n).resolve("occupied"));
        }

        assertThatThrownBy(() -> new Publisher(fixture.catalogue, pool, 3).publish(fixture.run, out, fixture.content))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("exceptions.csv");

        assertThat(out.resolve("run.json")).doesNotExist();
        assertThat(list(out)).noneMatch(n -> n.endsWith(".tmp"));
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).toList();
    }

    private static List<String> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
