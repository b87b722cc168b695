package cn.nianbao.validate;

import cn.nianbao.testing.TestReports;

import static cn.nianbao.testing.TestReports.cell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.nianbao.model.Agency;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;
import cn.nianbao.model.Severity;

class ReportValidatorTest {

    private static final RuleBook RULES = RuleBook.load();
    private static final ReportValidator VALIDATOR = new ReportValidator(RULES);
    private static final ValidationContext CTX = ValidationContext.of(TestReports.CATALOGUE);

    static List<Finding> validate(Report report) {
        return VALIDATOR.validate(report, CTX);
    }

    static List<Finding> only(List<Finding> findings, String rule) {
        return findings.stream().filter(f -> f.rule().equals(rule)).toList();
    }

    static Finding one(List<Finding> findings, String rule) {
        List<Finding> matching = only(findings, rule);
        assertEquals(1, matching.size(), () -> "expected one " + rule + " in " + findings);
        return matching.get(0);
    }

    static void assertNumbers(Finding f, String expected, String actual, String delta) {
        assertEquals(expected == null ? null : new BigDecimal(expected).stripTrailingZeros(),
                f.expected() == null ? null : f.expected().stripTrailingZeros(), "expected");
        assertEquals(actual == null ? null : new BigDecimal(actual).stripTrailingZeros(),
                f.actual() == null ? null : f.actual().stripTrailingZeros(), "actual");
        assertEquals(delta == null ? null : new BigDecimal(delta).stripTrailingZeros(),
                f.delta() == null ? null : f.delta().stripTrailingZeros(), "delta");
    }

    static List<String> cells(String format, String... ids) {
        return java.util.Arrays.stream(ids).map(id -> cell(format, id)).toList();
    }

    @Test
    void consistentReportsOfBothFormatsGiveNoFinding() {
        assertEquals(List.of(), validate(TestReports.gov2019().consistent().build()));
        assertEquals(List.of(), validate(TestReports.gov2021().consistent().build()));
    }

    @Test
    void balanceFiresPerColumnWithBothSidesInTheMessage() {
        Report report = TestReports.gov2019().consistent()
                .set("B.NEW.NATURAL", 11).set("B.NEW.TOTAL", 14).build();
        List<Finding> balance = only(validate(report), "B-BALANCE");
        assertEquals(2, balance.size(), balance::toString);
        Finding natural = balance.get(0);
        assertEquals(Severity.ERROR, natural.severity());
        assertEquals(cells("GOV2019", "B.NEW.NATURAL", "B.CARRIED_IN.NATURAL", "B.RESULT_TOTAL.NATURAL", "B.CARRIED_OUT.NATURAL"),
                natural.cells());
        assertNumbers(natural, "12", "13", "1");
        assertEquals("自然人列：第一项加第二项之和(13)不等于第三项加第四项之和(12)，差 1", natural.message());
        assertEquals("A001", natural.agencyCode());
        assertEquals("某区教育局", natural.agencyName());
        assertEquals(2020, natural.year());
        assertEquals("in/某区教育局-2020.xlsx", natural.sourceFile());
        assertEquals("Sheet1", natural.sheet());
        assertTrue(balance.get(1).message().startsWith("总计列："), balance.get(1).message());
    }

    @Test
    void rowTotalFiresOnTheRowNamedInChinese() {
        Report report = TestReports.gov2019().consistent().set("B.GRANTED.TOTAL", 10).build();
        Finding f = one(validate(report), "B-ROW-TOTAL");
        assertEquals(Severity.ERROR, f.severity());
        assertEquals(cells("GOV2019", "B.GRANTED.TOTAL", "B.GRANTED.NATURAL", "B.GRANTED.BUSINESS", "B.GRANTED.RESEARCH",
                "B.GRANTED.NONPROFIT", "B.GRANTED.LEGAL", "B.GRANTED.OTHER_ORG"), f.cells());
        assertNumbers(f, "9", "10", "1");
        assertEquals("（一）予以公开：总计(10)不等于自然人与法人或其他组织各列之和(9)，差 1", f.message());
        assertTrue(only(validate(TestReports.gov2019().consistent().build()), "B-ROW-TOTAL").isEmpty());
    }

