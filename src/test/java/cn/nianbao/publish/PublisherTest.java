package cn.nianbao.publish;

import cn.nianbao.testing.CsvFiles;
import cn.nianbao.history.FindingChanges;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.nianbao.model.Severity;

class PublisherTest {

    @TempDir
    Path out;

    private TestRuns fixture;
    private List<Path> written;

    @BeforeEach
    void publish() throws Exception {
        fixture = new TestRuns();
        written = new Publisher(fixture.catalogue).publish(fixture.run, out, fixture.content);
        // set -Dpublish.sample.dir=… to keep a copy for looking at (LibreOffice, a browser)
        String sample = System.getProperty("publish.sample.dir");
        if (sample != null) {
            FindingChanges changes = new FindingChanges(fixture.findings.subList(0, 2), fixture.findings.subList(5, 6),
                    fixture.findings.subList(2, 5));
            new Publisher(fixture.catalogue).publish(fixture.run, Path.of(sample), changes, fixture.content);
        }
    }

    @Test
    void writesEveryContractFileAndNoTemporaries() throws Exception {
        List<String> names = written.stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("facts.csv", "exceptions.csv", "summary.csv", "summary-350502-2020.xlsx",
                "summary-350502-2021.xlsx", "exceptions.xlsx", "exceptions.html", "notices.xlsx", "run.json"), names);
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(names.stream().sorted().toList(),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no .tmp files left behind");
        }
    }

    /**
     * On Windows a summary workbook an auditor has open in Excel cannot be replaced (here: a folder stands in its
     * place, which cannot be replaced either). The run still publishes: that workbook goes beside it as
     * 「…（新）.xlsx」, the other files as usual, and run.json names the copy.
     */
    @Test
    void anOutputThatCannotBeReplacedIsWrittenBesideItAndTheRunGoesOn(@TempDir Path folder) throws Exception {
        Files.createDirectories(folder.resolve("summary-350502-2020.xlsx").resolve("open in Excel"));

        List<String> names = new Publisher(fixture.catalogue).publish(fixture.run, folder, fixture.content).stream()
                .map(p -> p.getFileName().toString()).toList();

        assertEquals(List.of("facts.csv", "exceptions.csv", "summary.csv", "summary-350502-2020（新）.xlsx",
                "summary-350502-2021.xlsx", "exceptions.xlsx", "exceptions.html", "notices.xlsx", "run.json"), names);
        try (InputStream in = Files.newInputStream(folder.resolve("summary-350502-2020（新）.xlsx"));
             XSSFWorkbook wb = new XSSFWorkbook(in)) {
            assertTrue(wb.getNumberOfSheets() >= 2, "a whole summary workbook");
        }
        JsonNode json = new ObjectMapper().readTree(Files.readString(folder.resolve("run.json"), StandardCharsets.UTF_8));
        assertEquals("summary-350502-2020（新）.xlsx", json.get("outputs").get(3).asText());
    }

    @Test
    void factsCsv() throws Exception {
        List<List<String>> rows = readCsv("facts.csv");
        assertEquals(CsvOutputs.FACTS_HEADER, rows.get(0));
        assertEquals(List.of("350502001", "鲤城区人民政府开元街道办事处", "2020", "GOV2019", "A.REGULATION.NEW_MADE", "1",
                "false", "2020/开元街道2020年报.xlsx", "a".repeat(64), "Sheet1", "C4", "规章"), rows.get(1));
        int total = fixture.kaiyuan2020.datapoints().size() + fixture.hostile2020.datapoints().size()
                + fixture.kaiyuan2021.datapoints().size();
        assertEquals(total + 1, rows.size());
        List<String> blank = rows.stream().filter(r -> r.get(0).equals("350502002") && r.get(4).equals("B.NEW.TOTAL"))
                .findFirst().orElseThrow();
        assertEquals(List.of("350502002", TestRuns.HOSTILE_NAME, "2020", "GOV2019", "B.NEW.TOTAL", "", "true",
                "2020/局,\"报告\".xlsx", "b".repeat(64), "Sheet1", "C32", "一、本年新收政府信息公开申请数量"), blank);
        List<String> change = rows.stream().filter(r -> r.get(0).equals("350502001") && r.get(2).equals("2020")
                && r.get(4).equals("A.LICENSING.CHANGE")).findFirst().orElseThrow();
        assertEquals("-8", change.get(5), "a negative number stays a plain number");
        String raw = rawCsv("facts.csv");
        assertTrue(raw.contains("\"2020/局,\"\"报告\"\".xlsx\""), "RFC 4180 quoting of commas and quotes");
    }

    @Test
    void exceptionsCsv() throws Exception {
        List<List<String>> rows = readCsv("exceptions.csv");
        assertEquals(CsvOutputs.EXCEPTIONS_HEADER, rows.get(0));
        assertEquals(fixture.findings.size() + 1, rows.size());
        var balance = fixture.findings.get(0);
        // without the job's context: the rule's name is its id, and no decision
        assertEquals(List.of(balance.fingerprint(), "ERROR", "B-BALANCE", "350502001", "鲤城区人民政府开元街道办事处", "2020",
                "2020/开元街道2020年报.xlsx", "Sheet1", "C12 C13 C30", "12", "11", "-1",
                "第一项加第二项之和(12)不等于第三项加第四项之和(11)，差 1", "B-BALANCE", "错误", "", ""), rows.get(1));
        List<String> formula = rows.stream().filter(r -> r.get(2).equals("C-TOTAL")).findFirst().orElseThrow();
        assertEquals("'" + TestRuns.FORMULA_MESSAGE, formula.get(12));
        assertEquals("'@SUM", formula.get(7));
        assertEquals("1", formula.get(11));
        List<String> warning = rows.stream().filter(r -> r.get(2).equals("A-ITEMS-AS-DECISIONS")).findFirst().orElseThrow();
        assertEquals("'-2", warning.get(7), "text that looks like a number is neutralised, it is a sheet name");
        List<String> info = rows.stream().filter(r -> r.get(2).equals("A-UNIT-ASSUMED")).findFirst().orElseThrow();
        assertEquals("'+1 采购总金额未注明单位，按元计", info.get(12));
        assertEquals("25211.5", info.get(10));
        assertEquals(List.of("ERROR", "ERROR", "ERROR", "ERROR", "WARNING", "INFO"), rows.subList(1, rows.size()).stream()
                .map(r -> r.get(1)).toList(), "errors first, then warnings, then information");
        List<String> parse = rows.get(4);
        assertEquals("PARSE-UNREADABLE", parse.get(2), "of the errors, those without an agency come last");
        assertEquals("", parse.get(3));
        assertEquals("文件无法读取：\t格式\r\n错误", parse.get(12), "a tab inside text is kept, only a leading one is neutralised");
    }

    @Test
    void summaryCsv() throws Exception {
        List<List<String>> rows = readCsv("summary.csv");
        assertEquals(CsvOutputs.SUMMARY_HEADER, rows.get(0));
        assertEquals(List.of("350502", "泉州市鲤城区", "2020", "GOV2019", "A.REGULATION.NEW_MADE", "101", "2", "3", "2", "0",
                "350502001:1;350502002:1"), rows.get(1));
        List<String> y2021 = rows.stream().filter(r -> r.get(2).equals("2021")).findFirst().orElseThrow();
        assertEquals(List.of("1", "3", "0", "0", ""), y2021.subList(6, 11), "no report with errors in 2021");
        List<String> licensing = rows.stream().filter(r -> r.get(2).equals("2020") && r.get(4).equals("A.LICENSING.DECISIONS"))
                .findFirst().orElseThrow();
        assertEquals("8080", licensing.get(5));
        // 2020: the 198 GOV2019 datapoints + the 3 optional subtotal rows one report had; 2021: the 200 of GOV2021
        assertEquals(198 + 3 * 7, rows.stream().filter(r -> r.get(2).equals("2020")).count());
        assertEquals(200, rows.stream().filter(r -> r.get(2).equals("2021")).count());
        assertTrue(rows.stream().anyMatch(r -> r.get(4).equals("B.DENIED.TOTAL")));
        assertFalse(rows.stream().anyMatch(r -> r.get(2).equals("2021") && r.get(4).equals("B.OTHER.TOTAL")),
                "optional subtotal rows only when present");
    }

    @Test
    void summaryWorkbookHasTheOfficialLayout() throws Exception {
        try (XSSFWorkbook wb = open("summary-350502-2020.xlsx")) {
            Sheet sheet = wb.getSheet(SummaryWorkbookWriter.MAIN_SHEET);
            assertNotNull(sheet);
            assertEquals("泉州市鲤城区 2020年政府信息公开工作年度报告汇总表", sheet.getRow(0).getCell(0).getStringCellValue());
            CellRangeAddress applicants = mergedRegionOf(sheet, "申请人情况");
            assertEquals(7, applicants.getLastColumn() - applicants.getFirstColumn() + 1, "申请人情况 spans the 7 columns");
            CellRangeAddress orgs = mergedRegionOf(sheet, "法人或其他组织");
            assertEquals(5, orgs.getLastColumn() - orgs.getFirstColumn() + 1);
            CellRangeAddress natural = mergedRegionOf(sheet, "自然人");
            assertEquals(2, natural.getLastRow() - natural.getFirstRow() + 1, "自然人 merged down two header rows");
            CellRangeAddress outcomes = mergedRegionOf(sheet, "三、本年度办理结果");
            // GOV2019: 20 outcome rows (（一）…（七）) + the 3 subtotal rows one report had
            assertEquals(23, outcomes.getLastRow() - outcomes.getFirstRow() + 1);
            CellRangeAddress denied = mergedRegionOf(sheet, "（三）不予公开");
            assertEquals(8, denied.getLastRow() - denied.getFirstRow() + 1);
            assertNotNull(find(sheet, "（三）不予公开（小计）"), "optional subtotal row drawn when a report had it");
            assertNotNull(mergedRegionOf(sheet, "行政诉讼"));
            // 15 cells over the grid's 16 columns (the 16th is for 本年/上年/增减 when compared): the last one takes two
            assertEquals(11, width(mergedRegionOf(sheet, "行政诉讼")));
            assertEquals(5, width(mergedRegionOf(sheet, "行政复议")));

            assertEquals(8080.0, valueUnder(sheet, "行政许可", "处理决定数量"), "A.LICENSING.DECISIONS");
            assertEquals(fixture.district2020.values().get("B.NEW.NATURAL").doubleValue(),
                    valueUnder(sheet, "一、本年新收政府信息公开申请数量", "自然人"));
            assertEquals(fixture.district2020.values().get("A.PROCUREMENT.AMOUNT_YUAN").doubleValue(),
                    valueUnder(sheet, "政府集中采购", "采购总金额"));
            assertEquals(fixture.district2020.values().get("C.SUIT_AFTER_REVIEW.TOTAL").doubleValue(),
                    lastValueBelow(sheet, "总计"), "the last 总计 of table 四 is 复议后起诉 · 总计");

            // the caveats are on the 汇总表 itself, in the rows printed at the head of each of its pages
            Cell errors = findStartingWith(sheet, "纳入本表的报告中有 2 份存在错误：");
            assertNotNull(errors);
            assertEquals("纳入本表的报告中有 2 份存在错误：鲤城区人民政府开元街道办事处（1 项错误）、" + TestRuns.HOSTILE_NAME
                    + "（1 项错误）。本表各数含其数值，可能因此不平衡，请核实后使用；错误明细见 exceptions.xlsx。", errors.getStringCellValue());
            CellRangeAddress head = sheet.getRepeatingRows();
            assertNotNull(head, "the head repeats on every page");
            assertTrue(head.getFirstRow() == 0 && errors.getRowIndex() <= head.getLastRow());
            assertNotNull(findStartingWith(sheet, "应报单位 3 个，纳入报告 2 份，缺报 1 个。"));
            assertEquals(null, findStartingWith(sheet, "「上年」"), "no year before: no comparison");
            assertEquals(null, find(sheet, "上年"));
            assertPrintedAt100OrAbove80(sheet, false);

            Sheet detail = wb.getSheet(SummaryWorkbookWriter.DETAIL_SHEET);
            assertNotNull(detail);
            assertNotNull(findStartingWith(detail, "缺报（1）：鲤城区人民政府海滨街道办事处"));
            assertNotNull(findStartingWith(detail, "纳入本表的报告中有 2 份存在错误："));
            assertPrintedAt100OrAbove80(detail, true);
            // 二 of 2019 (22 datapoints) is a row per datapoint: label, column, 合计, then the agencies in roster order
            Cell licensing = find(detail, "第二十条第（五）项 行政许可");
            assertNotNull(licensing);
            Row decisions = detail.getRow(licensing.getRowIndex() + 2);
            assertEquals("处理决定数量", decisions.getCell(1).getStringCellValue());
            assertEquals(8080.0, decisions.getCell(2).getNumericCellValue(), "合计");
            assertEquals(80.0, decisions.getCell(3).getNumericCellValue(), "开元街道");
            assertEquals(8000.0, decisions.getCell(4).getNumericCellValue());
            Row headings = detail.getRow(find(detail, "合计").getRowIndex());
            assertEquals(List.of("项目", "分项", "合计", "开元街道", TestRuns.HOSTILE_NAME), texts(headings),
                    "Chinese headings, the roster's short name where it has one");
            assertEquals(null, find(detail, "A.LICENSING.DECISIONS"), "no datapoint ids");
            Cell applications = find(detail, "一、本年新收政府信息公开申请数量");
            Row total = detail.getRow(applications.getRowIndex() + 6);
            assertEquals("总计", total.getCell(1).getStringCellValue());
            assertEquals(CellType.BLANK, total.getCell(4).getCellType(), "a blank stays blank, not 0");
            // 四 (15 datapoints) is a row per agency under the template's headings, the sums last
            Cell review = find(detail, "行政复议");
            assertNotNull(review);
            // three heading rows: 行政诉讼 › 未经复议直接起诉 › 结果维持
            Row kaiyuan = detail.getRow(review.getRowIndex() + 3);
            assertEquals("开元街道", kaiyuan.getCell(0).getStringCellValue());
            Row sums = detail.getRow(review.getRowIndex() + 5);
            assertEquals("合计", sums.getCell(0).getStringCellValue());
            assertEquals(fixture.district2020.values().get("C.REVIEW.UPHELD").doubleValue(), sums.getCell(1).getNumericCellValue());
        }
        try (XSSFWorkbook wb = open("summary-350502-2021.xlsx")) {
            Sheet sheet = wb.getSheet(SummaryWorkbookWriter.MAIN_SHEET);
            assertEquals(fixture.district2021.values().get("A.LICENSING.DECISIONS").doubleValue(),
                    valueUnder(sheet, "行政许可", "本年处理决定数量"));
            assertEquals(22, mergedRegionOf(sheet, "三、本年度办理结果").getLastRow()
                    - mergedRegionOf(sheet, "三、本年度办理结果").getFirstRow() + 1, "GOV2021 outcome rows");
            assertNotNull(mergedRegionOf(sheet, "（六）其他处理"));
            assertEquals(null, find(sheet, "（三）不予公开（小计）"));
            assertNotNull(findStartingWith(wb.getSheet(SummaryWorkbookWriter.DETAIL_SHEET), "缺报（2）："));
            // compared with the year before: 上年 and 增减 beside 三's 总计, and where they are from
            assertEquals("「上年」为作业「licheng-2020」（执行号 41）的 2020 年汇总数；「增减」＝本年－上年；上年为 GOV2019 格式，"
                    + "本年格式中上年没有的项目，上年与增减留空。", findStartingWith(sheet, "「上年」").getStringCellValue());
            Cell applications = find(sheet, "一、本年新收政府信息公开申请数量");
            Cell previous = lastAbove(sheet, "上年", applications.getRowIndex());
            Row row = sheet.getRow(applications.getRowIndex());
            double now = fixture.district2021.values().get("B.NEW.TOTAL").doubleValue();
            double before = fixture.district2020.values().get("B.NEW.TOTAL").doubleValue();
            assertEquals(now, row.getCell(previous.getColumnIndex() - 1).getNumericCellValue(), "本年");
            assertEquals(before, row.getCell(previous.getColumnIndex()).getNumericCellValue(), "上年");
            assertEquals(now - before, row.getCell(previous.getColumnIndex() + 1).getNumericCellValue(), "增减");
            CellRangeAddress total = mergedRegionOf(sheet, lastAbove(sheet, "总计", applications.getRowIndex()));
            assertEquals(List.of(previous.getColumnIndex() - 1, previous.getColumnIndex() + 1),
                    List.of(total.getFirstColumn(), total.getLastColumn()), "总计 over its 本年, 上年 and 增减");
            // 二.（一） of 2021 has ids 2020's format lacks: its 上年 and 增减 stay blank, not 0
            Cell regulation = find(sheet, "规章");
            Cell issued = find(sheet, "本年制发件数");
            assertEquals(CellType.BLANK, sheet.getRow(regulation.getRowIndex()).getCell(issued.getColumnIndex() + 1).getCellType());
            assertPrintedAt100OrAbove80(sheet, false);
        }
    }

    /** A4 at a fixed scale (no fit to page, which shrinks text and drops page breaks in Excel), no smaller than 80 %. */
    private static void assertPrintedAt100OrAbove80(Sheet sheet, boolean landscape) {
        assertEquals(org.apache.poi.ss.usermodel.PrintSetup.A4_PAPERSIZE, sheet.getPrintSetup().getPaperSize());
        assertEquals(landscape, sheet.getPrintSetup().getLandscape());
        assertFalse(sheet.getFitToPage());
        assertTrue(sheet.getPrintSetup().getScale() >= 80 && sheet.getPrintSetup().getScale() <= 100);
    }

    /** The last cell reading {@code text} in the rows above {@code row}. */
    private static Cell lastAbove(Sheet sheet, String text, int row) {
        Cell last = null;
        for (int r = 0; r < row; r++) {
            Row sheetRow = sheet.getRow(r);
            for (Cell cell : sheetRow == null ? List.<Cell>of() : sheetRow) {
                if (cell.getCellType() == CellType.STRING && cell.getStringCellValue().equals(text)) {
                    last = cell;
                }
            }
        }
        assertNotNull(last, text);
        return last;
    }

    private static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        row.forEach(c -> texts.add(c.getStringCellValue()));
        return texts;
    }

    @Test
    void exceptionWorkbook() throws Exception {
        try (XSSFWorkbook wb = open("exceptions.xlsx")) {
            XSSFSheet list = wb.getSheet(ExceptionWorkbookWriter.LIST_SHEET);
            PaneInformation pane = list.getPaneInformation();
            assertNotNull(pane);
            assertTrue(pane.isFreezePane());
            assertEquals(1, pane.getHorizontalSplitTopRow());
            assertTrue(list.getCTWorksheet().isSetAutoFilter());
            assertEquals("A1:M7", list.getCTWorksheet().getAutoFilter().getRef());
            List<String> header = new ArrayList<>();
            list.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
            assertEquals(ExceptionWorkbookWriter.LIST_HEADER, header);
            Row first = list.getRow(1);
            assertEquals(Severity.ERROR.chinese(), first.getCell(0).getStringCellValue());
            assertEquals(12.0, first.getCell(5).getNumericCellValue(), "应为");
            assertEquals(fixture.findings.get(0).fingerprint(), first.getCell(LIST_LAST).getStringCellValue(), "the fingerprint last");
            Cell formula = find(list, TestRuns.FORMULA_MESSAGE);
            assertNotNull(formula, "text kept as is in xlsx");
            assertEquals(CellType.STRING, formula.getCellType(), "a string cell, never a formula");
            byte[] rgb = list.getRow(1).getCell(0).getCellStyle().getFillForegroundColorColor().getRGB();
            assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xC7, (byte) 0xCE}, rgb, "ERROR is light red");

            Sheet counts = wb.getSheet(ExceptionWorkbookWriter.COUNT_SHEET);
            assertNotNull(counts);
            Cell hostile = find(counts, TestRuns.HOSTILE_NAME);
            assertEquals(1.0, counts.getRow(hostile.getRowIndex()).getCell(2).getNumericCellValue(), "1 错误");
            assertEquals(1.0, counts.getRow(hostile.getRowIndex()).getCell(3).getNumericCellValue(), "1 警告");

            assertNotNull(wb.getSheet("开元街道"), "per-agency sheet named by the short name");
            Sheet kaiyuan = wb.getSheet("开元街道");
            assertTrue(kaiyuan.getRow(0).getCell(0).getStringCellValue().contains("整改清单"));
            assertEquals("B-BALANCE", kaiyuan.getRow(3).getCell(3).getStringCellValue());
            assertEquals(ExceptionWorkbookWriter.AGENCY_HEADER, cells(kaiyuan.getRow(2)));
            assertNotNull(wb.getSheet(TestRuns.HOSTILE_NAME.replace("/", "_")), "no alias: the name, sanitised");
            assertNotNull(wb.getSheet("文件_损坏.xlsx"), "findings of an unknown file get a sheet too");
            assertEquals(List.of(ExceptionWorkbookWriter.LIST_SHEET, ExceptionWorkbookWriter.SETTLED_SHEET,
                    ExceptionWorkbookWriter.RESOLVED_SHEET, ExceptionWorkbookWriter.COUNT_SHEET), List.of(wb.getSheetName(0),
                    wb.getSheetName(1), wb.getSheetName(2), wb.getSheetName(3)));
            assertEquals(4 + 4, wb.getNumberOfSheets());

            // 处理状态 offers the four words and refuses others
            var validations = list.getDataValidations();
            assertEquals(1, validations.size());
            assertEquals(List.of("待整改", "已整改待复核", "已说明", "不适用"),
                    List.of(validations.get(0).getValidationConstraint().getExplicitListValues()));
            assertEquals("K2:K7", validations.get(0).getRegions().getCellRangeAddress(0).formatAsString());
            // printed one page wide, on A4 landscape, the header row on every page
            assertTrue(list.getFitToPage());
            assertEquals(1, list.getPrintSetup().getFitWidth());
            assertTrue(list.getPrintSetup().getLandscape());
            assertEquals("1:1", list.getRepeatingRows().formatAsString());
        }
    }

    @Test
    void htmlPageEscapesEverything() throws Exception {
        String html = Files.readString(out.resolve("exceptions.html"), StandardCharsets.UTF_8);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<html lang=\"zh-CN\">"));
        assertTrue(html.contains("<meta charset=\"UTF-8\">"));
        assertFalse(html.contains("<script>alert"), "no injected script");
        // as element text (quotes need no escaping there)
        assertTrue(html.contains("说明&lt;script&gt;alert('x')&lt;/script&gt;&amp;更多"), "a message escaped");
        assertTrue(html.contains("&lt;script&gt;alert(\"名\")&lt;/script&gt;局"), "an agency name escaped");
        assertEquals(1, html.split("<script>", -1).length - 1, "the page's own script only");
        assertFalse(html.contains("src=") || html.contains("href=\"http") || html.contains("<link"), "self-contained");
        assertTrue(html.contains("B-BALANCE") && html.contains("C12 C13 C30") && html.contains("按规则统计")
                && html.contains("按单位统计"));
        assertFalse(html.contains("与上次运行相比"), "first run: no comparison");
        String withChanges = new ExceptionPageWriter().render(fixture.run,
                new FindingChanges(List.of(fixture.findings.get(0)), List.of(fixture.findings.get(1)), List.of()));
        assertTrue(withChanges.contains("与上次运行相比") && withChanges.contains("新增 1 项，已解决 1 项，仍未解决 0 项"));
        assertFalse(withChanges.contains("<script>alert"));
        assertEquals(1, occurrences(withChanges, "<code>" + fixture.findings.get(0).fingerprint() + "</code>"),
                "a finding is shown once, not again in the comparison");
        assertTrue(html.contains("<th>状态</th><td>已完成</td>"), "status in Chinese");
        String started = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .format(fixture.run.started().atZone(java.time.ZoneId.systemDefault()));
        assertTrue(html.contains("<th>开始时间</th><td>" + started + "</td>"), "local time, to the second");
    }

    /**
     * With the job's context: rules by their Chinese names, agencies in roster order, the job's decisions (one settling a
     * finding whose figures changed since, one on a finding that no longer fires) and the 整改通知's deadline and office.
     */
    @Test
    void theJobsDecisionsAndNamesAreInEveryOutput(@TempDir Path folder) throws Exception {
        var balance = fixture.findings.get(0);   // ERROR B-BALANCE, 开元街道
        var total = fixture.findings.get(2);     // ERROR C-TOTAL, the hostile agency
        var gone = new cn.nianbao.model.Finding(Severity.WARNING, "A-REGULATION-SCOPE", TestRuns.HAIBIN.code(),
                TestRuns.HAIBIN.name(), 2020, "2020/海滨街道.xlsx", "Sheet1", List.of("B6"), null, BigDecimal.ONE, null, "没有规章制定权");
        java.time.Instant when = java.time.Instant.parse("2022-01-30T02:00:00Z");
        var decisions = java.util.Map.of(
                balance.fingerprint(), new cn.nianbao.model.Disposition(balance.fingerprint(), cn.nianbao.model.DispositionStatus.EXPLAINED,
                        "上年结转另有说明", new cn.nianbao.model.Figures(bd("12"), bd("10"), bd("-2")), when, "exceptions.xlsx「问题清单」", balance),
                total.fingerprint(), new cn.nianbao.model.Disposition(total.fingerprint(), cn.nianbao.model.DispositionStatus.TO_CORRECT,
                        null, cn.nianbao.model.Figures.of(total), when, "exceptions.xlsx「问题清单」", total),
                gone.fingerprint(), new cn.nianbao.model.Disposition(gone.fingerprint(), cn.nianbao.model.DispositionStatus.NOT_APPLICABLE,
                        "区政府授权", cn.nianbao.model.Figures.of(gone), when, "处理意见.xlsx「Sheet1」", gone));
        var names = java.util.Map.of("B-BALANCE", "申请数量收支平衡", "C-TOTAL", "复议诉讼结果与总计", "MISSING-SUBMISSION", "缺报");
        Review review = new Review(id -> names.getOrDefault(id, id),
                List.of(TestRuns.HAIBIN.code(), TestRuns.HOSTILE.code(), TestRuns.KAIYUAN.code()), decisions,
                new cn.nianbao.job.Notice(java.time.LocalDate.of(2022, 3, 31), "泉州市鲤城区人民政府办公室"), java.time.ZoneId.of("Asia/Shanghai"));
        new Publisher(fixture.catalogue).publish(fixture.run, folder, null, n -> { }, fixture.content, OutputHistory.NONE, review);

        List<List<String>> csv = CsvFiles.parse(new String(Files.readAllBytes(folder.resolve("exceptions.csv")), 3,
                (int) Files.size(folder.resolve("exceptions.csv")) - 3, StandardCharsets.UTF_8));
        assertEquals(List.of("MISSING-SUBMISSION", "C-TOTAL", "B-BALANCE", "PARSE-UNREADABLE", "A-ITEMS-AS-DECISIONS", "A-UNIT-ASSUMED"),
                csv.subList(1, csv.size()).stream().map(r -> r.get(2)).toList(), "by severity, then agency in roster order");
        List<String> balanceRow = csv.stream().filter(r -> r.get(0).equals(balance.fingerprint())).findFirst().orElseThrow();
        assertEquals(List.of("申请数量收支平衡", "错误", "已说明", "上年结转另有说明"), balanceRow.subList(13, 17));
        List<String> totalRow = csv.stream().filter(r -> r.get(0).equals(total.fingerprint())).findFirst().orElseThrow();
        assertEquals(List.of("复议诉讼结果与总计", "错误", "待整改", ""), totalRow.subList(13, 17));
        assertTrue(csv.stream().noneMatch(r -> r.get(0).equals(gone.fingerprint())), "exceptions.csv lists this run's findings");

        try (InputStream in = Files.newInputStream(folder.resolve("exceptions.xlsx")); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            Sheet open = wb.getSheet(ExceptionWorkbookWriter.LIST_SHEET);
            assertEquals(5, open.getLastRowNum(), "the settled finding is not among the open ones");
            assertEquals("复议诉讼结果与总计\nC-TOTAL", open.getRow(2).getCell(3).getStringCellValue());
            assertEquals("待整改", open.getRow(2).getCell(10).getStringCellValue());
            Sheet settled = wb.getSheet(ExceptionWorkbookWriter.SETTLED_SHEET);
            assertEquals(1, settled.getLastRowNum());
            Row row = settled.getRow(1);
            assertEquals("已说明", row.getCell(10).getStringCellValue());
            assertEquals("上年结转另有说明", row.getCell(11).getStringCellValue());
            assertEquals(balance.fingerprint(), row.getCell(LIST_LAST).getStringCellValue());
            assertTrue(row.getCell(9).getStringCellValue().contains("数值已变化，请复核"), "decided on other figures");
            Sheet resolved = wb.getSheet(ExceptionWorkbookWriter.RESOLVED_SHEET);
            assertEquals(1, resolved.getLastRowNum());
            assertEquals(gone.fingerprint(), resolved.getRow(1).getCell(LIST_LAST).getStringCellValue());
            assertEquals("不适用", resolved.getRow(1).getCell(10).getStringCellValue(), "its decision kept");
            assertEquals("已解决", resolved.getRow(1).getCell(9).getStringCellValue());
            Sheet counts = wb.getSheet(ExceptionWorkbookWriter.COUNT_SHEET);
            assertEquals(TestRuns.HAIBIN.code(), counts.getRow(1).getCell(0).getStringCellValue(), "agencies in roster order");
            assertEquals(1.0, counts.getRow(3).getCell(5).getNumericCellValue(), "开元街道: one settled");
        }

        String html = Files.readString(folder.resolve("exceptions.html"), StandardCharsets.UTF_8);
        String settledSection = html.substring(html.indexOf("id=\"settled-findings\""), html.indexOf("id=\"resolved-findings\""));
        assertTrue(settledSection.contains(balance.fingerprint()) && settledSection.contains("上年结转另有说明")
                && settledSection.contains("数值已变化，请复核"));
        assertEquals(1, occurrences(html, "<code>" + balance.fingerprint() + "</code>"));
        String resolvedSection = html.substring(html.indexOf("id=\"resolved-findings\""));
        assertTrue(resolvedSection.contains(gone.fingerprint()) && resolvedSection.contains("区政府授权"));
        assertTrue(html.contains("申请数量收支平衡<span class=\"rule-id\">B-BALANCE</span>"), "the rule's name beside its id");

        try (InputStream in = Files.newInputStream(folder.resolve("notices.xlsx")); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            assertEquals(List.of("海滨街道", TestRuns.HOSTILE_NAME.replace("/", "_"), "开元街道"),
                    List.of(wb.getSheetName(0), wb.getSheetName(1), wb.getSheetName(2)), "one notice per agency with open findings");
            assertEquals(3, wb.getNumberOfSheets(), "none for the file without an agency");
            Sheet kaiyuan = wb.getSheet("开元街道");
            String text = allText(kaiyuan);
            assertTrue(text.contains("鲤城区人民政府开元街道办事处："));
            assertTrue(text.contains("2022年3月31日前") && text.contains("泉州市鲤城区人民政府办公室"), text);
            assertTrue(text.contains("A-UNIT-ASSUMED") && !text.contains("上年结转另有说明") && !text.contains("B-BALANCE"),
                    "the settled finding is not in the notice");
            assertTrue(text.contains("2022年2月1日"), "signed with the run's date");
            assertTrue(kaiyuan.getFitToPage());
            assertEquals(1, kaiyuan.getPrintSetup().getFitHeight(), "one page");
            assertFalse(kaiyuan.getPrintSetup().getLandscape());
        }
    }

    @Test
    void runJsonParses() throws Exception {
        JsonNode json = new ObjectMapper().readTree(Files.readString(out.resolve("run.json"), StandardCharsets.UTF_8));
        assertEquals(42, json.get("job_execution_id").asLong());
        assertEquals("consolidate-鲤城区", json.get("job_name").asText());
        assertEquals("COMPLETED", json.get("status").asText());
        assertEquals("2022-02-01T01:02:03Z", json.get("start_time").asText());
        assertEquals("2022-02-01T01:05:00Z", json.get("end_time").asText());
        JsonNode counts = json.get("counts");
        assertEquals(5, counts.get("files_seen").asInt());
        assertEquals(4, counts.get("workbooks_read").asInt());
        assertEquals(3, counts.get("reports_accepted").asInt());
        assertEquals(1, counts.get("files_rejected").asInt());
        assertEquals(1, counts.get("files_skipped").asInt());
        assertEquals(4, counts.get("findings").get("error").asInt());
        assertEquals(1, counts.get("findings").get("warning").asInt());
        assertEquals(1, counts.get("findings").get("info").asInt());
        JsonNode input = json.get("inputs").get(1);
        assertEquals("2020/局,\"报告\".xlsx", input.get("path").asText(), "quotes escaped");
        assertEquals("b".repeat(64), input.get("sha256").asText());
        assertEquals(10240, input.get("size_bytes").asLong());
        assertFalse(json.get("inputs").get(3).get("accepted").asBoolean());
        assertEquals("run.json", json.get("outputs").get(json.get("outputs").size() - 1).asText());
        assertEquals(9, json.get("outputs").size());
    }

    @Test
    void runJsonKeepsEveryCharacterOfAPath() throws Exception {
        String path = "a\"b\\c\n\t\u0001\u2028局.xlsx";
        cn.nianbao.model.RunResult run = new cn.nianbao.model.RunResult(1, "job", "COMPLETED", java.time.Instant.EPOCH,
                java.time.Instant.EPOCH, List.of(new cn.nianbao.model.Submission(path, "s", 1, java.time.Instant.EPOCH)), List.of(),
                List.of(), List.of(), List.of(path + "（不是普通文件）"));
        JsonNode json = new ObjectMapper().readTree(new RunJsonWriter().render(run, List.of()));
        assertEquals(path, json.get("inputs").get(0).get("path").asText());
        assertEquals(path + "（不是普通文件）", json.get("skipped_files").get(0).asText());
    }

    /** The last column of 问题清单: the fingerprint. */
    private static final int LIST_LAST = ExceptionWorkbookWriter.LIST_HEADER.size() - 1;

    private static List<String> cells(Row row) {
        List<String> out = new ArrayList<>();
        row.forEach(c -> out.add(c.getStringCellValue()));
        return out;
    }

    private static String allText(Sheet sheet) {
        StringBuilder b = new StringBuilder();
        for (Row row : sheet) {
            for (Cell cell : row) {
                b.append(cell.getCellType() == CellType.STRING ? cell.getStringCellValue() : cell.toString()).append('\n');
            }
        }
        return b.toString();
    }

    private static int occurrences(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    // ---------------------------------------------------------------------------------------------

    private List<List<String>> readCsv(String name) throws Exception {
        return CsvFiles.parse(rawCsv(name));
    }

    private String rawCsv(String name) throws Exception {
        byte[] bytes = Files.readAllBytes(out.resolve(name));
        assertArrayEquals(CsvWriter.BOM, Arrays.copyOf(bytes, 3), name + " starts with the BOM");
        return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    }

    private XSSFWorkbook open(String name) throws Exception {
        try (InputStream in = Files.newInputStream(out.resolve(name))) {
            return new XSSFWorkbook(in);
        }
    }

    private static int width(CellRangeAddress r) {
        return r.getLastColumn() - r.getFirstColumn() + 1;
    }

    private static Cell find(Sheet sheet, String text) {
        for (Row row : sheet) {
            for (Cell cell : row) {
                if (cell.getCellType() == CellType.STRING && cell.getStringCellValue().equals(text)) {
                    return cell;
                }
            }
        }
        return null;
    }

    private static Cell findStartingWith(Sheet sheet, String prefix) {
        for (Row row : sheet) {
            for (Cell cell : row) {
                if (cell.getCellType() == CellType.STRING && cell.getStringCellValue().startsWith(prefix)) {
                    return cell;
                }
            }
        }
        return null;
    }

    private static CellRangeAddress mergedRegionOf(Sheet sheet, String text) {
        Cell cell = find(sheet, text);
        assertNotNull(cell, "cell 「" + text + "」");
        return mergedRegionOf(sheet, cell);
    }

    private static CellRangeAddress mergedRegionOf(Sheet sheet, Cell cell) {
        String text = cell.getStringCellValue();
        for (CellRangeAddress region : sheet.getMergedRegions()) {
            if (region.getFirstRow() == cell.getRowIndex() && region.getFirstColumn() == cell.getColumnIndex()) {
                return region;
            }
        }
        throw new AssertionError("「" + text + "」 is not merged");
    }

    /** The number in the row labelled {@code rowLabel}, in the column whose header above reads {@code columnLabel}. */
    private static double valueUnder(Sheet sheet, String rowLabel, String columnLabel) {
        Cell label = find(sheet, rowLabel);
        assertNotNull(label, rowLabel);
        for (int r = label.getRowIndex() - 1; r >= 0; r--) {
            Row row = sheet.getRow(r);
            if (row == null) {
                continue;
            }
            for (Cell cell : row) {
                if (cell.getCellType() == CellType.STRING && cell.getStringCellValue().equals(columnLabel)) {
                    return sheet.getRow(label.getRowIndex()).getCell(cell.getColumnIndex()).getNumericCellValue();
                }
            }
        }
        throw new AssertionError("no header 「" + columnLabel + "」 above 「" + rowLabel + "」");
    }

    private static double lastValueBelow(Sheet sheet, String header) {
        Cell last = null;
        for (Row row : sheet) {
            for (Cell cell : row) {
                if (cell.getCellType() == CellType.STRING && cell.getStringCellValue().equals(header)) {
                    last = cell;
                }
            }
        }
        assertNotNull(last);
        return sheet.getRow(last.getRowIndex() + 1).getCell(last.getColumnIndex()).getNumericCellValue();
    }

    static BigDecimal bd(String s) {
        return new BigDecimal(s);
    }
}
