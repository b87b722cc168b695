package cn.nianbao.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.NianbaoApplication;
import cn.nianbao.model.Severity;

/** The command line of outputs.md: what it accepts, and exit status 2 for what it does not, before any work. */
class CommandLineTest {

    @Test
    void acceptsBothOptionSpellingsAndPassesSpringPropertiesThrough() throws Exception {
        CommandLine cmd = CommandLine.parse(new String[] {"consolidate", "--input", "in", "--out=out", "--year=2021",
                "--fail-on", "warning", "--spring.datasource.url=jdbc:postgresql://db/nb"});
        assertThat(cmd.command()).isEqualTo(CommandLine.Command.CONSOLIDATE);
        assertThat(cmd.input()).isEqualTo(Path.of("in"));
        assertThat(cmd.output()).isEqualTo(Path.of("out"));
        assertThat(cmd.year()).isEqualTo(2021);
        assertThat(cmd.failOn()).isEqualTo(Severity.WARNING);
        assertThat(cmd.springArgs()).containsExactly("--spring.datasource.url=jdbc:postgresql://db/nb");
        assertThat(CommandLine.parse(new String[0]).command()).isEqualTo(CommandLine.Command.HELP);
    }

    @Test
    void refusesWhatItCannotRunWithAMessageInChinese() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"consolidate", "--input", "in"}))
                .hasMessageContaining("--out");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"consolidate", "--job", "j.yml", "--input", "in", "--out", "o"}))
                .hasMessageContaining("不能同时使用");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"consolidate", "--job", "j.yml", "--fail-on", "sometimes"}))
                .hasMessageContaining("error 或 warning");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"consolidate", "--job", "j.yml", "--year", "二〇二〇"}))
                .hasMessageContaining("年度");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"consolidate", "--job", "j.yml", "--verbose"}))
                .hasMessageContaining("未知选项");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"merge"})).hasMessageContaining("未知命令");
    }

    @Test
    void badArgumentsJobFilesAndFoldersExitWithTwo(@TempDir Path dir) throws Exception {
        assertThat(NianbaoApplication.run(new String[] {"consolidate", "--verbose"})).isEqualTo(2);
        assertThat(NianbaoApplication.run(new String[] {"consolidate", "--job", dir.resolve("none.yml").toString()})).isEqualTo(2);
        assertThat(NianbaoApplication.run(new String[] {"consolidate", "--input", dir.resolve("missing").toString(),
                "--out", dir.resolve("out").toString()})).isEqualTo(2);
        Path job = dir.resolve("bad.yml");
        Files.writeString(job, "name: x\nyear: 2020\ninput: .\noutput: ./out\nrosta: []\n");
        assertThat(NianbaoApplication.run(new String[] {"consolidate", "--job", job.toString()})).isEqualTo(2);
        assertThat(NianbaoApplication.run(new String[] {"--help"})).isEqualTo(0);
    }
}