    @Test
    void resultTotalGov2019CountsOtherAsOneRow() {
        Report report = TestReports.gov2019().consistent().set("B.OTHER.NATURAL", 1).set("B.OTHER.TOTAL", 1).build();
        List<Finding> findings = only(validate(report), "B-RESULT-TOTAL");
        assertEquals(2, findings.size(), findings::toString);
        Finding f = findings.get(0);
        assertEquals(Severity.ERROR, f.severity());
        assertNumbers(f, "11", "10", "-1");
        assertEquals(cell("GOV2019", "B.RESULT_TOTAL.NATURAL"), f.cells().get(0));
        assertTrue(f.cells().contains(cell("GOV2019", "B.OTHER.NATURAL")));
        assertEquals(1 + 2 + 8 + 3 + 5 + 1, f.cells().size());
        assertEquals("自然人列：办理结果总计(10)不等于各项办理结果之和(11)，差 -1", f.message());
    }

    @Test
    void resultTotalGov2021CountsTheThreeOtherItems() {
        Report ok = TestReports.gov2021().consistent()
                .set("B.OTHER_3.NATURAL", 1).set("B.OTHER_3.TOTAL", 1)
                .set("B.CARRIED_OUT.NATURAL", 1).set("B.CARRIED_OUT.TOTAL", 1)
                .set("B.RESULT_TOTAL.NATURAL", 11).set("B.RESULT_TOTAL.TOTAL", 14).build();
        assertEquals(List.of(), validate(ok));
        Report wrong = TestReports.gov2021().consistent().set("B.OTHER_2.NATURAL", 1).set("B.OTHER_2.TOTAL", 1).build();
        Finding f = only(validate(wrong), "B-RESULT-TOTAL").get(0);
        assertNumbers(f, "11", "10", "-1");
        assertTrue(f.cells().contains(cell("GOV2021", "B.OTHER_2.NATURAL")));
        assertEquals(1 + 2 + 8 + 3 + 5 + 3, f.cells().size());
    }

    @Test
    void groupSumOnlyWhereTheSubtotalRowExists() {
        // No subtotal row: nothing to check.
        assertTrue(only(validate(TestReports.gov2019().consistent().build()), "B-GROUP-SUM").isEmpty());
        // Subtotal row present and right.
        Report right = TestReports.gov2019().consistent().withRow("B", "DENIED")
                .set("B.DENIED.NATURAL", 1).set("B.DENIED.TOTAL", 1).build();
        assertEquals(List.of(), validate(right));
        // Subtotal row present and wrong.
        Report wrong = TestReports.gov2019().consistent().withRow("B", "DENIED")
                .set("B.DENIED.NATURAL", 2).set("B.DENIED.TOTAL", 2).build();
        List<Finding> findings = only(validate(wrong), "B-GROUP-SUM");
        assertEquals(2, findings.size(), findings::toString);
        Finding f = findings.get(0);
        assertEquals(Severity.ERROR, f.severity());
        assertEquals(cells("GOV2019", "B.DENIED.NATURAL", "B.DENIED_1.NATURAL", "B.DENIED_2.NATURAL", "B.DENIED_3.NATURAL",
                "B.DENIED_4.NATURAL", "B.DENIED_5.NATURAL", "B.DENIED_6.NATURAL", "B.DENIED_7.NATURAL", "B.DENIED_8.NATURAL"),
                f.cells());
        assertNumbers(f, "1", "2", "1");
        assertEquals("自然人列：（三）不予公开小计(2)不等于其各分项之和(1)，差 1", f.message());
    }

