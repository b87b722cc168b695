package cn.nianbao.ingest;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;

/**
 * The cells of one sheet (or one Word table) with its merged regions. A cell inside a merged region reads as
 * the region's top-left cell, because that is how a person reads a merged label: 「三、本年度办理结果」 merged
 * down column A belongs to every outcome row beside it.
 *
 * <p>The grid also knows what the agency does not see: whether the sheet is hidden, and which of its rows and
 * columns are. Every cell is kept, hidden or not; {@link #visibleOnly()} is the sheet as the agency sees it.
 */
public final class SheetGrid {

    /** Whether a sheet's tab is shown. */
    public enum Visibility { VISIBLE, HIDDEN, VERY_HIDDEN }

    /** How a cell is named to a person: 「C12」 on a sheet, 「第12行第3列」 in a Word table. */
    public enum Addressing { A1, TABLE }

    /** A merged region, zero-based and inclusive. */
    public record Region(int firstRow, int lastRow, int firstCol, int lastCol) {
    }

    private final String name;
    /** Stored cells by row, then by column; a row's array is null until a cell is put in it. */
    private GridCell[][] cells = new GridCell[32][];
    /** The merged region covering each cell (top-left included), by row then column; null where none. */
    private Region[][] regionAt = new Region[0][];
    private final List<Region> merged = new ArrayList<>();
    private int lastCellRow = -1;
    private int lastRegionRow = -1;
    private final Addressing addressing;
    private Visibility visibility = Visibility.VISIBLE;
    private final BitSet hiddenRows = new BitSet();
    private final BitSet hiddenColumns = new BitSet();

    /** A spreadsheet's sheet. */
    public SheetGrid(String name) {
        this(name, Addressing.A1);
    }

    public SheetGrid(String name, Addressing addressing) {
        this.name = name;
        this.addressing = addressing;
    }

    public String name() {
        return name;
    }

    public Addressing addressing() {
        return addressing;
    }

    /** A cell's address as a person finds it: 「C12」, or 「第12行第3列」 in a Word table (one-based, grid columns). */
    public String address(int r, int c) {
        return addressing == Addressing.A1 ? CellAddresses.a1(r, c) : "第" + (r + 1) + "行第" + (c + 1) + "列";
    }

    public Visibility visibility() {
        return visibility;
    }

    public void setVisibility(Visibility visibility) {
        this.visibility = visibility;
    }

    public boolean isHidden() {
        return visibility != Visibility.VISIBLE;
    }

    public void hideRow(int r) {
        if (r >= 0) {
            hiddenRows.set(r);
        }
    }

    public void hideColumn(int c) {
        if (c >= 0) {
            hiddenColumns.set(c);
        }
    }

    /** Hides columns {@code first} to {@code last}, both included. */
    public void hideColumns(int first, int last) {
        if (last >= first && first >= 0) {
            hiddenColumns.set(first, last + 1);
        }
    }

    public boolean isRowHidden(int r) {
        return r >= 0 && hiddenRows.get(r);
    }

    public boolean isColumnHidden(int c) {
        return c >= 0 && hiddenColumns.get(c);
    }

    /** Whether any row or column of the sheet is hidden. */
    public boolean hasHiddenRowsOrColumns() {
        return !hiddenRows.isEmpty() || !hiddenColumns.isEmpty();
    }

    /**
     * The sheet as the agency sees it: the same name, visibility and merged regions, without the cells of hidden
     * rows and columns. A merged region that shows in a visible cell keeps its content, even where its top-left cell
     * is hidden, because the spreadsheet shows it there.
     */
    public SheetGrid visibleOnly() {
        if (!hasHiddenRowsOrColumns()) {
            return this;
        }
        SheetGrid visible = new SheetGrid(name, addressing);
        visible.visibility = visibility;
        for (int r = 0; r < cells.length; r++) {
            GridCell[] row = cells[r];
            if (row == null || isRowHidden(r)) {
                continue;
            }
            for (GridCell cell : row) {
                if (cell != null && !isColumnHidden(cell.col())) {
                    visible.put(cell);
                }
            }
        }
        for (Region region : merged) {
            GridCell topLeft = stored(region.firstRow(), region.firstCol());
            if (topLeft != null && (isRowHidden(topLeft.row()) || isColumnHidden(topLeft.col())) && showsAnywhere(region)) {
                visible.put(topLeft);
            }
            visible.addMerged(region);
        }
        return visible;
    }

    private boolean showsAnywhere(Region region) {
        for (int r = Math.max(0, region.firstRow()); r <= region.lastRow(); r++) {
            if (isRowHidden(r)) {
                continue;
            }
            for (int c = Math.max(0, region.firstCol()); c <= region.lastCol(); c++) {
                if (!isColumnHidden(c)) {
                    return true;
                }
            }
        }
        return false;
    }

