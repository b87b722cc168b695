package cn.nianbao.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job file's {@code leave-out-reports-with-errors}: off unless written true; anything but true or false refused. */
class LeaveOutErrorsKeyTest {

    @TempDir
    Path dir;

    @Test
    void offByDefaultOnWhenWrittenTrueForDistrictAndRollupJobs() throws Exception {
        assertThat(JobFileReader.read(job("")).leaveOutErrors()).isFalse();
        assertThat(JobFileReader.read(job("leave-out-reports-with-errors: false\n")).leaveOutErrors()).isFalse();
        JobDefinition on = JobFileReader.read(job("leave-out-reports-with-errors: true\n"));
        assertThat(on.leaveOutErrors()).isTrue();
        assertThat(on.withYears(java.util.List.of(2021)).leaveOutErrors()).as("carried by withYears").isTrue();
        assertThat(on.withUnitsAndRoster(on.units(), on.roster()).leaveOutErrors()).isTrue();
        Path rollup = write("city.yml", "name: city\nyear: 2020\nfrom-jobs: [a, b]\noutput: out\nleave-out-reports-with-errors: true\n");
        assertThat(JobFileReader.read(rollup).leaveOutErrors()).isTrue();
    }

    @Test
    void anythingButTrueOrFalseIsRefused() throws Exception {
        assertThatThrownBy(() -> JobFileReader.read(job("leave-out-reports-with-errors: yes please\n")))
                .isInstanceOf(JobFileException.class).hasMessageContaining("leave-out-reports-with-errors 应为 true 或 false");
    }

    private Path job(String extra) throws Exception {
        return write("district.yml", "name: district\nyear: 2020\ninput: in\noutput: out\n" + extra
                + "units:\n  - { code: \"350502\", name: 鲤城区 }\nroster:\n  - { code: A, name: 甲, parent: \"350502\" }\n");
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }
}