    @Test
    void groupSumOfOtherOnlyInGov2021() {
        Report wrong = TestReports.gov2021().consistent().withRow("B", "OTHER").set("B.OTHER.LEGAL", 3).build();
        List<Finding> findings = validate(wrong);
        Finding f = one(findings, "B-GROUP-SUM");
        assertNumbers(f, "0", "3", "3");
        assertEquals("法律服务机构列：（六）其他处理小计(3)不等于其各分项之和(0)，差 3", f.message());
    }

    @Test
    void reviewAndSuitTotals() {
        Report report = TestReports.gov2021().consistent().set("C.SUIT_AFTER_REVIEW.OTHER", 2).set("C.SUIT_AFTER_REVIEW.TOTAL", 1).build();
        Finding f = one(validate(report), "C-TOTAL");
        assertEquals(Severity.ERROR, f.severity());
        assertEquals(cells("GOV2021", "C.SUIT_AFTER_REVIEW.TOTAL", "C.SUIT_AFTER_REVIEW.UPHELD", "C.SUIT_AFTER_REVIEW.CORRECTED",
                "C.SUIT_AFTER_REVIEW.OTHER", "C.SUIT_AFTER_REVIEW.PENDING"), f.cells());
        assertNumbers(f, "2", "1", "-1");
        assertEquals("复议后起诉：总计(1)不等于结果维持、结果纠正、其他结果、尚未审结之和(2)，差 -1", f.message());
    }

    @Test
    void itemsMayNotGoBelowZero() {
        Report report = TestReports.gov2019().consistent().set("A.PENALTY.PREV_ITEMS", 3).set("A.PENALTY.CHANGE", -5).build();
        Finding f = one(validate(report), "A-ITEMS-NONNEG");
        assertEquals(Severity.ERROR, f.severity());
        assertEquals(cells("GOV2019", "A.PENALTY.PREV_ITEMS", "A.PENALTY.CHANGE"), f.cells());
        assertNumbers(f, "0", "-2", "-2");
        assertEquals("行政处罚：上一年项目数量加本年增/减之和(-2)小于 0", f.message());
        Report ok = TestReports.gov2019().consistent().set("A.PENALTY.PREV_ITEMS", 5).set("A.PENALTY.CHANGE", -5).build();
        assertTrue(only(validate(ok), "A-ITEMS-NONNEG").isEmpty());
    }

    @Test
    void blankTotalsAreOneWarningPerRowAndNoError() {
        TestReports.Builder b = TestReports.gov2019().consistent();
        for (String row : List.of("NEW", "CARRIED_IN", "GRANTED", "PARTIAL", "DENIED_1", "DENIED_2", "DENIED_3", "DENIED_4",
                "DENIED_5", "DENIED_6", "DENIED_7", "DENIED_8", "UNABLE_1", "UNABLE_2", "UNABLE_3", "REFUSED_1", "REFUSED_2",
                "REFUSED_3", "REFUSED_4", "REFUSED_5", "OTHER", "RESULT_TOTAL", "CARRIED_OUT")) {
            b.blank("B." + row + ".TOTAL");
        }
        List<Finding> findings = validate(b.build());
        assertTrue(findings.stream().noneMatch(f -> f.severity() == Severity.ERROR), findings::toString);
        List<Finding> blanks = only(findings, "B-ROW-TOTAL-BLANK");
        // Rows with non-zero parts: NEW, CARRIED_IN, GRANTED, PARTIAL, DENIED_4, UNABLE_1, RESULT_TOTAL, CARRIED_OUT.
        assertEquals(8, blanks.size(), blanks::toString);
        assertEquals(findings.size(), blanks.size());
        Finding first = blanks.get(0);
        assertEquals(Severity.WARNING, first.severity());
        assertEquals(List.of(cell("GOV2019", "B.NEW.TOTAL")), first.cells());
        assertNumbers(first, "13", null, null);
        assertEquals("一、本年新收政府信息公开申请数量：总计为空，而自然人与法人或其他组织各列之和为 13；其他校验按 13 计算",
                first.message());
    }

