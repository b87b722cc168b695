package cn.nianbao.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.io.TempDir;

/** The harness works end to end on a tiny corpus. Timing is never asserted, only that numbers came out. */
class BenchmarkSmokeTest {

    @TempDir
    Path work;

    @Test
    void producesAResultsLineWithNumbers() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        Benchmark.Result r = Benchmark.run(new Benchmark.Options(20, work, 7L, 0, true, true), out);

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, r.first().exitCode(), text);
        assertEquals(0, r.rerun().exitCode(), text);
        assertEquals(0, r.sameCommand().exitCode(), text);
        assertTrue(text.contains("nightly re-run, same command, no file touched"), text);
        // the night with resubmissions: agency 0 of 10 resubmitted both reports into the district's folder of hard links
        // to the corpus, which must not have been written through
        assertEquals(0, r.resubmitted().exitCode(), text);
        assertEquals(2, r.resubmittedWorkbooks());
        Path corpus = work.resolve("n20-s7").resolve("input");
        Path night = work.resolve("n20-s7").resolve("district").resolve("input");
        int differ = 0;
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path n = night.resolve(corpus.relativize(f).toString());
                if (!Files.isSameFile(f, n)) {
                    differ++;
                    assertTrue(Files.mismatch(f, n) >= 0, "a resubmitted workbook has other bytes than the corpus's: " + n);
                }
            }
        }
        assertEquals(2, differ, "only the resubmitted workbooks are new files; the corpus's own are untouched");
        assertTrue(text.contains("nightly re-run, 1 % of agencies resubmitted (2 workbooks changed)"), text);
        assertEquals(20, r.n());
        assertTrue(r.xls() > 0, "the corpus mixes in .xls files");
        assertEquals(5, r.first().steps().size(), "ingest, validate, rollup, dispositions, publish: " + r.first().steps());
        assertEquals(20, r.first().steps().get(0).read(), "ingest read every workbook");
        assertEquals(4, r.references().size());
        // the job ran as its own process: its CPU from the shell, its heap from its GC log; the reference too
        assertTrue(r.first().cpu().processSeconds() > 0, "the job process's CPU: " + r.first().cpu());
        assertTrue(r.first().peakHeapBytes() > 0 && r.first().peakHeapBytes() <= 256L << 20, "heap from the GC log: " + r.first());
        assertEquals(0, r.poiProcess().exit(), text);
        assertTrue(r.poiProcess().cpu() > 0, "the reference process's CPU: " + r.poiProcess());
        assertTrue(text.contains("a cold process on the test class path (no launcher)"), text);
        assertTrue(text.contains("a night with 1 % of agencies resubmitted ≤ 0.10 of the first run"), text);

        Matcher m = Pattern.compile("RESULT n=20 warm_up=0 exit=0 workbooks_per_s=([0-9.]+) wall_s=([0-9.]+) job_s=([0-9.]+) peak_heap_mb=([0-9.]+)"
                + " peak_rss_mb=-?[0-9.]+ poi1=([0-9.]+) poi2=([0-9.]+) lb1=([0-9.]+) lb2=([0-9.]+) rerun_fraction=([0-9.]+)"
                + " same_command_fraction=([0-9.]+) db=h2 resubmitted_fraction=([0-9.]+) mode=cold poi_process_s=([0-9.]+)").matcher(text);
        assertTrue(m.find(), text);
        for (int g = 1; g <= m.groupCount(); g++) {
            assertTrue(Double.parseDouble(m.group(g)) > 0, "group " + g + " in " + m.group());
        }

        // a second invocation with the same N and seed reuses the corpus; with --warm-up 10 the job first runs
        // on a corpus of 10 other workbooks, and the result line says so
        bytes.reset();
        Benchmark.Result again = Benchmark.run(new Benchmark.Options(20, work, 7L, 0, false, false, null, 10), out);
        String warmText = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(again.generationReused());
        assertEquals(0, again.first().exitCode(), warmText);
        assertTrue(warmText.contains("warm-up (untimed for the results): the job on 10 other workbooks, exit 0"), warmText);
        assertTrue(warmText.contains("RESULT n=20 warm_up=10 exit=0"), warmText);
        assertTrue(warmText.contains("mode=in_process"), warmText);
        if (Files.isDirectory(Path.of("/proc/self/task"))) {
            // in process, CPU by thread: the run's own step thread shows, and the groups stay within the process's
            // total (each thread's time is read from /proc, the total from the JVM)
            var cpu = again.first().cpu();
            assertTrue(cpu.seconds().getOrDefault(ThreadCpu.Group.STEP, 0.0) > 0, "step thread CPU: " + cpu);
            assertTrue(cpu.attributed() <= cpu.processSeconds() * 1.05 + 0.1, "groups within the process total: " + cpu);
            assertTrue(warmText.contains("CPU during the run, core-seconds by thread"), warmText);
        }
        assertTrue(Files.size(work.resolve("n10-s7").resolve("warm-up-out").resolve("facts.csv")) > 0, "the warm-up ran the real job");
    }

    @Test
    void runsTheJobOnAPostgresServerWhenGivenOne() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            Benchmark.Database db = new Benchmark.Database(pg.getJdbcUrl("postgres", "postgres"), "postgres", "");
            // twice: the second run must start from an emptied schema, not find the first run's job instance
            for (int i = 0; i < 2; i++) {
                Benchmark.Result r = Benchmark.run(new Benchmark.Options(20, work, 7L, 0, false, false, db), out);
                String text = bytes.toString(StandardCharsets.UTF_8);
                assertEquals(0, r.first().exitCode(), text);
                assertEquals("postgresql", r.database());
                assertEquals(5, r.first().steps().size(), "steps read back from PostgreSQL: " + text);
                assertEquals(20, r.first().steps().get(0).read(), "ingest read every workbook on run " + (i + 1) + ": " + text);
            }
            assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("db=postgresql"));
        }
    }
}
