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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The command line run as a separate JVM, as cron would run it, so a test can kill it with SIGKILL
 * ({@link Process#destroyForcibly()} on Linux) or run two at once against one database.
 */
public final class NianbaoProcess {

    private final Process process;
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();
    private final CountDownLatch marker = new CountDownLatch(1);

    private NianbaoProcess(Process process) {
        this.process = process;
        pump(process.getInputStream(), out, true);
        pump(process.getErrorStream(), err, false);
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
        p.waitFor(Duration.ofSeconds(90));
        return p;
    }

    private void pump(InputStream in, StringBuffer to, boolean watchMarker) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    to.append(line).append('\n');
                    if (watchMarker && line.startsWith("NIANBAO-TEST-PAUSE")) {
                        marker.countDown();
                    }
                }
            } catch (IOException e) {
                // the process was killed: its pipes close
            }
        });
        t.setDaemon(true);
        t.start();
    }

    /** Waits for the test hook's pause marker; fails the test if the process ends or it takes too long. */
    public void awaitPause(Duration timeout) throws InterruptedException {
        if (!marker.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("no pause marker within " + timeout + "\nstdout:\n" + out + "\nstderr:\n" + err);
        }
    }

    /** SIGKILL: no shutdown hooks, no finally blocks, nothing flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("did not finish within " + timeout + "\nstdout:\n" + out + "\nstderr:\n" + err);
        }
        Thread.sleep(100); // let the pumps drain
        return process.exitValue();
    }

    public int exitCode() {
        return process.exitValue();
    }

    public String stdout() {
        return out.toString();
    }

    public String stderr() {
        return err.toString();
    }

    public String output() {
        return "stdout:\n" + out + "\nstderr:\n" + err;
    }
}
