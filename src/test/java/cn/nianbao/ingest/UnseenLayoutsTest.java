package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.model.Datapoint;
import cn.nianbao.model.Finding;
import cn.nianbao.ingest.IngestResult;
import cn.nianbao.model.Report;
import cn.nianbao.job.AdHocJob;
import cn.nianbao.job.RosterResolver;
import cn.nianbao.template.TemplateCatalogue;

/**
 * Workbooks laid out by hand here, independently of the sample generator, in ways the generator never
 * produces: tables in another order far from A1, one-row headers, 合计 for 总计, group and item in one
 * cell with the section number, table C on its own sheet as rows, values in every odd spelling.
 */
class UnseenLayoutsTest {

    private static final TemplateCatalogue CATALOGUE = TemplateCatalogue.load();

    @TempDir
    Path dir;

    /** A tiny sheet writer: cells by A1 address, merges by range. */
    static final class SheetWriter {
        final Sheet sheet;

        SheetWriter(Sheet sheet) {
            this.sheet = sheet;
        }

        Cell cell(String a1) {
            CellReference ref = new CellReference(a1);
            Row row = sheet.getRow(ref.getRow()) == null ? sheet.createRow(ref.getRow()) : sheet.getRow(ref.getRow());
            return row.getCell(ref.getCol()) == null ? row.createCell(ref.getCol()) : row.getCell(ref.getCol());
        }

        SheetWriter text(String a1, String text) {
            cell(a1).setCellValue(text);
            return this;
        }

        SheetWriter number(String a1, double n) {
            cell(a1).setCellValue(n);
            return this;
        }

        SheetWriter merge(String range) {
            sheet.addMergedRegion(CellRangeAddress.valueOf(range));
            return this;
        }
    }

    private IngestResult read(Path file) throws Exception {
        return new WorkbookIngester(CATALOGUE, ReadLimits.defaults(),
                new RosterResolver(AdHocJob.of(dir, dir.resolve("out"), null)), null)
                .ingest(file, WorkbookIngester.describe(dir, file));
    }