    @Test
    void aBlankTotalWithWrongPartsStillFindsTheRealError() {
        // The NATURAL column does not balance; the blank totals must not hide it nor add false errors.
        Report report = TestReports.gov2019().consistent().blank("B.NEW.TOTAL").set("B.NEW.NATURAL", 11).build();
        List<Finding> findings = validate(report);
        assertEquals(1, only(findings, "B-ROW-TOTAL-BLANK").size());
        List<Finding> balance = only(findings, "B-BALANCE");
        assertEquals(2, balance.size(), balance::toString); // NATURAL, and TOTAL recomputed as 14
        assertNumbers(balance.get(1), "15", "16", "1");
        assertTrue(only(findings, "B-ROW-TOTAL").isEmpty());
    }

    @Test
    void blankPartsCountAsZero() {
        Report report = TestReports.gov2019().consistent().blank("B.NEW.RESEARCH").blank("B.DENIED_1.NATURAL").build();
        assertEquals(List.of(), validate(report));
    }

    @Test
    void negativeCountsAreErrorsButChangeMayBeNegative() {
        Report report = TestReports.gov2019().consistent().set("C.REVIEW.PENDING", -1).set("C.REVIEW.TOTAL", 1).build();
        Finding f = one(validate(report), "NON-NEGATIVE");
        assertEquals(Severity.ERROR, f.severity());
        assertEquals(List.of(cell("GOV2019", "C.REVIEW.PENDING")), f.cells());
        assertNumbers(f, null, "-1", null);
        assertEquals("行政复议 · 尚未审结(-1)为负数", f.message());
        // The consistent report has A.LICENSING.CHANGE = -2.
        assertTrue(only(validate(TestReports.gov2019().consistent().build()), "NON-NEGATIVE").isEmpty());
    }

    @Test
    void countsMustBeWholeButAmountsMayHaveDecimals() {
        Report report = TestReports.gov2019().consistent().set("A.NORMATIVE.TOTAL_PUBLISHED", "40.5").build();
        Finding f = one(validate(report), "INTEGER");
        assertEquals(Severity.ERROR, f.severity());
        assertEquals(List.of(cell("GOV2019", "A.NORMATIVE.TOTAL_PUBLISHED")), f.cells());
        assertNumbers(f, null, "40.5", null);
        assertEquals("规范性文件 · 对外公开总数量(40.5)不是整数", f.message());
        // 25211.5 元 and 3.5 万元 are fine; 40.0 is whole.
        assertTrue(only(validate(TestReports.gov2019().consistent().set("A.NORMATIVE.TOTAL_PUBLISHED", "40.0").build()), "INTEGER").isEmpty());
        assertTrue(only(validate(TestReports.gov2021().consistent().build()), "INTEGER").isEmpty());
    }

    @Test
    void procurementProjectsAndAmountGoTogether() {
        Report report = TestReports.gov2019().consistent().set("A.PROCUREMENT.PROJECTS", 0).build();
        Finding f = one(validate(report), "A-PROCUREMENT-PAIR");
        assertEquals(Severity.WARNING, f.severity());
        assertEquals(cells("GOV2019", "A.PROCUREMENT.PROJECTS", "A.PROCUREMENT.AMOUNT_YUAN"), f.cells());
        assertEquals("政府集中采购：采购项目数量(0)与采购总金额(25211.5)应同为 0 或同不为 0", f.message());
        Report bothZero = TestReports.gov2019().consistent().set("A.PROCUREMENT.PROJECTS", 0).set("A.PROCUREMENT.AMOUNT_YUAN", 0).build();
        assertTrue(only(validate(bothZero), "A-PROCUREMENT-PAIR").isEmpty());
    }

