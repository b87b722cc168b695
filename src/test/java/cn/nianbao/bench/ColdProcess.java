package cn.nianbao.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command run as its own process, as a user or a scheduler starts it, timed from outside: wall time, and the CPU
 * (user + system) the process and its children used, which the shell's {@code times} reports and Java cannot read of
 * a finished process. Its output goes to a log file. Linux and macOS (bash).
 */
final class ColdProcess {

    private static final Pattern TIMES = Pattern.compile("(\\d+)m([\\d.]+)s\\s+(\\d+)m([\\d.]+)s");

    /** What one run took; {@code cpu} is NaN when the shell did not say. */
    record Timed(double wall, double cpu, int exit) {
    }

    private ColdProcess() {
    }

    static Timed run(Path dir, List<String> command, Map<String, String> environment, Path log)
            throws IOException, InterruptedException {
        List<String> shell = new ArrayList<>(List.of("bash", "-c", "\"$@\" >>\"$BENCH_LOG\" 2>&1; s=$?; times; exit $s", "timed"));
        shell.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(shell).directory(dir.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("BENCH_LOG", log.toString());
        builder.environment().put("LANG", "C.UTF-8");
        builder.environment().put("LC_ALL", "C.UTF-8");
        Files.createDirectories(log.getParent());
        long start = System.nanoTime();
        Process process = builder.start();
        String times = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        double wall = (System.nanoTime() - start) / 1e9;
        String[] lines = times.strip().split("\n");
        Matcher children = TIMES.matcher(lines[lines.length - 1]);
        double cpu = children.find() ? seconds(children, 1) + seconds(children, 3) : Double.NaN;
        return new Timed(wall, cpu, exit);
    }

    /** The median of each figure; the exit status is the worst of them. */
    static Timed median(List<Timed> timings) {
        double[] wall = timings.stream().mapToDouble(Timed::wall).sorted().toArray();
        double[] cpu = timings.stream().mapToDouble(Timed::cpu).sorted().toArray();
        int exit = timings.stream().mapToInt(Timed::exit).max().orElse(0);
        return new Timed(wall[wall.length / 2], cpu[cpu.length / 2], exit);
    }

    /** This JVM's java executable: the references and the job run on the same JVM as the benchmark. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** This JVM's class path with every entry absolute, for processes started in another folder. */
    static String absoluteClassPath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            entries.add(Path.of(entry).toAbsolutePath().toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static double seconds(Matcher m, int group) {
        return Integer.parseInt(m.group(group)) * 60 + Double.parseDouble(m.group(group + 1));
    }
}
