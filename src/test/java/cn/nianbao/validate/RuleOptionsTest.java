package cn.nianbao.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.model.Agency;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;
import cn.nianbao.model.Severity;
import cn.nianbao.model.Submission;
import cn.nianbao.model.UnitTotal;
import cn.nianbao.testing.TestReports;

/**
 * Every option a district can set on a rule in its override file — enabled, years, severity, formats,
 * tolerance — on each kind of rule: an arithmetic relation, a check within a report, a check across
 * reports, and the checks that look at a year rather than a report (MISSING-SUBMISSION, UNKNOWN-AGENCY).
 */
class RuleOptionsTest {

    private static final Agency EDU = new Agency("A001", "某区教育局", List.of(), "区政府部门", "D01");
    private static final Agency STREET = new Agency("S01", "某某街道办事处", List.of(), "街道", "D01");
    private static final ValidationContext CTX = ValidationContext.of(TestReports.CATALOGUE);

    @TempDir
    Path dir;

    private RuleBook rules(String yaml) throws IOException {
        Path file = dir.resolve("rules-" + System.nanoTime() + ".yml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return RuleBook.load(file);
    }

    private static List<String> rulesFound(List<Finding> findings) {
        return findings.stream().map(Finding::rule).toList();
    }

    /** B-BALANCE off by one in two columns (自然人, 总计) and NON-NEGATIVE once. */
    private static Report unbalancedWithANegative(TestReports.Builder b) {
        return b.consistent().set("B.NEW.NATURAL", 11).set("B.NEW.TOTAL", 14)
                .set("C.REVIEW.PENDING", -1).set("C.REVIEW.TOTAL", 1).build();
    }

    @Test
    void enabledFalseSilencesEachKindOfRule() throws IOException {
        Report report = unbalancedWithANegative(TestReports.gov2021().year(2022));
        assertThat(rulesFound(new ReportValidator(RuleBook.load()).validate(report, CTX)))
                .containsExactly("B-BALANCE", "B-BALANCE", "NON-NEGATIVE");
        RuleBook off = rules("""
                rules:
                  - { id: B-BALANCE, enabled: false }
                  - { id: NON-NEGATIVE, enabled: false }
                  - { id: MISSING-SUBMISSION, enabled: false }
                  - { id: UNKNOWN-AGENCY, enabled: false }
                  - { id: DUPLICATE-SUBMISSION, enabled: false }
                  - { id: ROLLUP-MISMATCH, enabled: false }
                """);
        assertThat(new ReportValidator(off).validate(report, CTX)).isEmpty();

        // across reports: a missing agency, an unknown one and a duplicate, all silent
        Report edu = TestReports.gov2021().consistent().year(2022).file("in/a.xlsx", "2023-01-10T00:00:00Z").build();
        Report eduAgain = TestReports.gov2021().consistent().year(2022).file("in/b.xlsx", "2023-01-11T00:00:00Z").build();
        Report stranger = TestReports.gov2021().consistent().year(2022).agency(Agency.unlisted("某管委会", "D01")).build();
        CrossReportInput in = new CrossReportInput(TestReports.CATALOGUE, 2022, List.of(edu, eduAgain, stranger),
                ReportHistory.none(), List.of(EDU, STREET), List.of(), List.of());
        assertThat(rulesFound(new CrossReportValidator(RuleBook.load()).validate(in)))
                .containsExactlyInAnyOrder("DUPLICATE-SUBMISSION", "MISSING-SUBMISSION", "UNKNOWN-AGENCY");
        CrossReportValidator silent = new CrossReportValidator(off);
        assertThat(silent.validate(in)).isEmpty();
        // the duplicate is still resolved, newest file first; only its finding is off
        assertThat(silent.resolveDuplicates(List.of(edu.header(), eduAgain.header())).winners()).containsExactly(eduAgain.header());

        Agency district = new Agency("D01", "某区", List.of(), "区", null);
        Report published = TestReports.gov2021().year(2022).agency(district).consolidated().set("B.NEW.NATURAL", 5).build();
        UnitTotal computed = new UnitTotal(district, 2022, "GOV2021", Map.of("B.NEW.NATURAL", BigDecimal.ZERO), List.of(),
                List.of(), List.of());
        assertThat(new CrossReportValidator(RuleBook.load()).rollupMismatches(published, computed, in)).hasSize(1);
        assertThat(silent.rollupMismatches(published, computed, in)).isEmpty();
    }

    @Test
    void yearsBoundARuleInclusivelyAtBothEnds() throws IOException {
        RuleBook book = rules("""
                rules:
                  - { id: B-BALANCE, years: { from: 2021, to: 2022 } }
                  - { id: NON-NEGATIVE, years: { from: 2022 } }
                """);
        ReportValidator validator = new ReportValidator(book);
        assertThat(rulesFound(validator.validate(unbalancedWithANegative(TestReports.gov2021().year(2021)), CTX)))
                .containsExactly("B-BALANCE", "B-BALANCE");
        assertThat(rulesFound(validator.validate(unbalancedWithANegative(TestReports.gov2021().year(2022)), CTX)))
                .containsExactly("B-BALANCE", "B-BALANCE", "NON-NEGATIVE");
        assertThat(rulesFound(validator.validate(unbalancedWithANegative(TestReports.gov2021().year(2023)), CTX)))
                .containsExactly("NON-NEGATIVE");
        assertThat(rulesFound(validator.validate(unbalancedWithANegative(TestReports.gov2019().year(2020)), CTX))).isEmpty();
    }

    @Test
    void yearsBoundTheChecksThatLookAtAYearRatherThanAReport() throws IOException {
        RuleBook book = rules("""
                rules:
                  - { id: MISSING-SUBMISSION, years: { from: 2022 } }
                  - { id: UNKNOWN-AGENCY, years: { to: 2021 } }
                """);
        CrossReportValidator validator = new CrossReportValidator(book);
        for (int year : List.of(2021, 2022)) {
            Report stranger = TestReports.gov2021().consistent().year(year).agency(Agency.unlisted("某管委会", "D01")).build();
            CrossReportInput in = new CrossReportInput(TestReports.CATALOGUE, year, List.of(stranger), ReportHistory.none(),
                    List.of(EDU), List.of(), List.of());
            assertThat(rulesFound(validator.validate(in))).as("%d", year)
                    .containsExactly(year == 2021 ? "UNKNOWN-AGENCY" : "MISSING-SUBMISSION");
        }
    }

    @Test
    void severityIsTheOverridesInEnglishOrChinese() throws IOException {
        RuleBook book = rules("""
                rules:
                  - { id: B-BALANCE, severity: info }
                  - { id: NON-NEGATIVE, severity: 警告 }
                  - { id: MISSING-SUBMISSION, severity: WARNING }
                """);
        List<Finding> findings = new ReportValidator(book).validate(unbalancedWithANegative(TestReports.gov2021().year(2022)), CTX);
        assertThat(findings).extracting(Finding::rule, Finding::severity).containsExactly(
                org.assertj.core.groups.Tuple.tuple("B-BALANCE", Severity.INFO),
                org.assertj.core.groups.Tuple.tuple("B-BALANCE", Severity.INFO),
                org.assertj.core.groups.Tuple.tuple("NON-NEGATIVE", Severity.WARNING));
        CrossReportInput in = new CrossReportInput(TestReports.CATALOGUE, 2022, List.of(), ReportHistory.none(), List.of(EDU),
                List.of(), List.of());
        assertThat(new CrossReportValidator(book).validate(in)).extracting(Finding::severity).containsExactly(Severity.WARNING);
    }

    @Test
    void formatsLimitARuleAndEachOfItsRelations() throws IOException {
        RuleBook book = rules("""
                rules:
                  - { id: NON-NEGATIVE, formats: [GOV2019] }
                  - id: LOCAL-CAPS
                    severity: WARNING
                    relations:
                      - { relation: "B.NEW.TOTAL <= 10", formats: [GOV2021], message: "2021 式：{left} > {right}" }
                      - "C.REVIEW.TOTAL <= 0"
                    message: "{target}：{left} > {right}"
                """);
        ReportValidator validator = new ReportValidator(book);
        List<Finding> gov2021 = validator.validate(unbalancedWithANegative(TestReports.gov2021().year(2022)), CTX);
        assertThat(gov2021).filteredOn(f -> !f.rule().equals("B-BALANCE")).extracting(Finding::message)
                .containsExactly("2021 式：14 > 10", "行政复议 · 总计：1 > 0");
        List<Finding> gov2019 = validator.validate(unbalancedWithANegative(TestReports.gov2019().year(2020)), CTX);
        assertThat(gov2019).filteredOn(f -> !f.rule().equals("B-BALANCE")).extracting(Finding::rule)
                .containsExactly("NON-NEGATIVE", "LOCAL-CAPS");
    }

    @Test
    void toleranceIsInclusiveForEveryComparison() throws IOException {
        RuleBook book = rules("""
                rules:
                  - { id: B-BALANCE, tolerance: 1 }
                  - { id: FEES-AT-MOST, severity: WARNING, tolerance: 0.5, relation: "A.FEES.AMOUNT_WAN <= 3", message: "{left}>{right}" }
                  - { id: FEES-AT-LEAST, severity: WARNING, tolerance: "0.5", relation: "A.FEES.AMOUNT_WAN >= 4", message: "{left}<{right}" }
                """);
        ReportValidator validator = new ReportValidator(book);
        // the balance off by exactly 1 in two columns; 3.5 万元 is 3 + 0.5 and 4 − 0.5
        Report atTheEdge = TestReports.gov2021().consistent().set("B.NEW.NATURAL", 11).set("B.NEW.TOTAL", 14)
                .set("A.FEES.AMOUNT_WAN", "3.5").build();
        assertThat(validator.validate(atTheEdge, CTX)).isEmpty();
        // off by 2; 3.6 > 3 + 0.5
        Report past = TestReports.gov2021().consistent().set("B.NEW.NATURAL", 12).set("B.NEW.TOTAL", 15)
                .set("A.FEES.AMOUNT_WAN", "3.6").build();
        assertThat(validator.validate(past, CTX)).extracting(Finding::rule, Finding::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("B-BALANCE", "自然人列：第一项加第二项之和(14)不等于第三项加第四项之和(12)，差 2"),
                org.assertj.core.groups.Tuple.tuple("B-BALANCE", "总计列：第一项加第二项之和(17)不等于第三项加第四项之和(15)，差 2"),
                org.assertj.core.groups.Tuple.tuple("FEES-AT-MOST", "3.6>3"));
        // 3.4 < 4 − 0.5
        Report below = TestReports.gov2021().consistent().set("A.FEES.AMOUNT_WAN", "3.4").build();
        assertThat(validator.validate(below, CTX)).extracting(Finding::rule, Finding::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("FEES-AT-LEAST", "3.4<4"));
    }

    @Test
    void comparisonsHoldWithinTheToleranceEitherWay() {
        BigDecimal tol = new BigDecimal("0.5");
        for (String delta : List.of("-0.5", "0", "0.5")) {
            assertThat(Relation.Comparison.EQUAL.holds(new BigDecimal(delta), BigDecimal.ZERO, tol)).as("= %s", delta).isTrue();
        }
        assertThat(Relation.Comparison.EQUAL.holds(new BigDecimal("0.51"), BigDecimal.ZERO, tol)).isFalse();
        assertThat(Relation.Comparison.EQUAL.holds(new BigDecimal("-0.51"), BigDecimal.ZERO, tol)).isFalse();
        assertThat(Relation.Comparison.AT_MOST.holds(new BigDecimal("10.5"), BigDecimal.TEN, tol)).isTrue();
        assertThat(Relation.Comparison.AT_MOST.holds(new BigDecimal("10.51"), BigDecimal.TEN, tol)).isFalse();
        assertThat(Relation.Comparison.AT_MOST.holds(new BigDecimal("-100"), BigDecimal.TEN, tol)).isTrue();
        assertThat(Relation.Comparison.AT_MOST.holds(BigDecimal.TEN, BigDecimal.TEN, BigDecimal.ZERO)).isTrue();
        assertThat(Relation.Comparison.AT_LEAST.holds(new BigDecimal("9.5"), BigDecimal.TEN, tol)).isTrue();
        assertThat(Relation.Comparison.AT_LEAST.holds(new BigDecimal("9.49"), BigDecimal.TEN, tol)).isFalse();
        assertThat(Relation.Comparison.AT_LEAST.holds(BigDecimal.TEN, BigDecimal.TEN, BigDecimal.ZERO)).isTrue();
        assertThat(Relation.Comparison.AT_LEAST.holds(new BigDecimal("100"), BigDecimal.TEN, BigDecimal.ZERO)).isTrue();
        assertThat(List.of(Relation.Comparison.values())).extracting(Relation.Comparison::symbol).containsExactly("=", ">=", "<=");
    }

    @Test
    void aRulesYearsAndFormatsDecideWhereItApplies() {
        Rule open = new Rule("R", Severity.ERROR, List.of(), null, null, BigDecimal.ZERO, true, "m", List.of(), "integer",
                Map.of("name", "value"), "test");
        assertThat(open.appliesTo(1900)).isTrue();
        assertThat(open.appliesTo("ANY", 3000)).isTrue();
        assertThat(open.stringParam("name")).isEqualTo("value");
        assertThat(open.stringParam("absent")).isNull();
        Rule bounded = new Rule("R", Severity.ERROR, List.of("GOV2021"), 2021, 2022, BigDecimal.ZERO, true, "m", List.of(), "integer",
                Map.of(), "test");
        assertThat(List.of(2020, 2021, 2022, 2023).stream().filter(bounded::appliesTo).toList()).containsExactly(2021, 2022);
        assertThat(bounded.appliesTo("GOV2021", 2021)).isTrue();
        assertThat(bounded.appliesTo("GOV2019", 2021)).isFalse();
        assertThat(bounded.appliesTo("GOV2021", 2020)).isFalse();
        assertThat(bounded.appliesTo("GOV2021", 2023)).isFalse();
        Rule disabled = new Rule("R", Severity.ERROR, List.of(), null, null, BigDecimal.ZERO, false, "m", List.of(), "integer",
                Map.of(), "test");
        assertThat(disabled.appliesTo(2021)).isFalse();
        assertThat(disabled.appliesTo("GOV2021", 2021)).isFalse();
        Rule.RelationSpec anyFormat = new Rule.RelationSpec(RelationParser.parse("B.NEW.TOTAL >= 0"), List.of(), null);
        Rule.RelationSpec only2021 = new Rule.RelationSpec(RelationParser.parse("B.NEW.TOTAL >= 0"), List.of("GOV2021"), null);
        assertThat(anyFormat.appliesTo("GOV2019")).isTrue();
        assertThat(only2021.appliesTo("GOV2019")).isFalse();
        assertThat(only2021.appliesTo("GOV2021")).isTrue();
    }

    @Test
    void missingSubmissionNamesOnlyUnusedFilesThatMentionTheAgency() {
        Agency street = new Agency("S01", "某某街道办事处", List.of("", "某某街道"), "街道", "D01");
        Report edu = TestReports.gov2021().consistent().year(2022).build();
        // last year's report of the street does not make it present this year
        Report streetLastYear = TestReports.gov2021().consistent().year(2021).agency(street).file("in/某某街道2021.xlsx",
                "2022-01-10T00:00:00Z").build();
        List<Submission> files = List.of(edu.submission(), streetLastYear.submission(),
                new Submission("in/某某街道2022年报.xlsx", "x", 10, Instant.parse("2023-01-10T00:00:00Z")),
                new Submission("in/某某街道办事处（更正）.xlsx", "y", 10, Instant.parse("2023-01-11T00:00:00Z")),
                new Submission("in/其他单位.xlsx", "z", 10, Instant.parse("2023-01-11T00:00:00Z")));
        CrossReportInput in = new CrossReportInput(TestReports.CATALOGUE, 2022, List.of(edu, streetLastYear), ReportHistory.none(),
                List.of(EDU, street), files, List.of());
        List<Finding> findings = new MissingSubmissionCheck().check(in, RuleBook.load().require("MISSING-SUBMISSION"));
        assertThat(findings).hasSize(1);
        Finding f = findings.get(0);
        assertThat(f.agencyCode()).isEqualTo("S01");
        assertThat(f.sourceFile()).isEqualTo("某某街道2022年报.xlsx");
        assertThat(f.message()).isEqualTo("名册中的某某街道办事处（S01）没有 2022 年的可用报告（收到的 某某街道2022年报.xlsx、"
                + "某某街道办事处（更正）.xlsx 未能使用，见该文件的其他问题）");
        // an alias that is blank mentions nothing
        Agency blankAlias = new Agency("S02", "甲乙丙", List.of(""), "街道", "D01");
        CrossReportInput alone = new CrossReportInput(TestReports.CATALOGUE, 2022, List.of(edu), ReportHistory.none(),
                List.of(blankAlias), files, List.of());
        Finding none = new MissingSubmissionCheck().check(alone, RuleBook.load().require("MISSING-SUBMISSION")).get(0);
        assertThat(none.sourceFile()).isNull();
        assertThat(none.message()).isEqualTo("名册中的甲乙丙（S02）没有 2022 年的可用报告");
    }
}
