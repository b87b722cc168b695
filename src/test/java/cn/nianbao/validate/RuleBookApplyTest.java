package cn.nianbao.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.nianbao.model.Finding;
import cn.nianbao.model.Severity;

/**
 * The rule book governs the findings the pipeline makes itself (the reader's PARSE-*, the run's INPUT-NO-REPORT) as it
 * governs the checks: an override switches them off, limits them to years, changes their severity and frames their
 * message. Findings of other rules pass as they are.
 */
class RuleBookApplyTest {

    private static Finding finding(String rule, Integer year, String message) {
        return new Finding(Severity.WARNING, rule, "350502-KY", "开元街道", year, "开元街道-2020年报.xlsx", "2020年报",
                List.of("C7"), null, BigDecimal.ONE, null, message);
    }

    @Test
    void theShippedBookGivesReaderFindingsTheirSeverityAndFramedMessage() {
        List<Finding> out = RuleBook.load().apply(List.of(finding("PARSE-BAD-NUMBER", 2020, "「约10」不是数字")));

        assertThat(out).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR); // the book's, not the WARNING it was made with
            assertThat(f.message()).isEqualTo("「约10」不是数字"); // message: "{detail}"
            assertThat(f.rule()).isEqualTo("PARSE-BAD-NUMBER");
            assertThat(f.agencyCode()).isEqualTo("350502-KY");
            assertThat(f.year()).isEqualTo(2020);
            assertThat(f.sourceFile()).isEqualTo("开元街道-2020年报.xlsx");
            assertThat(f.sheet()).isEqualTo("2020年报");
            assertThat(f.cells()).containsExactly("C7");
            assertThat(f.actual()).isEqualByComparingTo("1");
        });
    }

    @Test
    void anOverrideSwitchesOffLimitsToYearsAndReframes() {
        RuleBook book = RuleBook.load("""
                rules:
                  - id: PARSE-BAD-NUMBER
                    enabled: false
                  - id: PARSE-CELL-TYPE
                    years: { from: 2021 }
                    severity: INFO
                    message: "请核对：{detail}"
                """, "override.yml");

        List<Finding> out = book.apply(List.of(
                finding("PARSE-BAD-NUMBER", 2020, "off"),
                finding("PARSE-BAD-NUMBER", null, "off, and no year"),
                finding("PARSE-CELL-TYPE", 2020, "before its years"),
                finding("PARSE-CELL-TYPE", 2021, "「1月3日」"),
                finding("PARSE-CELL-TYPE", null, "no year: the rule is on"),
                finding("B-BALANCE", 2020, "a check's own finding")));

        assertThat(out).extracting(Finding::rule, Finding::year, Finding::severity, Finding::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("PARSE-CELL-TYPE", 2021, Severity.INFO, "请核对：「1月3日」"),
                org.assertj.core.groups.Tuple.tuple("PARSE-CELL-TYPE", null, Severity.INFO, "请核对：no year: the rule is on"),
                org.assertj.core.groups.Tuple.tuple("B-BALANCE", 2020, Severity.WARNING, "a check's own finding"));
    }

    @Test
    void aFindingOfARuleTheBookDoesNotKnowPassesAsItIs() {
        Finding unknown = finding("X-SOMETHING-ELSE", 2020, "as made");
        assertThat(RuleBook.load().apply(List.of(unknown))).containsExactly(unknown);
    }

    @Test
    void rulesAreNamedInChineseAndUnknownIdsByThemselves() {
        RuleBook book = RuleBook.load();
        assertThat(book.nameOf("PARSE-BAD-NUMBER")).isEqualTo("不是数字");
        assertThat(book.nameOf("INPUT-NO-REPORT")).isEqualTo("没有可读取的年报");
        assertThat(book.nameOf("X-SOMETHING-ELSE")).isEqualTo("X-SOMETHING-ELSE");
    }
}
