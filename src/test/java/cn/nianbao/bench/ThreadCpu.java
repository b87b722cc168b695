package cn.nianbao.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of this JVM's threads during a job run, by kind of thread: JIT compilers, GC, the ingest readers,
 * the step thread, the publish writers. It shows where a run's CPU went — on 2 cores, what the JIT compiler
 * takes is CPU the job's own threads do not get. Read from {@code /proc/self/task/<tid>/schedstat} (time on CPU
 * in nanoseconds) or, without it, {@code stat}'s user + system ticks; nothing on a system without {@code /proc}.
 *
 * <p>Threads that end during the run (a step's thread pool) would vanish from {@code /proc} with their time,
 * so a daemon thread samples every thread's time twice a second; what a thread used after its last sample is
 * lost (under half a second each) and shows up in {@code unattributed}: the process total
 * ({@code OperatingSystemMXBean.getProcessCpuTime}) less the groups.
 */
final class ThreadCpu {

    /** Kinds of threads, by their names. */
    enum Group {
        JIT("JIT compilers"), GC("GC and VM"), INGEST("ingest readers"), STEP("step thread"), PUBLISH("publish writers"),
        OTHER("other threads");

        final String label;

        Group(String label) {
            this.label = label;
        }

        /** The kind of a thread by its Linux name ({@code comm}: at most 15 characters of its Java name). */
        static Group of(String comm) {
            if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler") || comm.startsWith("Sweeper")) {
                return JIT;
            }
            if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("VM ") || comm.startsWith("ParGC")) {
                return GC;
            }
            if (comm.startsWith("ingest-")) {
                return INGEST;
            }
            if (comm.startsWith("publish-")) {
                return PUBLISH;
            }
            // the JVM's main thread keeps the launcher's name; the benchmark runs the job (and its steps) on it
            return comm.equals("java") || comm.equals("main") ? STEP : OTHER;
        }
    }

    /** Core-seconds per group, and the process's total over the same time. */
    record Usage(Map<Group, Double> seconds, double processSeconds) {

        static final Usage NONE = new Usage(Map.of(), Double.NaN);

        double attributed() {
            return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        double unattributed() {
            return Math.max(0, processSeconds - attributed());
        }

        boolean isEmpty() {
            return seconds.isEmpty();
        }
    }

    private static final Path TASKS = Path.of("/proc/self/task");

    private final Map<String, Long> baseline;
    private final Map<String, Long> latest = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private final long processBaseline;
    private final Thread sampler;
    private volatile boolean running = true;

    private ThreadCpu() {
        this.processBaseline = processCpuNanos();
        this.baseline = snapshot(new HashMap<>());
        this.sampler = new Thread(this::sample, "bench-cpu");
        this.sampler.setDaemon(true);
    }

    /** Starts watching; {@link #stop()} gives the usage since this call. Empty usage where there is no {@code /proc}. */
    static ThreadCpu start() {
        ThreadCpu t = new ThreadCpu();
        if (Files.isDirectory(TASKS)) {
            t.sampler.start();
        }
        return t;
    }

    Usage stop() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            snapshot(latest);
            if (latest.isEmpty()) {
                return Usage.NONE;
            }
            Map<Group, Double> seconds = new EnumMap<>(Group.class);
            for (Map.Entry<String, Long> e : latest.entrySet()) {
                long used = e.getValue() - baseline.getOrDefault(e.getKey(), 0L);
                if (used > 0) {
                    seconds.merge(Group.of(names.getOrDefault(e.getKey(), "")), used / 1e9, Double::sum);
                }
            }
            return new Usage(seconds, (processCpuNanos() - processBaseline) / 1e9);
        }
    }

    private void sample() {
        while (running) {
            synchronized (this) {
                snapshot(latest);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Every live thread's CPU time in nanoseconds into {@code into}, keyed by thread id; remembers the names. */
    private Map<String, Long> snapshot(Map<String, Long> into) {
        if (!Files.isDirectory(TASKS)) {
            return into;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String tid = task.getFileName().toString();
                long nanos = cpuNanos(task);
                if (nanos < 0) {
                    continue; // ended meanwhile
                }
                into.put(tid, nanos);
                names.computeIfAbsent(tid, k -> comm(task));
            }
        } catch (IOException | RuntimeException e) {
            // a thread ending while listed, or /proc not readable: keep what was read
        }
        return into;
    }

    private static long cpuNanos(Path task) {
        try {
            String schedstat = Files.readString(task.resolve("schedstat"), StandardCharsets.US_ASCII).trim();
            return Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
        } catch (IOException | RuntimeException e) {
            // no schedstat (kernel without it): user + system ticks from stat, at the usual 100 per second
        }
        try {
            String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String comm(Path task) {
        try {
            return Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
