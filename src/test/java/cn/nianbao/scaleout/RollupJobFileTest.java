package cn.nianbao.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.model.Agency;
import cn.nianbao.job.JobDefinition;
import cn.nianbao.job.JobFileException;
import cn.nianbao.job.JobFileReader;
import cn.nianbao.job.RollupDefinition;

/** The roll-up job file (from-jobs) as read, and how the districts' units and rosters are merged. */
class RollupJobFileTest {

    @TempDir
    Path tmp;

    private static final Agency CITY = new Agency("350500", "泉州市", List.of(), "市", null);
    private static final Agency LICHENG = new Agency("350502", "泉州市鲤城区", List.of(), "区", "350500");
    private static final Agency FENGZE = new Agency("350503", "泉州市丰泽区", List.of(), "区", "350500");

    private JobDefinition read(String yaml) throws Exception {
        Path f = tmp.resolve("city.yml");
        Files.writeString(f, yaml, StandardCharsets.UTF_8);
        return JobFileReader.read(f);
    }

    @Test
    void readsTheRollupForm() throws Exception {
        JobDefinition job = read("name: quanzhou-2020\nyear: 2020\nfrom-jobs: [licheng-2020, fengze-2020]\noutput: ../out/q\n"
                + "units:\n  - { code: \"350500\", name: 泉州市, kind: 市 }\n");
        assertThat(job.isRollup()).isTrue();
        assertThat(job.fromJobs()).containsExactly("licheng-2020", "fengze-2020");
        assertThat(job.input()).isNull();
        assertThat(job.output()).isEqualTo(tmp.resolve("../out/q").normalize().toAbsolutePath());
        assertThat(job.units()).extracting(Agency::code).containsExactly("350500");
        assertThat(job.roster()).isEmpty();
        assertThat(JobFileReader.read(Path.of("jobs/licheng-2020.yml")).isRollup()).isFalse();
    }

    /** The shipped city job file reads, and rolls up jobs that are shipped too. */
    @Test
    void theShippedCityJobNamesShippedDistrictJobs() throws Exception {
        JobDefinition city = JobFileReader.read(Path.of("jobs/quanzhou-2020.yml"));
        assertThat(city.isRollup()).isTrue();
        for (String job : city.fromJobs()) {
            JobDefinition district = JobFileReader.read(Path.of("jobs/" + job + ".yml"));
            assertThat(district.name()).isEqualTo(job);
            assertThat(district.isRollup()).isFalse();
            assertThat(district.years()).isEqualTo(city.years());
            // with the default H2 database the city must share the districts' database: outputs in one parent folder
            assertThat(district.output().getParent()).isEqualTo(city.output().getParent());
        }
    }

    @Test
    void refusesWhatARollupFileCannotMean() {
        String base = "name: q\nyear: 2020\noutput: out\n";
        assertThatThrownBy(() -> read(base + "from-jobs: [a]\ninput: in\n")).isInstanceOf(JobFileException.class)
                .hasMessageContaining("不能同时写 from-jobs 和 input");
        assertThatThrownBy(() -> read(base + "from-jobs: [a]\nroster:\n  - { code: x, name: y }\n"))
                .hasMessageContaining("不应再写 roster");
        assertThatThrownBy(() -> read(base + "from-jobs: []\n")).hasMessageContaining("from-jobs 应为作业名称的列表");
        assertThatThrownBy(() -> read(base + "from-jobs: licheng\n")).hasMessageContaining("from-jobs 应为作业名称的列表");
        assertThatThrownBy(() -> read(base + "from-jobs: [a, a]\n")).hasMessageContaining("「a」重复");
        assertThatThrownBy(() -> read(base + "from-jobs: [q]\n")).hasMessageContaining("含有它自己");
        assertThatThrownBy(() -> read("name: q\noutput: out\nfrom-jobs: [a]\n")).hasMessageContaining("须写明 year");
    }

    @Test
    void mergesTheDistrictsInFromJobsOrderWithTheRollupsUnitsFirst() throws Exception {
        JobDefinition city = read("name: q\nyear: 2020\nfrom-jobs: [licheng, fengze]\noutput: out\n"
                + "units:\n  - { code: \"350500\", name: 泉州市, kind: 市, parent: \"350000\" }\n");
        Agency ky = new Agency("350502-KY", "开元街道", List.of("开元"), "街道", "350502");
        Agency dh = new Agency("350503-DH", "东海街道", List.of(), "街道", "350503");
        JobDefinition merged = RollupDefinition.merge(city, List.of(
                new RollupDefinition.Source("licheng", List.of(2020), List.of(LICHENG, CITY), List.of(ky)),
                new RollupDefinition.Source("fengze", List.of(2020), List.of(FENGZE, CITY), List.of(dh))));
        // the city file's 泉州市 (with its parent) wins over the districts' identical-but-for-the-parent copies
        assertThat(merged.units()).extracting(Agency::code).containsExactly("350500", "350502", "350503");
        assertThat(merged.units().get(0).parent()).isEqualTo("350000");
        assertThat(merged.roster()).containsExactly(ky, dh);
        assertThat(merged.fromJobs()).containsExactly("licheng", "fengze");
    }

    @Test
    void refusesSourcesThatDoNotFitTogether() throws Exception {
        JobDefinition city = read("name: q\nyear: 2020\nfrom-jobs: [a, b]\noutput: out\n");
        Agency ky = new Agency("350502-KY", "开元街道", List.of(), "街道", "350502");
        Agency otherCity = new Agency("350500", "泉州市人民政府", List.of(), "市", null);
        assertThatThrownBy(() -> RollupDefinition.merge(city, List.of(
                new RollupDefinition.Source("a", List.of(2020), List.of(LICHENG, CITY), List.of(ky)),
                new RollupDefinition.Source("b", List.of(2020), List.of(FENGZE, otherCity),
                        List.of(new Agency("350503-DH", "东海街道", List.of(), "街道", "350503"))))))
                .isInstanceOf(JobFileException.class).hasMessageContaining("单位「350500」在作业「a」中是「泉州市，市，无上级」");
        assertThatThrownBy(() -> RollupDefinition.merge(city, List.of(
                new RollupDefinition.Source("a", List.of(2020), List.of(LICHENG, CITY), List.of(ky)),
                new RollupDefinition.Source("b", List.of(2020), List.of(LICHENG, CITY), List.of(ky)))))
                .hasMessageContaining("同时在作业「a」和「b」的名册中");
        assertThatThrownBy(() -> RollupDefinition.merge(city, List.of(
                new RollupDefinition.Source("a", List.of(2020, 2021), List.of(LICHENG, CITY), List.of(ky)))))
                .hasMessageContaining("作业「a」的年度 [2020, 2021] 与汇总作业「q」的年度 [2020] 不同");
        assertThatThrownBy(() -> RollupDefinition.merge(city, List.of(
                new RollupDefinition.Source("a", List.of(2020), List.of(LICHENG), List.of()))))
                .hasMessageContaining("没有名册");
    }
}
