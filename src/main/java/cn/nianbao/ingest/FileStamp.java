package cn.nianbao.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the file system says about a file without reading it: device, inode, size, and the modification and change
 * times to the nanosecond. Two equal stamps taken at different times mean the file was not written in between: every
 * write to a file, and every change of its modification time (touch, a copy that keeps times), sets its change time
 * to the clock, and no program can set a change time back. So a night can trust a file whose stamp is the one it had
 * when it was last read, instead of reading it again to hash it.
 *
 * <p>There is no stamp (the file must be read) where the file system keeps no change time (Windows: Java offers no
 * "unix" view there), and for a file changed shortly before the stamp is taken: on a file system whose clock ticks
 * coarsely (FAT, some network shares: two seconds) a write just after the stamp could leave the same times behind.
 * How long a file must have been left alone is the caller's ({@code nianbao.ingest.settle}, three seconds by default).
 */
public record FileStamp(String text) {

    private static final String ATTRIBUTES = "unix:dev,ino,size,lastModifiedTime,ctime";

    /**
     * The file's stamp, taken at {@code now} (read the clock before calling), or empty where it cannot be trusted:
     * no change time, or a change less than {@code settle} before {@code now}.
     *
     * @throws IOException the file cannot be looked at (gone, no permission)
     */
    public static Optional<FileStamp> of(Path file, Instant now, Duration settle) throws IOException {
        Optional<Map<String, Object>> a = attributes(file);
        if (a.isEmpty()) {
            return Optional.empty();
        }
        Instant settled = now.minus(settle);
        FileTime modified = (FileTime) a.get().get("lastModifiedTime");
        FileTime changed = (FileTime) a.get().get("ctime");
        if (!modified.toInstant().isBefore(settled) || !changed.toInstant().isBefore(settled)) {
            return Optional.empty();
        }
        return Optional.of(new FileStamp(text(a.get())));
    }

    /**
     * What names the file's state in a run's fingerprint: the stamp's fields, however recent, where the platform gives
     * them; else size and modification time.
     */
    public static String fingerprintOf(Path file) throws IOException {
        Optional<Map<String, Object>> a = attributes(file);
        return a.isPresent() ? text(a.get()) : Files.size(file) + ":" + Files.getLastModifiedTime(file);
    }

    private static Optional<Map<String, Object>> attributes(Path file) throws IOException {
        Map<String, Object> a;
        try {
            a = Files.readAttributes(file, ATTRIBUTES);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty(); // no "unix" view on this platform
        }
        return a.get("lastModifiedTime") == null || a.get("ctime") == null ? Optional.empty() : Optional.of(a);
    }

    private static String text(Map<String, Object> a) {
        return a.get("dev") + ":" + a.get("ino") + ":" + a.get("size") + ":"
                + ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS) + ":" + ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS);
    }
}
