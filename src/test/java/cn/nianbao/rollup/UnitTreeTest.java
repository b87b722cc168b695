package cn.nianbao.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.nianbao.model.Agency;

/** Which roster agencies each unit covers, through any depth, and that a loop in the parents cannot hang it. */
class UnitTreeTest {

    static final Agency PROVINCE = new Agency("350000", "福建省", List.of(), "省", null);
    static final Agency CITY = new Agency("350500", "泉州市", List.of(), "市", "350000");
    static final Agency LICHENG = new Agency("350502", "鲤城区", List.of(), "区", "350500");
    static final Agency FENGZE = new Agency("350503", "丰泽区", List.of(), "区", "350500");

    static final Agency KAIYUAN = new Agency("350502-KY", "开元街道", List.of(), "街道", "350502");
    static final Agency HAIBIN = new Agency("350502-HB", "海滨街道", List.of(), "街道", "350502");
    static final Agency DONGHAI = new Agency("350503-DH", "东海街道", List.of(), "街道", "350503");
    /** The city's own office reports directly to the city. */
    static final Agency CITY_OFFICE = new Agency("350500-BG", "泉州市政府办公室", List.of(), "市政府本级", "350500");
    /** An agency whose parent is no unit of the job. */
    static final Agency STRAY = new Agency("999999-X", "外区某局", List.of(), "部门", "999999");

    static final UnitTree TREE = new UnitTree(List.of(LICHENG, FENGZE, CITY, PROVINCE),
            List.of(KAIYUAN, HAIBIN, DONGHAI, CITY_OFFICE, STRAY));

    @Test
    void aUnitIsUnderItselfAndEveryUnitAboveIt() {
        assertThat(TREE.isUnder("350502", "350502")).isTrue();
        assertThat(TREE.isUnder("350502", "350500")).isTrue();
        assertThat(TREE.isUnder("350502", "350000")).isTrue();
        assertThat(TREE.isUnder("350500", "350502")).as("a city is not under its district").isFalse();
        assertThat(TREE.isUnder("350502", "350503")).as("nor a district under its neighbour").isFalse();
        assertThat(TREE.isUnder("999999", "350000")).as("a code that is no unit").isFalse();
        assertThat(TREE.isUnder(null, "350000")).isFalse();
    }

    @Test
    void agenciesUnderAUnitAreThoseOfEveryUnitBelowItInRosterOrder() {
        assertThat(TREE.agenciesUnder("350502")).containsExactly(KAIYUAN, HAIBIN);
        assertThat(TREE.agenciesUnder("350503")).containsExactly(DONGHAI);
        assertThat(TREE.agenciesUnder("350500")).containsExactly(KAIYUAN, HAIBIN, DONGHAI, CITY_OFFICE);
        assertThat(TREE.agenciesUnder("350000")).containsExactly(KAIYUAN, HAIBIN, DONGHAI, CITY_OFFICE);
        assertThat(TREE.agenciesUnder("999999")).as("not a unit of the job").containsExactly(STRAY);
        assertThat(TREE.agenciesUnder("350502-KY")).isEmpty();
    }

    @Test
    void unitsAreGivenInTheJobsOrderAndTheListIsTheCallersOwn() {
        assertThat(TREE.units()).containsExactly(LICHENG, FENGZE, CITY, PROVINCE);
        List<Agency> units = TREE.units();
        units.clear();
        assertThat(TREE.units()).hasSize(4);
        assertThat(new ArrayList<>(TREE.units())).isEqualTo(TREE.units());
    }

    @Test
    void aLoopInTheParentsEndsTheWalk() {
        Agency a = new Agency("A", "甲", List.of(), "区", "B");
        Agency b = new Agency("B", "乙", List.of(), "区", "A");
        UnitTree looped = new UnitTree(List.of(a, b), List.of(new Agency("A-1", "甲街道", List.of(), "街道", "A")));
        assertThat(looped.isUnder("A", "B")).isTrue();
        assertThat(looped.isUnder("A", "C")).isFalse();
        assertThat(looped.agenciesUnder("C")).isEmpty();
        assertThat(looped.agenciesUnder("B")).hasSize(1);
    }
}
