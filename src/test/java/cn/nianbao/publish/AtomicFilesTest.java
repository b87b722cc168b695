package cn.nianbao.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporary() throws Exception {
        Path target = dir.resolve("facts.csv");
        AtomicFiles.write(target, out -> out.write("old".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half of the new conte".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
        AtomicFiles.write(target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertEquals("new", Files.readString(target), "replaces an existing file");
    }

    /**
     * A target that cannot be replaced (on Windows: open in Excel or WPS; here a folder in its place, which rename
     * cannot replace either) keeps its old content, and the new content goes to 「名（新）.ext」; the next write
     * that can replace the target removes that copy.
     */
    @Test
    void aTargetThatCannotBeReplacedKeepsTheNewContentBesideIt() throws Exception {
        Path target = dir.resolve("exceptions.csv");
        Files.createDirectories(target.resolve("in the way"));

        Path written = AtomicFiles.write(target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertEquals(dir.resolve("exceptions（新）.csv"), written);
        assertEquals("new", Files.readString(written));
        assertTrue(Files.isDirectory(target.resolve("in the way")), "what was in the way is untouched");

        // the first copy is "open" as well: the next free name
        Files.delete(written);
        Files.createDirectories(written.resolve("open"));
        assertEquals(dir.resolve("exceptions（新2）.csv"),
                AtomicFiles.write(target, out -> out.write("newer".getBytes(StandardCharsets.UTF_8))));

        // nothing in the way any more: the target is written and the copies that can be removed are gone
        Files.delete(target.resolve("in the way"));
        Files.delete(target);
        assertEquals(target, AtomicFiles.write(target, out -> out.write("newest".getBytes(StandardCharsets.UTF_8))));
        assertEquals("newest", Files.readString(target));
        assertFalse(Files.exists(dir.resolve("exceptions（新2）.csv")));
        assertTrue(Files.isDirectory(dir.resolve("exceptions（新）.csv")), "a copy still open (here: a folder) stays");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count(), "the target and the copy still open, no temporary file: " + dir);
        }
    }
}
