package cn.nianbao.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.NianbaoApplication;

/**
 * What is checked before anything runs, and said so a person can act on it: a job file that is not there (with the
 * folder a relative path was looked for in), an output folder that cannot be written (exit 2 before the database is
 * touched), and a help text the console can show.
 */
class StartChecksTest {

    @TempDir
    Path dir;

    @Test
    void aMissingJobFileIsReportedAsNotThereWithTheWorkingFolder() throws Exception {
        Stderr err = new Stderr();
        int status;
        try {
            status = NianbaoApplication.run(new String[] {"consolidate", "--job", "jobs/no-such-job.yml"});
        } finally {
            err.restore();
        }
        assertThat(status).isEqualTo(2);
        assertThat(err.text()).contains("作业文件不存在：jobs/no-such-job.yml")
                .contains(Path.of("").toAbsolutePath().toString())
                .doesNotContain("Exception");
    }

    /**
     * /sys/kernel: a folder even root cannot create a file in (the tests run as root in CI, where a read-only
     * permission would not stop anything). The database named on the command line is never created.
     */
    @Test
    void anOutputFolderThatCannotBeWrittenStopsTheRunBeforeTheDatabase() throws Exception {
        Path readOnly = Path.of("/sys/kernel");
        assumeTrue(Files.isDirectory(readOnly), "a Linux system folder no process can write into");
        assertThat(OutputFolder.problem(readOnly)).isPresent();
        Path input = Files.createDirectories(dir.resolve("in"));
        Files.copy(Path.of("sample-input/2020/开元街道-2020.xlsx"), input.resolve("开元街道-2020.xlsx"));
        Path db = dir.resolve("db");

        Stderr err = new Stderr();
        int status;
        try {
            status = NianbaoApplication.run(new String[] {"consolidate", "--input", input.toString(), "--out", readOnly.toString(),
                    "--spring.datasource.url=jdbc:h2:file:" + db.resolve("nianbao")});
        } finally {
            err.restore();
        }
        assertThat(status).isEqualTo(2);
        assertThat(err.text()).contains("输出文件夹 /sys/kernel 不可写入").contains("数据库未作任何改动").doesNotContain("Exception");
        assertThat(db).doesNotExist();
    }

    @Test
    void aWritableFolderPassesAndKeepsNoTraceOfTheCheck() throws Exception {
        Path out = dir.resolve("new/out");
        assertThat(OutputFolder.problem(out)).isEmpty();
        assertThat(out).isDirectory().isEmptyDirectory();
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThat(OutputFolder.problem(file.resolve("out"))).get().asString().contains("无法创建输出文件夹");
    }

    @Test
    void theHelpIsInChineseOnlyWhereTheConsoleCanShowIt() {
        assertThat(CommandLine.showsChinese("UTF-8", "UTF-8", "Linux")).isTrue();
        assertThat(CommandLine.showsChinese("GB18030", "GB18030", "Linux")).isTrue();
        assertThat(CommandLine.showsChinese("ANSI_X3.4-1968", "UTF-8", "Linux")).as("POSIX locale").isFalse();
        assertThat(CommandLine.showsChinese(null, "UTF-8", "Linux")).isFalse();
        assertThat(CommandLine.showsChinese("Cp1252", "GBK", "Windows 10")).as("a Chinese console code page").isTrue();
        assertThat(CommandLine.showsChinese("GBK", "Cp1252", "Windows 11")).as("an English console").isFalse();
        assertThat(CommandLine.HELP_ASCII.chars()).allMatch(c -> c < 128);
        for (String option : new String[] {"--job", "--input", "--out", "--year", "--fail-on", "--force", "--older-than",
                "--nianbao.lock.wait", "--spring.datasource.url"}) {
            assertThat(CommandLine.HELP).contains(option);
            assertThat(CommandLine.HELP_ASCII).contains(option);
        }
    }

    /** System.err captured while NianbaoApplication runs in this JVM. */
    private static final class Stderr {
        private final PrintStream original = System.err;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        Stderr() {
            System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        }

        void restore() {
            System.setErr(original);
        }

        String text() {
            return buffer.toString(StandardCharsets.UTF_8);
        }
    }
}
