package cn.nianbao.ingest;

import java.util.BitSet;

/**
 * Which rows of a sheet are hidden, as both readers learn it row by row: a row marked hidden, a row of height 0,
 * and, in a sheet whose rows are hidden unless given a height ({@code <sheetFormatPr zeroHeight="1">}, an .xls
 * whose default row height is zero), every row not given one, including rows the file does not list.
 */
final class RowVisibility {

    private final SheetGrid grid;
    private final boolean hiddenByDefault;
    private final BitSet shown = new BitSet();

    RowVisibility(SheetGrid grid, boolean hiddenByDefault) {
        this.grid = grid;
        this.hiddenByDefault = hiddenByDefault;
    }

    /**
     * @param hidden the row is marked hidden
     * @param height its height in points when the file gives one, else null
     */
    void row(int r, boolean hidden, Double height) {
        boolean given = height != null && height > 0;
        if (hidden || (height != null && height == 0) || (hiddenByDefault && !given)) {
            grid.hideRow(r);
        } else if (r >= 0) {
            shown.set(r);
        }
    }

    /** Once every row is read: in a sheet whose rows are hidden by default, the rows the file did not list. */
    void finish() {
        if (hiddenByDefault) {
            for (int r = 0, last = grid.lastRow(); r <= last; r++) {
                if (!shown.get(r)) {
                    grid.hideRow(r);
                }
            }
        }
    }
}
