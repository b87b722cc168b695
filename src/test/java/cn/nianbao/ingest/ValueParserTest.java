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
            "(3)|-3", "（3）|-3", "(1,234)|-1234", "+19|19", "＋19|19", "19|19", "−0.5|-0.5", "−.5|-0.5", "–.5|-0.5", "( 3 )|-3", "7|7", "７|7"})
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

    @ParameterizedTest(name = "「{0}」 reads as a value: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "12|true", "１２|true", "1,204|true", "+19|true", "-3|true", ".5|true", "—|true", "无|true", "``|true",
            "2.52万元|true", "25211 元|true", "５件|true", "0|true",
            "本年新收|false", "（一）予以公开|false", "万元|false", "+|false", "+元|false", "3万件|false", "1.2.3|false",
            "12a|false", "a12|false"})
    void whatReadsAsAValueRatherThanALabel(String text, boolean value) {
        assertThat(ValueParser.readsAsValue(text)).isEqualTo(value);
    }

    @ParameterizedTest(name = "「{0}」 as {1} under 「{2}」 → {3} {4}")
    @CsvSource(delimiter = '|', value = {
            "3万|YUAN|采购总金额|30000|",
            "2.52万元|YUAN|采购总金额|25200|",
            "25211元|YUAN|采购总金额|25211|",
            "25211|YUAN|采购总金额（元）|25211|",
            "2.5|YUAN|采购总金额（万元）|25000|",
            "25211|YUAN|采购总金额|25211|YUAN_ASSUMED",
            "35000元|WAN|本年收费金额（单位：万元）|3.5|YUAN_IN_WAN_COLUMN",
            "1.5万元|WAN|本年收费金额（单位：万元）|1.5|",
            "1.50|WAN|本年收费金额|1.5|",
            "5件|COUNT|本年制发件数|5|",
            "(.5)|SIGNED|本年增/减|-0.5|",
            "12.000|COUNT|本年制发件数|12|",
            "1200|COUNT||1200|"})
    void moneyAndCountsWithTheirUnits(String typed, ValueKind kind, String header, String number, cn.nianbao.model.UnitNote note) {
        ParsedValue v = ValueParser.parse(text(typed), kind, header);
        assertThat(v.isProblem()).as(v.problem()).isFalse();
        assertThat(v.blank()).isFalse();
        assertThat(v.number()).isEqualByComparingTo(number);
        assertThat(v.number().scale()).as("no trailing zeros, no exponent").isEqualTo(Math.max(0, new BigDecimal(number).stripTrailingZeros().scale()));
        assertThat(v.unitNote()).isEqualTo(note);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3万元", "3元", "3万"})
    void anAmountWhereACountBelongsIsABadNumber(String typed) {
        ParsedValue v = ValueParser.parse(text(typed), ValueKind.COUNT, "本年制发件数");
        assertThat(v.problemRule()).isEqualTo("PARSE-BAD-NUMBER");
        assertThat(v.problem()).isEqualTo("「" + typed + "」带有金额单位，本栏应填件数");
    }

    @ParameterizedTest
    @ValueSource(strings = {"(+3)", "万元", "(万元)", "()", "+"})
    void moreThatIsNoNumber(String typed) {
        ParsedValue v = ValueParser.parse(text(typed), ValueKind.SIGNED, "本年增/减");
        assertThat(v.problemRule()).isEqualTo("PARSE-BAD-NUMBER");
        assertThat(v.problem()).isEqualTo("「" + typed + "」不是数字；请填写数字（没有的填 0）后重新报送");
    }

    @Test
    void anEmptyCellIsABlank() {
        ParsedValue v = ValueParser.parse(GridCell.blank(1, 1), ValueKind.COUNT, null);
        assertThat(v.blank()).isTrue();
        assertThat(v.isProblem()).isFalse();
        assertThat(v.number()).isNull();
    }
}
