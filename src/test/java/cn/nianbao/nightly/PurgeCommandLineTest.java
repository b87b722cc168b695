package cn.nianbao.nightly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import cn.nianbao.cli.CommandLine;

/** purge's arguments are checked before Spring starts, like consolidate's (exit 2 on a mistake). */
class PurgeCommandLineTest {

    @Test
    void parsesAgeJobAndDatabase() throws Exception {
        CommandLine cmd = CommandLine.parse(new String[] {"purge", "--older-than", "90d", "--job", "licheng-2020", "--out", "out"});
        assertThat(cmd.command()).isEqualTo(CommandLine.Command.PURGE);
        assertThat(cmd.olderThan()).isEqualTo(Duration.ofDays(90));
        assertThat(cmd.purgeJob()).isEqualTo("licheng-2020");
        assertThat(cmd.output()).isEqualTo(Path.of("out"));

        CommandLine byJobFile = CommandLine.parse(new String[] {"purge", "--older-than=30d", "--job=jobs/licheng-2020.yml"});
        assertThat(byJobFile.jobFile()).isEqualTo(Path.of("jobs/licheng-2020.yml"));
        assertThat(byJobFile.purgeJob()).isNull();

        CommandLine byUrl = CommandLine.parse(new String[] {"purge", "--older-than", "7d", "--spring.datasource.url=jdbc:postgresql://db/nb"});
        assertThat(byUrl.springArgs()).containsExactly("--spring.datasource.url=jdbc:postgresql://db/nb");
    }

    @Test
    void refusesWhatItCannotRun() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"purge", "--out", "out"})).hasMessageContaining("--older-than");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"purge", "--older-than", "3 months", "--out", "out"}))
                .hasMessageContaining("90d");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"purge", "--older-than", "90d"})).hasMessageContaining("数据库");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"purge", "--older-than", "90d", "--out", "o", "--force"}))
                .hasMessageContaining("--force");
    }

    @Test
    void helpDescribesPurgeAndTheLock() {
        assertThat(CommandLine.HELP).contains("purge --older-than 90d").contains("--nianbao.lock.wait");
    }
}
