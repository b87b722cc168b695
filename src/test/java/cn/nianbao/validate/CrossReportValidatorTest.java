package cn.nianbao.validate;

import cn.nianbao.testing.TestReports;

import static cn.nianbao.validate.ReportValidatorTest.assertNumbers;
import static cn.nianbao.validate.ReportValidatorTest.one;
import static cn.nianbao.validate.ReportValidatorTest.only;
import static cn.nianbao.testing.TestReports.cell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.nianbao.model.Agency;
import cn.nianbao.history.FindingChanges;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;
import cn.nianbao.model.Severity;
import cn.nianbao.model.Submission;
import cn.nianbao.model.UnitTotal;

class CrossReportValidatorTest {

    private static final CrossReportValidator VALIDATOR = new CrossReportValidator(RuleBook.load());
    private static final Agency EDU = new Agency("A001", "某区教育局", List.of(), "区政府部门", "D01");
    private static final Agency STREET = new Agency("S01", "某某街道办事处", List.of("某某街道"), "街道", "D01");

    private static CrossReportInput input(int year, List<Report> reports, List<Report> history) {
        return new CrossReportInput(TestReports.CATALOGUE, year, reports, new InMemoryReportHistory(history),
                null, List.of(), List.of());
    }

    @Test
    void carryOverHoldsAcrossTheFormatChange() {
        Report y2020 = TestReports.gov2019().consistent().year(2020).build();          // CARRIED_OUT.NATURAL = 2
        Report y2021 = TestReports.gov2021().consistent().year(2021).build();          // CARRIED_IN.NATURAL = 2
        assertEquals(List.of(), VALIDATOR.validate(input(2021, List.of(y2021), List.of(y2020))));

        Report wrong = TestReports.gov2021().consistent().year(2021)
                .set("B.CARRIED_IN.NATURAL", 3).set("B.CARRIED_IN.TOTAL", 3).build();
        List<Finding> findings = only(VALIDATOR.validate(input(2021, List.of(wrong), List.of(y2020))), "B-CARRY-OVER");
        assertEquals(2, findings.size(), findings::toString);
        Finding f = findings.get(0);
        assertEquals(Severity.ERROR, f.severity());
        assertEquals(List.of(cell("GOV2021", "B.CARRIED_IN.NATURAL")), f.cells());
        assertNumbers(f, "2", "3", "1");
        assertEquals(2021, f.year());
        assertEquals("自然人列：上年结转(3)不等于 2020 年报告的结转下年度继续办理(2)，差 1（2020 年：某区教育局-2020.xlsx Sheet1!"
                + cell("GOV2019", "B.CARRIED_OUT.NATURAL") + "）", f.message());
    }

    @Test
    void carryOverFindsLastYearInTheSameRunAndUsesRecomputedBlankTotals() {
        Report y2020 = TestReports.gov2019().consistent().year(2020).blank("B.CARRIED_OUT.TOTAL").build();
        Report y2021 = TestReports.gov2021().consistent().year(2021).build();
        assertTrue(only(VALIDATOR.validate(input(2021, List.of(y2020, y2021), List.of())), "B-CARRY-OVER").isEmpty());
    }

    @Test
    void itemsContinuityInGov2019() {
        Report y2019 = TestReports.gov2019().consistent().year(2019).build();          // LICENSING 10 + (-2)
        Report ok = TestReports.gov2019().consistent().year(2020).set("A.LICENSING.PREV_ITEMS", 8).set("A.LICENSING.CHANGE", 0).build();
        assertTrue(only(VALIDATOR.validate(input(2020, List.of(ok), List.of(y2019))), "A-ITEMS-CONTINUITY").isEmpty());

        Report wrong = TestReports.gov2019().consistent().year(2020).build();          // PREV_ITEMS 10, expected 8
        Finding f = one(VALIDATOR.validate(input(2020, List.of(wrong), List.of(y2019))), "A-ITEMS-CONTINUITY");
        assertEquals(Severity.WARNING, f.severity());
        assertEquals(List.of(cell("GOV2019", "A.LICENSING.PREV_ITEMS")), f.cells());
        assertNumbers(f, "8", "10", "2");
        assertEquals("行政许可：上一年项目数量(10)不等于 2019 年的上一年项目数量加本年增/减(8)，差 2（2019 年：某区教育局-2019.xlsx）", f.message());
    }

