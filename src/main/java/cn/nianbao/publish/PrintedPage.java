package cn.nianbao.publish;

import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * A4 pages as the summary workbook's sheets print: at a fixed scale with page breaks placed by the writer, so that
 * every table keeps to its page and its headings start every page in Excel, WPS and LibreOffice alike ("fit to page"
 * would shrink the text below what can be read, and Excel ignores manual breaks under it). The writer therefore has to
 * know how much fits: these are its measures, in points.
 *
 * <p>Column widths are stored in characters of the workbook's default font, which each program turns into points
 * its own way: Excel at 7 pixels (5.25 pt) a character of Arial 10, LibreOffice at the width of the substituted font's
 * digit (Liberation Sans, 5.56 pt). The summary workbook sets Arial 10 as its default font (a missing Calibri would be
 * replaced by fonts of any width) and plans pages with the wider measure and wrapped text with the narrower one.
 */
final class PrintedPage {

    static final double A4_SHORT = 595.28;
    static final double A4_LONG = 841.89;
    /** Left and right margins, inches. */
    static final double SIDE_MARGIN = 0.4;
    /** Top and bottom margins, inches: the page number is printed in the bottom one. */
    static final double END_MARGIN = 0.5;
    /** What is kept free of the page's width and height for rounding in the programs that print it. */
    private static final double SLACK = 6;
    /** Points a character of column width takes in LibreOffice (the wider) and in Excel. */
    static final double CHAR_PT_WIDE = 5.56;
    static final double CHAR_PT_NARROW = 5.25;
    /** Space a cell leaves between its border and its text, both sides together. */
    static final double CELL_PADDING = 4;

    private PrintedPage() {
    }

    /** Points available across a page, at 100 %. */
    static double usableWidth(boolean landscape) {
        return (landscape ? A4_LONG : A4_SHORT) - 2 * SIDE_MARGIN * 72 - SLACK;
    }

    /** Points available down a page, at 100 %. */
    static double usableHeight(boolean landscape) {
        return (landscape ? A4_SHORT : A4_LONG) - 2 * END_MARGIN * 72 - SLACK;
    }

    /** Sets a column to take {@code points} of the page (in the wider measure). */
    static void columnWidth(Sheet sheet, int column, double points) {
        sheet.setColumnWidth(column, (int) Math.round(points / CHAR_PT_WIDE * 256));
    }

    /** The width a column set to {@code points} has for text in the narrower program, less its padding. */
    static double textRoom(double points) {
        return points / CHAR_PT_WIDE * CHAR_PT_NARROW - CELL_PADDING;
    }

    /** Width of {@code text} set in a font of {@code size} points: a CJK character is a square, the others about half. */
    static double textWidth(String text, double size) {
        double width = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            width += cp > 0x2E7F ? size : 0.6 * size;
            i += Character.charCount(cp);
        }
        return width;
    }

    /** Lines {@code text} wraps to in a cell {@code points} wide (at least 1). */
    static int lines(String text, double points, double size) {
        if (text == null || text.isEmpty()) {
            return 1;
        }
        double room = Math.max(size, textRoom(points));
        int total = 0;
        for (String part : text.split("\n", -1)) {
            total += Math.max(1, (int) Math.ceil(textWidth(part, size) / room - 1e-9));
        }
        return total;
    }

    /** Height of a row holding {@code lines} lines of text of {@code size} points. */
    static double rowHeight(int lines, double size) {
        return Math.min(409, Math.ceil(lines * size * 1.25 + 2));
    }

    /** A4, the orientation given, 100 %, the margins above and the page number at the foot of every page. */
    static void setUp(Sheet sheet, boolean landscape, int scalePercent) {
        PrintSetup print = sheet.getPrintSetup();
        print.setPaperSize(PrintSetup.A4_PAPERSIZE);
        print.setLandscape(landscape);
        print.setScale((short) scalePercent);
        sheet.setFitToPage(false);
        sheet.setHorizontallyCenter(true);
        sheet.setMargin(Sheet.LeftMargin, SIDE_MARGIN);
        sheet.setMargin(Sheet.RightMargin, SIDE_MARGIN);
        sheet.setMargin(Sheet.TopMargin, END_MARGIN);
        sheet.setMargin(Sheet.BottomMargin, END_MARGIN);
        sheet.setMargin(Sheet.HeaderMargin, 0.2);
        sheet.setMargin(Sheet.FooterMargin, 0.2);
        sheet.getFooter().setCenter("第 &P 页，共 &N 页");
    }

    /**
     * Fills pages from the top: says whether a run of rows still fits on the current page and starts a new one (a
     * manual break) when it does not.
     */
    static final class Pager {
        /** Told the row after which a page breaks. */
        private final java.util.function.IntConsumer breakAfter;
        private final double height;
        private double used;
        private int breaks;

        /** {@code height}: points down a page; {@code used}: taken at the top of the first page. */
        Pager(Sheet sheet, double height, double used) {
            this(sheet::setRowBreak, height, used);
        }

        /** As {@link #Pager(Sheet, double, double)}, the breaks told to {@code breakAfter} instead of set on a sheet. */
        Pager(java.util.function.IntConsumer breakAfter, double height, double used) {
            this.breakAfter = breakAfter;
            this.height = height;
            this.used = used;
        }

        boolean fits(double points) {
            return used + points <= height;
        }

        /** Room left on the current page. */
        double left() {
            return height - used;
        }

        void add(double points) {
            used += points;
        }

        /** Breaks the page before row {@code nextRow}; what follows starts at the top of a new page. */
        void newPage(int nextRow) {
            if (nextRow > 0 && breaks < MAX_BREAKS) {
                breakAfter.accept(nextRow - 1);
                breaks++;
            }
            used = 0;
        }

        boolean atTop() {
            return used == 0;
        }
    }

    /**
     * Excel keeps at most 1,026 manual page breaks in a sheet and repairs a file with more: a unit of thousands of
     * agencies prints its later pages where the program breaks them.
     */
    static final int MAX_BREAKS = 1_000;
}
