package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an input folder holds, as the job lists it: every file at any depth in path order, and what it leaves out and why. */
class InputScannerTest {

    @TempDir
    Path dir;

    private Path file(String relative) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, "x");
    }

    @Test
    void everyFileAtAnyDepthInPathOrderAndWhatIsLeftOutWithItsReason() throws Exception {
        file("b街道/2020.xlsx");
        file("a局/年报.DOCX");
        file("a局/说明.pdf");
        file("a局/深/一/二/三/四/旧.xls");
        file("c.doc");
        file("无扩展名");
        file("a局/~$年报.docx");
        file("a局/.~lock.年报.xlsx#");
        file(".DS_Store");
        file("b街道/Thumbs.db");
        file("b街道/Desktop.ini");
        file(".git/config");
        file("b街道/.隐藏/年报.xlsx");
        Files.createSymbolicLink(dir.resolve("链接.xlsx"), dir.resolve("c.doc"));
        Process fifo = new ProcessBuilder("mkfifo", dir.resolve("管道.xlsx").toString()).start();
        assertThat(fifo.waitFor(30, TimeUnit.SECONDS) && fifo.exitValue() == 0).as("mkfifo").isTrue();

        InputScanner.Scan scan = InputScanner.scan(dir);

        assertThat(scan.files()).extracting(p -> dir.relativize(p).toString().replace('\\', '/')).containsExactly(
                "a局/年报.DOCX", "a局/深/一/二/三/四/旧.xls", "a局/说明.pdf", "b街道/2020.xlsx", "c.doc", "无扩展名");
        assertThat(scan.reports()).isEqualTo(4);
        assertThat(scan.skipped()).extracting(InputScanner.Skipped::path, InputScanner.Skipped::reason).containsExactly(
                tuple(".DS_Store", "系统生成的文件"),
                tuple(".git/", "隐藏文件夹，未读取"),
                tuple("a局/.~lock.年报.xlsx#", "Office/WPS 临时锁文件"),
                tuple("a局/~$年报.docx", "Office/WPS 临时锁文件"),
                tuple("b街道/.隐藏/", "隐藏文件夹，未读取"),
                tuple("b街道/Desktop.ini", "系统生成的文件"),
                tuple("b街道/Thumbs.db", "系统生成的文件"),
                tuple("管道.xlsx", "不是普通文件"),
                tuple("链接.xlsx", "符号链接，未跟随读取"));
    }

    @Test
    void anEmptyFolderHoldsNothingAndAMissingOneIsAnError() throws Exception {
        InputScanner.Scan empty = InputScanner.scan(dir);
        assertThat(empty.files()).isEmpty();
        assertThat(empty.skipped()).isEmpty();
        assertThat(empty.reports()).isZero();

        Path missing = dir.resolve("没有");
        assertThatThrownBy(() -> InputScanner.scan(missing)).isInstanceOf(IOException.class).hasMessageContaining("输入文件夹不存在");
        Path plainFile = file("a.xlsx");
        assertThatThrownBy(() -> InputScanner.scan(plainFile)).isInstanceOf(IOException.class);
    }

    @Test
    void theExtensionOfAName() {
        assertThat(InputScanner.extension("年报.XLSX")).isEqualTo("xlsx");
        assertThat(InputScanner.extension("a.b.Doc")).isEqualTo("doc");
        assertThat(InputScanner.extension("README")).isEmpty();
        assertThat(InputScanner.extension(".xls")).isEqualTo("xls");
        assertThat(InputScanner.extension("年报.")).isEmpty();
        assertThat(InputScanner.hasReportExtension(Path.of("x", "年报.xlsm"))).isTrue();
        assertThat(InputScanner.hasReportExtension(Path.of("年报.pdf"))).isFalse();
        assertThat(InputScanner.hasReportExtension(Path.of("xlsx"))).isFalse();
    }

    /**
     * A folder nested deeper than the system lets a path name (4096 bytes on Linux): made by renaming short folders to
     * long names from the deepest up, so that no path named on the way is too long. The walk cannot list it, so it is
     * skipped with the system's reason, and the rest of the folder is still read. Root, who reads every folder, cannot
     * open this one either.
     */
    @Test
    void aFolderTooDeepToOpenIsSkippedWithTheReasonAndTheRestIsRead() throws Exception {
        file("a局/年报.xlsx");
        Path top = dir.resolve("深");
        Path deepest = top;
        for (int i = 0; i < 24; i++) {
            deepest = deepest.resolve("d");
        }
        Files.createDirectories(deepest);
        Files.writeString(deepest.resolve("年报.xlsx"), "x");
        String longName = "很长的文件夹名".repeat(11); // 231 bytes in UTF-8, within the 255 a name may have
        for (Path p = deepest; !p.equals(top); p = p.getParent()) {
            Files.move(p, p.resolveSibling(longName));
        }
        try {
            InputScanner.Scan scan = InputScanner.scan(dir);

            assertThat(scan.files()).containsExactly(dir.resolve("a局/年报.xlsx"));
            assertThat(scan.skipped()).singleElement().satisfies(s -> {
                assertThat(s.path()).startsWith("深/" + longName + "/").endsWith(longName);
                assertThat(dir.resolve(s.path()).toString().getBytes(StandardCharsets.UTF_8)).hasSizeGreaterThan(4096);
                assertThat(s.reason()).startsWith("无法访问：");
            });
        } finally {
            // names the JUnit clean-up can reach again: the same renames from the top down
            Path p = top;
            while (Files.exists(p.resolve(longName), LinkOption.NOFOLLOW_LINKS)) {
                p = Files.move(p.resolve(longName), p.resolve("d"));
            }
        }
    }
}
