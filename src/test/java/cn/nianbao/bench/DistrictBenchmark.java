package cn.nianbao.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import cn.nianbao.bench.ColdProcess.Timed;

/**
 * A district's run as its user starts it, against the reference a run is measured by: separate cold processes, each
 * repeated and taken at its median. Run by {@code bench/run.sh district} (bench/README.md).
 * <ul>
 * <li>the reference: {@link PoiReadAll} reading every cell of the README's 13 sample files, one thread;</li>
 * <li>the README's run through the launcher (target/nianbao/nianbao) on a fresh database, and again with nothing
 * changed;</li>
 * <li>the same first run through {@code java -jar target/nianbao.jar}, the baseline the launcher is compared with.</li>
 * </ul>
 * Every process gets {@code -Xmx256m}. Wall and CPU time (user + system of the process and its children, from the
 * shell's {@code times}) are both printed; the targets are on wall time, what the user waits for.
 */
public final class DistrictBenchmark {

    private DistrictBenchmark() {
    }

    /** {@code DistrictBenchmark WORK_DIR [REPEATS]}, from the repository's root, on the test class path. */
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        String classPath = ColdProcess.absoluteClassPath();
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path root = Path.of("").toAbsolutePath();
        Path input = root.resolve("sample-input/2020");
        Path job = writeJob(work, root.resolve("jobs/licheng-2020.yml"), input);
        Path out = work.resolve("out");
        PrintStream o = System.out;

        o.printf("== district: the README's run (%s, %d report files), cold processes, median of %d; load %s ==%n",
                root.relativize(input), PoiReadAll.files(input.toString()).size(), repeats, Benchmark.loadAverage());
        String java = ColdProcess.java();
        List<Timed> reference = new ArrayList<>();
        List<Timed> first = new ArrayList<>();
        List<Timed> again = new ArrayList<>();
        List<Timed> jar = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            // interleaved, so that a change in the machine's load falls on every measurement alike
            reference.add(time(work, List.of(java, "-Xmx256m", "-cp", classPath, PoiReadAll.class.getName(), input.toString())));
            Benchmark.deleteTree(out);
            first.add(time(work, List.of(root.resolve("target/nianbao/nianbao").toString(), "consolidate", "--job", job.toString())));
            again.add(time(work, List.of(root.resolve("target/nianbao/nianbao").toString(), "consolidate", "--job", job.toString())));
            Benchmark.deleteTree(out);
            jar.add(time(work, List.of(java, "-Xmx256m", "-jar", root.resolve("target/nianbao.jar").toString(), "consolidate",
                    "--job", job.toString())));
        }
        Timed ref = ColdProcess.median(reference);
        Timed run = ColdProcess.median(first);
        Timed rerun = ColdProcess.median(again);
        Timed baseline = ColdProcess.median(jar);
        o.printf("  %-44s %8s %8s %8s %8s%n", "", "wall s", "CPU s", "× ref", "CPU × ref");
        row(o, "POI usermodel read, 1 thread (reference)", ref, ref);
        row(o, "first run, fresh database (launcher)", run, ref);
        row(o, "unchanged re-run (launcher)", rerun, ref);
        row(o, "first run, java -jar nianbao.jar (baseline)", baseline, ref);
        o.printf("  load after: %s%n", Benchmark.loadAverage());
        boolean ok = Stream.of(reference, first, again, jar).flatMap(List::stream).allMatch(t -> t.exit() == 0);
        o.println("== targets ==");
        if (!ok) {
            o.println("  A RUN FAILED: every target below counts as FAIL");
        }
        target(o, "district first run ≤ 2× the reference", ok && run.wall() <= 2 * ref.wall(), run.wall() / ref.wall());
        target(o, "unchanged re-run ≤ 1× the reference", ok && rerun.wall() <= ref.wall(), rerun.wall() / ref.wall());
        o.printf("RESULT district wall_ref=%.2f wall_first=%.2f wall_rerun=%.2f wall_jar=%.2f cpu_ref=%.2f cpu_first=%.2f cpu_rerun=%.2f%n",
                ref.wall(), run.wall(), rerun.wall(), baseline.wall(), ref.cpu(), run.cpu(), rerun.cpu());
        System.exit(ok ? 0 : 3);
    }

    private static Timed time(Path work, List<String> command) throws IOException, InterruptedException {
        return ColdProcess.run(work, command, Map.of("JAVA_OPTS", "-Xmx256m"), work.resolve("runs.log"));
    }

    private static void row(PrintStream o, String what, Timed t, Timed ref) {
        o.printf("  %-44s %8.2f %8.2f %7.2f× %8.2f×%s%n", what, t.wall(), t.cpu(), t.wall() / ref.wall(), t.cpu() / ref.cpu(),
                t.exit() == 0 ? "" : "  (exit " + t.exit() + ")");
    }

    private static void target(PrintStream o, String what, boolean pass, double ratio) {
        o.printf("  %-5s %s: %.2f×%n", pass ? "PASS" : "FAIL", what, ratio);
    }

    /** The README's job file with its input where it is and its output (and so its database) in the work folder. */
    private static Path writeJob(Path work, Path readmeJob, Path input) throws IOException {
        Files.createDirectories(work);
        StringBuilder job = new StringBuilder();
        for (String line : Files.readAllLines(readmeJob)) {
            if (line.startsWith("input:")) {
                line = "input: " + input;
            } else if (line.startsWith("output:")) {
                line = "output: " + work.resolve("out/licheng-2020");
            }
            job.append(line).append('\n');
        }
        Path file = work.resolve("licheng-2020.yml");
        Files.writeString(file, job);
        return file;
    }
}
