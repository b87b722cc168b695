package cn.nianbao.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import cn.nianbao.NianbaoApplication;
import cn.nianbao.ingest.InputScanner;

/**
 * End-to-end benchmark of the consolidation job on a synthetic corpus, with the references its targets are stated
 * against: {@code bench/run.sh [N] …} (bench/README.md says what is measured and how to read it). The job runs as a
 * user runs it, a cold process through the launcher; {@code --in-process} runs it in this JVM instead, which can also
 * tell the CPU of each kind of thread.
 */
public final class Benchmark {

    /** What to run. {@code refLimit}: the reference readers read at most this many of the files (0 = all). */
    public record Options(int n, Path work, long seed, int refLimit, boolean rerun, boolean refs, Database database, int warmUp,
                          Path launcher, boolean inProcess) {
        public Options {
            if (n < 1) {
                throw new IllegalArgumentException("N must be at least 1");
            }
            if (warmUp < 0) {
                throw new IllegalArgumentException("--warm-up needs a number of workbooks ≥ 0");
            }
            if (warmUp > 0 && !inProcess) {
                throw new IllegalArgumentException("--warm-up warms the benchmark's own JVM: it needs --in-process");
            }
        }

        /** The job as a cold process on the classes of this JVM's class path, without the launcher. */
        public Options(int n, Path work, long seed, int refLimit, boolean rerun, boolean refs, Database database, int warmUp) {
            this(n, work, seed, refLimit, rerun, refs, database, warmUp, null, warmUp > 0);
        }

        /** On the embedded H2 default, without a warm-up. */
        public Options(int n, Path work, long seed, int refLimit, boolean rerun, boolean refs) {
            this(n, work, seed, refLimit, rerun, refs, null, 0);
        }

        /** Without a warm-up. */
        public Options(int n, Path work, long seed, int refLimit, boolean rerun, boolean refs, Database database) {
            this(n, work, seed, refLimit, rerun, refs, database, 0);
        }
    }

    /**
     * A database server to run the job on instead of the embedded H2 file (PostgreSQL, for the "within 2×
     * of H2" target). Its {@code public} schema is dropped and re-created before the run: give it a
     * database of its own.
     */
    public record Database(String url, String user, String password) {
        String kind() {
            return url.startsWith("jdbc:postgresql:") ? "postgresql" : url.replaceFirst("^jdbc:([a-z0-9]+):.*$", "$1");
        }
    }

    /** One step of one job execution, from BATCH_STEP_EXECUTION. */
    public record StepTime(String name, double seconds, long read, long write, String status) {
    }

    /** One job run as the benchmark saw it. */
    public record JobRun(int exitCode, double wallSeconds, double jobSeconds, List<StepTime> steps, long peakHeapBytes,
                         long poolPeakSumBytes, long retainedHeapBytes, long peakRssBytes, int gcCount, double gcSeconds,
                         ThreadCpu.Usage cpu) {
    }

