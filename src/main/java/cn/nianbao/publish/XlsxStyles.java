package cn.nianbao.publish;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The handful of cell styles the workbooks use, created once per workbook (Excel limits a workbook to
 * about 64 000 styles, and one style per cell also makes files slow to open), plus small drawing helpers.
 */
final class XlsxStyles {

    /** 宋体 is what the official forms are set in and is on every Chinese Windows / WPS install. */
    static final String FONT = "宋体";

    final XSSFWorkbook workbook;
    final CellStyle title;
    final CellStyle tableTitle;
    final CellStyle header;
    final CellStyle label;
    final CellStyle groupLabel;
    final CellStyle count;
    final CellStyle amount;
    final CellStyle text;
    final CellStyle note;
    final CellStyle noteError;

    /**
     * Makes Arial 10 the workbook's default font, the font column widths are counted in. Calibri, POI's default, is
     * missing where LibreOffice prints and is replaced there by a font a third wider: a sheet fitted to the page's
     * width then prints its text at two thirds of its size. Arial has the same width wherever the workbook is opened
     * (Liberation Sans stands in for it), see {@link PrintedPage}.
     */
    static void arialColumns(XSSFWorkbook workbook) {
        XSSFFont standard = workbook.getFontAt(0);
        standard.setFontName("Arial");
        standard.setFontHeightInPoints((short) 10);
    }

    XlsxStyles(XSSFWorkbook workbook) {
        this.workbook = workbook;
        XSSFFont plain = font(10, false, null);
        XSSFFont bold = font(10, true, null);
        title = style(font(16, true, null), HorizontalAlignment.CENTER, false, true);
        tableTitle = style(font(12, true, null), HorizontalAlignment.LEFT, false, false);
        header = style(bold, HorizontalAlignment.CENTER, true, true);
        fill(header, new byte[] {(byte) 0xF2, (byte) 0xF2, (byte) 0xF2});
        label = style(plain, HorizontalAlignment.LEFT, true, true);
        groupLabel = style(plain, HorizontalAlignment.CENTER, true, true);
        count = style(plain, HorizontalAlignment.RIGHT, true, false);
        count.setDataFormat(workbook.createDataFormat().getFormat("0"));
        amount = style(plain, HorizontalAlignment.RIGHT, true, false);
        amount.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00"));
        text = style(plain, HorizontalAlignment.LEFT, true, true);
        note = style(plain, HorizontalAlignment.LEFT, false, true);
        noteError = style(font(10, true, new byte[] {(byte) 0xC0, 0, 0}), HorizontalAlignment.LEFT, false, true);
    }

    XSSFFont font(int points, boolean bold, byte[] rgb) {
        XSSFFont font = workbook.createFont();
        font.setFontName(FONT);
        font.setFontHeightInPoints((short) points);
        font.setBold(bold);
        if (rgb != null) {
            font.setColor(new XSSFColor(rgb, null));
        }
        return font;
    }

    XSSFCellStyle style(Font font, HorizontalAlignment align, boolean border, boolean wrap) {
        XSSFCellStyle style = workbook.createCellStyle();
        style.setFont(font);
        style.setAlignment(align);
        style.setVerticalAlignment(VerticalAlignment.CENTER);
        style.setWrapText(wrap);
        if (border) {
            style.setBorderTop(BorderStyle.THIN);
            style.setBorderBottom(BorderStyle.THIN);
            style.setBorderLeft(BorderStyle.THIN);
            style.setBorderRight(BorderStyle.THIN);
        }
        return style;
    }

    /** A copy of {@code base} with a solid fill. */
    XSSFCellStyle filled(CellStyle base, byte[] rgb) {
        XSSFCellStyle style = workbook.createCellStyle();
        style.cloneStyleFrom(base);
        fill(style, rgb);
        return style;
    }

    static void fill(CellStyle style, byte[] rgb) {
        ((XSSFCellStyle) style).setFillForegroundColor(new XSSFColor(rgb, null));
        style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
    }

    static Row row(Sheet sheet, int index) {
        Row row = sheet.getRow(index);
        return row != null ? row : sheet.createRow(index);
    }

    static Cell cell(Sheet sheet, int rowIndex, int column) {
        Row row = row(sheet, rowIndex);
        Cell cell = row.getCell(column);
        return cell != null ? cell : row.createCell(column);
    }

    /**
     * Writes {@code text} into a rectangle, merged when it covers more than one cell. Every cell of the
     * rectangle gets the style, so borders are drawn all round a merged region.
     */
    /** Excel's maximum number of characters in one cell. */
    static final int MAX_CELL_CHARS = 32_767;

    static Cell box(Sheet sheet, int firstRow, int lastRow, int firstCol, int lastCol, String text, CellStyle style) {
        for (int r = firstRow; r <= lastRow; r++) {
            for (int c = firstCol; c <= lastCol; c++) {
                cell(sheet, r, c).setCellStyle(style);
            }
        }
        if (firstRow != lastRow || firstCol != lastCol) {
            sheet.addMergedRegion(new CellRangeAddress(firstRow, lastRow, firstCol, lastCol));
        }
        Cell topLeft = cell(sheet, firstRow, firstCol);
        if (text != null) {
            // Excel's limit for one cell; callers keep their texts shorter, this is the last guard.
            topLeft.setCellValue(text.length() <= MAX_CELL_CHARS ? text : text.substring(0, MAX_CELL_CHARS - 1) + "…");
        }
        return topLeft;
    }

    /**
     * Width of text in Excel's character units: a CJK (full-width) character takes about two digit
     * widths. Used to size rows, since Excel does not grow rows for wrapped text in merged cells.
     */
    static int displayWidth(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            width += cp > 0x2E7F ? 2 : 1;
            i += Character.charCount(cp);
        }
        return width;
    }

    /** Lines {@code text} wraps to in a cell {@code widthChars} wide (at least 1). */
    static int lines(String text, int widthChars) {
        if (text == null || text.isEmpty()) {
            return 1;
        }
        int usable = Math.max(1, widthChars - 1);
        int total = 0;
        for (String part : text.split("\n", -1)) {
            total += Math.max(1, (displayWidth(part) + usable - 1) / usable);
        }
        return total;
    }

    /** Makes a row at least tall enough for {@code lines} lines of 10-point text. */
    static void ensureHeight(Sheet sheet, int rowIndex, int lines) {
        Row row = row(sheet, rowIndex);
        // Excel's maximum row height is 409 points.
        float wanted = Math.min(409f, Math.max(15f, lines * 13.5f + 3f));
        if (row.getHeightInPoints() < wanted) {
            row.setHeightInPoints(wanted);
        }
    }
}
