package cn.nianbao.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.model.Severity;

/**
 * The shipped rule book reads to what it says (values read off {@code rules/default-rules.yml} by eye), and every kind
 * of mistake in an override file is named with its exact message, line and column.
 */
class RuleFileTest {

    @TempDir
    Path dir;

    private Path file;

    private String fails(String yaml) throws Exception {
        file = Files.writeString(dir.resolve("override.yml"), yaml, StandardCharsets.UTF_8);
        return assertThrows(RuleBookException.class, () -> RuleBook.load(file)).getMessage();
    }

    private String at(int line, int column, String problem) {
        return file + " 第" + line + "行第" + column + "列：" + problem;
    }

    @Test
    void theShippedRuleBookReadsToWhatItSays() {
        RuleBook book = RuleBook.load();
        assertThat(book.rules()).extracting(Rule::id).containsExactly("B-BALANCE", "B-ROW-TOTAL", "B-RESULT-TOTAL", "B-GROUP-SUM",
                "C-TOTAL", "A-ITEMS-NONNEG", "B-ROW-TOTAL-BLANK", "NON-NEGATIVE", "INTEGER", "A-PROCUREMENT-PAIR",
                "A-REGULATION-SCOPE", "A-ITEMS-AS-DECISIONS", "A-UNIT-ASSUMED", "A-FEES-UNIT", "X3", "B-CARRY-OVER",
                "A-ITEMS-CONTINUITY", "A-IN-FORCE-CONTINUITY", "MISSING-SUBMISSION", "UNKNOWN-AGENCY", "DUPLICATE-SUBMISSION",
                "OUTLIER-YOY", "ROLLUP-MISMATCH", "PARSE-UNREADABLE", "PARSE-ENCRYPTED", "PARSE-TOO-LARGE", "PARSE-FILE-TYPE",
                "PARSE-NO-TABLE", "PARSE-MISSING-ROW", "PARSE-MISSING-COLUMN", "PARSE-DUPLICATE-ROW", "PARSE-BAD-NUMBER",
                "PARSE-CELL-TYPE", "PARSE-SHOWN-VALUE", "PARSE-FORMULA", "PARSE-HIDDEN-CONTENT", "PARSE-HIDDEN-TABLE",
                "PARSE-PARTIAL-SHEET", "PARSE-NO-AGENCY", "PARSE-NO-YEAR", "PARSE-WRONG-YEAR", "INPUT-NO-REPORT", "DISPOSITION-INVALID",
                "ROLLUP-MIXED-FORMAT");

        Rule balance = book.require("B-BALANCE");
        assertThat(balance.name()).isEqualTo("申请数量收支平衡");
        assertThat(balance.severity()).isEqualTo(Severity.ERROR);
        assertThat(balance.enabled()).isTrue();
        assertThat(balance.formats()).isEmpty();
        assertThat(balance.yearFrom()).isNull();
        assertThat(balance.yearTo()).isNull();
        assertThat(balance.tolerance()).isEqualByComparingTo("0");
        assertThat(balance.check()).isNull();
        assertThat(balance.message()).isEqualTo("{column}列：第一项加第二项之和({left})不等于第三项加第四项之和({right})，差 {delta}");
        assertThat(balance.relations()).extracting(r -> r.relation().text())
                .containsExactly("B.NEW.* + B.CARRIED_IN.* = B.RESULT_TOTAL.* + B.CARRIED_OUT.*");
        assertThat(balance.origin()).isEqualTo("classpath:rules/default-rules.yml");

        // a folded (>-) relation is one line; each relation keeps its own formats
        Rule resultTotal = book.require("B-RESULT-TOTAL");
        assertThat(resultTotal.relations()).extracting(r -> r.relation().text()).containsExactly(
                "B.RESULT_TOTAL.* = B.GRANTED.* + B.PARTIAL.* + sum(B.DENIED_1..8.*) + sum(B.UNABLE_1..3.*)"
                        + " + sum(B.REFUSED_1..5.*) + B.OTHER.*",
                "B.RESULT_TOTAL.* = B.GRANTED.* + B.PARTIAL.* + sum(B.DENIED_1..8.*) + sum(B.UNABLE_1..3.*)"
                        + " + sum(B.REFUSED_1..5.*) + sum(B.OTHER_1..3.*)");
        assertThat(resultTotal.relations()).extracting(Rule.RelationSpec::formats).containsExactly(List.of("GOV2019"), List.of("GOV2021"));
        assertThat(book.require("B-GROUP-SUM").relations()).extracting(Rule.RelationSpec::formats)
                .containsExactly(List.of(), List.of(), List.of(), List.of("GOV2021"));

        Rule outlier = book.require("OUTLIER-YOY");
        assertThat(outlier.check()).isEqualTo("outlier-yoy");
        assertThat(outlier.severity()).isEqualTo(Severity.WARNING);
        assertThat(outlier.listParam("datapoints")).containsExactly("B.*.TOTAL", "C.*.TOTAL");
        assertThat(outlier.decimalParam("factor")).isEqualByComparingTo("10");
        assertThat(outlier.decimalParam("fromZero")).isEqualByComparingTo("50");
        Rule fees = book.require("A-FEES-UNIT");
        assertThat(fees.formats()).containsExactly("GOV2021");
        assertThat(fees.decimalParam("maxWan")).isEqualByComparingTo(new BigDecimal("100000"));
        assertThat(book.require("A-UNIT-ASSUMED").severity()).isEqualTo(Severity.INFO);
        Rule fileType = book.require("PARSE-FILE-TYPE");
        assertThat(fileType.name()).isEqualTo("不是年报表格或文档");
        assertThat(fileType.check()).isEqualTo("reader");
        assertThat(fileType.message()).isEqualTo("{detail}");
    }