    @Test
    void inForceContinuityInGov2021() {
        Report y2021 = TestReports.gov2021().consistent().year(2021).build();          // NORMATIVE in force 40
        Report ok = TestReports.gov2021().consistent().year(2022).set("A.NORMATIVE.IN_FORCE", 42).build(); // +3 −1
        assertTrue(only(VALIDATOR.validate(input(2022, List.of(ok), List.of(y2021))), "A-IN-FORCE-CONTINUITY").isEmpty());

        Report wrong = TestReports.gov2021().consistent().year(2022).build();         // 40, expected 42
        Finding f = one(VALIDATOR.validate(input(2022, List.of(wrong), List.of(y2021))), "A-IN-FORCE-CONTINUITY");
        assertEquals(Severity.WARNING, f.severity());
        assertEquals(List.of(cell("GOV2021", "A.NORMATIVE.IN_FORCE"), cell("GOV2021", "A.NORMATIVE.ISSUED"),
                cell("GOV2021", "A.NORMATIVE.REPEALED")), f.cells());
        assertNumbers(f, "42", "40", "-2");
        assertEquals("行政规范性文件：现行有效件数(40)不等于 2021 年现行有效件数加本年制发减本年废止(42)，差 -2（2021 年：某区教育局-2021.xlsx）", f.message());
        // No GOV2021 continuity from a GOV2019 year.
        Report y2020 = TestReports.gov2019().consistent().year(2020).build();
        Report first2021 = TestReports.gov2021().consistent().year(2021).build();
        assertTrue(only(VALIDATOR.validate(input(2021, List.of(first2021), List.of(y2020))), "A-IN-FORCE-CONTINUITY").isEmpty());
    }

    @Test
    void missingSubmissionNamesTheUnusableFile() {
        Report edu = TestReports.gov2021().consistent().year(2022).build();
        List<Submission> files = List.of(edu.submission(),
                new Submission("in/某某街道2022年报.xlsx", "x", 10, Instant.parse("2023-01-10T00:00:00Z")));
        CrossReportInput in = new CrossReportInput(TestReports.CATALOGUE, 2022, List.of(edu), ReportHistory.none(),
                List.of(EDU, STREET), files, List.of());
        Finding f = one(VALIDATOR.validate(in), "MISSING-SUBMISSION");
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("S01", f.agencyCode());
        assertEquals(2022, f.year());
        assertEquals("名册中的某某街道办事处（S01）没有 2022 年的可用报告（收到的 某某街道2022年报.xlsx 未能使用，见该文件的其他问题）", f.message());
        assertEquals(List.of(), f.cells());

        Report street = TestReports.gov2021().consistent().year(2022).agency(STREET).build();
        CrossReportInput all = new CrossReportInput(TestReports.CATALOGUE, 2022, List.of(edu, street), ReportHistory.none(),
                List.of(EDU, STREET), files, List.of());
        assertTrue(only(VALIDATOR.validate(all), "MISSING-SUBMISSION").isEmpty());
    }

    @Test
    void unknownAgencyIsAReportWhoseCodeIsNotOnTheRoster() {
        Report stranger = TestReports.gov2021().consistent().year(2022).agency(Agency.unlisted("某某管委会", "D01")).build();
        Report edu = TestReports.gov2021().consistent().year(2022).build();
        CrossReportInput in = new CrossReportInput(TestReports.CATALOGUE, 2022, List.of(edu, stranger), ReportHistory.none(),
                List.of(EDU), List.of(), List.of());
        Finding f = one(VALIDATOR.validate(in), "UNKNOWN-AGENCY");
        assertEquals(Severity.WARNING, f.severity());
        assertEquals("in/某某管委会-2022.xlsx", f.sourceFile());
        assertEquals("文件 某某管委会-2022.xlsx 的编制主体「某某管委会」不在 2022 年的名册中", f.message());
        CrossReportInput noRoster = new CrossReportInput(TestReports.CATALOGUE, 2022, List.of(edu, stranger), ReportHistory.none(),
                null, List.of(), List.of());
        assertTrue(only(VALIDATOR.validate(noRoster), "UNKNOWN-AGENCY").isEmpty());
    }

