package cn.nianbao.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A test-only hook, off by default: {@code --nianbao.test.pause-after=ingest:N} pauses the ingest step
 * once N files are committed, {@code publish:N} the publish step after its N-th output file. It prints
 * {@code NIANBAO-TEST-PAUSE <step> <count>} on stdout and sleeps ({@code --nianbao.test.pause-for},
 * default an hour) so a crash test can kill the process at a known point; with
 * {@code --nianbao.test.pause-until=FILE} the pause ends as soon as that file exists, so a test can hold a run at a
 * known point for as long as it needs and then let it finish. Never set in production.
 */
public final class TestPause {

    public static final String MARKER = "NIANBAO-TEST-PAUSE";

    private static final TestPause OFF = new TestPause(null, Integer.MAX_VALUE, Duration.ZERO, null);
    /** How often a pause looks for its release file. */
    private static final long POLL_MILLIS = 50;

    private final String step;
    private final int after;
    private final Duration pauseFor;
    private final Path releaseFile;
    private boolean paused;

    private TestPause(String step, int after, Duration pauseFor, Path releaseFile) {
        this.step = step;
        this.after = after;
        this.pauseFor = pauseFor;
        this.releaseFile = releaseFile;
    }

    public static TestPause off() {
        return OFF;
    }

    /** {@code ""} (off) or {@code step:N}; the pause ends early once {@code releaseFile} (if not blank) exists. */
    static TestPause parse(String spec, Duration pauseFor, String releaseFile) {
        if (spec == null || spec.isBlank()) {
            return OFF;
        }
        int colon = spec.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("nianbao.test.pause-after should be step:N, not " + spec);
        }
        return new TestPause(spec.substring(0, colon), Integer.parseInt(spec.substring(colon + 1)), pauseFor,
                releaseFile == null || releaseFile.isBlank() ? null : Path.of(releaseFile));
    }

    /** Called by a step with how much it has done; pauses once when that reaches the configured count. */
    public synchronized void reached(String stepName, int count) {
        if (paused || step == null || !step.equals(stepName) || count < after) {
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
