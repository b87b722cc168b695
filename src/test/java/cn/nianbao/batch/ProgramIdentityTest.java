package cn.nianbao.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.ingest.InputScanner;
import cn.nianbao.roster.JobDefinition;

/** An upgraded program makes the same command with the same files a new run. */
class ProgramIdentityTest {

    @TempDir
    Path tmp;

    @Test
    void aRebuiltJarIsAnotherProgram() throws Exception {
        Path jar = Files.write(tmp.resolve("nianbao.jar"), new byte[] {1, 2, 3});
        Path lib = Files.createDirectories(tmp.resolve("classes")); // folders (a build's classes) are not named
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-01-05T00:00:00Z")));
        String classPath = jar + File.pathSeparator + lib;

        String before = ProgramIdentity.of(classPath);
        assertThat(ProgramIdentity.of(classPath)).isEqualTo(before);

        Files.write(jar, new byte[] {1, 2, 3, 4}); // the upgrade
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-11-26T00:00:00Z")));
        assertThat(ProgramIdentity.of(classPath)).isNotEqualTo(before);
    }

    @Test
    void theRunFingerprintNamesTheProgram() throws Exception {
        Path input = Files.createDirectories(tmp.resolve("input"));
        Files.write(input.resolve("海滨街道-2020年报.xlsx"), new byte[] {9});
        JobDefinition job = new JobDefinition("licheng", List.of(2020), input, tmp.resolve("out"), null, List.of(), List.of(), null);
        InputScanner.Scan scan = InputScanner.scan(input);

        String old = ConsolidationRunner.fingerprint(job, scan, "program-1");
        assertThat(ConsolidationRunner.fingerprint(job, scan, "program-1")).as("same program, same files").isEqualTo(old);
        assertThat(ConsolidationRunner.fingerprint(job, scan, "program-2")).as("upgraded program").isNotEqualTo(old);
        assertThat(ConsolidationRunner.fingerprint(job, scan)).isEqualTo(ConsolidationRunner.fingerprint(job, scan, ProgramIdentity.current()));
    }
}
