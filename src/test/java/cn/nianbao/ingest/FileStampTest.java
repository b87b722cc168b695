package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stamp says a file was not written since it was taken, or it is not given. Every way of changing a file's bytes
 * while keeping its size and modification time gives another stamp.
 */
class FileStampTest {

    private static final Duration SETTLE = Duration.ofMillis(50);

    @TempDir
    Path tmp;

    @Test
    void aFileJustWrittenHasNoStampUntilItHasBeenLeftAloneForTheSettleTime() throws Exception {
        Path f = Files.writeString(tmp.resolve("a.xlsx"), "12345678");
        assertThat(FileStamp.of(f, Instant.now(), Duration.ofHours(1))).isEmpty();
        awaitSettled(f);
        Optional<FileStamp> settled = FileStamp.of(f, Instant.now(), SETTLE);
        assertThat(settled).isPresent();
        assertThat(FileStamp.of(f, Instant.now(), SETTLE)).isEqualTo(settled);
        // the same file seen from a clock that is behind its times: not trusted
        assertThat(FileStamp.of(f, Files.getLastModifiedTime(f).toInstant(), SETTLE)).isEmpty();
    }

    @Test
    void bytesRewrittenWithTheSameSizeAndTheModificationTimePutBackGiveAnotherStamp() throws Exception {
        Path f = Files.writeString(tmp.resolve("a.xls"), "12345678");
        FileTime modified = Files.getLastModifiedTime(f);
        awaitSettled(f);
        FileStamp before = FileStamp.of(f, Instant.now(), SETTLE).orElseThrow();

        Files.writeString(f, "12345679");
        Files.setLastModifiedTime(f, modified);
        assertThat(Files.size(f)).isEqualTo(8);
        assertThat(Files.getLastModifiedTime(f)).isEqualTo(modified);
        awaitSettled(f);
        assertThat(FileStamp.of(f, Instant.now(), SETTLE).orElseThrow()).isNotEqualTo(before);
    }

    @Test
    void aFileReplacedByAnotherOfTheSameSizeAndTimeGivesAnotherStamp() throws Exception {
        Path f = Files.writeString(tmp.resolve("a.xls"), "12345678");
        Path other = Files.writeString(tmp.resolve("b.xls"), "87654321");
        Files.setLastModifiedTime(other, Files.getLastModifiedTime(f));
        awaitSettled(f);
        awaitSettled(other);
        FileStamp before = FileStamp.of(f, Instant.now(), SETTLE).orElseThrow();

        Files.move(other, f, StandardCopyOption.REPLACE_EXISTING);
        awaitSettled(f);
        assertThat(FileStamp.of(f, Instant.now(), SETTLE).orElseThrow()).isNotEqualTo(before);
    }

    @Test
    void onlyATouchGivesAnotherStamp() throws Exception {
        Path f = Files.writeString(tmp.resolve("a.xls"), "12345678");
        awaitSettled(f);
        FileStamp before = FileStamp.of(f, Instant.now(), SETTLE).orElseThrow();
        Files.setLastModifiedTime(f, FileTime.from(Files.getLastModifiedTime(f).toInstant().minusSeconds(3600)));
        awaitSettled(f);
        assertThat(FileStamp.of(f, Instant.now(), SETTLE).orElseThrow()).isNotEqualTo(before);
    }

    @Test
    void aRunsFingerprintOfAFileNamesItsSizeTimesAndInode() throws Exception {
        Path f = Files.writeString(tmp.resolve("a.xls"), "12345678");
        String before = FileStamp.fingerprintOf(f);
        assertThat(FileStamp.fingerprintOf(f)).isEqualTo(before);
        FileTime modified = Files.getLastModifiedTime(f);
        awaitSettled(f);
        Files.writeString(f, "12345679");
        Files.setLastModifiedTime(f, modified);
        assertThat(FileStamp.fingerprintOf(f)).isNotEqualTo(before);
    }

    /** Waits for the clock to pass the file's change time by the settle time (the state a stamp needs). */
    static void awaitSettled(Path f) throws Exception {
        Instant changed = ((FileTime) Files.getAttribute(f, "unix:ctime")).toInstant();
        Instant modified = Files.getLastModifiedTime(f).toInstant();
        Instant due = (changed.isAfter(modified) ? changed : modified).plus(SETTLE).plusMillis(20);
        while (Instant.now().isBefore(due)) {
            Thread.sleep(5);
        }
    }
}
