package cn.nianbao.batch;

import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * What the ingest step says about its progress: a line at most every {@code every} (a chunk is written every few
 * milliseconds: a line per chunk would be 500 lines at 10,000 files), and one when the last file is stored. Each
 * line has the share done, the rate of this run so far and the time still to go; the last one the time taken.
 * Files a crashed run stored before count as done but not in the rate.
 */
final class IngestProgress {

    private final int total;
    private final int resumedFrom;
    private final long everyNanos;
    private final LongSupplier nanoTime;
    private final long start;
    private long lastLine;
    private int reused;

    IngestProgress(int total, int resumedFrom, Duration every, LongSupplier nanoTime) {
        this.total = total;
        this.resumedFrom = resumedFrom;
        this.everyNanos = every.toNanos();
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
        this.lastLine = start;
    }

    /**
     * Records a stored chunk; returns the line to log now, or null when the last one was said less than
     * {@code every} ago and this is not the end.
     */
    String stored(int done, int reusedInChunk) {
        reused += reusedInChunk;
        long now = nanoTime.getAsLong();
        boolean last = done >= total;
        if (!last && now - lastLine < everyNanos) {
            return null;
        }
        lastLine = now;
        double seconds = (now - start) / 1e9;
        int thisRun = done - resumedFrom;
        double rate = seconds > 0 ? thisRun / seconds : 0;
        String reuse = reused > 0 ? "，其中 " + reused + " 个文件内容未变、沿用已存结果" : "";
        if (last) {
            return String.format(Locale.ROOT, "读取完成：%d 个文件，用时 %.1f 秒（每秒 %.0f 个）%s", total, seconds, rate, reuse);
        }
        String eta = rate > 0 ? "，预计还需约 " + remaining((total - done) / rate) : "";
        return String.format(Locale.ROOT, "读取进度 %d/%d（%d%%），每秒 %.0f 个%s%s", done, total, total == 0 ? 100 : done * 100L / total,
                rate, eta, reuse);
    }

    private static String remaining(double seconds) {
        long s = Math.max(1, Math.round(seconds));
        return s < 60 ? s + " 秒" : (s / 60) + " 分 " + (s % 60) + " 秒";
    }
}