    @Test
    void duplicatesKeepTheNewestFileAndSaySo() {
        Report older = TestReports.gov2021().consistent().year(2022).file("in/教育局年报.xlsx", "2023-01-10T02:00:00Z").build();
        Report newer = TestReports.gov2021().consistent().year(2022).file("in/教育局年报（修订）.xlsx", "2023-01-20T02:00:00Z").build();
        Report other = TestReports.gov2021().consistent().year(2022).agency(STREET).build();
        DuplicateResolution r = VALIDATOR.resolveDuplicates(List.of(older.header(), other.header(), newer.header()));
        assertEquals(List.of(other.header(), newer.header()), r.winners());
        assertEquals(1, r.findings().size());
        Finding f = r.findings().get(0);
        assertEquals("DUPLICATE-SUBMISSION", f.rule());
        assertEquals(Severity.WARNING, f.severity());
        assertEquals("in/教育局年报.xlsx", f.sourceFile());
        assertEquals("某区教育局 2022 年的报告收到多份：采用 教育局年报（修订）.xlsx（修改时间 2023-01-20 10:00:00），"
                + "忽略 教育局年报.xlsx（修改时间 2023-01-10 10:00:00）", f.message());
        // validate() resolves too, and the other checks see only the winner.
        assertEquals(1, only(VALIDATOR.validate(input(2022, List.of(older, newer), List.of())), "DUPLICATE-SUBMISSION").size());
        // the ignored file's jump from last year is no outlier: the other checks see only the winner
        Report lastYear = TestReports.gov2021().consistent().year(2021).build();
        Report olderJump = TestReports.gov2021().consistent().year(2022).set("B.NEW.NATURAL", 200).set("B.NEW.TOTAL", 203)
                .file("in/教育局年报.xlsx", "2023-01-10T02:00:00Z").build();
        List<Finding> withHistory = VALIDATOR.validate(input(2022, List.of(olderJump, newer), List.of(lastYear)));
        assertEquals(1, only(withHistory, "DUPLICATE-SUBMISSION").size());
        assertEquals(List.of(), only(withHistory, "OUTLIER-YOY"));
        DuplicateResolution none = VALIDATOR.resolveDuplicates(List.of(older.header(), other.header()));
        assertEquals(List.of(), none.findings());
        assertSame(older.header(), none.winners().get(0));
    }

    @Test
    void outliersYearOnYear() {
        Report before = TestReports.gov2021().consistent().year(2021).build();        // NEW.TOTAL 13, REVIEW.TOTAL 2
        Report jump = TestReports.gov2021().consistent().year(2022)
                .set("B.NEW.NATURAL", 200).set("B.NEW.TOTAL", 203).build();           // 13 → 203 (> 10×)
        // 自然人 moved 10 → 200 too, but only the totals named by the rule's patterns are compared
        Finding f = one(VALIDATOR.validate(input(2022, List.of(jump), List.of(before))), "OUTLIER-YOY");
        assertEquals(List.of(cell("GOV2021", "B.NEW.TOTAL")), f.cells());
        assertEquals(Severity.WARNING, f.severity());
        assertNumbers(f, "13", "203", "190");
        assertEquals("一、本年新收政府信息公开申请数量 · 总计由 2021 年的 13 变为 2022 年的 203，变动异常，请核实", f.message());

        Report steady = TestReports.gov2021().consistent().year(2022).build();
        assertTrue(only(VALIDATOR.validate(input(2022, List.of(steady), List.of(before))), "OUTLIER-YOY").isEmpty());

        assertTrue(OutlierYoyCheck.outlier(BigDecimal.valueOf(50), BigDecimal.ZERO, BigDecimal.TEN, BigDecimal.valueOf(50)));
        assertTrue(!OutlierYoyCheck.outlier(BigDecimal.valueOf(49), BigDecimal.ZERO, BigDecimal.TEN, BigDecimal.valueOf(50)));
        assertTrue(!OutlierYoyCheck.outlier(BigDecimal.valueOf(130), BigDecimal.valueOf(13), BigDecimal.TEN, BigDecimal.valueOf(50)));
        assertTrue(OutlierYoyCheck.outlier(BigDecimal.valueOf(1), BigDecimal.valueOf(11), BigDecimal.TEN, BigDecimal.valueOf(50)));
    }

