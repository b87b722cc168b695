package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.nianbao.template.ValueKind;

/**
 * What a number shows as, from its cell's number format, as a zh-CN spreadsheet shows it: dates and times
 * (「1月3日」), percentages, negative numbers in parentheses; booleans and error values as they are.
 */
class CellKindsTest {

    /** 2021-01-03 15:05 as a spreadsheet's serial number (days since 1899-12-30). */
    private static final double JAN_3_2021 = 44199;
    private static final double FIVE_PAST_THREE = (15 * 60 + 5) / 1440.0;

    @TempDir
    Path dir;

    private static Workbook workbook(String ext) {
        return ext.equals("xls") ? new HSSFWorkbook() : new XSSFWorkbook();
    }

    private static Cell number(Row row, int col, double value, Workbook wb, String format) {
        Cell cell = row.createCell(col);
        cell.setCellValue(value);
        if (format != null) {
            CellStyle style = wb.createCellStyle();
            style.setDataFormat(wb.createDataFormat().getFormat(format));
            cell.setCellStyle(style);
        }
        return cell;
    }

    private static Cell builtIn(Row row, int col, double value, Workbook wb, int formatId) {
        Cell cell = row.createCell(col);
        cell.setCellValue(value);
        CellStyle style = wb.createCellStyle();
        style.setDataFormat((short) formatId);
        cell.setCellStyle(style);
        return cell;
    }

