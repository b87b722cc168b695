package cn.nianbao.publish;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a file so that readers only ever see the old file or the complete new one: the content goes to
 * a temporary file in the same folder (same file system, so the move can be atomic) and is then moved
 * over the target. A crash mid-write leaves at most a stray {@code .*.tmp} file, never a half output.
 *
 * <p>A target that cannot be replaced — on Windows, a file an auditor has open in Excel or WPS, which lock it —
 * does not fail the run: the new content is kept beside it as {@code 名（新）.ext} (or {@code （新2）}… when that one
 * is open too), {@link #write} returns that path and logs why. The next write that can replace the target
 * removes those copies again.
 */
public final class AtomicFiles {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AtomicFiles.class);

    /** How many "（新N）" names are tried beside a target that cannot be replaced. */
    static final int ASIDE_NAMES = 9;

    /** Produces the content of a file; may throw, in which case the target is left untouched. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Content that may also hand bytes to the file's channel itself (copies from another file, in the kernel): it
     * flushes {@code out} before it writes to {@code channel}, and writes there only at the channel's position.
     */
    @FunctionalInterface
    public interface ChannelContent {
        void writeTo(OutputStream out, FileChannel channel) throws IOException;
    }

    private AtomicFiles() {
    }

    /** The length of what {@link #write} appends to the target's name for its temporary file: "." + UUID + ".tmp". */
    static final int TEMP_SUFFIX_LENGTH = 1 + 36 + 4;

    /** Whether a file name is one of {@link #write}'s temporary files (".name.uuid.tmp"). */
    static boolean isTemporary(String name) {
        if (!name.startsWith(".") || !name.endsWith(".tmp") || name.length() <= 1 + TEMP_SUFFIX_LENGTH) {
            return false;
        }
        String uuid = name.substring(name.length() - TEMP_SUFFIX_LENGTH + 1, name.length() - 4);
        try {
            return UUID.fromString(uuid).toString().equals(uuid);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void replace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The name the content goes to when {@code target} cannot be replaced: 「exceptions（新）.xlsx」, 「…（新2）…」. */
    static Path asideName(Path target, int n) {
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        return target.resolveSibling(stem + "（新" + (n == 1 ? "" : String.valueOf(n)) + "）" + ext);
    }

    private static Path aside(Path temp, Path target, java.nio.file.FileSystemException cause) throws IOException {
        for (int n = 1; n <= ASIDE_NAMES; n++) {
            Path aside = asideName(target, n);
            try {
                replace(temp, aside);
            } catch (java.nio.file.FileSystemException e) {
                if (e instanceof java.nio.file.NoSuchFileException) {
                    throw e;
                }
                continue; // this one is open as well
            }
            log.warn("{} 无法替换（{}），可能正被 Excel、WPS 等程序打开；本次结果已另存为 {}。关闭该文件后，下次运行会写回原文件名",
                    target.getFileName(), reason(cause), aside.getFileName());
            return aside;
        }
        throw cause;
    }

    private static String reason(java.nio.file.FileSystemException e) {
        return e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
    }

    /** The copies an earlier write had to keep beside {@code target} that are there now, 「（新）」 first. */
    public static java.util.List<Path> asides(Path target) {
        java.util.List<Path> found = new java.util.ArrayList<>();
        for (int n = 1; n <= ASIDE_NAMES; n++) {
            Path aside = asideName(target, n);
            if (Files.isRegularFile(aside)) {
                found.add(aside);
            }
        }
        return found;
    }

    /** Removes the copies an earlier write had to keep beside {@code target}; one still open stays (best effort). */
    private static void removeAsides(Path target) {
        for (int n = 1; n <= ASIDE_NAMES; n++) {
            try {
                Files.deleteIfExists(asideName(target, n));
            } catch (IOException e) {
                // open in another program, or not ours to delete: left as it is
            }
        }
    }

    public static Path write(Path target, Content content) throws IOException {
        return write(target, (out, channel) -> content.writeTo(out));
    }

    public static Path write(Path target, ChannelContent content) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        // Not Files.createTempFile: that makes the file owner-only (0600); a plain create follows the umask
        // like any other output, so other users and tools can read the published files.
        Path temp = folder.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel))) {
                content.writeTo(out, channel);
            }
            try {
                replace(temp, target);
            } catch (java.nio.file.FileSystemException e) {
                if (e instanceof java.nio.file.NoSuchFileException) {
                    throw e; // the temporary file or the folder went away: nothing to keep aside
                }
                return aside(temp, target, e);
            }
            removeAsides(target);
            return target;
        } finally {
            Files.deleteIfExists(temp); // only still there when writing or moving failed
        }
    }
}
