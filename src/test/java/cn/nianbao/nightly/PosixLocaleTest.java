package cn.nianbao.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cron and systemd start programs with no LANG: the POSIX locale, whose file-name encoding is ASCII. The
 * JVM then reads 开元街道-2020年报.xlsx as ?????-2020??.xlsx. The run must refuse to start, saying how to fix
 * it, instead of consolidating mangled names (which collide, match no agency, and fail half way).
 */
class PosixLocaleTest {

    private static final Map<String, String> POSIX = Map.of("LANG", "", "LANGUAGE", "", "LC_CTYPE", "", "LC_ALL", "POSIX");

    @Test
    void refusesToRunWhenFileNamesCannotBeDecoded(@TempDir Path dir) throws Exception {
        Path input = Files.createDirectories(dir.resolve("in"));
        Files.copy(Path.of("sample-input/2020/开元街道-2020.xlsx"), input.resolve("开元街道-2020年报.xlsx"));
        Path out = dir.resolve("out");

        NianbaoProcess p = NianbaoProcess.start(POSIX, "consolidate", "--input", input.toString(), "--out", out.toString());
        assertThat(p.waitFor(Duration.ofSeconds(60))).as(p.output()).isEqualTo(2);
        assertThat(p.stderr()).contains("not UTF-8").contains("LANG=C.UTF-8");
        assertThat(out).doesNotExist();
        assertThat(dir.resolve(".nianbao-db")).doesNotExist();
    }

    /** The help is the first thing typed on a new server: in the POSIX locale it is printed in ASCII, not as "????". */
    @Test
    void theHelpIsReadableWithoutAUtf8Locale() throws Exception {
        NianbaoProcess p = NianbaoProcess.start(POSIX, "--help");
        assertThat(p.waitFor(Duration.ofSeconds(60))).as(p.output()).isZero();
        assertThat(p.stdout()).contains("consolidate --job jobs/<name>.yml").contains("--fail-on").contains("LANG=C.UTF-8")
                .doesNotContain("?");
        assertThat(p.stdout().chars()).allMatch(c -> c < 128);

        NianbaoProcess utf8 = NianbaoProcess.start(Map.of("LANG", "", "LC_ALL", "C.UTF-8"), "--help");
        assertThat(utf8.waitFor(Duration.ofSeconds(60))).as(utf8.output()).isZero();
        assertThat(utf8.stdout()).contains("政府信息公开工作年度报告汇总");
    }

    @Test
    void runsWithAUtf8Locale(@TempDir Path dir) throws Exception {
        Path input = Files.createDirectories(dir.resolve("in"));
        Files.copy(Path.of("sample-input/2020/开元街道-2020.xlsx"), input.resolve("开元街道-2020年报.xlsx"));
        Path out = dir.resolve("out");

        NianbaoProcess p = NianbaoProcess.start(Map.of("LANG", "", "LC_ALL", "C.UTF-8"),
                "consolidate", "--input", input.toString(), "--out", out.toString());
        assertThat(p.waitFor(Duration.ofSeconds(90))).as(p.output()).isIn(0, 1);
        assertThat(Files.readString(out.resolve("facts.csv"))).contains("开元街道-2020年报.xlsx");
    }
}
