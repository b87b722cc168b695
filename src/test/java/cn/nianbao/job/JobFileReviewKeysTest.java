package cn.nianbao.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job file's keys for auditors: their own dispositions file, and the deadline and office of the 整改通知. */
class JobFileReviewKeysTest {

    @TempDir
    Path dir;

    private Path job(String extra) throws Exception {
        return Files.writeString(dir.resolve("job.yml"), "name: t\nyear: 2020\ninput: in\noutput: out\n" + extra);
    }

    @Test
    void readsTheDispositionsFileRelativeToTheJobFileAndTheNotice() throws Exception {
        JobDefinition job = JobFileReader.read(job("""
                dispositions: ./审核/处理意见.xlsx
                notice:
                  deadline: 2021-03-31
                  office: 泉州市鲤城区人民政府办公室
                """));
        assertThat(job.dispositions()).isEqualTo(dir.resolve("审核/处理意见.xlsx").toAbsolutePath().normalize());
        assertThat(job.notice()).isEqualTo(new Notice(LocalDate.of(2021, 3, 31), "泉州市鲤城区人民政府办公室"));
        assertThat(JobFileReader.read(job("notice: { deadline: \"2022-01-05\" }\n")).notice().deadline())
                .isEqualTo(LocalDate.of(2022, 1, 5));
    }

    @Test
    void withoutThemThereIsNoDispositionsFileAndABlankNotice() throws Exception {
        JobDefinition job = JobFileReader.read(job(""));
        assertThat(job.dispositions()).isNull();
        assertThat(job.notice()).isEqualTo(Notice.NONE);
        assertThat(job.withYears(java.util.List.of(2021)).notice()).isEqualTo(Notice.NONE);
    }

    @Test
    void refusesWhatItCannotUseInChinese() throws Exception {
        Path csv = job("dispositions: 处理意见.csv\n");
        assertThatThrownBy(() -> JobFileReader.read(csv)).isInstanceOf(JobFileException.class).hasMessageContaining(".xlsx");
        Path date = job("notice: { deadline: 三月底 }\n");
        assertThatThrownBy(() -> JobFileReader.read(date)).hasMessageContaining("deadline").hasMessageContaining("2021-03-31");
        Path key = job("notice: { due: 2021-03-31 }\n");
        assertThatThrownBy(() -> JobFileReader.read(key)).hasMessageContaining("未知的键「due」");
        Path missing = dir.resolve("jobs/none.yml");
        assertThatThrownBy(() -> JobFileReader.read(missing)).hasMessageContaining("作业文件不存在");
    }
}
