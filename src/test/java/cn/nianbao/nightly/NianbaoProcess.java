package cn.nianbao.nightly;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import cn.nianbao.testing.TestPause;

/**
 * The command line run as a separate JVM, as cron would run it, so a test can kill it with SIGKILL
 * ({@link Process#destroyForcibly()} on Linux) or run two at once against one database. Its output is read by two
 * threads as it comes; a test waits for a line to appear ({@link #awaitOutput}) or for the process to end, and the
 * output is complete once {@link #waitFor} or {@link #kill} returns (both join the readers).
 */
public final class NianbaoProcess {

    private final Process process;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();
    private final List<Thread> pumps = new ArrayList<>(2);

    private NianbaoProcess(Process process) {
        this.process = process;
        pumps.add(pump(process.getInputStream(), out));
        pumps.add(pump(process.getErrorStream(), err));
    }

    public static NianbaoProcess start(String... args) throws IOException {
        return start(Map.of(), args);
    }

    /** Starts it with these environment variables changed; an empty value removes the variable. */
    public static NianbaoProcess start(Map<String, String> environment, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8",
                "-cp", System.getProperty("java.class.path"), "cn.nianbao.NianbaoApplication"));
        cmd.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(cmd);
        environment.forEach((name, value) -> {
            if (value.isEmpty()) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        return new NianbaoProcess(builder.start());
    }

    /** Runs to the end and returns the exit status. */
    public static NianbaoProcess run(String... args) throws Exception {
        NianbaoProcess p = start(args);
        p.waitFor(Duration.ofMinutes(3));
        return p;
    }

    private Thread pump(InputStream in, StringBuilder to) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (this) {
                        to.append(line).append('\n');
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process was killed: its pipes close
            } finally {
                synchronized (this) {
                    notifyAll();
                }
            }
        }, "nianbao-process-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Waits until {@code text} appears in the output (stdout or stderr); fails the test if the process ends first
     * or {@code timeout} (a bound against a hang, not an expectation of speed) passes.
     */
    public synchronized void awaitOutput(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (out.indexOf(text) < 0 && err.indexOf(text) < 0) {
            if (!process.isAlive() && pumps.stream().noneMatch(Thread::isAlive)) {
                throw new AssertionError("the process ended without printing «" + text + "»\n" + output());
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no «" + text + "» within " + timeout + "\n" + output());
            }
            wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 1000)));
        }
    }

    /** Waits for the test hook's pause marker ({@code --nianbao.test.pause-after}). */
    public void awaitPause(Duration timeout) throws InterruptedException {
        awaitOutput(TestPause.MARKER, timeout);
    }

    /** SIGKILL: no shutdown hooks, no finally blocks, nothing flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            throw new AssertionError("the process survived SIGKILL");
        }
        joinPumps();
    }

    /** Waits for the end (fails after {@code timeout}, a bound against a hang) and returns the exit status. */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("did not finish within " + timeout + "\n" + output());
        }
        joinPumps();
        return process.exitValue();
    }

    /** The process has ended, so its pipes reach end of file: the readers finish once they have read everything. */
    private void joinPumps() throws InterruptedException {
        for (Thread pump : pumps) {
            pump.join(TimeUnit.MINUTES.toMillis(1));
            if (pump.isAlive()) {
                throw new AssertionError("the output of an ended process was not read to its end");
            }
        }
    }

    public int exitCode() {
        return process.exitValue();
    }

    public synchronized String stdout() {
        return out.toString();
    }

    public synchronized String stderr() {
        return err.toString();
    }

    public synchronized String output() {
        return "stdout:\n" + out + "\nstderr:\n" + err;
    }
}
