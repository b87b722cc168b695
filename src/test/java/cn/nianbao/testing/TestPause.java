package cn.nianbao.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import cn.nianbao.batch.RunProgressListener;

/**
 * The crash tests' hook, from the test classes only (the product jar has no such class): a bean, when
 * {@code --nianbao.test.pause-after} is given, that the run tells its progress ({@link RunProgressListener}).
 * {@code ingest:N} pauses the ingest step once N files are committed, {@code publish:N} the publish step after its
 * N-th output file. It prints {@code NIANBAO-TEST-PAUSE <step> <count>} on stdout and sleeps
 * ({@code --nianbao.test.pause-for}, default an hour) so a crash test can kill the process at a known point; with
 * {@code --nianbao.test.pause-until=FILE} the pause ends as soon as that file exists, so a test can hold a run at a
 * known point for as long as it needs and then let it finish.
 */
@Component
@ConditionalOnProperty(name = "nianbao.test.pause-after")
public final class TestPause implements RunProgressListener {

    public static final String MARKER = "NIANBAO-TEST-PAUSE";

    /** How often a pause looks for its release file. */
    private static final long POLL_MILLIS = 50;

    private final String step;
    private final int after;
    private final Duration pauseFor;
    private final Path releaseFile;
    private boolean paused;

    public TestPause(@Value("${nianbao.test.pause-after}") String spec, @Value("${nianbao.test.pause-for:PT1H}") Duration pauseFor,
                     @Value("${nianbao.test.pause-until:}") String releaseFile) {
        int colon = spec.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("nianbao.test.pause-after should be step:N, not " + spec);
        }
        this.step = spec.substring(0, colon);
        this.after = Integer.parseInt(spec.substring(colon + 1));
        this.pauseFor = pauseFor;
        this.releaseFile = releaseFile == null || releaseFile.isBlank() ? null : Path.of(releaseFile);
    }

    @Override
    public void filesStored(int stored) {
        reached("ingest", stored);
    }

    @Override
    public void outputsWritten(int written) {
        reached("publish", written);
    }

    /** Pauses once, when a step's count reaches the configured one. */
    private synchronized void reached(String stepName, int count) {
        if (paused || !step.equals(stepName) || count < after) {
            return;
        }
        paused = true;
        System.out.println(MARKER + " " + stepName + " " + count);
        System.out.flush();
        long deadline = System.nanoTime() + pauseFor.toNanos();
        try {
            long left;
            while ((left = deadline - System.nanoTime()) > 0 && (releaseFile == null || !Files.exists(releaseFile))) {
                Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, left / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