    /** Everything measured in one benchmark invocation. */
    public record Result(int n, int xls, double generationSeconds, boolean generationReused, JobRun first, JobRun rerun,
                         List<BenchReaders.Rate> references, JobRun sameCommand, String database, int warmUpWorkbooks,
                         JobRun resubmitted, int resubmittedWorkbooks, ColdProcess.Timed poiProcess, String how) {

        public double workbooksPerSecond() {
            return n / first.wallSeconds();
        }

        /** How the job was started, for comparing like with like across invocations: cold or in_process. */
        String mode() {
            return how.startsWith("in ") ? "in_process" : "cold";
        }

        double ref(BenchReaders.Kind kind, int threads) {
            return references.stream().filter(r -> r.kind() == kind && r.threads() == threads)
                    .mapToDouble(BenchReaders.Rate::filesPerSecond).findFirst().orElse(Double.NaN);
        }
    }

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        cn.nianbao.cli.PoiLogging.useSimpleLogger(); // as the command line does, before the corpus is written with POI
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("usage: Benchmark [N=1000] [--work DIR=bench-work] [--seed S] [--ref-limit M=10000] [--no-rerun] [--no-refs]"
                    + " [--db-url URL --db-user U --db-password P] [--launcher PATH] [--in-process [--warm-up W]]");
            System.exit(2);
            return;
        }
        Result r = run(o, System.out);
        boolean ok = r.first().exitCode() == 0 && (r.rerun() == null || r.rerun().exitCode() == 0)
                && (r.resubmitted() == null || r.resubmitted().exitCode() == 0);
        System.exit(ok ? 0 : 3);
    }

    static Options parse(String[] args) {
        int n = 1000;
        Path work = Path.of("bench-work");
        long seed = 20210106L;
        int refLimit = 10_000;
        boolean rerun = true;
        boolean refs = true;
        String dbUrl = null;
        String dbUser = "";
        String dbPassword = "";
        int warmUp = 0;
        Path launcher = null;
        boolean inProcess = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--work" -> work = Path.of(value(args, ++i, a));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
                case "--ref-limit" -> refLimit = Integer.parseInt(value(args, ++i, a));
                case "--no-rerun" -> rerun = false;
                case "--no-refs" -> refs = false;
                case "--db-url" -> dbUrl = value(args, ++i, a);
                case "--db-user" -> dbUser = value(args, ++i, a);
                case "--db-password" -> dbPassword = value(args, ++i, a);
                case "--n" -> n = parseN(value(args, ++i, a));
                case "--warm-up" -> warmUp = parseN(value(args, ++i, a));
                case "--launcher" -> launcher = Path.of(value(args, ++i, a)).toAbsolutePath();
                case "--in-process" -> inProcess = true;
                default -> {
                    if (a.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + a);
                    }
                    n = parseN(a);
                }
            }
        }
        return new Options(n, work, seed, refLimit, rerun, refs, dbUrl == null ? null : new Database(dbUrl, dbUser, dbPassword),
                warmUp, launcher, inProcess);
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }

    private static int parseN(String s) {
        String t = s.replace("_", "").replace(",", "").toLowerCase(Locale.ROOT);
        if (t.endsWith("k")) {
            return Integer.parseInt(t.substring(0, t.length() - 1)) * 1000;
        }
        return Integer.parseInt(t);
    }

    public static Result run(Options o, PrintStream out) throws Exception {
        Path dir = o.work().toAbsolutePath().normalize().resolve("n" + o.n() + "-s" + o.seed());
        Files.createDirectories(dir);
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf("nianbao benchmark: N=%,d seed=%d work=%s  (JVM max heap %d MB, %d cores, Java %s)%n", o.n(), o.seed(), dir,
                Runtime.getRuntime().maxMemory() >> 20, cores, System.getProperty("java.version"));

        // 1. the corpus
        BenchCorpus.Corpus corpus = BenchCorpus.ensure(dir, o.n(), o.seed(), cores);
        out.printf("generation: %s %,d workbooks (%,d .xls) in %.1f s (%.0f workbooks/s, %d threads)%n",
                corpus.reused() ? "reused" : "wrote", corpus.workbooks(), corpus.xls(), corpus.generationSeconds(),
                corpus.workbooks() / corpus.generationSeconds(), cores);
        List<Path> files = InputScanner.scan(corpus.input()).files();
        if (files.size() != o.n()) {
            throw new IllegalStateException("expected " + o.n() + " workbooks under " + corpus.input() + ", found " + files.size());
        }

        // 1b. optionally, the whole job once on another corpus first, untimed: the references are measured
        // after a warm-up, and this puts the job on the same footing (its classes loaded, its code compiled)
        if (o.warmUp() > 0) {
            warmUp(o, cores, out);
        }

        // 2. the job, on a fresh database
        Path output = dir.resolve("out");
        Path db = dir.resolve(".nianbao-db");
        deleteTree(output);
        deleteTree(db);
        Database database = o.database() != null ? o.database()
                : new Database("jdbc:h2:file:" + db.resolve("nianbao").toString().replace('\\', '/') + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
        // exactly the user's command (the ingest step's progress is a line every 10 s, not one per chunk)
        // The district's input folder: the corpus's files (hard links), which the night below changes in place, as
        // agencies' resubmissions do a district's folder.
        Path input = dir.resolve("district").resolve("input");
        BenchCorpus.mirror(corpus.input(), input);
        List<String> args = new ArrayList<>(List.of("consolidate", "--input", input.toString(), "--out", output.toString()));
        // for diagnosis, e.g. BENCH_JOB_ARGS=--logging.level.cn.nianbao.publish=DEBUG
        String extra = System.getenv("BENCH_JOB_ARGS");
        if (extra != null && !extra.isBlank()) {
            args.addAll(List.of(extra.trim().split("\\s+")));
        }
        if (o.database() != null) {
            emptySchema(database);
            args.addAll(List.of("--spring.datasource.url=" + database.url(), "--spring.datasource.username=" + database.user(),
                    "--spring.datasource.password=" + database.password()));
        }
        String[] cmd = args.toArray(String[]::new);
        out.println("load average before the job (other processes on this machine skew every number): " + loadAverage());
        out.println("job: consolidate --input " + input + " --out " + output + "  (" + (o.database() == null
                ? "fresh H2 database " + db : "database " + database.url() + ", schema public emptied first") + ")");
        JobRun first = runJob(o, cmd, database, dir);
        out.printf("  exit %d, %.2f s wall, %.2f s inside the job  (load average now: %s)%n", first.exitCode(), first.wallSeconds(),
                first.jobSeconds(), loadAverage());

        JobRun second = null;
        JobRun same = null;
        JobRun resubmitted = null;
        int resubmittedWorkbooks = 0;
        if (o.rerun()) {
            // What the nightly schedule does when no agency resubmitted: the same command, files untouched.
            out.println("nightly re-run: the same command, no file touched");
            same = runJob(o, cmd, database, dir);
            out.printf("  exit %d, %.2f s wall  (load average now: %s)%n", same.exitCode(), same.wallSeconds(), loadAverage());
            // Every file's bytes the same but the run forced (as when files are copied in again with new times).
            String[] force = java.util.Arrays.copyOf(cmd, cmd.length + 1);
            force[cmd.length] = "--force";
            out.println("re-run: same inputs, --force");
            second = runJob(o, force, database, dir);
            out.printf("  exit %d, %.2f s wall, %.2f s inside the job  (load average now: %s)%n", second.exitCode(), second.wallSeconds(),
                    second.jobSeconds(), loadAverage());

            // The usual night while agencies resubmit: 1 % of them sent corrected workbooks into the district's folder,
            // the rest are untouched; the same command.
            resubmittedWorkbooks = BenchCorpus.resubmit(input, o.n(), o.seed(), 100);
            String[] nightly = cmd.clone();
            out.printf("nightly re-run, 1 %% of the agencies resubmitted (%,d workbooks with new figures, the rest untouched)%n",
                    resubmittedWorkbooks);
            resubmitted = runJob(o, nightly, database, dir);
            out.printf("  exit %d, %.2f s wall, %.2f s inside the job  (load average now: %s)%n", resubmitted.exitCode(),
                    resubmitted.wallSeconds(), resubmitted.jobSeconds(), loadAverage());
        }

        // 3. the references: what the targets are stated against, a cold single-threaded POI usermodel process reading
        // every cell of every file; then, in this JVM and warmed up, POI and the cheapest possible read on 1 and 2 threads
        ColdProcess.Timed poiProcess = null;
        List<BenchReaders.Rate> refs = new ArrayList<>();
        if (o.refs()) {
            out.printf("reference: a cold single-threaded POI usermodel process reading every cell of the %,d files%n", files.size());
            poiProcess = ColdProcess.run(dir, List.of(ColdProcess.java(), "-Xmx256m", "-cp", ColdProcess.absoluteClassPath(),
                    PoiReadAll.class.getName(), corpus.input().toString()), Map.of(), dir.resolve("logs").resolve("poi.log"));
            out.printf("  exit %d, %.2f s wall, %.2f s CPU  (load average now: %s)%n", poiProcess.exit(), poiProcess.wall(),
                    poiProcess.cpu(), loadAverage());
            List<Path> sample = o.refLimit() > 0 && files.size() > o.refLimit() ? spread(files, o.refLimit()) : files;
            out.printf("references on %,d of the %,d files (warm-up: %d files each, untimed)%n", sample.size(), files.size(),
                    Math.min(1000, sample.size()));
            for (BenchReaders.Kind kind : BenchReaders.Kind.values()) {
                BenchReaders.measure(kind, sample.subList(0, Math.min(1000, sample.size())), 1);
                for (int threads : new int[] {1, 2}) {
                    BenchReaders.Rate r = BenchReaders.measure(kind, sample, threads);
                    refs.add(r);
                    out.printf("  %-13s %d thread%s: %,8.0f files/s  (%.2f s, %,d cells)%n", kind, threads, threads == 1 ? " " : "s",
                            r.filesPerSecond(), r.seconds(), r.cells());
                }
            }
        }

        String how = o.inProcess() ? "in the benchmark's JVM" + (o.warmUp() > 0 ? ", after a warm-up run on " + o.warmUp() + " other workbooks" : "")
                : o.launcher() != null ? "a cold process through the launcher " + o.launcher()
                : "a cold process on the test class path (no launcher)";
        Result result = new Result(o.n(), corpus.xls(), corpus.generationSeconds(), corpus.reused(), first, second, refs, same,
                o.database() == null ? "h2" : database.kind(), o.warmUp(), resubmitted, resubmittedWorkbooks, poiProcess, how);
        report(result, o.work().toAbsolutePath().normalize(), out);
        return result;
    }

    /**
     * Runs the job once, untimed, on its own corpus of {@code o.warmUp()} workbooks (same seed, own folder,
     * own fresh database; on a server database, the schema is emptied before and again before the measured run).
     */
    private static void warmUp(Options o, int cores, PrintStream out) throws Exception {
        Path dir = o.work().toAbsolutePath().normalize().resolve("n" + o.warmUp() + "-s" + o.seed());
        BenchCorpus.Corpus corpus = BenchCorpus.ensure(dir, o.warmUp(), o.seed(), cores);
        Path output = dir.resolve("warm-up-out");
        Path db = dir.resolve(".nianbao-db-warm-up");
        deleteTree(output);
        deleteTree(db);
        List<String> args = new ArrayList<>(List.of("consolidate", "--input", corpus.input().toString(), "--out", output.toString(),
                "--logging.level.cn.nianbao=WARN"));
        if (o.database() != null) {
            emptySchema(o.database());
            args.addAll(List.of("--spring.datasource.url=" + o.database().url(), "--spring.datasource.username=" + o.database().user(),
                    "--spring.datasource.password=" + o.database().password()));
        } else {
            args.add("--spring.datasource.url=jdbc:h2:file:" + db.resolve("nianbao").toString().replace('\\', '/'));
        }
        long t0 = System.nanoTime();
        int exit = NianbaoApplication.run(args.toArray(String[]::new));
        out.printf("warm-up (untimed for the results): the job on %,d other workbooks, exit %d, %.2f s%n", o.warmUp(), exit,
                (System.nanoTime() - t0) / 1e9);
    }

    /** Every k-th file, so a sample keeps the mix of layouts, formats and districts. */
    private static List<Path> spread(List<Path> files, int limit) {
        List<Path> sample = new ArrayList<>(limit);
        double step = (double) files.size() / limit;
        for (int i = 0; i < limit; i++) {
            sample.add(files.get((int) (i * step)));
        }
        return sample;
    }

    /** Drops and re-creates the schema the job will use, so every benchmark run starts from an empty database. */
    private static void emptySchema(Database db) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             java.sql.Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS public CASCADE");
            st.execute("CREATE SCHEMA public");
        }
    }

    /**
     * One run of the job: as its own cold process (through the launcher when one is given, else on this JVM's class
     * path), timed from outside, its heap read from the GC log; or, with --in-process, in this JVM, which can also tell
     * the CPU of each kind of thread.
     */
    private static JobRun runJob(Options o, String[] args, Database db, Path dir) throws Exception {
        if (o.inProcess()) {
            return runInProcess(args, db);
        }
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path gcLog = logs.resolve("gc-" + COLD_RUNS.incrementAndGet() + ".log");
        String jvm = "-Xmx" + Objects.requireNonNullElse(System.getenv("BENCH_XMX"), "256m") + " -Xlog:gc,gc+heap+exit:file=" + gcLog
                + " " + Objects.requireNonNullElse(System.getenv("JAVA_OPTS"), "");
        jvm = jvm.strip();
        List<String> command = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        if (o.launcher() != null) {
            command.add(o.launcher().toString());
            env.put("JAVA_OPTS", jvm);
        } else {
            command.add(ColdProcess.java());
            command.addAll(List.of(jvm.split("\\s+")));
            command.addAll(List.of("-cp", ColdProcess.absoluteClassPath(), NianbaoApplication.class.getName()));
        }
        command.addAll(List.of(args));
        ColdProcess.Timed t = ColdProcess.run(dir, command, env, logs.resolve("job.log"));
        GcLog gc = GcLog.read(gcLog);
        List<StepTime> steps = new ArrayList<>();
        double job = readSteps(db, steps);
        return new JobRun(t.exit(), t.wall(), job, steps, gc.peakHeapBytes(), -1, -1, -1, gc.collections(), gc.pauseSeconds(),
                new ThreadCpu.Usage(Map.of(), t.cpu()));
    }

    private static final java.util.concurrent.atomic.AtomicInteger COLD_RUNS = new java.util.concurrent.atomic.AtomicInteger();

    private static JobRun runInProcess(String[] args, Database db) throws Exception {
        System.gc();
        resetPeaks();
        HeapWatch watch = HeapWatch.start();
        ThreadCpu cpu = ThreadCpu.start();
        long t0 = System.nanoTime();
        int exit;
        ThreadCpu.Usage usage;
        try {
            exit = NianbaoApplication.run(args);
        } finally {
            usage = cpu.stop();
            watch.stop();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        long poolSum = poolPeakSum();
        long rss = vmHwm();
        long peak = Math.max(watch.peakBeforeGc(), heapUsedNow());
        System.gc();
        long retained = heapUsedNow();
        List<StepTime> steps = new ArrayList<>();
        double job = readSteps(db, steps);
        return new JobRun(exit, wall, job, steps, peak, poolSum, retained, rss, watch.collections(), watch.pauseSeconds(), usage);
    }

    /** 1, 5 and 15 minute load averages from /proc/loadavg, or "?" off Linux. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static long heapUsedNow() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    // ------------------------------------------------------------------ memory

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        // Linux: writing 5 to clear_refs resets VmHWM to the current RSS (since 4.0). Best effort.
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            // not Linux, or not allowed: VmHWM then counts from JVM start
        }
    }

    /**
     * Sum of the heap pools' peaks: an upper bound on the true peak, and a loose one (eden peaks just
     * before a young collection, old gen later), so it can exceed -Xmx. Printed, not judged.
     */
    private static long poolPeakSum() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static long vmHwm() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    // ------------------------------------------------------------------ job repository

    /** The last job execution's steps, from the job repository; returns the job's own duration in seconds. */
    private static double readSteps(Database db, List<StepTime> steps) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            long exec;
            double job;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT JOB_EXECUTION_ID, START_TIME, END_TIME FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID DESC LIMIT 1");
                 ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Double.NaN;
                }
                exec = rs.getLong(1);
                job = seconds(rs.getTimestamp(2), rs.getTimestamp(3));
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT STEP_NAME, START_TIME, END_TIME, READ_COUNT, WRITE_COUNT, STATUS "
                    + "FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? ORDER BY STEP_EXECUTION_ID")) {
                ps.setLong(1, exec);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        steps.add(new StepTime(rs.getString(1), seconds(rs.getTimestamp(2), rs.getTimestamp(3)), rs.getLong(4),
                                rs.getLong(5), rs.getString(6)));
                    }
                }
            }
            return job;
        }
    }

    private static double seconds(Timestamp start, Timestamp end) {
        if (start == null || end == null) {
            return Double.NaN;
        }
        LocalDateTime a = start.toLocalDateTime();
        LocalDateTime b = end.toLocalDateTime();
        return java.time.Duration.between(a, b).toNanos() / 1e9;
    }

    // ------------------------------------------------------------------ report

    private static void report(Result r, Path work, PrintStream out) throws IOException {
        JobRun j = r.first();
        double ours = r.workbooksPerSecond();
        double poi1 = r.ref(BenchReaders.Kind.POI_USERMODEL, 1);
        double poi2 = r.ref(BenchReaders.Kind.POI_USERMODEL, 2);
        double lb1 = r.ref(BenchReaders.Kind.LOWER_BOUND, 1);
        double lb2 = r.ref(BenchReaders.Kind.LOWER_BOUND, 2);

        out.println();
        out.printf("== results, N=%,d (%,d .xlsx, %,d .xls), database %s ==%n", r.n(), r.n() - r.xls(), r.xls(), r.database());
        out.println("| measure | value |");
        out.println("|---|---|");
        out.printf("| ours, end to end (wall, incl. Spring start; %s) | %,.0f workbooks/s (%.2f s) |%n", r.how(), ours, j.wallSeconds());
        out.printf("| ours, job only (BATCH_JOB_EXECUTION start→end) | %,.0f workbooks/s (%.2f s) |%n", r.n() / j.jobSeconds(), j.jobSeconds());
        for (StepTime s : j.steps()) {
            out.printf("| step %s | %.2f s (read %,d, write %,d, %s) |%n", s.name(), s.seconds(), s.read(), s.write(), s.status());
        }
        out.printf("| peak heap used (max heap in use when a GC started) | %,.1f MB |%n", j.peakHeapBytes() / 1048576.0);
        if (j.poolPeakSumBytes() >= 0) {
            out.printf("| sum of heap pools' peaks (MemoryPoolMXBean; loose upper bound) | %,.1f MB |%n", j.poolPeakSumBytes() / 1048576.0);
            out.printf("| heap still in use after the run + full GC | %,.1f MB |%n", j.retainedHeapBytes() / 1048576.0);
        }
        out.printf("| GC pauses during the run | %,d, %.2f s total |%n", j.gcCount(), j.gcSeconds());
        if (j.peakRssBytes() >= 0) {
            out.printf("| peak RSS (VmHWM) | %,.1f MB |%n", j.peakRssBytes() / 1048576.0);
        }
        if (j.cpu().isEmpty() && !Double.isNaN(j.cpu().processSeconds())) {
            out.printf("| CPU of the job's process (user + system) | %.1f core-seconds of %.1f available |%n", j.cpu().processSeconds(),
                    Runtime.getRuntime().availableProcessors() * j.wallSeconds());
        }
        int cores = Runtime.getRuntime().availableProcessors();
        if (!j.cpu().isEmpty()) {
            StringBuilder by = new StringBuilder();
            for (Map.Entry<ThreadCpu.Group, Double> e : j.cpu().seconds().entrySet().stream()
                    .sorted(Map.Entry.<ThreadCpu.Group, Double>comparingByValue().reversed()).toList()) {
                by.append(by.length() == 0 ? "" : ", ").append(String.format("%s %.1f", e.getKey().label, e.getValue()));
            }
            out.printf("| CPU during the run, core-seconds by thread (/proc) | %s; unattributed %.1f; process total %.1f of %.1f available (%d cores × wall) |%n",
                    by, j.cpu().unattributed(), j.cpu().processSeconds(), cores * j.wallSeconds(), cores);
        }
        if (r.poiProcess() != null) {
            out.printf("| POI usermodel, cold single-threaded process, every cell of every file | %.2f s (%.2f s CPU) = %.2f× ours |%n",
                    r.poiProcess().wall(), r.poiProcess().cpu(), r.poiProcess().wall() / j.wallSeconds());
        }
        if (!r.references().isEmpty()) {
            out.printf("| POI usermodel read alone, in this JVM, warmed up, 1 / 2 threads | %,.0f / %,.0f files/s |%n", poi1, poi2);
            out.printf("| lower bound (zip+JDK StAX; .xls: HSSF events), 1 / 2 threads | %,.0f / %,.0f files/s |%n", lb1, lb2);
            out.printf("| ours / POI usermodel, vs 1 / 2 threads | %.2f× / %.2f× |%n", ours / poi1, ours / poi2);
            out.printf("| lower bound / ours, 1 / 2 threads | %.2f× / %.2f× |%n", lb1 / ours, lb2 / ours);
        }
        if (r.sameCommand() != null) {
            out.printf("| nightly re-run, same command, no file touched%s | %.2f s = %.3f of the first run |%n",
                    r.sameCommand().exitCode() == 0 ? "" : " — FAILED, exit " + r.sameCommand().exitCode(), r.sameCommand().wallSeconds(),
                    r.sameCommand().wallSeconds() / j.wallSeconds());
        }
        if (r.rerun() != null) {
            out.printf("| re-run, nothing changed, --force (as when files are copied in again)%s | %.2f s = %.2f of the first run |%n",
                    r.rerun().exitCode() == 0 ? "" : " — FAILED, exit " + r.rerun().exitCode(), r.rerun().wallSeconds(),
                    r.rerun().wallSeconds() / j.wallSeconds());
            for (StepTime s : r.rerun().steps()) {
                out.printf("| re-run step %s | %.2f s |%n", s.name(), s.seconds());
            }
        }
        if (r.resubmitted() != null) {
            JobRun n = r.resubmitted();
            out.printf("| nightly re-run, 1 %% of agencies resubmitted (%,d workbooks changed)%s | %.2f s = %.2f of the first run (steps %s) |%n",
                    r.resubmittedWorkbooks(), n.exitCode() == 0 ? "" : " — FAILED, exit " + n.exitCode(), n.wallSeconds(),
                    n.wallSeconds() / j.wallSeconds(), n.steps().stream().map(s -> String.format("%s %.2f", s.name(), s.seconds()))
                            .reduce((a, b) -> a + ", " + b).orElse(""));
        }
        out.printf("| generation (%s) | %.1f s |%n", r.generationReused() ? "reused; time of the original generation" : "this run",
                r.generationSeconds());

        // results of earlier invocations, for the 100k vs 10k target
        Path history = work.resolve("results.tsv");
        Map<Integer, Double> wallByN = new LinkedHashMap<>();
        if (Files.isRegularFile(history)) {
            for (String line : Files.readAllLines(history, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                // lines without a database are H2 runs from before --db-url; compare like with like
                boolean sameDb = line.contains(" db=" + r.database()) || (!line.contains(" db=") && r.database().equals("h2"));
                // and cold with cold, warmed with warmed (lines without warm_up= are cold runs)
                boolean sameStart = sameStart(line, r);
                if (sameDb && sameStart && f.length > 2 && f[0].matches("\\d+")) {
                    wallByN.put(Integer.parseInt(f[0]), Double.parseDouble(f[1]));
                }
            }
        }
        wallByN.put(r.n(), j.wallSeconds());

        out.println();
        out.println("== targets (from the issue) ==");
        boolean ok = j.exitCode() == 0;
        if (!ok) {
            out.printf("  THE JOB FAILED (exit %d): its times are those of a failed run, and every target below counts as FAIL%n",
                    j.exitCode());
        }
        boolean at10k = r.n() == 10_000;
        String only10k = at10k ? "" : " [stated for N=10,000; shown for information]";
        out.println("  (district targets: bench/run.sh district)");
        if (r.resubmitted() != null) {
            double f = r.resubmitted().wallSeconds() / j.wallSeconds();
            target(out, "a night with 1 % of agencies resubmitted ≤ 0.10 of the first run", ok && r.resubmitted().exitCode() == 0 && f <= 0.10,
                    String.format("%.2f", f));
        }
        if (r.poiProcess() != null) {
            double f = j.wallSeconds() / r.poiProcess().wall();
            target(out, "first run ≤ 0.5× a cold single-threaded POI usermodel process reading every cell" + only10k,
                    ok && r.poiProcess().exit() == 0 && f <= 0.5,
                    String.format("%.2f× (CPU %.2f×)", f, j.cpu().processSeconds() / r.poiProcess().cpu()));
        }
        target(out, "peak heap ≤ 256 MB" + (r.n() >= 100_000 ? "" : " [stated for 100,000]"),
                ok && j.peakHeapBytes() > 0 && j.peakHeapBytes() <= 256L << 20, String.format("%,.1f MB", j.peakHeapBytes() / 1048576.0));
        if (wallByN.containsKey(10_000) && wallByN.containsKey(100_000)) {
            double ratio = wallByN.get(100_000) / wallByN.get(10_000);
            target(out, "100,000 ≤ 11× the time of 10,000 (from " + history.getFileName() + ")", ratio <= 11, String.format("%.2f×", ratio));
        } else {
            out.println("  n/a   100,000 ≤ 11× the time of 10,000: needs runs with N=10000 and N=100000 in the same --work folder");
        }
        if (r.sameCommand() != null) {
            double f = r.sameCommand().wallSeconds() / j.wallSeconds();
            target(out, "unchanged re-run (the same command) ≤ 1/10 of the first run",
                    ok && r.sameCommand().exitCode() == 0 && f <= 0.1, String.format("%.3f", f));
        }
        Double h2 = h2WallFor(history, r);
        if (h2 != null && !r.database().equals("h2")) {
            double ratio = j.wallSeconds() / h2;
            target(out, "PostgreSQL ≤ 2× H2 (H2 from " + history.getFileName() + ")", ok && ratio <= 2, String.format("%.2f×", ratio));
        } else if (!r.database().equals("h2")) {
            out.println("  n/a   PostgreSQL ≤ 2× H2: needs an H2 run of the same N in the same --work folder");
        }

        // one machine-readable line (the smoke test reads it) and the history file
        String line = String.format(Locale.ROOT,
                "RESULT n=%d warm_up=%d exit=%d workbooks_per_s=%.1f wall_s=%.3f job_s=%.3f peak_heap_mb=%.1f peak_rss_mb=%.1f poi1=%.1f poi2=%.1f lb1=%.1f lb2=%.1f rerun_fraction=%.3f same_command_fraction=%.3f db=%s resubmitted_fraction=%.3f mode=%s poi_process_s=%.3f",
                r.n(), r.warmUpWorkbooks(), j.exitCode(), ours, j.wallSeconds(), j.jobSeconds(), j.peakHeapBytes() / 1048576.0, j.peakRssBytes() < 0 ? -1.0 : j.peakRssBytes() / 1048576.0, poi1, poi2,
                lb1, lb2, r.rerun() == null ? Double.NaN : r.rerun().wallSeconds() / j.wallSeconds(),
                r.sameCommand() == null ? Double.NaN : r.sameCommand().wallSeconds() / j.wallSeconds(), r.database(),
                r.resubmitted() == null ? Double.NaN : r.resubmitted().wallSeconds() / j.wallSeconds(), r.mode(),
                r.poiProcess() == null ? Double.NaN : r.poiProcess().wall());
        out.println();
        out.println(line);
        Files.writeString(history, r.n() + "\t" + j.wallSeconds() + "\t" + line + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    /** Whether a results.tsv line was started as this result's job was: cold or in process, warmed up or not. */
    private static boolean sameStart(String line, Result r) {
        String mode = line.contains(" mode=") ? line.replaceAll(".* mode=(\\S+).*", "$1") : "in_process";
        return mode.equals(r.mode()) && (line.contains(" warm_up=" + r.warmUpWorkbooks() + " ")
                || (!line.contains(" warm_up=") && r.warmUpWorkbooks() == 0));
    }

    /** The wall time of the latest H2 run of the same N, started the same way, in results.tsv; null if none. */
    private static Double h2WallFor(Path history, Result r) throws IOException {
        Double wall = null;
        if (Files.isRegularFile(history)) {
            for (String line : Files.readAllLines(history, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                boolean h2 = line.contains(" db=h2") || !line.contains(" db=");
                if (h2 && sameStart(line, r) && f.length > 2 && f[0].equals(String.valueOf(r.n()))) {
                    wall = Double.parseDouble(f[1]);
                }
            }
        }
        return wall;
    }

    private static void target(PrintStream out, String what, boolean pass, String measured) {
        out.printf("  %-5s %s: %s%n", pass ? "PASS" : "FAIL", what, measured);
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