    @Test
    void rollupMismatchNamesTheFeedingAgencies() {
        Report edu = TestReports.gov2021().consistent().year(2022).build();            // NEW.NATURAL 10
        Report street = TestReports.gov2021().consistent().year(2022).agency(STREET)
                .set("B.NEW.NATURAL", 5).set("B.NEW.TOTAL", 8).build();
        Agency district = new Agency("D01", "某区", List.of(), "区", null);
        Map<String, BigDecimal> sums = new LinkedHashMap<>();
        for (String id : edu.datapoints().keySet()) {
            sums.put(id, new ReportValues(edu).value(id).add(new ReportValues(street).value(id)));
        }
        UnitTotal total = new UnitTotal(district, 2022, "GOV2021", sums, List.of(edu.header(), street.header()), List.of(EDU, STREET),
                List.of());
        // Published 汇总: correct except B.NEW.NATURAL written as 16 instead of 15.
        TestReports.Builder published = TestReports.gov2021().year(2022).agency(district).consolidated();
        sums.forEach((id, v) -> published.set(id, v.toPlainString()));
        published.set("B.NEW.NATURAL", 16);
        Report pub = published.build();

        CrossReportInput in = new CrossReportInput(TestReports.CATALOGUE, 2022, List.of(edu, street, pub), ReportHistory.none(),
                null, List.of(), List.of(total));
        Finding f = one(VALIDATOR.validate(in), "ROLLUP-MISMATCH");
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("D01", f.agencyCode());
        assertEquals(List.of(cell("GOV2021", "B.NEW.NATURAL")), f.cells());
        assertNumbers(f, "15", "16", "1");
        assertEquals("一、本年新收政府信息公开申请数量 · 自然人：汇总报告填报 16，各编制主体合计 15，差 1；"
                + "该项不为 0 的编制主体：某区教育局(10)、某某街道办事处(5)", f.message());
        assertEquals(List.of(f), VALIDATOR.rollupMismatches(pub, total, in));

        Report right = TestReports.gov2021().year(2022).agency(district).consolidated().build();
        UnitTotal zero = new UnitTotal(district, 2022, "GOV2021", Map.of("B.NEW.NATURAL", BigDecimal.ZERO), List.of(), List.of(), List.of());
        assertEquals(List.of(), VALIDATOR.rollupMismatches(right, zero, in));
    }

    @Test
    void findingChangesByFingerprint() {
        Report y = TestReports.gov2019().consistent().set("B.NEW.NATURAL", 11).set("B.NEW.TOTAL", 14).build();
        List<Finding> previous = ReportValidatorTest.validate(y);                            // NATURAL + TOTAL balance
        Report fixedOne = TestReports.gov2019().consistent().set("B.NEW.NATURAL", 12).set("B.NEW.TOTAL", 15)
                .set("C.REVIEW.TOTAL", 3).build();
        List<Finding> current = ReportValidatorTest.validate(fixedOne);
        FindingChanges changes = FindingChanges.compare(previous, current);
        assertEquals(List.of("C-TOTAL"), changes.added().stream().map(Finding::rule).toList());
        assertEquals(2, changes.stillOpen().size(), "still wrong, different numbers: same finding");
        assertEquals(List.of(), changes.resolved());
        FindingChanges fixed = FindingChanges.compare(current, List.of());
        assertEquals(3, fixed.resolved().size());
    }
    @Test
    void outliersNeedLastYearAndLookOnlyAtTheRunsYear() {
        Report jump2021 = TestReports.gov2021().consistent().year(2021).set("B.NEW.NATURAL", 200).set("B.NEW.TOTAL", 203).build();
        Report before = TestReports.gov2021().consistent().year(2020).build();
        // no 2021 report for the agency's previous year: nothing to compare
        assertTrue(only(VALIDATOR.validate(input(2021, List.of(jump2021), List.of())), "OUTLIER-YOY").isEmpty());
        // the 2021 report is in the run, but the run's year is 2022
        assertTrue(only(VALIDATOR.validate(input(2022, List.of(jump2021), List.of(before))), "OUTLIER-YOY").isEmpty());
        assertEquals(1, only(VALIDATOR.validate(input(2021, List.of(jump2021), List.of(before))), "OUTLIER-YOY").size());
    }

