package cn.nianbao.publish;

import java.math.BigDecimal;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * Where {@link SummaryDetailSheet} puts what it draws: rows in order, each row's cells left to right, the merged
 * ranges and page breaks. {@link #onSheet} makes them a POI sheet's rows; {@link #layoutOnly} gives a sheet the page
 * breaks alone (its cells and merged ranges are then written as XML, see {@link DetailSheetXml}).
 */
interface DetailRows {

    /** Starts row {@code index} (0-based), {@code heightPt} high; rows come in increasing order. */
    void row(int index, float heightPt);

    /** A cell of the current row holding {@code text}, or blank when it is null. */
    void text(int column, String text, CellStyle style);

    /** A cell of the current row holding {@code value}, or blank when it is null. */
    void number(int column, BigDecimal value, CellStyle style);

    void merge(int firstRow, int lastRow, int firstColumn, int lastColumn);

    /**
     * Whether the agencies' values are shown: a layout alone has only to know which cells there are, so the drawing
     * spares looking up and styling some millions of values for it.
     */
    default boolean showsValues() {
        return true;
    }

    /** A manual page break after row {@code row}. */
    void breakAfter(int row);

    /** The rows, cells, merges and breaks made on {@code sheet} (a sheet held in memory). */
    static DetailRows onSheet(Sheet sheet) {
        return new DetailRows() {
            private Row current;

            @Override
            public void row(int index, float heightPt) {
                current = sheet.createRow(index);
                current.setHeightInPoints(heightPt);
            }

            @Override
            public void text(int column, String text, CellStyle style) {
                Cell cell = current.createCell(column);
                cell.setCellStyle(style);
                if (text != null) {
                    cell.setCellValue(text);
                }
            }

            @Override
            public void number(int column, BigDecimal value, CellStyle style) {
                Cell cell = current.createCell(column);
                cell.setCellStyle(style);
                if (value != null) {
                    cell.setCellValue(value.doubleValue());
                }
            }

            @Override
            public void merge(int firstRow, int lastRow, int firstColumn, int lastColumn) {
                mergeOn(sheet, firstRow, lastRow, firstColumn, lastColumn);
            }

            @Override
            public void breakAfter(int row) {
                sheet.setRowBreak(row);
            }
        };
    }

    /** The breaks made on {@code sheet}; the rows and cells only counted, for the sheet's extent; merges left out. */
    static Extent layoutOnly(Sheet sheet) {
        return new Extent(sheet);
    }

    /**
     * Merged cells are added without POI's check against every earlier one (quadratic in a province's thousands): the
     * detail sheet's never overlap, each lies within one page's rows.
     */
    private static void mergeOn(Sheet sheet, int firstRow, int lastRow, int firstColumn, int lastColumn) {
        sheet.addMergedRegionUnsafe(new CellRangeAddress(firstRow, lastRow, firstColumn, lastColumn));
    }

    /**
     * Layout only: breaks on the sheet, and the last row and column that hold a cell. The merges are not put on the
     * sheet: a province's unit has some 150,000, which POI would hold as XML objects of a few hundred bytes each;
     * {@link DetailSheetXml} writes them as it writes the rows.
     */
    final class Extent implements DetailRows {
        private final Sheet sheet;
        private int lastRow = -1;
        private int lastColumn = -1;

        private Extent(Sheet sheet) {
            this.sheet = sheet;
        }

        @Override
        public void row(int index, float heightPt) {
            lastRow = index;
        }

        @Override
        public void text(int column, String text, CellStyle style) {
            lastColumn = Math.max(lastColumn, column);
        }

        @Override
        public void number(int column, BigDecimal value, CellStyle style) {
            lastColumn = Math.max(lastColumn, column);
        }

        @Override
        public void merge(int firstRow, int lastRow, int firstColumn, int lastColumn) {
            // written with the rows (DetailSheetXml)
        }

        @Override
        public boolean showsValues() {
            return false;
        }

        @Override
        public void breakAfter(int row) {
            sheet.setRowBreak(row);
        }

        /** The used range as a sheet's {@code <dimension>} states it: {@code A1:P90235}, or {@code A1} when empty. */
        String reference() {
            if (lastRow < 0) {
                return "A1";
            }
            return "A1:" + org.apache.poi.ss.util.CellReference.convertNumToColString(Math.max(0, lastColumn)) + (lastRow + 1);
        }
    }
}
