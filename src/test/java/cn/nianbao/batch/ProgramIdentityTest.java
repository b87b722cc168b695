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
import cn.nianbao.job.JobDefinition;

/** An upgraded program makes the same command with the same files a new run. */
class ProgramIdentityTest {

    @TempDir
    Path tmp;

    private static Path jar(Path file, String entry, String content) throws Exception {
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new java.util.zip.ZipEntry(entry));
            zip.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return file;
    }

    @Test
    void aRebuiltJarIsAnotherProgramAndACopyOfTheSameIsNot() throws Exception {
        Path jar = jar(tmp.resolve("nianbao.jar"), "BOOT-INF/classes/rules/default-rules.yml", "rules: []");
        String before = ProgramIdentity.of(jar.toString());
        assertThat(ProgramIdentity.of(jar.toString())).isEqualTo(before);

        // the same bytes copied elsewhere, touched: the same program
        Path copy = Files.copy(jar, Files.createDirectories(tmp.resolve("elsewhere")).resolve("nianbao.jar"));
        Files.setLastModifiedTime(copy, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
        assertThat(ProgramIdentity.of(copy.toString())).isEqualTo(before);

        jar(jar, "BOOT-INF/classes/rules/default-rules.yml", "rules: [ ]"); // the upgrade: one resource changed
        assertThat(ProgramIdentity.of(jar.toString())).isNotEqualTo(before);
    }

    @Test
    void aChangedClassInABuildFolderIsAnotherProgram() throws Exception {
        Path classes = Files.createDirectories(tmp.resolve("classes/cn/nianbao"));
        Files.write(classes.resolve("A.class"), new byte[] {1, 2, 3});
        String folder = tmp.resolve("classes").toString();
        String before = ProgramIdentity.of(folder);
        Files.setLastModifiedTime(classes.resolve("A.class"), FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
        assertThat(ProgramIdentity.of(folder)).as("touched only").isEqualTo(before);
        Files.write(classes.resolve("A.class"), new byte[] {1, 2, 4});
        assertThat(ProgramIdentity.of(folder)).isNotEqualTo(before);
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