    private static CellStyle percentStyle(Workbook wb) {
        CellStyle style = wb.createCellStyle();
        style.setDataFormat((short) 9);
        return style;
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void datesAndTimesShowAsTheAgencySeesThem(String ext) throws Exception {
        Workbook wb = workbook(ext);
        Sheet sheet = wb.createSheet("报表");
        Row row = sheet.createRow(0);
        number(row, 0, JAN_3_2021, wb, "m\"月\"d\"日\"");
        number(row, 1, JAN_3_2021, wb, "yyyy\"年\"m\"月\"d\"日\"");
        builtIn(row, 2, JAN_3_2021, wb, 14);  // the system's short date
        builtIn(row, 3, JAN_3_2021, wb, 58);  // East-Asian built-in: the file names only the id
        builtIn(row, 4, JAN_3_2021, wb, 31);
        number(row, 5, FIVE_PAST_THREE, wb, "h:mm");
        number(row, 6, FIVE_PAST_THREE, wb, "h\"时\"mm\"分\"");
        builtIn(row, 7, FIVE_PAST_THREE, wb, 34); // 上午/下午h"时"mm"分"
        number(row, 8, JAN_3_2021 + FIVE_PAST_THREE, wb, "yyyy-mm-dd hh:mm");
        number(row, 9, JAN_3_2021, wb, "[$-F800]dddd, mmmm dd, yyyy"); // the system's long date
        number(row, 10, 7, wb, "0"); // a number in a number format stays a number
        Path file = GridFiles.save(wb, dir.resolve("日期." + ext));

        SheetGrid grid = GridFiles.read(file).sheets().get(0);

        Map<Integer, String> shown = Map.of(0, "1月3日", 1, "2021年1月3日", 2, "2021/1/3", 3, "1月3日", 4, "2021年1月3日",
                5, "15:05", 6, "15时05分", 7, "下午3时05分", 8, "2021-01-03 15:05", 9, "2021年1月3日");
        shown.forEach((col, display) -> {
            GridCell cell = grid.get(0, col);
            assertThat(cell.kind()).as(cell.address()).isEqualTo(CellKind.DATE);
            assertThat(cell.display()).as(cell.address()).isEqualTo(display);
        });
        assertThat(grid.get(0, 0).number()).as("the serial, as stored").isEqualByComparingTo("44199");
        assertThat(grid.get(0, 10)).extracting(GridCell::kind, GridCell::display).containsExactly(CellKind.NUMBER, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void percentagesParenthesesBooleansAndErrors(String ext) throws Exception {
        Workbook wb = workbook(ext);
        Sheet sheet = wb.createSheet("报表");
        Row row = sheet.createRow(0);
        builtIn(row, 0, 0.5, wb, 9);                       // 0%
        number(row, 1, 0.125, wb, "0.0%");
        number(row, 2, -3, wb, "#,##0;(#,##0)");            // accounting: negative in parentheses
        number(row, 3, 5, wb, "#,##0;(#,##0)");
        number(row, 4, -1234.5, wb, "#,##0.00_);[Red]\\(#,##0.00\\)");
        number(row, 5, -3, wb, "#,##0;-#,##0");
        row.createCell(6).setCellValue(true);
        row.createCell(7).setCellErrorValue(FormulaError.DIV0.getCode());
        Row second = sheet.createRow(1);
        second.createCell(0).setCellValue(7);
        Cell share = second.createCell(1);
        share.setCellStyle(percentStyle(wb));
        share.setCellFormula("A2/10"); // no result saved: calculated, then shown in its format
        Path file = GridFiles.save(wb, dir.resolve("百分比." + ext));

        SheetGrid grid = GridFiles.read(file).sheets().get(0);

        assertThat(grid.get(0, 0)).extracting(GridCell::kind, GridCell::display).containsExactly(CellKind.PERCENT, "50%");
        assertThat(grid.get(0, 0).number()).isEqualByComparingTo("0.5");
        assertThat(grid.get(0, 1)).extracting(GridCell::kind, GridCell::display).containsExactly(CellKind.PERCENT, "12.5%");
        assertThat(grid.get(0, 2)).extracting(GridCell::kind, GridCell::display).containsExactly(CellKind.NUMBER, "(3)");
        assertThat(grid.get(0, 2).number()).isEqualByComparingTo("-3");
        assertThat(grid.get(0, 3)).extracting(GridCell::kind, GridCell::display).containsExactly(CellKind.NUMBER, null);
        assertThat(grid.get(0, 4)).extracting(GridCell::kind, GridCell::display).containsExactly(CellKind.NUMBER, "(1,234.50)");
        assertThat(grid.get(0, 5)).extracting(GridCell::kind, GridCell::display).containsExactly(CellKind.NUMBER, null);
        assertThat(grid.get(0, 6)).extracting(GridCell::kind, GridCell::text).containsExactly(CellKind.BOOLEAN, "true");
        assertThat(grid.get(0, 7)).extracting(GridCell::kind, GridCell::text).containsExactly(CellKind.ERROR, "#DIV/0!");
        assertThat(grid.get(1, 1)).extracting(GridCell::kind, GridCell::display, GridCell::formula)
                .containsExactly(CellKind.PERCENT, "70%", "A2/10");
    }

    /**
     * A format POI's formatter fails on: it ends the first section at the semicolon inside the quotes, takes 「"d」 for a
     * date, and then cannot format the number as one. The percentage shows as a plain 0% would show it, and the agency is
     * told of the percentage it sees.
     */
    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void aPercentageInAFormatPoiCannotApplyShowsAsAPlainPercentage(String ext) throws Exception {
        Workbook wb = workbook(ext);
        number(wb.createSheet("报表").createRow(0), 0, 0.125, wb, "\"d;\"0%\"x\"");
        Path file = GridFiles.save(wb, dir.resolve("百分比." + ext));

        GridCell cell = GridFiles.read(file).sheets().get(0).get(0, 0);

        assertThat(cell).extracting(GridCell::kind, GridCell::display).containsExactly(CellKind.PERCENT, "12.5%");
        assertThat(ValueParser.parse(cell, ValueKind.COUNT, null).problem()).startsWith("单元格显示为「12.5%」（百分比格式）");
    }

    @Test
    void aWorkbookCountingDatesFrom1904ShowsTheSameDay() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        number(wb.createSheet("报表").createRow(0), 0, JAN_3_2021 - 1462, wb, "m\"月\"d\"日\"");
        Map<String, byte[]> parts = GridFiles.parts(GridFiles.save(wb, dir.resolve("posted.xlsx")));
        String workbook = GridFiles.text(parts, "xl/workbook.xml");
        assertThat(workbook).contains("date1904=\"false\"");
        GridFiles.put(parts, "xl/workbook.xml", workbook.replace("date1904=\"false\"", "date1904=\"true\""));
        Path file = GridFiles.write(parts, dir.resolve("1904.xlsx"));

        assertThat(GridFiles.read(file).sheets().get(0).get(0, 0).display()).isEqualTo("1月3日");
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void whatLibreOfficeWrites(String ext) throws Exception {
        SheetGrid grid = GridFiles.read(GridFiles.fixture("lo-report." + ext, dir)).sheets().get(0);

        assertThat(grid.get(3, 1)).extracting(GridCell::kind, GridCell::display).containsExactly(CellKind.DATE, "1月3日");
        assertThat(grid.get(3, 2)).extracting(GridCell::kind, GridCell::display).containsExactly(CellKind.DATE, "2021年1月3日");
        assertThat(grid.get(3, 3)).extracting(GridCell::kind, GridCell::display).containsExactly(CellKind.DATE, "15:05");
        assertThat(grid.get(4, 1)).extracting(GridCell::kind, GridCell::display).containsExactly(CellKind.PERCENT, "50%");
        assertThat(grid.get(4, 2)).extracting(GridCell::kind, GridCell::display).containsExactly(CellKind.NUMBER, "(3)");
        assertThat(grid.get(4, 2).number()).isEqualByComparingTo("-3");
        assertThat(grid.get(4, 3)).extracting(GridCell::kind, GridCell::text).containsExactly(CellKind.BOOLEAN, "true");
        // the formula's saved result, with its text
        assertThat(grid.get(1, 1)).extracting(GridCell::kind, GridCell::formula).containsExactly(CellKind.NUMBER, "工作!B1+工作!B2");
        assertThat(grid.get(1, 1).number()).isEqualByComparingTo("12");
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void oneDashThreeTypedWhereANumberBelongsIsADate(String ext) throws Exception {
        // Calc (zh-CN) made 3 January 2026 of it, in its short date format m/d/yy
        SheetGrid grid = GridFiles.read(GridFiles.fixture("lo-typed-1-3." + ext, dir)).sheets().get(0);

        assertThat(grid.get(1, 1)).extracting(GridCell::kind, GridCell::display).containsExactly(CellKind.DATE, "1/3/26");
        assertThat(grid.get(1, 1).number()).isEqualByComparingTo("46025");
        assertThat(grid.get(2, 1)).extracting(GridCell::kind, GridCell::display).containsExactly(CellKind.NUMBER, null);
    }
}