    @Test
    void streetsReportingRegulationsAreWarned() {
        Report street = TestReports.gov2021().consistent().agency("S01", "某某街道办事处", "街道")
                .set("A.REGULATION.IN_FORCE", 2).build();
        Finding f = one(validate(street), "A-REGULATION-SCOPE");
        assertEquals(Severity.WARNING, f.severity());
        assertEquals(List.of(cell("GOV2021", "A.REGULATION.IN_FORCE")), f.cells());
        assertNumbers(f, null, "2", null);
        assertEquals("某某街道办事处（街道）没有规章制定权，但「规章 · 现行有效件数」填报为 2", f.message());
        Report city = TestReports.gov2021().consistent().agency("C01", "某市人民政府", "市政府本级")
                .set("A.REGULATION.IN_FORCE", 2).build();
        assertTrue(only(validate(city), "A-REGULATION-SCOPE").isEmpty());
        // The roster's kind wins over the report's when the context gives one.
        List<Finding> viaRoster = VALIDATOR.validate(city, CTX.withAgency(new Agency("C01", "某市人民政府", List.of(), "乡镇", null)));
        assertEquals(1, only(viaRoster, "A-REGULATION-SCOPE").size());
    }

    @Test
    void itemCountTypedAsDecisions() {
        Report report = TestReports.gov2019().consistent().set("A.LICENSING.DECISIONS", 8).build();
        Finding f = one(validate(report), "A-ITEMS-AS-DECISIONS");
        assertEquals(Severity.WARNING, f.severity());
        assertEquals(cells("GOV2019", "A.LICENSING.DECISIONS", "A.LICENSING.PREV_ITEMS", "A.LICENSING.CHANGE"), f.cells());
        assertEquals("行政许可：处理决定数量(8)恰好等于上一年项目数量加本年增/减(8)，可能把项目数填进了处理决定数量", f.message());
        assertTrue(only(validate(TestReports.gov2019().consistent().build()), "A-ITEMS-AS-DECISIONS").isEmpty());
    }

    @Test
    void assumedUnitIsAnInfoFromTheReadersNote() {
        Report report = TestReports.gov2019().consistent().build();
        List<Finding> findings = VALIDATOR.validate(report,
                CTX.withNotes(List.of(new ReaderNote("A.PROCUREMENT.AMOUNT_YUAN", ReaderNote.Kind.UNIT_ASSUMED, "25211.5"))));
        Finding f = one(findings, "A-UNIT-ASSUMED");
        assertEquals(Severity.INFO, f.severity());
        assertEquals(List.of(cell("GOV2019", "A.PROCUREMENT.AMOUNT_YUAN")), f.cells());
        assertEquals("政府集中采购 · 采购总金额(25211.5)未注明单位，按元计（原文：25211.5）", f.message());
        assertTrue(only(validate(report), "A-UNIT-ASSUMED").isEmpty());
    }

    @Test
    void feesWrittenInYuanInAWanColumn() {
        Report report = TestReports.gov2021().consistent().build();
        List<Finding> noted = VALIDATOR.validate(report,
                CTX.withNotes(List.of(new ReaderNote("A.FEES.AMOUNT_WAN", ReaderNote.Kind.YUAN_IN_WAN_COLUMN, "3.5元"))));
        Finding f = one(noted, "A-FEES-UNIT");
        assertEquals(Severity.WARNING, f.severity());
        assertEquals(List.of(cell("GOV2021", "A.FEES.AMOUNT_WAN")), f.cells());
        assertEquals("行政事业性收费 · 本年收费金额（单位：万元）(3.5)应以万元为单位，但单元格写有「元」（原文：3.5元）", f.message());

        Report large = TestReports.gov2021().consistent().set("A.FEES.AMOUNT_WAN", 250000).build();
        Finding g = one(validate(large), "A-FEES-UNIT");
        assertEquals("行政事业性收费 · 本年收费金额（单位：万元）(250000)应以万元为单位，但数额超过 100000 万元，可能是按元填写的", g.message());
        assertTrue(only(validate(report), "A-FEES-UNIT").isEmpty());
    }

