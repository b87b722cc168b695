package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.apache.poi.hssf.record.CellValueRecordInterface;
import org.apache.poi.hssf.record.aggregates.FormulaRecordAggregate;
import org.apache.poi.hssf.usermodel.HSSFSheet;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.nianbao.model.Report;
import cn.nianbao.job.AdHocJob;
import cn.nianbao.job.RosterResolver;
import cn.nianbao.samples.AgencyProfile;
import cn.nianbao.samples.Layout;
import cn.nianbao.samples.SampleReport;
import cn.nianbao.samples.SampleWorkbookWriter;
import cn.nianbao.samples.SyntheticReports;
import cn.nianbao.template.ReportFormat;
import cn.nianbao.template.TemplateCatalogue;

/**
 * Formulas as agencies' files hold them: written by a program that never calculated them (POI's own
 * setCellFormula, openpyxl), in workbooks that ask to be recalculated on opening, with results a spreadsheet
 * would show as errors, and with what cannot be calculated here. Never a silent 0.
 */
class FormulaEvaluationTest {

    private static final TemplateCatalogue CATALOGUE = TemplateCatalogue.load();

    @TempDir
    Path dir;

    private static Workbook workbook(String ext) {
        return ext.equals("xls") ? new HSSFWorkbook() : new XSSFWorkbook();
    }

    /** 报表 (report) first, then 工作 (working sheet) with B2=7, B3=5, B4=3. */
    private static Sheet reportWithWorkingSheet(Workbook wb) {
        Sheet report = wb.createSheet("报表");
        Sheet work = wb.createSheet("工作");
        double[] values = {7, 5, 3};
        for (int i = 0; i < values.length; i++) {
            work.createRow(i + 1).createCell(1).setCellValue(values[i]);
        }
        return report;
    }

    private static void formula(Sheet sheet, String a1, String formula) {
        CellReference ref = new CellReference(a1);
        Row row = sheet.getRow(ref.getRow()) == null ? sheet.createRow(ref.getRow()) : sheet.getRow(ref.getRow());
        row.createCell(ref.getCol()).setCellFormula(formula);
    }

    private static GridCell cell(WorkbookGrid grid, String sheet, String a1) {
        CellReference ref = new CellReference(a1);
        return GridFiles.sheet(grid, sheet).get(ref.getRow(), ref.getCol());
    }