    @Test
    void aValueOfTheWrongKindSaysWhatWasExpectedAndWhatIsWritten() throws Exception {
        assertThat(fails("rules:\n  - id: B-BALANCE\n    enabled: nein\n"))
                .isEqualTo(at(3, 14, "「B-BALANCE」的 enabled 应为 true 或 false，实际为「nein」"));
        assertThat(fails("rules:\n  - id: B-BALANCE\n    tolerance: 一\n"))
                .isEqualTo(at(3, 16, "「B-BALANCE」的 tolerance 应为数字（如 0 或 0.5），实际为「一」"));
        assertThat(fails("rules:\n  - id: B-BALANCE\n    formats: GOV2019\n"))
                .isEqualTo(at(3, 14, "「B-BALANCE」的 formats 应为报告格式的列表，如 [GOV2019]，实际为「GOV2019」"));
        assertThat(fails("rules:\n  - id: B-BALANCE\n    severity: FATAL\n"))
                .isEqualTo(at(3, 15, "规则 B-BALANCE：severity 应为 ERROR、WARNING 或 INFO，实际为「FATAL」"));
        assertThat(fails("rules:\n  - id: OUTLIER-YOY\n    params: { factor: abc }\n"))
                .isEqualTo(at(3, 23, "规则 OUTLIER-YOY：参数 factor 应为数字，实际为「abc」"));
        assertThat(fails("rules:\n  - id: B-BALANCE\n    years: { from: 二〇二一 }\n"))
                .isEqualTo(at(3, 20, "from 应为年份（如 2019），实际为「二〇二一」"));
    }