    public void put(GridCell cell) {
        int r = cell.row();
        int c = cell.col();
        if (r < 0 || c < 0) {
            return; // a <c> outside any <row>, or a reference without a column: no cell a person could point at
        }
        if (r >= cells.length) {
            cells = java.util.Arrays.copyOf(cells, Math.max(r + 1, cells.length * 2));
        }
        GridCell[] row = cells[r];
        if (row == null) {
            row = cells[r] = new GridCell[Math.max(16, c + 1)];
        } else if (c >= row.length) {
            row = cells[r] = java.util.Arrays.copyOf(row, Math.max(c + 1, row.length * 2));
        }
        row[c] = cell;
        lastCellRow = Math.max(lastCellRow, r);
    }

    /** Adds a merged region; where regions overlap, the one added last covers the shared cells. */
    public void addMerged(Region region) {
        merged.add(region);
        // a whole-column or whole-row reference ("A:A") has -1 for the open side: it covers no addressable cell there
        int firstCol = Math.max(0, region.firstCol());
        if (region.lastRow() < 0 || region.lastCol() < firstCol) {
            lastRegionRow = Math.max(lastRegionRow, region.lastRow());
            return;
        }
        if (region.lastRow() >= regionAt.length) {
            regionAt = java.util.Arrays.copyOf(regionAt, Math.max(region.lastRow() + 1, regionAt.length * 2));
        }
        for (int r = Math.max(0, region.firstRow()); r <= region.lastRow(); r++) {
            Region[] row = regionAt[r];
            if (row == null) {
                row = regionAt[r] = new Region[Math.max(16, region.lastCol() + 1)];
            } else if (region.lastCol() >= row.length) {
                row = regionAt[r] = java.util.Arrays.copyOf(row, Math.max(region.lastCol() + 1, row.length * 2));
            }
            java.util.Arrays.fill(row, firstCol, region.lastCol() + 1, region);
        }
        lastRegionRow = Math.max(lastRegionRow, region.lastRow());
    }

    /** The cell as a person reads it: inside a merged region, the region's top-left content. */
    public GridCell get(int r, int c) {
        Region region = region(r, c);
        if (region != null && (region.firstRow() != r || region.firstCol() != c)) {
            return raw(region.firstRow(), region.firstCol()).at(r, c);
        }
        return raw(r, c);
    }

    /** The cell exactly as stored, ignoring merged regions. */
    public GridCell raw(int r, int c) {
        GridCell cell = stored(r, c);
        return cell == null ? GridCell.blank(r, c) : cell;
    }

    private GridCell stored(int r, int c) {
        if (r < 0 || r >= cells.length || c < 0) {
            return null;
        }
        GridCell[] row = cells[r];
        return row == null || c >= row.length ? null : row[c];
    }

    private Region region(int r, int c) {
        if (r < 0 || r >= regionAt.length || c < 0) {
            return null;
        }
        Region[] row = regionAt[r];
        return row == null || c >= row.length ? null : row[c];
    }

    /** The merged region a cell belongs to, or a one-cell region. */
    public Region regionOf(int r, int c) {
        Region region = region(r, c);
        return region != null ? region : new Region(r, r, c, c);
    }

    public boolean isMergedCopy(int r, int c) {
        Region region = region(r, c);
        return region != null && (region.firstRow() != r || region.firstCol() != c);
    }

    /** Row indexes that have stored cells or merged regions, in order. */
    public List<Integer> rowIndexes() {
        List<Integer> all = new ArrayList<>();
        for (int r = 0, last = lastRow(); r <= last; r++) {
            if ((r < cells.length && cells[r] != null) || (r < regionAt.length && regionAt[r] != null)) {
                all.add(r);
            }
        }
        return all;
    }

    /** The cells of a row as a person reads them (merged copies included), left to right. */
    public List<GridCell> row(int r) {
        GridCell[] stored = r >= 0 && r < cells.length ? cells[r] : null;
        Region[] regions = r >= 0 && r < regionAt.length ? regionAt[r] : null;
        int width = Math.max(stored == null ? 0 : stored.length, regions == null ? 0 : regions.length);
        List<GridCell> out = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            boolean hasCell = stored != null && c < stored.length && stored[c] != null;
            boolean inRegion = regions != null && c < regions.length && regions[c] != null;
            if (hasCell || inRegion) {
                out.add(get(r, c));
            }
        }
        return out;
    }

    public int lastRow() {
        return Math.max(lastCellRow, lastRegionRow);
    }

    public List<Region> mergedRegions() {
        return Collections.unmodifiableList(merged);
    }
}
