package cn.nianbao.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import cn.nianbao.model.Agency;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;
import cn.nianbao.model.ReportContent;
import cn.nianbao.model.Submission;
import cn.nianbao.testing.TestReports;

/**
 * The checks across reports run a group of agencies at a time give exactly the findings each agency has,
 * whatever the group size: none lost at a group's edge, none repeated, no agency of another group
 * reported missing.
 */
class AgencyPartitionsTest {

    private static final CrossReportValidator ACROSS = new CrossReportValidator(RuleBook.load());
    private static final Agency EDU = new Agency("A001", "某区教育局", List.of(), "区政府部门", "D01");
    private static final Agency STREET = new Agency("S01", "某某街道办事处", List.of(), "街道", "D01");
    private static final Agency STATION = new Agency("M01", "某某管理站", List.of(), "部门", "D01");
    private static final Agency STRANGER = Agency.unlisted("某管委会", "D01");

    /** 教育局 2020 and 2021 (上年结转 off by one in two columns), 街道 twice in 2021, an agency not on the roster. */
    private static final List<Report> REPORTS = List.of(
            TestReports.gov2019().consistent().year(2020).build(),
            TestReports.gov2021().consistent().year(2021).set("B.CARRIED_IN.NATURAL", 3).set("B.CARRIED_IN.TOTAL", 3)
                    .set("B.CARRIED_OUT.NATURAL", 3).set("B.CARRIED_OUT.TOTAL", 3).build(),
            TestReports.gov2021().consistent().year(2021).agency(STREET).file("in/街道-旧.xlsx", "2022-01-10T00:00:00Z").build(),
            TestReports.gov2021().consistent().year(2021).agency(STREET).file("in/街道-新.xlsx", "2022-01-12T00:00:00Z").build(),
            TestReports.gov2021().consistent().year(2021).agency(STRANGER).build());
    private static final List<Submission> UNUSED = List.of(
            new Submission("in/某某管理站2021.xlsx", "x", 10, Instant.parse("2022-01-10T00:00:00Z")));

    private record Run(List<String> findings, int groups) {
    }

    private static Run run(List<Report> reports, List<Agency> roster, int groupSize) {
        List<String> findings = new ArrayList<>();
        int[] calls = {0};
        AgencyPartitions partitions = new AgencyPartitions(ACROSS, TestReports.CATALOGUE, Set.of(2021), ReportHistory.none(),
                roster, UNUSED, ReportContent.of(reports), groupSize, batch -> {
                    calls[0]++;
                    batch.forEach(f -> findings.add(f.rule() + "|" + f.agencyCode() + "|" + f.year()));
                });
        reports.forEach(partitions::add);
        partitions.finish();
        return new Run(findings, calls[0]);
    }

    private static final List<String> EXPECTED = List.of("B-CARRY-OVER|A001|2021", "B-CARRY-OVER|A001|2021",
            "DUPLICATE-SUBMISSION|S01|2021", "UNKNOWN-AGENCY|某管委会|2021", "MISSING-SUBMISSION|M01|2021");

    @Test
    void everyGroupSizeGivesTheSameFindings() {
        List<Agency> roster = List.of(EDU, STREET, STATION);
        for (int size : List.of(0, 1, 2, 3, 4, 5, 100)) {
            assertThat(run(REPORTS, roster, size).findings()).as("group size %d", size).containsExactlyInAnyOrderElementsOf(EXPECTED);
        }
    }

    @Test
    void aGroupClosesOnlyBetweenAgenciesOnceItHasItsSize() {
        List<Agency> roster = List.of(EDU, STREET, STATION);
        // size 1 or 2: 教育局 (2 reports) | 街道 (2) | 管委会, then the roster's silent 管理站
        assertThat(run(REPORTS, roster, 1).groups()).isEqualTo(4);
        assertThat(run(REPORTS, roster, 2).groups()).isEqualTo(4);
        // size 3: 教育局 + 街道 | 管委会 | 管理站
        assertThat(run(REPORTS, roster, 3).groups()).isEqualTo(3);
        // size 5: everything in one group | 管理站
        assertThat(run(REPORTS, roster, 5).groups()).isEqualTo(2);
        // nobody silent: no group of its own
        assertThat(run(REPORTS, List.of(EDU, STREET), 5).groups()).isEqualTo(1);
    }

    @Test
    void theMissingAgencyIsTiedToItsUnusedFile() {
        List<Finding> findings = new ArrayList<>();
        AgencyPartitions partitions = new AgencyPartitions(ACROSS, TestReports.CATALOGUE, Set.of(2021), ReportHistory.none(),
                List.of(STATION), UNUSED, ReportContent.of(List.of()), 1, findings::addAll);
        partitions.finish();
        assertThat(findings).extracting(Finding::message)
                .containsExactly("名册中的某某管理站（M01）没有 2021 年的可用报告（收到的 某某管理站2021.xlsx 未能使用，见该文件的其他问题）");
    }

    @Test
    void withoutARosterNothingIsMissingOrUnknown() {
        assertThat(run(REPORTS, null, 1).findings()).containsExactlyInAnyOrder("B-CARRY-OVER|A001|2021", "B-CARRY-OVER|A001|2021",
                "DUPLICATE-SUBMISSION|S01|2021");
        assertThat(run(List.of(), null, 1).groups()).isZero();
    }

    @Test
    void reportsMustComeGroupedByAgency() {
        AgencyPartitions partitions = new AgencyPartitions(ACROSS, TestReports.CATALOGUE, Set.of(2021), ReportHistory.none(),
                null, List.of(), ReportContent.of(REPORTS), 100, batch -> { });
        partitions.add(REPORTS.get(0));
        partitions.add(REPORTS.get(2));
        assertThatThrownBy(() -> partitions.add(REPORTS.get(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("A001");
    }
}
