package cn.nianbao.batch;

import java.time.Duration;

/**
 * A test-only hook, off by default: {@code --nianbao.test.pause-after=ingest:N} pauses the ingest step
 * once N files are committed, {@code publish:N} the publish step after its N-th output file. It prints
 * {@code NIANBAO-TEST-PAUSE <step> <count>} on stdout and sleeps ({@code --nianbao.test.pause-for},
 * default an hour) so a crash test can kill the process at a known point. Never set in production.
 */
public final class TestPause {

    public static final String MARKER = "NIANBAO-TEST-PAUSE";

    private static final TestPause OFF = new TestPause(null, Integer.MAX_VALUE, Duration.ZERO);

    private final String step;
    private final int after;
    private final Duration pauseFor;
    private boolean paused;

    private TestPause(String step, int after, Duration pauseFor) {
        this.step = step;
        this.after = after;
        this.pauseFor = pauseFor;
    }

    public static TestPause off() {
        return OFF;
    }

    /** {@code ""} (off) or {@code step:N}. */
    static TestPause parse(String spec, Duration pauseFor) {
        if (spec == null || spec.isBlank()) {
            return OFF;
        }
        int colon = spec.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("nianbao.test.pause-after should be step:N, not " + spec);
        }
        return new TestPause(spec.substring(0, colon), Integer.parseInt(spec.substring(colon + 1)), pauseFor);
    }

    /** Called by a step with how much it has done; pauses once when that reaches the configured count. */
    public synchronized void reached(String stepName, int count) {
        if (paused || step == null || !step.equals(stepName) || count < after) {
            return;
        }
        paused = true;
        System.out.println(MARKER + " " + stepName + " " + count);
        System.out.flush();
        try {
            Thread.sleep(pauseFor.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
