package cn.nianbao.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"merge"})).hasMessageContaining("未知命令「merge」");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"consolidate", "--job"})).hasMessage("--job 后面缺少取值");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"consolidate", "--job", "a.yml", "--job", "b.yml"}))
                .hasMessageContaining("--job").hasMessageContaining("只能给一次");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"purge", "--job", "x"})).hasMessageContaining("purge 需要 --older-than");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"purge", "--older-than", "3 months", "--out", "o"}))
                .hasMessageContaining("90d").hasMessageContaining("3 months");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"purge", "--older-than", "9d", "--force"}))
                .hasMessageContaining("purge 不支持选项「--force」");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--force"})).hasMessageContaining("未知选项「--force」");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"purge", "--older-than", "9d"}))
                .hasMessageContaining("请指明数据库");
    }

    @Test
    void helpAndVersionAreAnsweredWhereverTheyAreAsked() throws Exception {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"-h"}, new String[] {"help"},
                new String[] {"consolidate", "--help"}, new String[] {"purge", "-h"})) {
            assertThat(CommandLine.parse(args).command()).as(String.join(" ", args)).isEqualTo(CommandLine.Command.HELP);
        }
        assertThat(CommandLine.parse(new String[] {"--version"}).command()).isEqualTo(CommandLine.Command.VERSION);
        CommandLine purge = CommandLine.parse(new String[] {"purge", "--older-than=90d", "--job", "licheng-2020", "--out", "o"});
        assertThat(purge.olderThan()).isEqualTo(java.time.Duration.ofDays(90));
        assertThat(purge.purgeJob()).isEqualTo("licheng-2020");
        assertThat(CommandLine.parse(new String[] {"purge", "--older-than", "1d", "--job", "jobs/a.yml"}).jobFile())
                .isEqualTo(Path.of("jobs/a.yml"));
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
