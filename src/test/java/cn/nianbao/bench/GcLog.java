package cn.nianbao.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a job process's heap did, from its unified GC log ({@code -Xlog:gc,gc+heap+exit:file=…}): the heap in use
 * when each collection started (the most of it is the run's peak; the collector lets the heap fill up to it) and at
 * exit, how many collections paused the program, and for how long in all.
 */
record GcLog(long peakHeapBytes, int collections, double pauseSeconds) {

    // "GC(3) Pause Young (Normal) (G1 Evacuation Pause) 150M->30M(256M) 3.456ms"
    private static final Pattern PAUSE = Pattern.compile("Pause .*?(\\d+)([KMG])->\\d+[KMG]\\(\\d+[KMG]\\) ([\\d.]+)ms");
    // "garbage-first heap   total 262144K, used 81234K [...]", at exit
    private static final Pattern AT_EXIT = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

    static GcLog read(Path log) throws IOException {
        if (!Files.isRegularFile(log)) {
            return new GcLog(-1, 0, 0);
        }
        long peak = -1;
        int collections = 0;
        double pauses = 0;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher pause = PAUSE.matcher(line);
            if (pause.find()) {
                collections++;
                pauses += Double.parseDouble(pause.group(3)) / 1000;
                peak = Math.max(peak, bytes(Long.parseLong(pause.group(1)), pause.group(2)));
                continue;
            }
            Matcher exit = AT_EXIT.matcher(line);
            if (exit.find()) {
                peak = Math.max(peak, Long.parseLong(exit.group(1)) * 1024);
            }
        }
        return new GcLog(peak, collections, pauses);
    }

    private static long bytes(long amount, String unit) {
        return switch (unit) {
            case "K" -> amount << 10;
            case "M" -> amount << 20;
            default -> amount << 30;
        };
    }
}