    /**
     * GOV2021, one sheet: table B first at F40 with a one-row header and 合计, its row labels in one
     * column with group and item together; table A below it with two-column merged labels and a 万元
     * amount written with 元; table C on a second sheet as three rows.
     */
    @Test
    void readsAGov2021WorkbookLaidOutUnlikeAnyTemplate() throws Exception {
        Path file = dir.resolve("某某镇人民政府2021年报表.xlsx");
        Map<String, String> expectedCell = new LinkedHashMap<>();
        Map<String, BigDecimal> expected = new LinkedHashMap<>();
        try (Workbook wb = new XSSFWorkbook()) {
            SheetWriter s = new SheetWriter(wb.createSheet("数据"));
            s.text("B2", "某某镇人民政府\n2021年度政府信息公开工作年度报告（统计表）").merge("B2:M2");
            s.text("F38", "三、收到和处理政府信息公开申请情况");
            String[] cols = {"NATURAL", "BUSINESS", "RESEARCH", "NONPROFIT", "LEGAL", "OTHER_ORG", "TOTAL"};
            String[] headers = {"自然人", "商业\n企业", "科研 机构", "社会公益组织", "法律服务机构", "其他", "合计"};
            s.text("F40", "项目");
            for (int c = 0; c < 7; c++) {
                s.text(CellReference.convertNumToColString(7 + c) + "40", headers[c]);
            }
            List<String[]> rows = List.of(
                    new String[] {"NEW", "一、本年新收政府信息公开申请数量"},
                    new String[] {"CARRIED_IN", "二、上年结转政府信息公开申请数量"},
                    new String[] {"GRANTED", "三、本年度办理结果（一）予以公开"},
                    new String[] {"PARTIAL", "（二）部分公开"},
                    new String[] {"DENIED_1", "（三）不予公开 1.属于国家秘密"},
                    new String[] {"DENIED_2", "2.其他法律行政法规禁止公开"},
                    new String[] {"DENIED_3", "3.危及\"三安全一稳定\""},
                    new String[] {"DENIED_4", "4.保护第三方合法权益"},
                    new String[] {"DENIED_5", "5.属于三类内部事务信息"},
                    new String[] {"DENIED_6", "6.属于四类过程性信息"},
                    new String[] {"DENIED_7", "7.属于行政执法案卷"},
                    new String[] {"DENIED_8", "8.属于行政查询事项"},
                    new String[] {"UNABLE_1", "（四）无法提供 1.本机关不掌握相关政府信息"},
                    new String[] {"UNABLE_2", "2.没有现成信息需要另行制作"},
                    new String[] {"UNABLE_3", "3.补正后申请内容仍不明确"},
                    new String[] {"REFUSED_1", "（五）不予处理 1.信访举报投诉类申请"},
                    new String[] {"REFUSED_2", "2.重复申请"},
                    new String[] {"REFUSED_3", "3.要求提供公开出版物"},
                    new String[] {"REFUSED_4", "4.无正当理由大量反复申请"},
                    new String[] {"REFUSED_5", "5.要求行政机关确认或重新出具已获取信息"},
                    new String[] {"OTHER_1", "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"},
                    new String[] {"OTHER_2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"},
                    new String[] {"OTHER_3", "3.其他"},
                    new String[] {"RESULT_TOTAL", "（七）总计"},
                    new String[] {"CARRIED_OUT", "四、结转下年度继续办理"});
            int r = 41;
            for (String[] row : rows) {
                s.text("F" + r, row[1]);
                for (int c = 0; c < 7; c++) {
                    String a1 = CellReference.convertNumToColString(7 + c) + r;
                    int v = (r * 7 + c) % 5;
                    s.number(a1, v);
                    expected.put("B." + row[0] + "." + cols[c], BigDecimal.valueOf(v));
                    expectedCell.put("B." + row[0] + "." + cols[c], "数据!" + a1);
                }
                r++;
            }
            // Table A below, labels merged across F:G, a note row between blocks.
            s.text("F70", "二、主动公开政府信息情况");
            s.text("F71", "第二十条第(一)项");
            s.text("F72", "信息内容").merge("F72:G72").text("H72", "本年制发件数").text("I72", "本年废止件数").text("J72", "现行有效件数");
            s.text("F73", "规章").merge("F73:G73").number("H73", 0).number("I73", 0).number("J73", 0);
            s.text("F74", "行政规范性文件").merge("F74:G74").text("H74", "３").text("I74", "—").text("J74", "1,204");
            s.text("F75", "注：本表数据截至12月31日");
            s.text("F76", "第二十条第(五)项");
            s.text("F77", "信息内容").merge("F77:G77").text("H77", "本年处理决定数量").merge("H77:J77");
            s.text("F78", "行政许可").merge("F78:G78").number("H78", 56).merge("H78:J78");
            s.text("F79", "第二十条第(六)项");
            s.text("F80", "信息内容").merge("F80:G80").text("H80", "本年处理决定数量").merge("H80:J80");
            s.text("F81", "行政处罚").merge("F81:G81").text("H81", "/").merge("H81:J81");
            s.text("F82", "行政强制").merge("F82:G82").text("H82", "无").merge("H82:J82");
            s.text("F83", "第二十条第(八)项");
            s.text("F84", "信息内容").merge("F84:G84").text("H84", "本年收费金额（单位：万元）").merge("H84:J84");
            s.text("F85", "行政事业性收费").merge("F85:G85").number("H85", 1.5).merge("H85:J85");
            put(expected, expectedCell, "A.REGULATION.ISSUED", "0", "数据!H73");
            put(expected, expectedCell, "A.REGULATION.REPEALED", "0", "数据!I73");
            put(expected, expectedCell, "A.REGULATION.IN_FORCE", "0", "数据!J73");
            put(expected, expectedCell, "A.NORMATIVE.ISSUED", "3", "数据!H74");
            put(expected, expectedCell, "A.NORMATIVE.REPEALED", null, "数据!I74");
            put(expected, expectedCell, "A.NORMATIVE.IN_FORCE", "1204", "数据!J74");
            put(expected, expectedCell, "A.LICENSING.DECISIONS", "56", "数据!H78");
            put(expected, expectedCell, "A.PENALTY.DECISIONS", null, "数据!H81");
            put(expected, expectedCell, "A.ENFORCEMENT.DECISIONS", null, "数据!H82");
            put(expected, expectedCell, "A.FEES.AMOUNT_WAN", "1.5", "数据!H85");

            // Table C on its own sheet, as rows, with 合计 and 其他.
            SheetWriter c = new SheetWriter(wb.createSheet("复议诉讼"));
            c.text("A1", "四、政府信息公开行政复议、行政诉讼情况");
            c.text("A3", "类别").text("B3", "结果维持").text("C3", "结果纠正").text("D3", "其他").text("E3", "尚未审结").text("F3", "合计");
            String[][] cRows = {{"REVIEW", "行政复议"}, {"SUIT_DIRECT", "行政诉讼（未经复议直接起诉）"}, {"SUIT_AFTER_REVIEW", "复议后起诉"}};
            for (int i = 0; i < 3; i++) {
                int row = 4 + i;
                c.text("A" + row, cRows[i][1]);
                String[] cc = {"UPHELD", "CORRECTED", "OTHER", "PENDING", "TOTAL"};
                for (int k = 0; k < 5; k++) {
                    String a1 = CellReference.convertNumToColString(1 + k) + row;
                    c.number(a1, i + k);
                    put(expected, expectedCell, "C." + cRows[i][0] + "." + cc[k], Integer.toString(i + k), "复议诉讼!" + a1);
                }
            }
            try (OutputStream os = Files.newOutputStream(file)) {
                wb.write(os);
            }
        }

        IngestResult result = read(file);
        assertThat(result.findings()).extracting(Finding::rule, Finding::message).isEmpty();
        Report report = result.onlyReport();
        assertThat(report.format()).isEqualTo("GOV2021");
        assertThat(report.year()).isEqualTo(2021);
        assertThat(report.agency().name()).isEqualTo("某某镇人民政府");
        assertExactly(report, expected, expectedCell);
        assertThat(report.datapoints()).hasSize(CATALOGUE.require("GOV2021").requiredDatapoints().size());
    }

