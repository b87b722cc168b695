package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.poi.hssf.record.DefaultRowHeightRecord;
import org.apache.poi.hssf.usermodel.HSSFSheet;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.SheetVisibility;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the agency does not see: hidden and very hidden sheets, hidden rows and rows of height 0, hidden columns and
 * columns of width 0, sheets whose rows are hidden unless given a height. Every cell is kept; the grid says which
 * are hidden.
 */
class HiddenContentTest {

    @TempDir
    Path dir;

    private static Workbook workbook(String ext) {
        return ext.equals("xls") ? new HSSFWorkbook() : new XSSFWorkbook();
    }

    /** Rows 0-5, columns A-F, each cell its own number: row * 10 + column. */
    private static Sheet filled(Workbook wb, String name) {
        Sheet sheet = wb.createSheet(name);
        for (int r = 0; r < 6; r++) {
            Row row = sheet.createRow(r);
            for (int c = 0; c < 6; c++) {
                row.createCell(c).setCellValue(r * 10 + c);
            }
        }
        return sheet;
    }

    private static List<Integer> hiddenRows(SheetGrid grid) {
        return IntStream.rangeClosed(0, grid.lastRow()).filter(grid::isRowHidden).boxed().toList();
    }

    private static List<Integer> hiddenColumns(SheetGrid grid) {
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < ReadLimits.DEFAULT_MAX_COLUMNS; c++) {
            if (grid.isColumnHidden(c)) {
                out.add(c);
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void hiddenSheetsRowsAndColumnsAreMarkedAndKept(String ext) throws Exception {
        Workbook wb = workbook(ext);
        Sheet report = filled(wb, "报表");
        report.getRow(1).setZeroHeight(true);
        report.getRow(3).setHeight((short) 0);
        report.setColumnHidden(2, true);
        report.setColumnWidth(4, 0);
        filled(wb, "底稿");
        filled(wb, "宏表");
        wb.setSheetVisibility(1, SheetVisibility.HIDDEN);
        wb.setSheetVisibility(2, SheetVisibility.VERY_HIDDEN);
        Path file = GridFiles.save(wb, dir.resolve("隐藏." + ext));

        WorkbookGrid grid = GridFiles.read(file);

        assertThat(grid.sheets()).extracting(SheetGrid::name, SheetGrid::visibility).containsExactly(
                org.assertj.core.groups.Tuple.tuple("报表", SheetGrid.Visibility.VISIBLE),
                org.assertj.core.groups.Tuple.tuple("底稿", SheetGrid.Visibility.HIDDEN),
                org.assertj.core.groups.Tuple.tuple("宏表", SheetGrid.Visibility.VERY_HIDDEN));
        SheetGrid sheet = grid.sheets().get(0);
        assertThat(hiddenRows(sheet)).containsExactly(1, 3);
        assertThat(hiddenColumns(sheet)).containsExactly(2, 4);
        assertThat(sheet.get(1, 2).number()).as("a hidden cell is kept").isEqualByComparingTo("12");
        SheetGrid seen = sheet.visibleOnly();
        assertThat(seen.get(1, 0).kind()).isEqualTo(CellKind.BLANK);
        assertThat(seen.get(2, 2).kind()).isEqualTo(CellKind.BLANK);
        assertThat(seen.get(2, 3).number()).isEqualByComparingTo("23");
        assertThat(hiddenRows(grid.sheets().get(1))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void rowsHiddenUnlessGivenAHeight(String ext) throws Exception {
        Workbook wb = workbook(ext);
        Sheet sheet = wb.createSheet("报表");
        for (int r : new int[]{0, 2, 4}) {
            sheet.createRow(r).createCell(0).setCellValue(r);
        }
        sheet.addMergedRegion(new CellRangeAddress(0, 6, 1, 1)); // covers rows 1, 3, 5, 6 that the file does not list
        if (sheet instanceof XSSFSheet x) {
            // a row listed without a height is hidden too; row 4 is given one
            x.getCTWorksheet().getSheetFormatPr().setZeroHeight(true);
            sheet.getRow(4).setHeightInPoints(15);
        } else {
            DefaultRowHeightRecord defaults = (DefaultRowHeightRecord) ((HSSFSheet) sheet).getSheet()
                    .findFirstRecordBySid(DefaultRowHeightRecord.sid);
            defaults.setOptionFlags((short) (defaults.getOptionFlags() | 0x0002));
        }
        Path file = GridFiles.save(wb, dir.resolve("默认隐藏." + ext));

        SheetGrid grid = GridFiles.read(file).sheets().get(0);

        if (ext.equals("xlsx")) {
            assertThat(hiddenRows(grid)).containsExactly(0, 1, 2, 3, 5, 6);
        } else {
            // every .xls row record has a height: only the rows it does not list are hidden
            assertThat(hiddenRows(grid)).containsExactly(1, 3, 5, 6);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void whatLibreOfficeHides(String ext) throws Exception {
        WorkbookGrid grid = GridFiles.read(GridFiles.fixture("lo-report." + ext, dir));

        SheetGrid report = GridFiles.sheet(grid, "报表");
        assertThat(report.visibility()).isEqualTo(SheetGrid.Visibility.VISIBLE);
        assertThat(hiddenRows(report)).containsExactly(2);
        assertThat(hiddenColumns(report)).containsExactly(2);
        assertThat(report.get(2, 0).text()).isEqualTo("隐藏行");
        assertThat(report.get(0, 2).text()).isEqualTo("隐藏列");
        assertThat(GridFiles.sheet(grid, "工作").visibility()).isEqualTo(SheetGrid.Visibility.HIDDEN);
    }
}
