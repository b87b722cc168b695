package cn.nianbao.publish;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The summary workbook's styles: those of {@link XlsxStyles} for the official layout (10 pt), the comparison with the
 * year before, and the per-agency detail, set in {@link #DETAIL_SIZE} points to get many agencies on a page and no
 * smaller, since that is the least a printed page may use.
 */
final class SummaryStyles {

    /** Font size of the detail sheet's body. */
    static final double DETAIL_SIZE = 8;
    /** Font size of the official layout's body (XlsxStyles). */
    static final double MAIN_SIZE = 10;

    final XlsxStyles base;
    final CellStyle previousCount;
    final CellStyle previousAmount;
    final CellStyle changeCount;
    final CellStyle changeAmount;
    final CellStyle detailTitle;
    final CellStyle detailHeader;
    final CellStyle detailLabel;
    final CellStyle detailCount;
    final CellStyle detailAmount;
    final CellStyle detailAmountWhole;
    final CellStyle detailTotalCount;
    final CellStyle detailTotalAmount;
    final CellStyle detailTotalAmountWhole;
    final CellStyle detailNote;
    final CellStyle detailNoteError;

    SummaryStyles(XSSFWorkbook workbook) {
        // Column widths are kept in characters of the default font; Arial has the same width wherever the workbook is
        // opened (Liberation Sans stands in for it), see PrintedPage.
        XSSFFont standard = workbook.getFontAt(0);
        standard.setFontName("Arial");
        standard.setFontHeightInPoints((short) 10);
        base = new XlsxStyles(workbook);
        byte[] grey = {(byte) 0xF2, (byte) 0xF2, (byte) 0xF2};
        previousCount = base.filled(base.count, grey);
        previousAmount = base.filled(base.amount, grey);
        changeCount = base.style(base.font(10, false, null), HorizontalAlignment.RIGHT, true, false);
        changeCount.setDataFormat(workbook.createDataFormat().getFormat("+0;-0;0"));
        changeAmount = base.style(base.font(10, false, null), HorizontalAlignment.RIGHT, true, false);
        changeAmount.setDataFormat(workbook.createDataFormat().getFormat("+#,##0.00;-#,##0.00;0.00"));

        int size = (int) DETAIL_SIZE;
        XSSFFont plain = base.font(size, false, null);
        XSSFFont bold = base.font(size, true, null);
        detailTitle = base.style(base.font(11, true, null), HorizontalAlignment.LEFT, false, false);
        detailHeader = base.style(bold, HorizontalAlignment.CENTER, true, true);
        XlsxStyles.fill(detailHeader, grey);
        detailLabel = base.style(plain, HorizontalAlignment.LEFT, true, true);
        detailCount = base.style(plain, HorizontalAlignment.RIGHT, true, false);
        detailCount.setDataFormat(workbook.createDataFormat().getFormat("General"));
        detailAmount = base.style(plain, HorizontalAlignment.RIGHT, true, false);
        detailAmount.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00"));
        detailAmountWhole = base.style(plain, HorizontalAlignment.RIGHT, true, false);
        detailAmountWhole.setDataFormat(workbook.createDataFormat().getFormat("#,##0"));
        detailTotalCount = base.filled(base.style(bold, HorizontalAlignment.RIGHT, true, false), grey);
        detailTotalCount.setDataFormat(workbook.createDataFormat().getFormat("General"));
        detailTotalAmount = base.filled(base.style(bold, HorizontalAlignment.RIGHT, true, false), grey);
        detailTotalAmount.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00"));
        detailTotalAmountWhole = base.filled(base.style(bold, HorizontalAlignment.RIGHT, true, false), grey);
        detailTotalAmountWhole.setDataFormat(workbook.createDataFormat().getFormat("#,##0"));
        detailNote = base.style(base.font(9, false, null), HorizontalAlignment.LEFT, false, true);
        detailNoteError = base.style(base.font(9, true, new byte[] {(byte) 0xC0, 0, 0}), HorizontalAlignment.LEFT, false, true);
    }
}
