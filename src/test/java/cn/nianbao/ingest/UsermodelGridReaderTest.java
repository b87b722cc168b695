package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.poi.hssf.record.CellValueRecordInterface;
import org.apache.poi.hssf.record.aggregates.FormulaRecordAggregate;
import org.apache.poi.hssf.usermodel.HSSFSheet;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The usermodel reader (an .xls, or an .xlsx inside an encrypted container) on workbooks built in memory: which
 * formulas are calculated, the read limits, hidden rows and columns.
 */
class UsermodelGridReaderTest {

    private static ReadLimits limits(int sheets, int rows, int columns) {
        return new ReadLimits(ReadLimits.DEFAULT_MAX_FILE_BYTES, sheets, rows, columns, ReadLimits.DEFAULT_MAX_ENTRY_BYTES, 0.01, 100_000);
    }

    private static SheetGrid first(Workbook wb, ReadLimits limits) throws Exception {
        return UsermodelGridReader.read(wb, limits).sheets().get(0);
    }

    /** Saved formula results 1 in A1:B2 and C1, all stale (the inputs are 10 and 20); only {@code flagged} is marked calculate-on-open. */
    private static HSSFWorkbook staleXls(int flaggedRow, int flaggedCol) {
        HSSFWorkbook wb = new HSSFWorkbook();
        Sheet s = wb.createSheet("报表");
        Row inputs = s.createRow(5);
        inputs.createCell(0).setCellValue(10);
        inputs.createCell(1).setCellValue(20);
        for (int r = 0; r < 2; r++) {
            Row row = s.createRow(r);
            for (int c = 0; c < 3; c++) {
                if (r == 1 && c == 2) {
                    continue;
                }
                row.createCell(c).setCellFormula("A6+B6");
            }
        }
        Iterator<CellValueRecordInterface> records = ((HSSFSheet) s).getSheet().getCellValueIterator();
        while (records.hasNext()) {
            if (records.next() instanceof FormulaRecordAggregate f) {
                f.getFormulaRecord().setValue(1);
                f.getFormulaRecord().setCalcOnLoad(f.getRow() == flaggedRow && f.getColumn() == flaggedCol);
            }
        }
        return wb;
    }

    @Test
    void anXlsFormulaMarkedCalculateOnOpenIsCalculatedAndOnlyThatOne() throws Exception {
        try (HSSFWorkbook wb = staleXls(1, 1)) {
            SheetGrid grid = first(wb, ReadLimits.defaults());
            assertThat(grid.get(1, 1).number()).as("B2, marked").isEqualByComparingTo("30");
            for (int[] at : new int[][] {{0, 0}, {0, 1}, {0, 2}, {1, 0}}) {
                assertThat(grid.get(at[0], at[1]).number()).as("%d,%d: its saved result", at[0], at[1]).isEqualByComparingTo("1");
            }
        }
    }

    @Test
    void tooManySheetsOrRowsRefuseTheWorkbookAndColumnsBeyondTheLimitAreNotRead() throws Exception {
        try (HSSFWorkbook wb = new HSSFWorkbook()) {
            wb.createSheet("一");
            wb.createSheet("二");
            assertThat(UsermodelGridReader.read(wb, limits(2, 10, 200)).sheets()).hasSize(2);
            wb.createSheet("三");
            assertThatThrownBy(() -> UsermodelGridReader.read(wb, limits(2, 10, 200))).isInstanceOfSatisfying(UnreadableWorkbookException.class,
                    e -> assertThat(e.getMessage()).isEqualTo("工作簿有 3 个工作表，超过上限 2 个；请只保留年报表格所在的工作表后重新报送"));
        }
        try (HSSFWorkbook wb = new HSSFWorkbook()) {
            Sheet s = wb.createSheet("表");
            s.createRow(9).createCell(0).setCellValue(1);
            assertThat(first(wb, limits(5, 10, 200)).get(9, 0).number()).isEqualByComparingTo("1");
            s.createRow(10).createCell(0).setCellValue(2);
            assertThatThrownBy(() -> first(wb, limits(5, 10, 200))).isInstanceOfSatisfying(UnreadableWorkbookException.class, e -> {
                assertThat(e.rule()).isEqualTo("PARSE-TOO-LARGE");
                assertThat(e.getMessage()).isEqualTo("工作表「表」有 11 行，超过上限 10 行；请删除与年报无关的数据后重新报送");
            });
        }
        try (HSSFWorkbook wb = new HSSFWorkbook()) {
            Row row = wb.createSheet("表").createRow(0);
            for (int c = 0; c < 5; c++) {
                row.createCell(c).setCellValue(c);
            }
            assertThat(GridFiles.cells(first(wb, limits(5, 10, 3)))).extracting(GridCell::col).containsExactly(0, 1, 2);
        }
    }

