package cn.nianbao.publish;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
 */
public final class AtomicFiles {

    /** Produces the content of a file; may throw, in which case the target is left untouched. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
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

    public static Path write(Path target, Content content) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        // Not Files.createTempFile: that makes the file owner-only (0600); a plain create follows the umask
        // like any other output, so other users and tools can read the published files.
        Path temp = folder.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE))) {
                content.writeTo(out);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } finally {
            Files.deleteIfExists(temp); // only still there when writing or moving failed
        }
    }
}