    @Test
    void historyFindsEachAgencysYearAndALaterAddReplaces() {
        Report edu2021 = TestReports.gov2021().consistent().year(2021).build();
        Report street2021 = TestReports.gov2021().consistent().year(2021).agency(STREET).build();
        Report edu2020 = TestReports.gov2019().consistent().year(2020).build();
        Report eduAgain = TestReports.gov2021().consistent().year(2021).file("in/again.xlsx", "2022-01-01T00:00:00Z").build();
        InMemoryReportHistory history = new InMemoryReportHistory(List.of()).add(edu2021).add(street2021).add(edu2020);
        assertSame(edu2021, history.find("A001", 2021).orElseThrow());
        assertSame(street2021, history.find("S01", 2021).orElseThrow());
        assertSame(edu2020, history.find("A001", 2020).orElseThrow());
        assertTrue(history.find("A001", 2019).isEmpty());
        assertSame(eduAgain, history.add(eduAgain).find("A001", 2021).orElseThrow());
    }

    @Test
    void rollupMismatchReadsTheFeedersFromTheRunsContent() {
        Report edu = TestReports.gov2021().consistent().year(2022).build();             // NEW.NATURAL 10
        cn.nianbao.model.ReportHeader header = edu.header();
        Agency district = new Agency("D01", "某区", List.of(), "区", null);
        Map<String, BigDecimal> sums = new java.util.HashMap<>();
        sums.put("B.NEW.NATURAL", BigDecimal.TEN);
        sums.put("B.NEW.BUSINESS", null);                                              // no sum: taken as 0
        UnitTotal total = new UnitTotal(district, 2022, "GOV2021", sums, List.of(header), List.of(EDU), List.of());
        Report published = TestReports.gov2021().year(2022).agency(district).consolidated()
                .set("B.NEW.NATURAL", 12).set("B.NEW.BUSINESS", 1).build();
        cn.nianbao.model.ReportContent content = cn.nianbao.model.ReportContent.of(List.of(edu));
        CrossReportInput in = new CrossReportInput(TestReports.CATALOGUE, 2022, List.of(published), ReportHistory.none(), null,
                List.of(), List.of(total), content);
        List<Finding> findings = only(VALIDATOR.validate(in), "ROLLUP-MISMATCH");
        assertEquals(List.of("B.NEW.NATURAL", "B.NEW.BUSINESS").stream().map(id -> cell("GOV2021", id)).sorted().toList(),
                findings.stream().map(f -> f.cells().get(0)).sorted().toList());
        Finding natural = findings.stream().filter(f -> f.cells().equals(List.of(cell("GOV2021", "B.NEW.NATURAL")))).findFirst().orElseThrow();
        assertEquals("一、本年新收政府信息公开申请数量 · 自然人：汇总报告填报 12，各编制主体合计 10，差 2；该项不为 0 的编制主体：某区教育局(10)",
                natural.message());
        Finding business = findings.stream().filter(f -> f != natural).findFirst().orElseThrow();
        assertNumbers(business, "0", "1", "1");
        assertTrue(business.message().endsWith("该项不为 0 的编制主体：某区教育局(3)"), business.message());
    }
    @Test
    void aCarryOverFromAYearStoredWithoutCellsNamesTheDatapoint() {
        Report y2020 = TestReports.gov2019().consistent().year(2020).build();
        Map<String, cn.nianbao.model.Datapoint> withoutSources = new LinkedHashMap<>();
        y2020.datapoints().forEach((id, dp) -> withoutSources.put(id, new cn.nianbao.model.Datapoint(id, dp.value(), dp.blank(), null)));
        Report stored = y2020.withContent(withoutSources);
        Report wrong = TestReports.gov2021().consistent().year(2021).set("B.CARRIED_IN.NATURAL", 3).set("B.CARRIED_IN.TOTAL", 3).build();
        Finding f = only(VALIDATOR.validate(input(2021, List.of(wrong), List.of(stored))), "B-CARRY-OVER").get(0);
        assertTrue(f.message().endsWith("（2020 年：某区教育局-2020.xlsx B.CARRIED_OUT.NATURAL）"), f.message());
        assertSame(wrong, new ReportValues(wrong).report());
    }
}