    @Test
    void anUnknownOrMissingKeyIsNamedWhereItBelongs() throws Exception {
        assertThat(fails("rules:\n  - id: B-BALANCE\n    severty: WARNING\n")).isEqualTo(at(3, 5,
                "「B-BALANCE」中未知的键「severty」（可用的键：check、description、enabled、formats、id、message、name、params、relation、"
                        + "relations、severity、tolerance、years）"));
        assertThat(fails("rules:\n  - id: B-GROUP-SUM\n    relations:\n      - { relaton: \"B.DENIED.* >= 0\" }\n"))
                .isEqualTo(at(4, 11, "未知的键「relaton」（可用的键：formats、message、relation）"));
        assertThat(fails("rulez: []\n")).isEqualTo(at(1, 1, "未知的键「rulez」（可用的键：rules）"));
        assertThat(fails("rules:\n  - severity: INFO\n")).isEqualTo(at(2, 5, "rules 的第 1 项缺少 id"));
        assertThat(fails("rules:\n  - id: X9\n    severity: ERROR\n    message: x\n"))
                .isEqualTo(at(2, 5, "规则 X9：规则需要 relation（算术关系）或 check（内置检查）"));
        assertThat(fails("rules:\n  - id: X9\n    check: non-negative\n    message: x\n"))
                .isEqualTo(at(2, 5, "规则 X9：缺少 severity（ERROR、WARNING 或 INFO）"));
        assertThat(fails("rules:\n  - id: B-BALANCE\n    severity:\n")).isEqualTo(at(3, 14, "severity 没有值（不需要时请删去这一行）"));
    }

    @Test
    void whatIsWrongAfterMergingIsPlacedInTheFileThatWroteIt() throws Exception {
        assertThat(fails("rules:\n  - id: B-BALANCE\n    relation: \"B.NEWW.* = 0\"\n"))
                .isEqualTo(at(3, 15, "规则 B-BALANCE：关系式「B.NEWW.* = 0」中的「B.NEWW.*」在任何报告格式中都不存在"));
        assertThat(fails("rules:\n  - id: OUTLIER-YOY\n    params: { facter: 3 }\n"))
                .isEqualTo(at(3, 23, "规则 OUTLIER-YOY：check「outlier-yoy」没有参数「facter」（允许：datapoints、factor、fromZero）"));
        assertThat(fails("rules:\n  - id: B-GROUP-SUM\n    relations:\n      - \"B.DENIED.* = 0\"\n      - { relation: \"B.UNABLE.* = 0\", message: \"{bogus}\" }\n"))
                .isEqualTo(at(5, 48, "规则 B-GROUP-SUM：message 中未知的占位符「{bogus}」（允许：{agency}、{column}、{delta}、{left}、{right}、"
                        + "{row}、{target}、{tolerance}、{year}）"));
        assertThat(fails("rules:\n  - id: A\n    severity: ERROR\n  - id: A\n    severity: ERROR\n")).isEqualTo(at(4, 9, "规则 A 出现了两次"));
    }

    @Test
    void syntaxErrorsAndKeysWrittenTwiceAreNamed() throws Exception {
        assertThat(fails("rules:\n  - id: B-BALANCE\n    message: a: b\n"))
                .isEqualTo(at(3, 15, "此处不能有「: 」（值中含有冒号时，请给整个值加引号）（mapping values are not allowed here）"));
        assertThat(fails("rules:\n  - id: B-BALANCE\n    formats: [GOV2019\n"))
                .isEqualTo(file + " 第4行第1列：方括号 [ ] 没有闭合，或列表项之间缺少逗号（expected ',' or ']', but got <stream end>）");
        assertThat(fails("rules:\n  - id: B-BALANCE\n    severity: WARNING\n    severity: INFO\n"))
                .isEqualTo(at(4, 5, "键「severity」重复（第3行第5列已写过）；同一键只能写一次"));
        assertThat(fails("")).isEqualTo(file + "：文件是空的");
    }

    @Test
    void aTagNamingAJavaTypeIsOnlyText() throws Exception {
        assertThat(fails("rules: [ {id: B-BALANCE, severity: !!java.lang.Runtime x} ]\n"))
                .isEqualTo(at(1, 36, "规则 B-BALANCE：severity 应为 ERROR、WARNING 或 INFO，实际为「x」"));
    }
}
