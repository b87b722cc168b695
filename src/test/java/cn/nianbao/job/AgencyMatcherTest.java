package cn.nianbao.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import cn.nianbao.model.Agency;

/**
 * The roster entry a workbook belongs to: the one whose code, name or alias is the longest text found in the
 * file name or a title; two entries found equally long is no match (README, "Job files"), in whatever order the
 * roster lists them.
 */
class AgencyMatcherTest {

    private static final Agency KAIYUAN = new Agency("350502-KY", "鲤城区人民政府开元街道办事处", List.of("开元街道", "开元"), "街道", "350502");
    private static final Agency HAIBIN = new Agency("350502-HB", "鲤城区人民政府海滨街道办事处", List.of("海滨街道", "海滨"), "街道", "350502");
    /** Its name contains another entry's alias: the longer text must win. */
    private static final Agency HAIBIN_CLINIC = new Agency("350502-HBWS", "海滨街道社区卫生服务中心", List.of(), "部门", "350502");
    /** A one-character alias would match almost anything: it is ignored. */
    private static final Agency WITH_SHORT_ALIAS = new Agency("350502-X", "鲤城区某某站", List.of("站"), "部门", "350502");
    private static final Agency DISTRICT = new Agency("350502", "泉州市鲤城区", List.of(), "区", "350500");

    private static final List<Agency> ROSTER = List.of(KAIYUAN, HAIBIN, HAIBIN_CLINIC, WITH_SHORT_ALIAS, DISTRICT);

    /** The match, asserted the same for every order of the roster. */
    private static Optional<Agency> match(String fileName, String... titles) {
        Optional<Agency> first = null;
        for (List<Agency> order : orders()) {
            Optional<Agency> found = new AgencyMatcher(order).match(fileName, List.of(titles));
            if (first == null) {
                first = found;
            }
            assertThat(found).as("roster order %s", order.stream().map(Agency::code).toList()).isEqualTo(first);
        }
        return first;
    }

    private static List<List<Agency>> orders() {
        List<List<Agency>> orders = new ArrayList<>();
        orders.add(ROSTER);
        List<Agency> reversed = new ArrayList<>(ROSTER);
        Collections.reverse(reversed);
        orders.add(reversed);
        for (int shift = 1; shift < ROSTER.size(); shift++) {
            List<Agency> rotated = new ArrayList<>(ROSTER);
            Collections.rotate(rotated, shift);
            orders.add(rotated);
        }
        return orders;
    }

    @Test
    void anAliasInTheFileNameFindsItsAgency() {
        assertThat(match("开元街道-2020年报.xlsx")).contains(KAIYUAN);
        assertThat(match("2020 开元 年报.xlsx")).as("the shortest alias still counts").contains(KAIYUAN);
    }

    @Test
    void theLongestTextFoundWins() {
        // 「海滨街道」 (HAIBIN's alias, 4) is inside 「海滨街道社区卫生服务中心」 (the clinic's name, 12)
        assertThat(match("海滨街道社区卫生服务中心-2020.xlsx")).contains(HAIBIN_CLINIC);
        assertThat(match("海滨街道-2020.xlsx")).contains(HAIBIN);
        // a title naming the agency in full outweighs another agency's alias in the file name
        assertThat(match("开元街道-2020.xlsx", "鲤城区人民政府海滨街道办事处2020年政府信息公开工作年度报告")).contains(HAIBIN);
        // the code counts as text too, and white space inside a title does not break a name
        assertThat(match("350502-KY.xlsx")).contains(KAIYUAN);
        assertThat(match("年报.xlsx", "泉州市 鲤城区 2020年政府信息公开工作年度报告")).contains(DISTRICT);
    }

    @Test
    void twoEntriesFoundEquallyLongAreNoMatch() {
        assertThat(match("开元街道与海滨街道联合年报.xlsx")).isEmpty();
        assertThat(match("年报.xlsx", "开元", "海滨")).isEmpty();
        // … unless a third is found longer
        assertThat(match("开元街道与海滨街道联合年报.xlsx", "海滨街道社区卫生服务中心")).contains(HAIBIN_CLINIC);
        // the same entry found twice is no tie
        assertThat(match("开元街道.xlsx", "开元街道")).contains(KAIYUAN);
    }

    @Test
    void nothingFoundIsNoMatchAndOneCharacterIsNothing() {
        assertThat(match("某某单位-2020.xlsx")).isEmpty();
        assertThat(match("站.xlsx", "")).isEmpty();
        assertThat(match("鲤城区某某站.xlsx")).contains(WITH_SHORT_ALIAS);
        assertThat(new AgencyMatcher(List.of()).match("开元街道.xlsx", List.of())).isEmpty();
    }
}
