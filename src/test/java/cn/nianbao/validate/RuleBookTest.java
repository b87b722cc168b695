package cn.nianbao.validate;

import cn.nianbao.testing.TestReports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;
import cn.nianbao.model.Severity;

class RuleBookTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("override.yml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    private RuleBookException loadFails(String yaml) throws IOException {
        return assertThrows(RuleBookException.class, () -> RuleBook.load(write(yaml)));
    }

    @Test
    void theDefaultHasEveryRuleOfTheSpec() {
        RuleBook book = RuleBook.load();
        List<String> ids = book.rules().stream().map(Rule::id).toList();
        for (String id : List.of("B-BALANCE", "B-ROW-TOTAL", "B-ROW-TOTAL-BLANK", "B-RESULT-TOTAL", "B-GROUP-SUM", "C-TOTAL",
                "NON-NEGATIVE", "INTEGER", "A-ITEMS-NONNEG", "A-PROCUREMENT-PAIR", "A-REGULATION-SCOPE", "A-ITEMS-AS-DECISIONS",
                "A-UNIT-ASSUMED", "A-FEES-UNIT", "X3", "B-CARRY-OVER", "A-ITEMS-CONTINUITY", "A-IN-FORCE-CONTINUITY",
                "MISSING-SUBMISSION", "UNKNOWN-AGENCY", "DUPLICATE-SUBMISSION", "OUTLIER-YOY", "ROLLUP-MISMATCH")) {
            assertTrue(ids.contains(id), id);
        }
        assertEquals(Severity.ERROR, book.require("B-BALANCE").severity());
        assertEquals(Severity.INFO, book.require("A-UNIT-ASSUMED").severity());
        assertEquals(List.of("GOV2019"), book.require("A-ITEMS-NONNEG").formats());
    }

    @Test
    void anOverrideChangesSeverityAndDisablesARuleWithoutRebuilding() throws IOException {
        Report report = TestReports.gov2019().consistent()
                .set("B.GRANTED.TOTAL", 10)                 // B-ROW-TOTAL (and B-RESULT-TOTAL on TOTAL)
                .set("A.PROCUREMENT.PROJECTS", 0).build();   // A-PROCUREMENT-PAIR
        ValidationContext ctx = ValidationContext.of(TestReports.CATALOGUE);
        List<Finding> before = new ReportValidator(RuleBook.load()).validate(report, ctx);
        assertEquals(Severity.ERROR, ReportValidatorTest.one(before, "B-ROW-TOTAL").severity());
        assertEquals(1, ReportValidatorTest.only(before, "A-PROCUREMENT-PAIR").size());

        Path override = write("""
                rules:
                  - id: B-ROW-TOTAL
                    severity: WARNING
                    message: "{row}合计有误：{left} ≠ {right}"
                  - id: A-PROCUREMENT-PAIR
                    enabled: false
                """);
        List<Finding> after = new ReportValidator(RuleBook.load(override)).validate(report, ctx);
        Finding rowTotal = ReportValidatorTest.one(after, "B-ROW-TOTAL");
        assertEquals(Severity.WARNING, rowTotal.severity());
        assertEquals("（一）予以公开合计有误：10 ≠ 9", rowTotal.message());
        assertTrue(ReportValidatorTest.only(after, "A-PROCUREMENT-PAIR").isEmpty());
        // Untouched keys keep their defaults.
        assertEquals(1, RuleBook.load(override).require("B-ROW-TOTAL").relations().size());
    }

    @Test
    void anOverrideMayAddAnArithmeticRuleAndSetATolerance() throws IOException {
        Path override = write("""
                rules:
                  - id: B-BALANCE
                    tolerance: 1
                  - id: LOCAL-NEW-CAP
                    severity: WARNING
                    formats: [GOV2019]
                    years: { from: 2020, to: 2020 }
                    relation: "B.NEW.* <= 12"
                    message: "{column}：本年新收({left})超过 {right}"
                """);
        RuleBook book = RuleBook.load(override);
        Report report = TestReports.gov2019().consistent().set("B.NEW.NATURAL", 11).set("B.NEW.TOTAL", 14).build();
        List<Finding> findings = new ReportValidator(book).validate(report, ValidationContext.of(TestReports.CATALOGUE));
        assertTrue(ReportValidatorTest.only(findings, "B-BALANCE").isEmpty(), "off by 1 is within tolerance 1");
        Finding cap = ReportValidatorTest.one(findings, "LOCAL-NEW-CAP");
        assertEquals("总计：本年新收(14)超过 12", cap.message());
        assertEquals(List.of(TestReports.cell("GOV2019", "B.NEW.TOTAL")), cap.cells());
        // Out of its years: silent.
        Report later = TestReports.gov2019().consistent().year(2019).set("B.NEW.TOTAL", 14).set("B.NEW.NATURAL", 11).build();
        assertTrue(ReportValidatorTest.only(new ReportValidator(book).validate(later, ValidationContext.of(TestReports.CATALOGUE)),
                "LOCAL-NEW-CAP").isEmpty());
    }

    @Test
    void anOverrideChangesACheckParameter() throws IOException {
        RuleBook book = RuleBook.load(write("""
                rules:
                  - id: OUTLIER-YOY
                    params: { factor: 20 }
                """));
        Rule rule = book.require("OUTLIER-YOY");
        assertEquals(0, rule.decimalParam("factor").compareTo(java.math.BigDecimal.valueOf(20)));
        assertEquals(0, rule.decimalParam("fromZero").compareTo(java.math.BigDecimal.valueOf(50)), "other params keep defaults");
        assertEquals(List.of("B.*.TOTAL", "C.*.TOTAL"), rule.listParam("datapoints"));
    }

    @Test
    void aNumberParameterMayBeWrittenInQuotes() throws IOException {
        Rule rule = RuleBook.load(write("""
                rules:
                  - id: OUTLIER-YOY
                    params: { factor: " 12.5 " }
                """)).require("OUTLIER-YOY");
        assertEquals(0, rule.decimalParam("factor").compareTo(new java.math.BigDecimal("12.5")));
    }

    @Test
    void aMistakeInAKeyTheOverrideLeftAloneIsPlacedInTheFileThatWroteIt() throws IOException {
        // The override moves A-ITEMS-NONNEG to GOV2021, whose table A has no 上一年项目数量: the shipped relation
        // no longer fits, and the message points at that relation in the shipped file, not at the override.
        RuleBookException e = loadFails("rules:\n  - id: A-ITEMS-NONNEG\n    formats: [GOV2021]\n");
        assertTrue(e.getMessage().startsWith("classpath:rules/default-rules.yml 第"), e.getMessage());
        assertTrue(e.getMessage().contains("在格式 GOV2021中都不存在"), e.getMessage());
    }

    @Test
    void anUnknownKeyNamesFileRuleAndKey() throws IOException {
        RuleBookException e = loadFails("""
                rules:
                  - id: B-BALANCE
                    severty: WARNING
                """);
        assertTrue(e.getMessage().contains("override.yml"), e.getMessage());
        assertTrue(e.getMessage().contains("B-BALANCE"), e.getMessage());
        assertTrue(e.getMessage().contains("severty"), e.getMessage());
    }

    @Test
    void aMalformedRelationNamesFileRuleAndProblem() throws IOException {
        RuleBookException e = loadFails("""
                rules:
                  - id: EVIL
                    severity: ERROR
                    relation: "T(java.lang.Runtime).getRuntime() = 0"
                    message: "x"
                """);
        assertTrue(e.getMessage().contains("override.yml"), e.getMessage());
        assertTrue(e.getMessage().contains("EVIL"), e.getMessage());
        assertTrue(e.getMessage().contains("不支持的函数「T」"), e.getMessage());
    }

    @Test
    void otherMistakesAreClearErrors() throws IOException {
        assertTrue(loadFails("rules:\n  - id: B-BALANCE\n    severity: FATAL\n").getMessage().contains("FATAL"));
        assertTrue(loadFails("rules:\n  - id: B-BALANCE\n    enabled: nein\n").getMessage().contains("enabled"));
        assertTrue(loadFails("rules:\n  - id: B-BALANCE\n    relation: \"B.NEWW.* = 0\"\n").getMessage().contains("B.NEWW.*"));
        assertTrue(loadFails("rules:\n  - id: OUTLIER-YOY\n    params: { facter: 3 }\n").getMessage().contains("facter"));
        assertTrue(loadFails("rules:\n  - id: OUTLIER-YOY\n    params: { factor: abc }\n").getMessage().contains("factor"));
        assertTrue(loadFails("rules:\n  - id: X9\n    severity: ERROR\n    check: shell\n    message: x\n").getMessage().contains("shell"));
        assertTrue(loadFails("rules:\n  - id: X9\n    severity: ERROR\n    message: x\n").getMessage().contains("X9"));
        assertTrue(loadFails("rules:\n  - id: B-BALANCE\n    message: \"{lefft}\"\n").getMessage().contains("{lefft}"));
        assertTrue(loadFails("rules:\n  - id: B-BALANCE\n    formats: [GOV1999]\n").getMessage().contains("GOV1999"));
        assertTrue(loadFails("rules:\n  - id: B-BALANCE\n    relations: [ { relation: \"B.NEW.* >= 0\", formats: [GOV1999] } ]\n")
                .getMessage().contains("未知的报告格式「GOV1999」"));
        assertTrue(loadFails("rulez: []\n").getMessage().contains("override.yml"));
        assertTrue(loadFails("rules:\n  - id: A\n    severity: ERROR\n  - id: A\n    severity: ERROR\n").getMessage().contains("两次"));
        assertTrue(loadFails("rules: [ {id: B-BALANCE, severity: !!java.lang.Runtime x} ]\n").getMessage().contains("override.yml"));
    }

    @Test
    void aMissingOverrideFileIsAClearError() {
        RuleBookException e = assertThrows(RuleBookException.class, () -> RuleBook.load(dir.resolve("nope.yml")));
        assertTrue(e.getMessage().contains("nope.yml"), e.getMessage());
        RuleBookException read = assertThrows(RuleBookException.class, () -> RuleBook.readOverride(dir.resolve("nope.yml")));
        assertTrue(read.getMessage().startsWith("规则文件 " + dir.resolve("nope.yml") + "：文件不存在"), read.getMessage());
        assertEquals(null, RuleBook.readOverride(null), "no override file: no text");
        assertEquals("规则文件 a.yml：无法读取", new RuleBookException("a.yml", null, "无法读取").getMessage());
        assertEquals("规则文件 a.yml，规则 X1：无法读取", new RuleBookException("a.yml", "X1", "无法读取").getMessage());
    }

    @Test
    void disablingARuleKeepsTheBlankTotalPolicy() throws IOException {
        RuleBook book = RuleBook.load(write("rules:\n  - id: B-ROW-TOTAL-BLANK\n    enabled: false\n"));
        Report report = TestReports.gov2019().consistent().blank("B.NEW.TOTAL").build();
        List<Finding> findings = new ReportValidator(book).validate(report, ValidationContext.of(TestReports.CATALOGUE));
        assertEquals(List.of(), findings);
        assertFalse(book.require("B-ROW-TOTAL-BLANK").enabled());
    }
    @Test
    void aKeyWrittenTwiceIsRefusedRatherThanTheLastOneWinning() throws IOException {
        RuleBookException e = loadFails("""
                rules:
                  - id: B-BALANCE
                    severity: WARNING
                    severity: INFO
                """);
        assertEquals(dir.resolve("override.yml") + " 第4行第5列：键「severity」重复（第3行第5列已写过）；同一键只能写一次", e.getMessage());
    }

    /** Rules R1…Rn, the first defining a formats list and every other naming it by an alias. */
    private static String aliasedRules(int aliases) {
        StringBuilder yaml = new StringBuilder("rules:\n");
        for (int i = 0; i <= aliases; i++) {
            yaml.append("  - { id: R").append(i).append(", severity: WARNING, formats: ").append(i == 0 ? "&f [GOV2019]" : "*f")
                    .append(", relation: \"B.NEW.* >= 0\", message: x }\n");
        }
        return yaml.toString();
    }

    @Test
    void aliasesAreLimitedSoThatAFileCannotExpandWithoutBound() throws IOException {
        // 20 aliases to a list are fine (a hand-written file has a few) …
        assertEquals(List.of("GOV2019"), RuleBook.load(write(aliasedRules(20))).require("R20").formats());
        // … more are refused: nested aliases expand exponentially (the "billion laughs")
        RuleBookException e = loadFails(aliasedRules(21));
        assertEquals(dir.resolve("override.yml") + " 第23行第44列：引用（*别名）超过 20 个：每个引用都会重复其锚点（&）的内容，"
                + "引用过多的文件可能无限膨胀；请直接写出内容", e.getMessage());
    }

    @Test
    void mistakesAreNamedWhereTheyAre() throws IOException {
        assertTrue(loadFails("rules:\n  - id: B-BALANCE\n  - just text\n").getMessage()
                .endsWith("第3行第5列：rules 的第 2 项应为键值表（「键: 值」），实际为「just text」"));
        assertTrue(loadFails("rules:\n  - id: B-BALANCE\n    severty: WARNING\n").getMessage()
                .contains("（可用的键：check、description、enabled、formats、id、message、name、params、relation、relations、severity、tolerance、years）"));
        assertTrue(loadFails("rules:\n  - id: B-BALANCE\n    message: \"{lefft}\"\n").getMessage()
                .contains("（允许：{agency}、{column}、{delta}、{left}、{right}、{row}、{target}、{tolerance}、{year}）"));
        // a check without parameters says so
        assertTrue(loadFails("rules:\n  - id: MISSING-SUBMISSION\n    params: { x: 1 }\n").getMessage()
                .contains("check「missing-submission」没有参数「x」（它没有参数）"));
        assertTrue(loadFails("rules:\n  - id: OUTLIER-YOY\n    params: 3\n").getMessage().contains("params 应为键值表"));
        assertTrue(loadFails("rules:\n  - id: X9\n    severity: ERROR\n    check: shell\n    message: x\n").getMessage()
                .contains("（可用：blank-total、non-negative、"));
        // a relation's own message is checked like the rule's
        assertTrue(loadFails("""
                rules:
                  - id: B-GROUP-SUM
                    relations:
                      - { relation: "B.DENIED.* = sum(B.DENIED_1..8.*)", message: "{bogus}" }
                """).getMessage().contains("{bogus}"));
        // an id that exists only in a format the rule does not apply to
        assertTrue(loadFails("""
                rules:
                  - { id: LOCAL, severity: ERROR, formats: [GOV2019], relation: "B.OTHER_1.* >= 0", message: x }
                """).getMessage().contains("关系式「B.OTHER_1.* >= 0」中的「B.OTHER_1.*」在格式 GOV2019中都不存在"));
        assertTrue(loadFails("""
                rules:
                  - { id: LOCAL, severity: ERROR, relation: "B.NOPE.* >= 0", message: x }
                """).getMessage().contains("在任何报告格式中都不存在"));
        assertTrue(loadFails("rules:\n  - id: B-BALANCE\n    years: { from: abc }\n").getMessage().endsWith("第3行第20列：from 应为年份（如 2019），实际为「abc」"));
        assertTrue(loadFails("rules:\n  - id: B-BALANCE\n    tolerance: -1\n").getMessage().contains("tolerance 不能为负数"));
    }

    @Test
    void aRelationOfItsOwnFormatIsCheckedAgainstThatFormat() throws IOException {
        RuleBook book = RuleBook.load(write("""
                rules:
                  - id: LOCAL
                    severity: ERROR
                    formats: [GOV2019]
                    relations:
                      - { relation: "B.OTHER_1.* >= 0", formats: [GOV2021] }
                    message: x
                """));
        assertEquals(List.of("GOV2021"), book.require("LOCAL").relations().get(0).formats());
    }

    @Test
    void anOverrideRelationReplacesTheDefaultWhicheverKeyEitherUses() throws IOException {
        RuleBook book = RuleBook.load(write("""
                rules:
                  - id: B-BALANCE
                    relations: ["B.NEW.* >= 0", "B.CARRIED_IN.* >= 0"]
                  - id: B-GROUP-SUM
                    relation: "B.DENIED.* = sum(B.DENIED_1..8.*)"
                """));
        assertEquals(List.of("B.NEW.* >= 0", "B.CARRIED_IN.* >= 0"),
                book.require("B-BALANCE").relations().stream().map(r -> r.relation().text()).toList());
        assertEquals(List.of("B.DENIED.* = sum(B.DENIED_1..8.*)"),
                book.require("B-GROUP-SUM").relations().stream().map(r -> r.relation().text()).toList());
        assertEquals("override.yml", Path.of(book.require("B-BALANCE").origin()).getFileName().toString());
        assertEquals("classpath:rules/default-rules.yml", book.require("C-TOTAL").origin());
    }

    @Test
    void yearsMayBeOpenAtEitherEnd() throws IOException {
        RuleBook book = RuleBook.load(write("rules:\n  - { id: B-BALANCE, years: { from: 2021 } }\n  - { id: C-TOTAL, years: { to: 2020 } }\n"));
        Rule from = book.require("B-BALANCE");
        assertEquals(2021, from.yearFrom());
        assertEquals(null, from.yearTo());
        assertTrue(from.appliesTo(9999));
        Rule to = book.require("C-TOTAL");
        assertEquals(null, to.yearFrom());
        assertTrue(to.appliesTo(1900));
        assertFalse(to.appliesTo(2021));
    }

    @Test
    void aRuleMissingFromTheBookIsAProgrammingError() {
        assertThrows(IllegalStateException.class, () -> RuleBook.load().require("NO-SUCH-RULE"));
        assertTrue(RuleBook.load().rule("NO-SUCH-RULE").isEmpty());
    }
    @Test
    void anOverrideOfACheckWithParametersKeepsThemWhenItChangesSomethingElse() throws IOException {
        RuleBook book = RuleBook.load(write("""
                rules:
                  - id: OUTLIER-YOY
                    years: { from: 2021 }
                    params: { fromZero: 80 }
                  - id: A-FEES-UNIT
                    years: { to: 2030 }
                """));
        Rule outlier = book.require("OUTLIER-YOY");
        assertEquals(2021, outlier.yearFrom());
        assertEquals(0, outlier.decimalParam("fromZero").compareTo(java.math.BigDecimal.valueOf(80)));
        assertEquals(0, outlier.decimalParam("factor").compareTo(java.math.BigDecimal.TEN));
        Rule fees = book.require("A-FEES-UNIT");
        assertEquals(2030, fees.yearTo());
        assertEquals(0, fees.decimalParam("maxWan").compareTo(java.math.BigDecimal.valueOf(100000)));
    }
}
