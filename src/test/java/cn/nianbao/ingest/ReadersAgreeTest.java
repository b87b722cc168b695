package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.SheetVisibility;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.nianbao.samples.AgencyProfile;
import cn.nianbao.samples.Layout;
import cn.nianbao.samples.SampleReport;
import cn.nianbao.samples.SampleWorkbookWriter;
import cn.nianbao.samples.SyntheticReports;
import cn.nianbao.template.TemplateCatalogue;

/**
 * The streaming .xlsx reader and the usermodel reader (which reads .xls and encrypted .xlsx) give the same grid
 * for the same .xlsx: every cell with its kind, value, formula text and display, the merged regions, which sheets,
 * rows and columns are hidden.
 */
class ReadersAgreeTest {

    @TempDir
    Path dir;

    private static void assertSameGrid(Path file) throws Exception {
        WorkbookGrid streamed = GridFiles.read(file);
        WorkbookGrid usermodel = GridFiles.readWithUsermodel(file);
        assertThat(streamed.sheets()).extracting(SheetGrid::name).containsExactlyElementsOf(
                usermodel.sheets().stream().map(SheetGrid::name).toList());
        for (int i = 0; i < streamed.sheets().size(); i++) {
            SheetGrid s = streamed.sheets().get(i);
            SheetGrid u = usermodel.sheets().get(i);
            assertThat(s.visibility()).as(s.name()).isEqualTo(u.visibility());
            assertThat(GridFiles.cells(s)).as(s.name()).containsExactlyElementsOf(GridFiles.cells(u));
            assertThat(s.mergedRegions()).as(s.name()).containsExactlyElementsOf(u.mergedRegions());
            int lastRow = Math.max(s.lastRow(), u.lastRow());
            assertThat(IntStream.rangeClosed(0, lastRow).filter(s::isRowHidden).boxed().toList()).as(s.name() + " hidden rows")
                    .isEqualTo(IntStream.rangeClosed(0, lastRow).filter(u::isRowHidden).boxed().toList());
            assertThat(IntStream.range(0, ReadLimits.DEFAULT_MAX_COLUMNS).filter(s::isColumnHidden).boxed().toList())
                    .as(s.name() + " hidden columns")
                    .isEqualTo(IntStream.range(0, ReadLimits.DEFAULT_MAX_COLUMNS).filter(u::isColumnHidden).boxed().toList());
        }
    }

    private static CellStyle format(XSSFWorkbook wb, String pattern) {
        CellStyle style = wb.createCellStyle();
        style.setDataFormat(wb.createDataFormat().getFormat(pattern));
        return style;
    }

    @Test
    void aWorkbookWithEverythingTheGridCarries() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        Sheet report = wb.createSheet("报表");
        Sheet work = wb.createSheet("工作");
        Sheet hidden = wb.createSheet("隐藏");
        wb.setSheetVisibility(2, SheetVisibility.VERY_HIDDEN);
        for (int r = 0; r < 4; r++) {
            work.createRow(r).createCell(1).setCellValue(r * 7 + 1);
        }
        hidden.createRow(0).createCell(0).setCellValue("底稿");
        Row labels = report.createRow(0);
        labels.createCell(0).setCellValue("三、本年度办理结果");
        report.addMergedRegion(new CellRangeAddress(0, 2, 0, 0));
        Row values = report.createRow(1);
        values.createCell(1).setCellValue(44199);
        values.getCell(1).setCellStyle(format(wb, "m\"月\"d\"日\""));
        values.createCell(2).setCellValue(0.25);
        values.getCell(2).setCellStyle(format(wb, "0%"));
        values.createCell(3).setCellValue(-3);
        values.getCell(3).setCellStyle(format(wb, "#,##0;(#,##0)"));
        values.createCell(4).setCellValue(false);
        values.createCell(5).setCellErrorValue(FormulaError.REF.getCode());
        values.createCell(6).setCellValue(0.1);
        Row formulas = report.createRow(2);
        formulas.createCell(1).setCellFormula("SUM(工作!B1:B4)");
        formulas.createCell(2).setCellFormula("工作!B2/工作!B4");
        formulas.getCell(2).setCellStyle(format(wb, "0.0%"));
        formulas.createCell(3).setCellFormula("1/0");
        formulas.createCell(4).setCellFormula("CUBEVALUE(\"x\")");
        formulas.createCell(5).setCellFormula("IF(B3>10,\"多\",\"少\")");
        wb.getCreationHelper().createFormulaEvaluator().evaluateFormulaCell(formulas.getCell(1)); // one with a saved result
        Row array = report.createRow(3);
        report.setArrayFormula("工作!B1:B2*2", CellRangeAddress.valueOf("B4:B5"));
        array.createCell(0).setCellValue("数组");
        report.createRow(5).setZeroHeight(true);
        report.getRow(5).createCell(0).setCellValue("隐藏行");
        report.setColumnHidden(7, true);
        report.setColumnWidth(8, 0);
        ((XSSFSheet) work).getCTWorksheet().getSheetFormatPr().setZeroHeight(true);
        work.getRow(1).setHeightInPoints(15);
        Path file = GridFiles.save(wb, dir.resolve("全部.xlsx"));