    @Test
    void anXlsxWithoutCellStylesIsReadInTheGeneralFormat(@TempDir Path dir) throws Exception {
        Path written;
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            wb.createSheet("表").createRow(0).createCell(0).setCellValue(0.25);
            written = GridFiles.save(wb, dir.resolve("written.xlsx"));
        }
        Map<String, byte[]> parts = GridFiles.parts(written);
        GridFiles.put(parts, "xl/styles.xml", GridFiles.text(parts, "xl/styles.xml").replaceAll("<cellXfs.*</cellXfs>", "<cellXfs count=\"0\"/>"));
        Path file = GridFiles.write(parts, dir.resolve("无样式.xlsx"));

        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ); XSSFWorkbook wb = new XSSFWorkbook(pkg)) {
            assertThat(wb.getSheetAt(0).getRow(0).getCell(0).getCellStyle()).as("POI's style of the cell").isNull();

            GridCell read = first(wb, ReadLimits.defaults()).get(0, 0);

            assertThat(read.kind()).isEqualTo(CellKind.NUMBER);
            assertThat(read.number()).isEqualByComparingTo("0.25");
            pkg.revert();
        }
    }

    @Test
    void hiddenColumnsUpToTheColumnsRead() throws Exception {
        try (HSSFWorkbook xls = new HSSFWorkbook(); XSSFWorkbook xlsx = new XSSFWorkbook()) {
            for (Workbook wb : List.of(xls, xlsx)) {
                Sheet s = wb.createSheet("表");
                s.createRow(0).createCell(0).setCellValue(1);
                s.setColumnHidden(0, true);
                s.setColumnWidth(3, 0);
                s.setColumnHidden(5, true);
                s.setColumnHidden(6, true);
            }
            // one declaration for a range, as Excel writes them: columns 6 to 16384
            xlsx.getSheetAt(0).setColumnHidden(6, false);
            ((XSSFSheet) xlsx.getSheetAt(0)).getCTWorksheet().getColsArray(0).addNewCol().setMin(7);
            var range = ((XSSFSheet) xlsx.getSheetAt(0)).getCTWorksheet().getColsArray(0).getColArray(
                    ((XSSFSheet) xlsx.getSheetAt(0)).getCTWorksheet().getColsArray(0).sizeOfColArray() - 1);
            range.setMax(16384);
            range.setHidden(true);
            xls.getSheetAt(0).setColumnHidden(7, true);
            xls.getSheetAt(0).setColumnHidden(8, true);

            for (Workbook wb : List.of(xls, xlsx)) {
                SheetGrid grid = first(wb, limits(5, 10, 8));
                assertThat(IntStream.range(0, 12).filter(grid::isColumnHidden).boxed()).as(wb.getClass().getSimpleName())
                        .containsExactly(0, 3, 5, 6, 7);
            }
        }
    }

    @Test
    void anXlsSheetWithoutTheHiddenByDefaultFlagShowsRowsItDoesNotList() throws Exception {
        try (HSSFWorkbook wb = new HSSFWorkbook()) {
            Sheet s = wb.createSheet("表");
            s.createRow(0).createCell(0).setCellValue("标题");
            s.createRow(2).createCell(0).setCellValue(1);
            s.addMergedRegion(new CellRangeAddress(0, 3, 1, 1)); // rows 1 and 3 are not listed

            SheetGrid grid = first(wb, ReadLimits.defaults());

            assertThat(grid.hasHiddenRowsOrColumns()).isFalse();
        }
    }

    @Test
    void anXlsxFormulaWithoutASavedResultIsCalculatedAndASavedEmptyTextIsBlank() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Row row = wb.createSheet("表").createRow(0);
            row.createCell(0).setCellValue(3);
            row.createCell(1).setCellFormula("A1*2"); // no <v>
            XSSFCell empty = (XSSFCell) row.createCell(2);
            empty.setCellFormula("A1*3");
            empty.getCTCell().setV(""); // an empty <v/>, as openpyxl writes
            XSSFCell text = (XSSFCell) row.createCell(3);
            text.setCellFormula("\"x\""); // saved as empty text: what the agency saw
            text.getCTCell().setT(org.openxmlformats.schemas.spreadsheetml.x2006.main.STCellType.STR);
            text.getCTCell().setV("");
            XSSFCell saved = (XSSFCell) row.createCell(4);
            saved.setCellFormula("A1*4");
            saved.getCTCell().setV("5"); // a stale saved result, read as saved

            SheetGrid grid = first(wb, ReadLimits.defaults());

            assertThat(grid.get(0, 1).number()).isEqualByComparingTo("6");
            assertThat(grid.get(0, 2).number()).isEqualByComparingTo("9");
            assertThat(grid.get(0, 3).kind()).isEqualTo(CellKind.BLANK);
            assertThat(grid.get(0, 4).number()).isEqualByComparingTo("5");
        }
    }
}
