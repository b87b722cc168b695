package cn.nianbao.ingest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Places the cells of one Word table on a grid, row by row, as a person sees them: a cell spanning grid columns
 * ({@code w:gridSpan}, or a wide cell of a .doc) and cells merged down ({@code w:vMerge}) become merged regions
 * with the content in the top-left cell, exactly as merged cells of a sheet. Both Word formats feed it: the .docx
 * reader from the XML, the .doc reader from HWPF's cells.
 *
 * <p>The read limits are checked as cells arrive, so a hostile table is refused before it costs memory: rows
 * beyond {@code maxRowsPerSheet}, grid positions (every spanned column of every row) beyond
 * {@code maxCellsPerSheet}, a cell reaching past column {@code maxColumns}, and a cell's text past
 * {@link #MAX_CELL_CHARS}.
 */
final class WordTableBuilder {

    /** How a cell takes part in a vertical merge. */
    enum VMerge { NONE, RESTART, CONTINUE }

    /** A report's longest cell is a paragraph of a few hundred characters; far longer text is not a form. */
    static final int MAX_CELL_CHARS = 100_000;

    private final int number;
    private final SheetGrid grid;
    private final ReadLimits limits;
    private int row = -1;
    private int col;
    private long positions;
    /** Regions merged down that the current row may still continue, by their first column. */
    private final List<int[]> open = new ArrayList<>();
    /** The last cell placed in this row, kept so a legacy horizontal merge can still widen it. */
    private Pending pending;

    private static final class Pending {
        final int row;
        final int col;
        int span;
        final VMerge vMerge;
        final String text;

        Pending(int row, int col, int span, VMerge vMerge, String text) {
            this.row = row;
            this.col = col;
            this.span = span;
            this.vMerge = vMerge;
            this.text = text;
        }
    }

    /** The {@code number}th table of the document, named 「表{number}」. */
    WordTableBuilder(int number, ReadLimits limits) {
        this.number = number;
        this.grid = new SheetGrid("表" + number, SheetGrid.Addressing.TABLE);
        this.limits = limits;
    }

    int number() {
        return number;
    }

    String name() {
        return grid.name();
    }

    /** Starts the next row; {@code skipped} grid columns stand empty at its start (a row indented by gridBefore). */
    void startRow(int skipped) throws UnreadableWorkbookException {
        flush();
        closeRegionsNotContinuedIn(row);
        row++;
        if (row >= limits.maxRowsPerSheet()) {
            throw WordReportReader.tooLarge("表格「" + name() + "」超过 " + limits.maxRowsPerSheet() + " 行（上限）");
        }
        col = 0;
        skip(skipped);
    }

    /** Leaves {@code columns} grid columns of this row empty (a .doc row that starts right of the table's left edge). */
    void skip(int columns) throws UnreadableWorkbookException {
        flush();
        if (columns > 0) {
            reach(columns);
            col += columns;
        }
    }

    /**
     * The next cell of the row, {@code span} grid columns wide. A cell that continues a vertical merge adds its
     * row to the region started above it; its own text is not shown by Word and is not kept.
     */
    void cell(int span, VMerge vMerge, String text) throws UnreadableWorkbookException {
        flush();
        int width = Math.max(1, span);
        reach(width);
        if (text != null && text.length() > MAX_CELL_CHARS) {
            throw WordReportReader.tooLarge("表格「" + name() + "」" + grid.address(row, col) + "的文字超过 " + MAX_CELL_CHARS + " 字");
        }
        pending = new Pending(row, col, width, vMerge, text);
        col += width;
    }

    /** A legacy horizontal merge ({@code w:hMerge="continue"}, a .doc's merged cell): widens the cell to its left. */
    void continueLeft(int span) throws UnreadableWorkbookException {
        int width = Math.max(1, span);
        if (pending == null) {
            cell(width, VMerge.NONE, null);
            return;
        }
        reach(width);
        pending.span += width;
        col += width;
    }

    /** The table as a grid; call once, after the last row. */
    SheetGrid build() {
        flush();
        closeRegionsNotContinuedIn(Integer.MAX_VALUE);
        return grid;
    }

    private void reach(int width) throws UnreadableWorkbookException {
        if (row < 0) {
            row = 0; // cells before any row: a malformed table, read as its first row
        }
        if ((long) col + width > limits.maxColumns()) {
            throw WordReportReader.tooLarge("表格「" + name() + "」第" + (row + 1) + "行超过 " + limits.maxColumns() + " 列（上限）");
        }
        positions += width;
        if (positions > limits.maxCellsPerSheet()) {
            throw WordReportReader.tooLarge("表格「" + name() + "」超过 " + limits.maxCellsPerSheet() + " 个单元格（上限）");
        }
    }

    private void flush() {
        Pending p = pending;
        pending = null;
        if (p == null) {
            return;
        }
        if (p.vMerge == VMerge.CONTINUE) {
            int[] above = openAt(p.col);
            if (above != null) {
                above[1] = p.row;
                return;
            }
            // continues nothing: Word shows it as a cell of its own
        }
        closeOverlapping(p.col, p.col + p.span - 1);
        if (p.text != null && !p.text.isEmpty()) {
            grid.put(new GridCell(p.row, p.col, CellKind.TEXT, p.text, null));
        }
        if (p.vMerge == VMerge.RESTART) {
            open.add(new int[] {p.row, p.row, p.col, p.col + p.span - 1});
        } else if (p.span > 1) {
            grid.addMerged(new SheetGrid.Region(p.row, p.row, p.col, p.col + p.span - 1));
        }
    }

    private int[] openAt(int firstCol) {
        for (int[] region : open) {
            if (region[2] == firstCol) {
                return region;
            }
        }
        return null;
    }

    private void closeOverlapping(int firstCol, int lastCol) {
        for (Iterator<int[]> it = open.iterator(); it.hasNext(); ) {
            int[] region = it.next();
            if (region[2] <= lastCol && region[3] >= firstCol) {
                emit(region);
                it.remove();
            }
        }
    }

    /** Regions whose last row is before {@code r}: the row below did not continue them. */
    private void closeRegionsNotContinuedIn(int r) {
        for (Iterator<int[]> it = open.iterator(); it.hasNext(); ) {
            int[] region = it.next();
            if (region[1] < r) {
                emit(region);
                it.remove();
            }
        }
    }

    private void emit(int[] region) {
        if (region[1] > region[0] || region[3] > region[2]) {
            grid.addMerged(new SheetGrid.Region(region[0], region[1], region[2], region[3]));
        }
    }
}