    private static void put(Map<String, BigDecimal> expected, Map<String, String> cells, String id, String value, String cell) {
        expected.put(id, value == null ? null : new BigDecimal(value));
        cells.put(id, cell);
    }

    private static void assertExactly(Report report, Map<String, BigDecimal> expected, Map<String, String> cells) {
        for (Map.Entry<String, BigDecimal> e : expected.entrySet()) {
            Datapoint d = report.datapoint(e.getKey()).orElseThrow(() -> new AssertionError("missing " + e.getKey()));
            assertThat(d.source().sheet() + "!" + d.source().cell()).as(e.getKey()).isEqualTo(cells.get(e.getKey()));
            if (e.getValue() == null) {
                assertThat(d.blank()).as(e.getKey() + " blank").isTrue();
            } else {
                assertThat(d.value()).as(e.getKey()).isEqualByComparingTo(e.getValue());
            }
        }
    }

    /**
     * GOV2019 .xls: money in every spelling, signed changes, formulas with cached values, and cells a
     * reader must not guess at (an error value, 「约10」), which become findings naming the cell.
     */
    @Test
    void readsValueSpellingsAndReportsWhatItCannotRead() throws Exception {
        Path file = dir.resolve("测试局-2020.xls");
        try (Workbook wb = new HSSFWorkbook()) {
            SheetWriter s = new SheetWriter(wb.createSheet("Sheet1"));
            s.text("A1", "测试局2020年政府信息公开工作年度报告");
            s.text("A3", "第二十条第（一）项");
            s.text("A4", "信息内容").text("B4", "本年新制作数量").text("C4", "本年新公开数量").text("D4", "对外公开总数量");
            s.text("A5", "规章").number("B5", 0).number("C5", 0).number("D5", 0);
            s.text("A6", "规范性文件").text("B6", " 12 ").text("C6", "１２").text("D6", "20,470");
            s.text("A7", "第二十条第（五）项");
            s.text("A8", "信息内容").text("B8", "上一年项目数量").text("C8", "本年增/减").text("D8", "处理决定数量");
            s.text("A9", "行政许可").number("B9", 30).text("C9", "+19").text("D9", "约10");
            s.text("A10", "其他对外管理服务事项").number("B10", 40).text("C10", "-8").number("D10", 3);
            s.text("A11", "第二十条第（六）项");
            s.text("A12", "信息内容").text("B12", "上一年项目数量").text("C12", "本年增减").text("D12", "处理决定数量");
            s.text("A13", "行政处罚").number("B13", 1).number("C13", 2);
            s.cell("D13").setCellFormula("B13+C13");
            s.text("A14", "行政强制").number("B14", 0).number("C14", 0);
            s.cell("D14").setCellErrorValue(FormulaError.DIV0.getCode());
            s.text("A15", "第二十条第（八）项");
            s.text("A16", "信息内容").text("B16", "上一年项目数量").text("C16", "本年增/减");
            s.text("A17", "行政事业性收费").number("B17", 0).number("C17", 0);
            s.text("A18", "第二十条第（九）项");
            s.text("A19", "信息内容").text("B19", "采购项目数量").text("C19", "采购总金额（万元）");
            s.text("A20", "政府集中采购").number("B20", 2).number("C20", 2.5211);
            tableB2019(s, 23);
            s.text("A50", "行政复议").merge("A50:E50").text("F50", "行政诉讼").merge("F50:O50");
            s.text("F51", "未经复议直接起诉").merge("F51:J51").text("K51", "复议后起诉").merge("K51:O51");
            s.merge("A51:E51");
            String[] h = {"结果维持", "结果纠正", "其他", "尚未审结", "总计"};
            for (int i = 0; i < 15; i++) {
                s.text(CellReference.convertNumToColString(i) + "52", h[i % 5]);
                s.number(CellReference.convertNumToColString(i) + "53", 0);
            }
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
            try (OutputStream os = Files.newOutputStream(file)) {
                wb.write(os);
            }
        }

        IngestResult result = read(file);
        assertThat(result.findings()).extracting(Finding::rule, f -> String.join(" ", f.cells()))
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("PARSE-BAD-NUMBER", "D9"),
                        org.assertj.core.groups.Tuple.tuple("PARSE-CELL-TYPE", "D14"));
        assertThat(result.findings()).allMatch(f -> f.sourceFile().equals("测试局-2020.xls") && f.sheet().equals("Sheet1"));
        assertThat(result.findings().stream().filter(f -> f.cells().contains("D9")).findFirst().orElseThrow().message())
                .contains("约10").contains("不是数字");
        assertThat(result.findings().stream().filter(f -> f.cells().contains("D14")).findFirst().orElseThrow().message())
                .contains("#DIV/0!");
        Report report = result.onlyReport();
        assertThat(report.format()).isEqualTo("GOV2019");
        assertThat(value(report, "A.NORMATIVE.NEW_MADE")).isEqualByComparingTo("12");
        assertThat(value(report, "A.NORMATIVE.NEW_PUBLISHED")).isEqualByComparingTo("12");
        assertThat(value(report, "A.NORMATIVE.TOTAL_PUBLISHED")).isEqualByComparingTo("20470");
        assertThat(value(report, "A.LICENSING.CHANGE")).isEqualByComparingTo("19");
        assertThat(value(report, "A.OTHER_SERVICE.CHANGE")).isEqualByComparingTo("-8");
        assertThat(value(report, "A.PENALTY.DECISIONS")).isEqualByComparingTo("3");
        assertThat(report.datapoint("A.PENALTY.DECISIONS").orElseThrow().source().cell()).isEqualTo("D13");
        assertThat(value(report, "A.PROCUREMENT.AMOUNT_YUAN")).isEqualByComparingTo("25211");
        assertThat(report.datapoint("A.LICENSING.DECISIONS")).isEmpty();
        assertThat(report.datapoint("B.DENIED_3.TOTAL").orElseThrow().source().cell()).isEqualTo("J32");
    }

    @Test
    void moneyWithUnitsInTheCell() {
        assertThat(ValueParser.parseText("25211 元", cn.nianbao.template.ValueKind.YUAN, "采购总金额").number())
                .isEqualByComparingTo("25211");
        assertThat(ValueParser.parseText("2.52万元", cn.nianbao.template.ValueKind.YUAN, "采购总金额").number())
                .isEqualByComparingTo("25200");
        ParsedValue bare = ValueParser.parseText("25211", cn.nianbao.template.ValueKind.YUAN, "采购总金额");
        assertThat(bare.number()).isEqualByComparingTo("25211");
        assertThat(bare.unitNote()).isEqualTo(cn.nianbao.model.UnitNote.YUAN_ASSUMED);
        ParsedValue yuanInWan = ValueParser.parseText("35000元", cn.nianbao.template.ValueKind.WAN, "本年收费金额（单位：万元）");
        assertThat(yuanInWan.number()).isEqualByComparingTo("3.5");
        assertThat(yuanInWan.unitNote()).isEqualTo(cn.nianbao.model.UnitNote.YUAN_IN_WAN_COLUMN);
        assertThat(ValueParser.parseText("5件", cn.nianbao.template.ValueKind.COUNT, "本年制发件数").number()).isEqualByComparingTo("5");
        assertThat(ValueParser.parseText("——", cn.nianbao.template.ValueKind.COUNT, null).blank()).isTrue();
        assertThat(ValueParser.parseText("3万元", cn.nianbao.template.ValueKind.COUNT, null).isProblem()).isTrue();
        assertThat(ValueParser.parseText("1.2.3", cn.nianbao.template.ValueKind.COUNT, null).isProblem()).isTrue();
    }

    @Test
    void aMissingRowIsAFindingWithItsPlaceNotASilentZero() throws Exception {
        Path file = dir.resolve("缺行街道-2020.xlsx");
        try (Workbook wb = new XSSFWorkbook()) {
            SheetWriter s = new SheetWriter(wb.createSheet("表"));
            s.text("A1", "缺行街道2020年政府信息公开工作年度报告");
            tableB2019(s, 5);
            // remove 「2.重复申请」 (REFUSED_2): row 5 + 2 + 19 = 26 in the layout below
            Row gone = s.sheet.getRow(25);
            s.sheet.removeRow(gone);
            try (OutputStream os = Files.newOutputStream(file)) {
                wb.write(os);
            }
        }
        IngestResult result = read(file);
        assertThat(result.findings()).anyMatch(f -> f.rule().equals("PARSE-MISSING-ROW") && f.message().contains("重复申请")
                && f.sheet().equals("表") && !f.cells().isEmpty());
        assertThat(result.findings()).anyMatch(f -> f.rule().equals("PARSE-NO-TABLE") && f.message().contains("主动公开"));
        assertThat(result.accepted()).isFalse();
    }

    /** Table B of GOV2019 in the official three-row header, starting at {@code top} (1-based row). */
    private static void tableB2019(SheetWriter s, int top) {
        s.text("A" + top, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）").merge("A" + top + ":C" + (top + 2));
        s.text("D" + top, "申请人情况").merge("D" + top + ":J" + top);
        s.text("D" + (top + 1), "自然人").merge("D" + (top + 1) + ":D" + (top + 2));
        s.text("E" + (top + 1), "法人或其他组织").merge("E" + (top + 1) + ":I" + (top + 1));
        s.text("J" + (top + 1), "总计").merge("J" + (top + 1) + ":J" + (top + 2));
        String[] orgs = {"商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"};
        for (int i = 0; i < orgs.length; i++) {
            s.text(CellReference.convertNumToColString(4 + i) + (top + 2), orgs[i]);
        }
        String[] labels = {"一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "1.属于国家秘密", "2.其他法律行政法规禁止公开",
            "3.危及“三安全一稳定”", "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷",
            "8.属于行政查询事项", "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确",
            "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
            "5.要求行政机关确认或重新出具已获取信息", "（六）其他处理", "（七）总计", "四、结转下年度继续办理"};
        int r = top + 3;
        for (int i = 0; i < labels.length; i++, r++) {
            boolean outcome = i >= 2 && i <= 21;
            boolean subItem = i >= 4 && i <= 19;
            if (!outcome) {
                s.text("A" + r, labels[i]).merge("A" + r + ":C" + r);
            } else if (subItem) {
                s.text("C" + r, labels[i]);
            } else {
                s.text("B" + r, labels[i]).merge("B" + r + ":C" + r);
            }
            for (int c = 0; c < 7; c++) {
                s.number(CellReference.convertNumToColString(3 + c) + r, 0);
            }
        }
        s.text("A" + (top + 5), "三、本年度办理结果").merge("A" + (top + 5) + ":A" + (top + 24));
        s.text("B" + (top + 7), "（三）不予公开").merge("B" + (top + 7) + ":B" + (top + 14));
        s.text("B" + (top + 15), "（四）无法提供").merge("B" + (top + 15) + ":B" + (top + 17));
        s.text("B" + (top + 18), "（五）不予处理").merge("B" + (top + 18) + ":B" + (top + 22));
    }

    private static BigDecimal value(Report r, String id) {
        return r.datapoint(id).orElseThrow(() -> new AssertionError("missing " + id)).value();
    }
}
