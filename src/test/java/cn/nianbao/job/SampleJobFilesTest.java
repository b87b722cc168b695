package cn.nianbao.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.nianbao.model.Agency;

/** The shipped job files read to what they say (the values below are read off the files by eye). */
class SampleJobFilesTest {

    private static final Agency LICHENG = new Agency("350502", "泉州市鲤城区", List.of(), "区", "350500");
    private static final Agency QUANZHOU = new Agency("350500", "泉州市", List.of(), "市", null);
    private static final List<String> CODES_2020 = List.of("350502-GOV", "350502-KY", "350502-HB", "350502-LJ", "350502-LZ",
            "350502-FQ", "350502-JN", "350502-JL", "350502-CT", "350502-JY", "350502-SJ", "350502-RS", "350502-WJ");

    @Test
    void licheng2020() {
        Path file = Path.of("jobs/licheng-2020.yml");
        JobDefinition job = JobFileReader.read(file);
        assertThat(job.name()).isEqualTo("licheng-2020");
        assertThat(job.years()).containsExactly(2020);
        assertThat(job.input()).isEqualTo(Path.of("sample-input/2020").toAbsolutePath());
        assertThat(job.output()).isEqualTo(Path.of("out/licheng-2020").toAbsolutePath());
        assertThat(job.rules()).isNull();
        assertThat(job.source()).isEqualTo(file);
        assertThat(job.fromJobs()).isEmpty();
        assertThat(job.leaveOutErrors()).isFalse();
        assertThat(job.units()).containsExactly(LICHENG, QUANZHOU);
        assertThat(job.roster()).extracting(Agency::code).containsExactlyElementsOf(CODES_2020);
        assertThat(job.roster().get(0)).isEqualTo(new Agency("350502-GOV", "鲤城区人民政府办公室",
                List.of("区政府办", "区政府本级", "区政府办公室"), "区政府本级", "350502"));
        assertThat(job.roster().get(1)).isEqualTo(new Agency("350502-KY", "鲤城区人民政府开元街道办事处",
                List.of("开元街道", "开元", "鲤城区开元街道办事处"), "街道", "350502"));
        assertThat(job.roster().get(12)).isEqualTo(new Agency("350502-WJ", "鲤城区卫生健康局",
                List.of("区卫健局", "卫健局", "卫生健康局"), "部门", "350502"));
        assertThat(job.roster()).allMatch(a -> a.parent().equals("350502") && a.aliases().size() >= 2);
    }

    @Test
    void licheng2021HasTheFinanceBureauToo() {
        JobDefinition job = JobFileReader.read(Path.of("jobs/licheng-2021.yml"));
        assertThat(job.name()).isEqualTo("licheng-2021");
        assertThat(job.years()).containsExactly(2021);
        assertThat(job.input()).isEqualTo(Path.of("sample-input/2021").toAbsolutePath());
        assertThat(job.output()).isEqualTo(Path.of("out/licheng-2021").toAbsolutePath());
        assertThat(job.units()).containsExactly(LICHENG, QUANZHOU);
        assertThat(job.roster()).hasSize(14);
        assertThat(job.roster().subList(0, 13)).extracting(Agency::code).containsExactlyElementsOf(CODES_2020);
        assertThat(job.roster().get(13)).isEqualTo(new Agency("350502-CZ", "鲤城区财政局", List.of("区财政局", "财政局"), "部门", "350502"));
    }

    @Test
    void quanzhou2020RollsUpTheDistrictJob() {
        Path file = Path.of("jobs/quanzhou-2020.yml");
        assertThat(JobFileReader.read(file)).isEqualTo(new JobDefinition("quanzhou-2020", List.of(2020), null,
                Path.of("out/quanzhou-2020").toAbsolutePath(), null, List.of(QUANZHOU), List.of(), file, List.of("licheng-2020"),
                false));
    }
}