    @Test
    void formatMustMatchTheYear() {
        Report report = TestReports.gov2019().consistent().year(2021).build();
        Finding f = one(validate(report), "X3");
        assertEquals(Severity.ERROR, f.severity());
        assertNull(f.expected());
        assertEquals("2021 年的报告应使用格式 GOV2021，实际使用的是 GOV2019", f.message());
        assertTrue(only(validate(TestReports.gov2019().consistent().build()), "X3").isEmpty());
        assertEquals(1, only(validate(TestReports.gov2021().consistent().year(2020).build()), "X3").size());
    }

    @Test
    void everyFindingHasAStableFingerprint() {
        Report report = TestReports.gov2019().consistent().set("B.NEW.NATURAL", 11).set("B.NEW.TOTAL", 14).build();
        Report again = TestReports.gov2019().consistent().set("B.NEW.NATURAL", 12).set("B.NEW.TOTAL", 15).build();
        assertEquals(validate(report).get(0).fingerprint(), validate(again).get(0).fingerprint());
    }
    /**
     * The rules without X3, the one check that needs to know the formats: what is left works without a catalogue
     * (labels fall back to the ids' segments).
     */
    private static ReportValidator withoutFormatYear() {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("rules", ".yml");
            java.nio.file.Files.writeString(file, "rules:\n  - { id: X3, enabled: false }\n");
            ReportValidator validator = new ReportValidator(RuleBook.load(file));
            java.nio.file.Files.delete(file);
            return validator;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void withoutACatalogueTheRelationsRunOverTheReportsOwnIdsAndNameThem() {
        Report report = TestReports.gov2019().consistent().set("B.NEW.NATURAL", 11).set("B.NEW.TOTAL", 14).build();
        List<Finding> findings = withoutFormatYear().validate(report, ValidationContext.of(null));
        assertEquals(List.of("自然人列：第一项加第二项之和(13)不等于第三项加第四项之和(12)，差 1".replace("自然人", "NATURAL"),
                "TOTAL列：第一项加第二项之和(16)不等于第三项加第四项之和(15)，差 1"), only(findings, "B-BALANCE").stream().map(Finding::message).toList());
        // a format the catalogue does not know: the same, over the report's ids
        Report local = new Report(report.agency(), report.year(), "LOCAL", report.scope(), report.submission(), report.title(),
                report.datapoints());
        assertEquals(2, only(VALIDATOR.validate(local, CTX), "B-BALANCE").size());
        // … and over each report's own ids: a first report of that format with fewer columns does not narrow a second's
        ReportValidator fresh = new ReportValidator(RULES);
        java.util.Map<String, cn.nianbao.model.Datapoint> naturalOnly = new java.util.LinkedHashMap<>();
        report.datapoints().forEach((id, dp) -> {
            if (id.endsWith(".NATURAL")) {
                naturalOnly.put(id, dp);
            }
        });
        Report narrow = local.withContent(naturalOnly);
        assertEquals(1, only(fresh.validate(narrow, CTX), "B-BALANCE").size());
        Report businessOff = TestReports.gov2019().consistent().set("B.NEW.BUSINESS", 4).set("B.NEW.TOTAL", 14).build();
        Report wide = new Report(report.agency(), report.year(), "LOCAL", report.scope(), report.submission(), report.title(),
                businessOff.datapoints());
        assertEquals(List.of("BUSINESS列：第一项加第二项之和(4)不等于第三项加第四项之和(3)，差 1",
                "TOTAL列：第一项加第二项之和(16)不等于第三项加第四项之和(15)，差 1"),
                only(fresh.validate(wide, CTX), "B-BALANCE").stream().map(Finding::message).toList());
        assertEquals("NEW", Labels.row(TestReports.CATALOGUE, "LOCAL", "B.NEW.TOTAL"));
        assertEquals("TOTAL", Labels.column(null, "GOV2019", "B.NEW.TOTAL"));
        assertEquals("B.NEW.TOTAL", Labels.datapoint(TestReports.CATALOGUE, null, "B.NEW.TOTAL"));
        assertEquals("B.NOPE", Labels.row(TestReports.CATALOGUE, "GOV2019", "B.NOPE"));
    }

    @Test
    void rowLabelsNameTheGroupOfANumberedItem() {
        assertEquals("（三）不予公开 1.属于国家秘密", Labels.row(TestReports.CATALOGUE, "GOV2019", "B.DENIED_1.NATURAL"));
        assertEquals("（一）予以公开", Labels.row(TestReports.CATALOGUE, "GOV2019", "B.GRANTED.NATURAL"));
        assertEquals("一、本年新收政府信息公开申请数量", Labels.row(TestReports.CATALOGUE, "GOV2019", "B.NEW.NATURAL"));
        assertEquals("（三）不予公开 1.属于国家秘密 · 自然人", Labels.datapoint(TestReports.CATALOGUE, "GOV2019", "B.DENIED_1.NATURAL"));
        assertEquals("自然人", Labels.column(TestReports.CATALOGUE, "GOV2019", "B.DENIED_1.NATURAL"));
    }

    @Test
    void feesAreCheckedOnlyInTheWanColumnAndOnlyAboveTheLimit() {
        Report atLimit = TestReports.gov2021().consistent().set("A.FEES.AMOUNT_WAN", 100000).build();
        assertTrue(only(validate(atLimit), "A-FEES-UNIT").isEmpty());
        Report above = TestReports.gov2021().consistent().set("A.FEES.AMOUNT_WAN", "100000.01").build();
        assertEquals(1, only(validate(above), "A-FEES-UNIT").size());
        // large counts elsewhere are not amounts
        Report manyRequests = TestReports.gov2021().consistent().set("B.NEW.NATURAL", 200000).set("B.NEW.TOTAL", 200003)
                .set("B.GRANTED.NATURAL", 199996).set("B.GRANTED.TOTAL", 199999)
                .set("B.RESULT_TOTAL.NATURAL", 200000).set("B.RESULT_TOTAL.TOTAL", 200003).build();
        assertEquals(List.of(), validate(manyRequests));
        // without a catalogue the column's id still marks the amount
        assertEquals(1, only(withoutFormatYear().validate(above, ValidationContext.of(null)), "A-FEES-UNIT").size());
        assertTrue(only(withoutFormatYear().validate(manyRequests, ValidationContext.of(null)), "A-FEES-UNIT").isEmpty());
    }

    @Test
    void anAssumedUnitCarriesTheValueAsReadAndOtherNotesAreNotIt() {
        Report report = TestReports.gov2019().consistent().build();
        List<Finding> findings = VALIDATOR.validate(report, CTX.withNotes(List.of(
                new ReaderNote("A.PROCUREMENT.AMOUNT_YUAN", ReaderNote.Kind.UNIT_ASSUMED, " "),
                new ReaderNote("A.PROCUREMENT.AMOUNT_YUAN", ReaderNote.Kind.YUAN_IN_WAN_COLUMN, "x"))));
        Finding f = one(findings, "A-UNIT-ASSUMED");
        assertNumbers(f, null, "25211.5", null);
        assertEquals("政府集中采购 · 采购总金额(25211.5)未注明单位，按元计", f.message());
        assertEquals(1, findings.size(), findings::toString);
    }

    @Test
    void numbersReadAsAuditorsWriteThem() {
        assertEquals("空", Messages.number(null));
        assertEquals("0", Messages.number(new BigDecimal("0.000")));
        assertEquals("12", Messages.number(new BigDecimal("1.2E+1")));
        assertEquals("0.5", Messages.number(new BigDecimal("0.50")));
        assertEquals("a  c 1", Messages.fill("a {b} c {n}", java.util.Map.of("n", BigDecimal.ONE)));
    }
}
