package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import cn.nianbao.template.ValueKind;

/** Values as agencies type them, and cells that hold something other than a number, each with what it becomes. */
class ValueParserTest {

    private static GridCell text(String s) {
        return new GridCell(4, 2, CellKind.TEXT, s, null);
    }

    @ParameterizedTest(name = "「{0}」 → {1}")
    @CsvSource(delimiter = '|', value = {
            "-3|-3", "－3|-3", "−3|-3", "‐3|-3", "‑3|-3", "‒3|-3", "–3|-3", "﹣3|-3",
            "(3)|-3", "（3）|-3", "(1,234)|-1234", "+19|19", "＋19|19", "19|19", "−0.5|-0.5", "( 3 )|-3"})
    void everyMinusAnAgencyCanTypeReadsAsNegative(String typed, String expected) {
        ParsedValue v = ValueParser.parse(text(typed), ValueKind.SIGNED, "本年增/减");
        assertThat(v.isProblem()).as(v.problem()).isFalse();
        assertThat(v.number()).isEqualByComparingTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"—", "——", "–", "-", "/", "无", "－"})
    void aDashAloneIsABlank(String typed) {
        ParsedValue v = ValueParser.parse(text(typed), ValueKind.SIGNED, "本年增/减");
        assertThat(v.blank()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"—5", "(-3)", "(3", "3)", "约10", "暂无", "5-3", "3−"})
    void anythingElseIsABadNumberNamingWhatWasTyped(String typed) {
        ParsedValue v = ValueParser.parse(text(typed), ValueKind.SIGNED, "本年增/减");
        assertThat(v.isProblem()).isTrue();
        assertThat(v.problemRule()).isEqualTo("PARSE-BAD-NUMBER");
        assertThat(v.problem()).contains("「" + typed.strip() + "」").contains("不是数字");
    }

    @Test
    void aNegativeNumberShownInParenthesesIsTheNegativeNumber() {
        GridCell shown = new GridCell(4, 2, CellKind.NUMBER, null, new BigDecimal("-3"), null, "(3)");
        assertThat(ValueParser.parse(shown, ValueKind.SIGNED, "本年增/减").number()).isEqualByComparingTo("-3");
    }

    @Test
    void aDateWhereACountBelongsSaysWhatTheAgencySees() {
        GridCell date = new GridCell(4, 2, CellKind.DATE, null, new BigDecimal("44199"), null, "1月3日");
        ParsedValue v = ValueParser.parse(date, ValueKind.COUNT, "本年新收");
        assertThat(v.isProblem()).isTrue();
        assertThat(v.number()).isNull();
        assertThat(v.problemRule()).isEqualTo("PARSE-CELL-TYPE");
        assertThat(v.problem()).contains("「1月3日」").contains("日期").doesNotContain("44199");
    }

    @Test
    void aPercentageABooleanAndAnErrorValueAreCellTypeProblems() {
        ParsedValue percent = ValueParser.parse(new GridCell(1, 1, CellKind.PERCENT, null, new BigDecimal("0.5"), null, "50%"),
                ValueKind.COUNT, null);
        assertThat(percent.problemRule()).isEqualTo("PARSE-CELL-TYPE");
        assertThat(percent.problem()).contains("「50%」").contains("百分比").contains("件数");
        ParsedValue amount = ValueParser.parse(new GridCell(1, 1, CellKind.PERCENT, null, new BigDecimal("0.5"), null, "50%"),
                ValueKind.YUAN, null);
        assertThat(amount.problem()).contains("金额");
        ParsedValue bool = ValueParser.parse(new GridCell(1, 1, CellKind.BOOLEAN, "true", null), ValueKind.COUNT, null);
        assertThat(bool.problemRule()).isEqualTo("PARSE-CELL-TYPE");
        assertThat(bool.problem()).contains("TRUE");
        ParsedValue error = ValueParser.parse(new GridCell(1, 1, CellKind.ERROR, "#DIV/0!", null, "B5/C5", null),
                ValueKind.COUNT, null);
        assertThat(error.problemRule()).isEqualTo("PARSE-CELL-TYPE");
        assertThat(error.problem()).contains("#DIV/0!").contains("=B5/C5");
    }

    @Test
    void aFormulaThatCouldNotBeEvaluatedShowsTheFormulaAndWhy() {
        GridCell f = new GridCell(1, 1, CellKind.UNCALCULATED, "引用了其他工作簿", null, "[1]Sheet1!A1+2", null);
        ParsedValue v = ValueParser.parse(f, ValueKind.COUNT, null);
        assertThat(v.problemRule()).isEqualTo("PARSE-FORMULA");
        assertThat(v.problem()).contains("「=[1]Sheet1!A1+2」").contains("引用了其他工作簿").contains("保存");
        assertThat(v.number()).isNull();
    }

    @Test
    void aFormulaResultIsTheValueItGives() {
        GridCell sum = new GridCell(1, 1, CellKind.NUMBER, null, new BigDecimal("12"), "SUM(B2:B5)", null);
        assertThat(ValueParser.parse(sum, ValueKind.COUNT, null).number()).isEqualByComparingTo("12");
    }
}