        assertSameGrid(file);
        // and it is not the same because both read nothing
        SheetGrid sheet = GridFiles.read(file).sheets().get(0);
        assertThat(GridFiles.cells(sheet)).extracting(GridCell::kind).contains(CellKind.DATE, CellKind.PERCENT,
                CellKind.BOOLEAN, CellKind.ERROR, CellKind.UNCALCULATED, CellKind.TEXT, CellKind.NUMBER);
        assertThat(sheet.get(3, 1).formula()).isEqualTo("工作!B1:B2*2");
    }

    @Test
    void sharedFormulasWithAndWithoutSavedResults() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        Sheet report = wb.createSheet("报表");
        Sheet work = wb.createSheet("工作");
        Row first = report.createRow(0);
        Row workRow = work.createRow(1);
        for (int c = 0; c < 5; c++) {
            first.createCell(c).setCellValue(c + 1);
            workRow.createCell(c).setCellValue(100 * (c + 1));
        }
        Map<String, byte[]> parts = GridFiles.parts(GridFiles.save(wb, dir.resolve("posted.xlsx")));
        String rows = "<row r=\"2\"><c r=\"A2\"><f t=\"shared\" ref=\"A2:E2\" si=\"0\">A1*2+$A$1+工作!A2</f><v>103</v></c>"
                + "<c r=\"B2\"><f t=\"shared\" si=\"0\"/><v>205</v></c><c r=\"C2\"><f t=\"shared\" si=\"0\"/></c>"
                + "<c r=\"D2\"><f t=\"shared\" si=\"0\"/><v>409</v></c><c r=\"E2\"><f t=\"shared\" si=\"0\"/></c></row>"
                + "<row r=\"3\"><c r=\"A3\"><f t=\"shared\" ref=\"A3:A4\" si=\"1\">SUM(A$1:A1)</f><v>1</v></c></row>"
                + "<row r=\"4\"><c r=\"A4\"><f t=\"shared\" si=\"1\"/><v>3</v></c></row>";
        GridFiles.put(parts, "xl/worksheets/sheet1.xml", GridFiles.text(parts, "xl/worksheets/sheet1.xml").replace("</row>", "</row>" + rows));
        Path file = GridFiles.write(parts, dir.resolve("共享公式.xlsx"));

        assertSameGrid(file);
        SheetGrid sheet = GridFiles.read(file).sheets().get(0);
        assertThat(sheet.get(1, 2).formula()).isEqualTo("C1*2+$A$1+工作!C2");
        assertThat(sheet.get(1, 2).number()).as("3*2 + 1 + 300").isEqualByComparingTo("307");
        assertThat(sheet.get(3, 0).formula()).isEqualTo("SUM(A$1:A2)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lo-report.xlsx", "lo-typed-1-3.xlsx", "openpyxl-formulas.xlsx"})
    void filesOtherProgramsWrote(String fixture) throws Exception {
        assertSameGrid(GridFiles.fixture(fixture, dir));
    }

    @Test
    void aWorkbookRecalculatedOnOpeningWithStaleResults() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        Sheet sheet = wb.createSheet("报表");
        Row row = sheet.createRow(0);
        row.createCell(0).setCellValue(2);
        row.createCell(1).setCellFormula("A1*10");
        row.createCell(2).setCellFormula("CUBEVALUE(\"x\")");
        wb.getCreationHelper().createFormulaEvaluator().evaluateFormulaCell(row.getCell(1));
        row.getCell(2).setCellErrorValue(FormulaError.NA.getCode());
        row.getCell(0).setCellValue(3);
        wb.setForceFormulaRecalculation(true);
        Path file = GridFiles.save(wb, dir.resolve("重算.xlsx"));

        assertSameGrid(file);
        assertThat(GridFiles.read(file).sheets().get(0).get(0, 1).number()).isEqualByComparingTo("30");
    }

    @ParameterizedTest
    @ValueSource(strings = {"OFFICIAL", "FORMULAS", "SHEET_PER_TABLE", "SUBTOTAL_ROWS"})
    void theSampleLayouts(String layout) throws Exception {
        TemplateCatalogue catalogue = TemplateCatalogue.load();
        Map<String, BigDecimal> values = SyntheticReports.values(catalogue.require("GOV2021"), AgencyProfile.department(),
                new Random(3), null, layout.equals("SUBTOTAL_ROWS"));
        SampleReport sample = new SampleReport("测试局", "测试局 2021年政府信息公开工作年度报告（模拟数据）", 2021, "GOV2021",
                values, Map.of(), true);
        Path file = dir.resolve("样例-" + layout + ".xlsx");
        new SampleWorkbookWriter(catalogue).write(sample, Set.of(Layout.valueOf(layout)), file);

        assertSameGrid(file);
        List<GridCell> cells = new ArrayList<>();
        GridFiles.read(file).sheets().forEach(s -> cells.addAll(GridFiles.cells(s)));
        assertThat(cells).hasSizeGreaterThan(100);
    }
}