    @Test
    void aSharedFormulaFromTheFirstCellWithoutResultsIsCalculatedAndKeepsItsTextAsWritten() throws Exception {
        // A1:A2 share 「B1 + 1」 (spaces as typed), no results saved; the package is one POI opens for calculating
        XSSFWorkbook wb = new XSSFWorkbook();
        Sheet sheet = wb.createSheet("报表");
        sheet.createRow(0).createCell(1).setCellValue(1);
        sheet.createRow(1).createCell(1).setCellValue(2);
        Path file = GridFiles.save(wb, dir.resolve("共享.xlsx"));
        Map<String, byte[]> parts = GridFiles.parts(file);
        String xml = GridFiles.text(parts, "xl/worksheets/sheet1.xml");
        xml = xml.replaceFirst("(<c r=\"B1\")", "<c r=\"A1\"><f t=\"shared\" ref=\"A1:A2\" si=\"0\">B1 + 1</f></c>$1")
                .replaceFirst("(<c r=\"B2\")", "<c r=\"A2\"><f t=\"shared\" si=\"0\"/></c>$1");
        GridFiles.put(parts, "xl/worksheets/sheet1.xml", xml);
        GridFiles.write(parts, file);

        WorkbookGrid grid = GridFiles.read(file);

        assertThat(cell(grid, "报表", "A1")).extracting(GridCell::kind, GridCell::formula).containsExactly(CellKind.NUMBER, "B1 + 1");
        assertThat(cell(grid, "报表", "A1").number()).isEqualByComparingTo("2");
        assertThat(cell(grid, "报表", "A2")).extracting(GridCell::kind, GridCell::formula).containsExactly(CellKind.NUMBER, "B2 + 1");
        assertThat(cell(grid, "报表", "A2").number()).isEqualByComparingTo("3");
        assertThat(OpenFiles.on(file)).as("closed once calculated").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void formulasWithoutAResultAreCalculatedWithinAndAcrossSheets(String ext) throws Exception {
        Workbook wb = workbook(ext);
        Sheet report = reportWithWorkingSheet(wb);
        formula(report, "A1", "工作!B2+工作!B3");
        formula(report, "A2", "SUM(工作!B2:B4)");
        formula(report, "A3", "IF(工作!B2>5,\"大\",\"小\")");
        formula(report, "A4", "ROUND(工作!B2/3,2)");
        formula(report, "A5", "A1*2-A2");
        formula(report, "A6", "MAX(工作!B2:B4)+COUNTA(工作!B2:B4)");
        formula(report, "A7", "工作!B9");
        Path file = GridFiles.save(wb, dir.resolve("未计算." + ext));
        if (ext.equals("xlsx")) {
            assertThat(GridFiles.text(GridFiles.parts(file), "xl/worksheets/sheet1.xml"))
                    .as("the file holds formulas and no results").contains("<f>SUM(工作!B2:B4)</f>").doesNotContain("<v>");
        }

        WorkbookGrid grid = GridFiles.read(file);

        assertThat(cell(grid, "报表", "A1")).extracting(GridCell::kind, GridCell::formula).containsExactly(CellKind.NUMBER, "工作!B2+工作!B3");
        assertThat(cell(grid, "报表", "A1").number()).isEqualByComparingTo("12");
        assertThat(cell(grid, "报表", "A2").number()).isEqualByComparingTo("15");
        assertThat(cell(grid, "报表", "A2").formula()).isEqualTo("SUM(工作!B2:B4)");
        assertThat(cell(grid, "报表", "A3")).extracting(GridCell::kind, GridCell::text).containsExactly(CellKind.TEXT, "大");
        assertThat(cell(grid, "报表", "A4").number()).isEqualByComparingTo("2.33");
        assertThat(cell(grid, "报表", "A5").number()).isEqualByComparingTo("9");
        assertThat(cell(grid, "报表", "A6").number()).isEqualByComparingTo("10");
        // a reference to an empty cell is 0, as the spreadsheet shows it
        assertThat(cell(grid, "报表", "A7")).extracting(GridCell::kind, GridCell::formula).containsExactly(CellKind.NUMBER, "工作!B9");
        assertThat(cell(grid, "报表", "A7").number()).isEqualByComparingTo("0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void aReportWhoseEveryFigureIsAFormulaOnAWorkingSheetReadsTheFigures(String ext) throws Exception {
        ReportFormat format = CATALOGUE.require("GOV2021");
        Map<String, BigDecimal> values = SyntheticReports.values(format, AgencyProfile.subDistrict(), new Random(7), null, false);
        SampleReport sample = new SampleReport("测试街道办事处", "测试街道办事处 2021年政府信息公开工作年度报告（模拟数据）",
                2021, "GOV2021", values, Map.of(), true);
        Path written = dir.resolve("值." + ext);
        Map<String, String> cells = new SampleWorkbookWriter(CATALOGUE).write(sample, Set.of(Layout.OFFICIAL), written);

        // every figure moved to a hidden working sheet, the report cell pointing at it, nothing calculated
        Path file = dir.resolve("测试街道-2021." + ext);
        int moved = 0;
        try (Workbook wb = WorkbookFactory.create(written.toFile())) {
            Sheet work = wb.createSheet("计算底稿");
            for (String at : cells.values()) {
                String sheetName = at.substring(0, at.lastIndexOf('!'));
                CellReference ref = new CellReference(at.substring(at.lastIndexOf('!') + 1));
                Row row = wb.getSheet(sheetName).getRow(ref.getRow());
                Cell cell = row == null ? null : row.getCell(ref.getCol());
                if (cell != null && cell.getCellType() == CellType.NUMERIC) {
                    Row workRow = work.getRow(ref.getRow()) == null ? work.createRow(ref.getRow()) : work.getRow(ref.getRow());
                    workRow.createCell(ref.getCol()).setCellValue(cell.getNumericCellValue());
                    cell.setCellFormula("计算底稿!" + ref.formatAsString(false));
                    moved++;
                }
            }
            wb.setSheetHidden(wb.getSheetIndex(work), true);
            GridFiles.save(wb, file);
        }
        assertThat(moved).as("figures turned into formulas").isGreaterThan(50);

        IngestResult result = new WorkbookIngester(CATALOGUE, ReadLimits.defaults(),
                new RosterResolver(AdHocJob.of(dir, dir.resolve("out"), null)), null)
                .ingest(file, WorkbookIngester.describe(dir, file));

        Report report = result.onlyReport();
        int nonZero = 0;
        for (String id : cells.keySet()) {
            BigDecimal expected = values.get(id);
            if (expected != null) {
                assertThat(report.datapoint(id)).as(id).isPresent();
                assertThat(report.datapoint(id).orElseThrow().value()).as(id).isEqualByComparingTo(expected);
                nonZero += expected.signum() != 0 ? 1 : 0;
            }
        }
        assertThat(nonZero).as("the report is not all zeros").isGreaterThan(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void whatCannotBeCalculatedSaysWhyAndIsNeverANumber(String ext) throws Exception {
        Workbook wb = workbook(ext);
        Sheet report = reportWithWorkingSheet(wb);
        formula(report, "A1", "CUBEVALUE(\"销售\",\"数量\")");
        formula(report, "A2", "B2+1"); // B2 and C2 refer to each other
        formula(report, "B2", "C2+1");
        formula(report, "C2", "B2+1");
        Workbook other = workbook(ext);
        other.createSheet("Sheet1").createRow(0).createCell(0).setCellValue(9);
        String book = "外部." + ext;
        wb.linkExternalWorkbook(book, other);
        formula(report, "A3", "[" + book + "]Sheet1!A1+1");
        formula(report, "A4", "SUM(工作!B2:B4)*2");
        Path file = GridFiles.save(wb, dir.resolve("无法计算." + ext));

        WorkbookGrid grid = GridFiles.read(file);

        GridCell function = cell(grid, "报表", "A1");
        assertThat(function.kind()).isEqualTo(CellKind.UNCALCULATED);
        assertThat(function.number()).isNull();
        assertThat(function.formula()).isEqualTo("CUBEVALUE(\"销售\",\"数量\")");
        assertThat(function.text()).contains("CUBEVALUE");
        for (String circular : new String[]{"A2", "B2", "C2"}) {
            assertThat(cell(grid, "报表", circular)).extracting(GridCell::kind, GridCell::number).containsExactly(CellKind.UNCALCULATED, null);
            assertThat(cell(grid, "报表", circular).text()).contains("循环引用");
        }
        GridCell external = cell(grid, "报表", "A3");
        assertThat(external).extracting(GridCell::kind, GridCell::number).containsExactly(CellKind.UNCALCULATED, null);
        assertThat(external.text()).contains("其他工作簿");
        assertThat(external.formula()).contains("Sheet1!A1");
        // the rest of the sheet is calculated all the same
        assertThat(cell(grid, "报表", "A4").number()).isEqualByComparingTo("30");
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void aWorkbookTooLargeToCalculateLeavesItsFormulasUncalculated(String ext) throws Exception {
        Workbook wb = workbook(ext);
        Sheet report = reportWithWorkingSheet(wb); // 3 cells on the working sheet
        formula(report, "A1", "SUM(工作!B2:B4)");
        Path file = GridFiles.save(wb, dir.resolve("上限." + ext));
        ReadLimits three = new ReadLimits(ReadLimits.DEFAULT_MAX_FILE_BYTES, 50, 5_000, 200, ReadLimits.DEFAULT_MAX_ENTRY_BYTES,
                0.01, 100_000, 3);

        GridCell cell = cell(GridFiles.read(file, three), "报表", "A1");

        assertThat(cell).extracting(GridCell::kind, GridCell::number, GridCell::formula).containsExactly(CellKind.UNCALCULATED, null, "SUM(工作!B2:B4)");
        assertThat(cell.text()).contains("4 个单元格").contains("上限 3");
        // one more cell allowed, and it is calculated
        ReadLimits four = new ReadLimits(three.maxFileBytes(), 50, 5_000, 200, three.maxEntryBytes(), 0.01, 100_000, 4);
        assertThat(cell(GridFiles.read(file, four), "报表", "A1").number()).isEqualByComparingTo("15");
    }

    @Test
    void aLinkToAnotherWorkbookAsExcelWritesItIsUncalculated() throws Exception {
        // Excel writes [1]Sheet1!A1, the 1 naming its first externalLink part
        XSSFWorkbook wb = new XSSFWorkbook();
        Sheet report = wb.createSheet("报表");
        XSSFWorkbook other = new XSSFWorkbook();
        other.createSheet("Sheet1");
        wb.linkExternalWorkbook("预算.xlsx", other);
        formula(report, "B2", "[预算.xlsx]Sheet1!A1*2");
        Path posted = GridFiles.save(wb, dir.resolve("posted.xlsx"));
        Map<String, byte[]> parts = GridFiles.parts(posted);
        GridFiles.put(parts, "xl/worksheets/sheet1.xml", GridFiles.text(parts, "xl/worksheets/sheet1.xml").replace("[预算.xlsx]", "[1]"));
        Path file = GridFiles.write(parts, dir.resolve("外部链接.xlsx"));

        GridCell cell = cell(GridFiles.read(file), "报表", "B2");

        assertThat(cell).extracting(GridCell::kind, GridCell::formula).containsExactly(CellKind.UNCALCULATED, "[1]Sheet1!A1*2");
        assertThat(cell.text()).contains("其他工作簿");
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void errorResultsAreErrorCellsWithTheirFormula(String ext) throws Exception {
        Workbook wb = workbook(ext);
        Sheet report = reportWithWorkingSheet(wb);
        formula(report, "A1", "工作!B2/0");
        formula(report, "A2", "OFFSET(A1,-1,0)");
        formula(report, "A3", "NA()");
        Path file = GridFiles.save(wb, dir.resolve("错误值." + ext));

        WorkbookGrid grid = GridFiles.read(file);

        assertThat(cell(grid, "报表", "A1")).extracting(GridCell::kind, GridCell::text, GridCell::formula)
                .containsExactly(CellKind.ERROR, "#DIV/0!", "工作!B2/0");
        assertThat(cell(grid, "报表", "A2")).extracting(GridCell::kind, GridCell::text).containsExactly(CellKind.ERROR, "#REF!");
        assertThat(cell(grid, "报表", "A3")).extracting(GridCell::kind, GridCell::text).containsExactly(CellKind.ERROR, "#N/A");
    }

    @Test
    void aFormulaThatCannotBeParsedIsUncalculated() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        Sheet report = reportWithWorkingSheet(wb);
        formula(report, "A1", "SUM(工作!B2:B4)");
        Map<String, byte[]> parts = GridFiles.parts(GridFiles.save(wb, dir.resolve("posted.xlsx")));
        GridFiles.put(parts, "xl/worksheets/sheet1.xml",
                GridFiles.text(parts, "xl/worksheets/sheet1.xml").replace("<f>SUM(工作!B2:B4)</f>", "<f>SUM(工作!B2:</f>"));
        Path file = GridFiles.write(parts, dir.resolve("坏公式.xlsx"));

        GridCell cell = cell(GridFiles.read(file), "报表", "A1");

        assertThat(cell).extracting(GridCell::kind, GridCell::number, GridCell::formula).containsExactly(CellKind.UNCALCULATED, null, "SUM(工作!B2:");
        assertThat(cell.text()).contains("无法解析");
    }

    @Test
    void aSavedResultIsReadAsItIsUnlessTheWorkbookAsksForRecalculation() throws Exception {
        // the result saved for A1 is 12; then B2 changed without recalculating: a stale 12 in the file
        Path stale = dir.resolve("保存结果.xlsx");
        Path recalc = dir.resolve("打开时重算.xlsx");
        for (Path file : new Path[]{stale, recalc}) {
            XSSFWorkbook wb = new XSSFWorkbook();
            Sheet report = reportWithWorkingSheet(wb);
            formula(report, "A1", "工作!B2+工作!B3");
            formula(report, "A2", "CUBEVALUE(\"销售\")");
            wb.getCreationHelper().createFormulaEvaluator().evaluateFormulaCell(report.getRow(0).getCell(0));
            report.getRow(1).getCell(0).setCellErrorValue(org.apache.poi.ss.usermodel.FormulaError.NA.getCode());
            wb.getSheet("工作").getRow(1).getCell(1).setCellValue(70);
            wb.setForceFormulaRecalculation(file == recalc);
            GridFiles.save(wb, file);
        }
        assertThat(GridFiles.text(GridFiles.parts(recalc), "xl/workbook.xml")).contains("fullCalcOnLoad=\"true\"");

        GridCell saved = cell(GridFiles.read(stale), "报表", "A1");
        assertThat(saved.number()).as("the saved result, as the spreadsheet showed it").isEqualByComparingTo("12");
        assertThat(saved.formula()).isEqualTo("工作!B2+工作!B3");

        WorkbookGrid recalculated = GridFiles.read(recalc);
        assertThat(cell(recalculated, "报表", "A1").number()).as("recalculated on opening").isEqualByComparingTo("75");
        GridCell cannot = cell(recalculated, "报表", "A2");
        assertThat(cannot.kind()).isEqualTo(CellKind.UNCALCULATED);
        assertThat(cannot.text()).contains("CUBEVALUE").contains("#N/A").contains("可能已过时");
    }

    @Test
    void anXlsFormulaIsRecalculatedWhereTheFileSaysSoAndOtherwiseReadAsSaved() throws Exception {
        // POI writes every .xls formula flagged "calculate on open"; Excel does not flag its own
        Path flagged = dir.resolve("标记重算.xls");
        Path unflagged = dir.resolve("未标记.xls");
        Path forced = dir.resolve("整体重算.xls");
        for (Path file : new Path[]{flagged, unflagged, forced}) {
            HSSFWorkbook wb = new HSSFWorkbook();
            Sheet report = reportWithWorkingSheet(wb);
            formula(report, "A1", "工作!B2+工作!B3");
            wb.getCreationHelper().createFormulaEvaluator().evaluateFormulaCell(report.getRow(0).getCell(0));
            wb.getSheet("工作").getRow(1).getCell(1).setCellValue(70); // the saved 12 is now stale
            if (file != flagged) {
                setCalculateOnOpen((HSSFSheet) report, false);
            }
            if (file == forced) {
                wb.setForceFormulaRecalculation(true); // POI writes recalculation id 0 whatever the argument
            }
            GridFiles.save(wb, file);
        }

        assertThat(cell(GridFiles.read(flagged), "报表", "A1").number()).isEqualByComparingTo("75");
        assertThat(cell(GridFiles.read(unflagged), "报表", "A1").number()).isEqualByComparingTo("12");
        assertThat(cell(GridFiles.read(forced), "报表", "A1").number()).isEqualByComparingTo("75");
    }

    private static void setCalculateOnOpen(HSSFSheet sheet, boolean on) {
        Iterator<CellValueRecordInterface> records = sheet.getSheet().getCellValueIterator();
        while (records.hasNext()) {
            if (records.next() instanceof FormulaRecordAggregate f) {
                f.getFormulaRecord().setCalcOnLoad(on);
            }
        }
    }

    @Test
    void sharedFormulasCarryTheirOwnTextAndAreCalculatedWhereNotSaved() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        Sheet report = reportWithWorkingSheet(wb);
        Row first = report.createRow(0);
        for (int c = 0; c < 4; c++) {
            first.createCell(c).setCellValue(c == 0 ? 1 : c * 10);
        }
        Map<String, byte[]> parts = GridFiles.parts(GridFiles.save(wb, dir.resolve("posted.xlsx")));
        // as Excel writes a formula filled right: text in the first cell only; D2 has no saved result
        String row2 = "<row r=\"2\"><c r=\"B2\"><f t=\"shared\" ref=\"B2:D2\" si=\"0\">B1*2+$A$1+工作!B2</f><v>28</v></c>"
                + "<c r=\"C2\"><f t=\"shared\" si=\"0\"/><v>48</v></c><c r=\"D2\"><f t=\"shared\" si=\"0\"/></c></row>";
        GridFiles.put(parts, "xl/worksheets/sheet1.xml", GridFiles.text(parts, "xl/worksheets/sheet1.xml").replace("</row>", "</row>" + row2));
        Path file = GridFiles.write(parts, dir.resolve("共享公式.xlsx"));

        WorkbookGrid grid = GridFiles.read(file);

        assertThat(cell(grid, "报表", "B2").formula()).isEqualTo("B1*2+$A$1+工作!B2");
        assertThat(cell(grid, "报表", "C2").formula()).isEqualTo("C1*2+$A$1+工作!C2");
        assertThat(cell(grid, "报表", "C2").number()).isEqualByComparingTo("48");
        assertThat(cell(grid, "报表", "D2").formula()).isEqualTo("D1*2+$A$1+工作!D2");
        assertThat(cell(grid, "报表", "D2").number()).as("calculated: 30*2 + 1 + an empty cell").isEqualByComparingTo("61");
    }

    @Test
    void aSharedFormulaWhoseFirstCellNamesNoRangeKeepsItsSavedResultAndItsTextAsStored() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        Sheet report = reportWithWorkingSheet(wb);
        Row first = report.createRow(0);
        for (int c = 0; c < 3; c++) {
            first.createCell(c).setCellValue(c * 10);
        }
        Map<String, byte[]> parts = GridFiles.parts(GridFiles.save(wb, dir.resolve("posted.xlsx")));
        // the first cell of the shared formula lacks ref: neither this reader nor POI can move it to C2
        String row2 = "<row r=\"2\"><c r=\"B2\"><f t=\"shared\" si=\"0\">B1*2</f><v>20</v></c>"
                + "<c r=\"C2\"><f t=\"shared\" si=\"0\"/><v>40</v></c></row>";
        GridFiles.put(parts, "xl/worksheets/sheet1.xml", GridFiles.text(parts, "xl/worksheets/sheet1.xml").replace("</row>", "</row>" + row2));
        Path file = GridFiles.write(parts, dir.resolve("共享公式无范围.xlsx"));

        WorkbookGrid grid = GridFiles.read(file);

        assertThat(cell(grid, "报表", "B2").formula()).isEqualTo("B1*2");
        assertThat(cell(grid, "报表", "B2").number()).as("its saved result").isEqualByComparingTo("20");
        assertThat(cell(grid, "报表", "C2").number()).as("its saved result").isEqualByComparingTo("40");
    }

    @Test
    void aWorkbookWrittenByOpenpyxlIsCalculated() throws Exception {
        // see src/test/resources/sheets/README.md: formulas with an empty <v/>, fullCalcOnLoad, a hidden working sheet
        WorkbookGrid grid = GridFiles.read(GridFiles.fixture("openpyxl-formulas.xlsx", dir));

        Map<String, String> formulas = new HashMap<>();
        for (GridCell c : GridFiles.cells(GridFiles.sheet(grid, "报表"))) {
            if (c.isFormula()) {
                formulas.put(c.address(), c.formula());
                assertThat(c.kind()).as(c.address()).isEqualTo(CellKind.NUMBER);
            }
        }
        assertThat(formulas).containsEntry("B3", "工作!B2+工作!B3").containsEntry("B4", "SUM(工作!B2:B4)");
        assertThat(cell(grid, "报表", "B3").number()).isEqualByComparingTo("12");
        assertThat(cell(grid, "报表", "B4").number()).isEqualByComparingTo("15");
        assertThat(GridFiles.sheet(grid, "工作").visibility()).isEqualTo(SheetGrid.Visibility.HIDDEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void logicalTextAndEmptyResultsAreWhatTheFormulaGives(String ext) throws Exception {
        Workbook wb = workbook(ext);
        Sheet report = reportWithWorkingSheet(wb);
        formula(report, "A1", "工作!B2>工作!B3");
        formula(report, "A2", "IF(工作!B2>0,\"件\",\"\")");
        formula(report, "A3", "IF(工作!B2<0,\"件\",\"\")");
        Path file = GridFiles.save(wb, dir.resolve("结果类型." + ext));

        WorkbookGrid grid = GridFiles.read(file);

        assertThat(cell(grid, "报表", "A1")).extracting(GridCell::kind, GridCell::text, GridCell::formula)
                .containsExactly(CellKind.BOOLEAN, "true", "工作!B2>工作!B3");
        assertThat(cell(grid, "报表", "A2")).extracting(GridCell::kind, GridCell::text).containsExactly(CellKind.TEXT, "件");
        assertThat(cell(grid, "报表", "A3")).extracting(GridCell::kind, GridCell::number).containsExactly(CellKind.BLANK, null);
    }

    @Test
    void aFormulaThatCannotBeRecalculatedShowsTheResultTheFileSaved() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        Sheet report = reportWithWorkingSheet(wb);
        // a number saved first, then the formula: POI keeps the number as the formula's saved result
        Cell number = report.createRow(0).createCell(0);
        number.setCellValue(12);
        number.setCellFormula("CUBEVALUE(\"销售\")");
        Cell date = report.createRow(1).createCell(0);
        date.setCellValue(44199);
        org.apache.poi.ss.usermodel.CellStyle style = wb.createCellStyle();
        style.setDataFormat(wb.createDataFormat().getFormat("m\"月\"d\"日\""));
        date.setCellStyle(style);
        date.setCellFormula("CUBEVALUE(\"日期\")");
        wb.setForceFormulaRecalculation(true);
        Path file = GridFiles.save(wb, dir.resolve("保存的结果.xlsx"));

        WorkbookGrid grid = GridFiles.read(file);

        assertThat(cell(grid, "报表", "A1").kind()).isEqualTo(CellKind.UNCALCULATED);
        assertThat(cell(grid, "报表", "A1").text()).contains("保存的结果（12）").contains("可能已过时");
        assertThat(cell(grid, "报表", "A2").text()).contains("保存的结果（1月3日）");
    }
}
