package cn.nianbao.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The cells of one sheet with its merged regions. A cell inside a merged region reads as the region's
 * top-left cell, because that is how a person reads a merged label: 「三、本年度办理结果」 merged down
 * column A belongs to every outcome row beside it.
 */
public final class SheetGrid {

    /** A merged region, zero-based and inclusive. */
    public record Region(int firstRow, int lastRow, int firstCol, int lastCol) {
        boolean contains(int r, int c) {
            return r >= firstRow && r <= lastRow && c >= firstCol && c <= lastCol;
        }
    }

    private final String name;
    private final NavigableMap<Integer, NavigableMap<Integer, GridCell>> rows = new TreeMap<>();
    private final List<Region> merged = new ArrayList<>();
    private final Map<Long, Region> regionByCell = new java.util.HashMap<>();

    public SheetGrid(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public void put(GridCell cell) {
        rows.computeIfAbsent(cell.row(), r -> new TreeMap<>()).put(cell.col(), cell);
    }

    public void addMerged(Region region) {
        merged.add(region);
        for (int r = region.firstRow(); r <= region.lastRow(); r++) {
            for (int c = region.firstCol(); c <= region.lastCol(); c++) {
                regionByCell.put(key(r, c), region);
            }
        }
    }

    /** The cell as a person reads it: inside a merged region, the region's top-left content. */
    public GridCell get(int r, int c) {
        Region region = regionByCell.get(key(r, c));
        if (region != null) {
            GridCell origin = raw(region.firstRow(), region.firstCol());
            return origin.at(r, c);
        }
        return raw(r, c);
    }

    /** The cell exactly as stored, ignoring merged regions. */
    public GridCell raw(int r, int c) {
        NavigableMap<Integer, GridCell> row = rows.get(r);
        GridCell cell = row == null ? null : row.get(c);
        return cell == null ? GridCell.blank(r, c) : cell;
    }

    /** The merged region a cell belongs to, or a one-cell region. */
    public Region regionOf(int r, int c) {
        Region region = regionByCell.get(key(r, c));
        return region != null ? region : new Region(r, r, c, c);
    }

    public boolean isMergedCopy(int r, int c) {
        Region region = regionByCell.get(key(r, c));
        return region != null && (region.firstRow() != r || region.firstCol() != c);
    }

    /** Row indexes that have stored cells or merged regions, in order. */
    public List<Integer> rowIndexes() {
        java.util.TreeSet<Integer> all = new java.util.TreeSet<>(rows.keySet());
        for (Region region : merged) {
            for (int r = region.firstRow(); r <= region.lastRow(); r++) {
                all.add(r);
            }
        }
        return new ArrayList<>(all);
    }

    /** The cells of a row as a person reads them (merged copies included), left to right. */
    public List<GridCell> row(int r) {
        java.util.TreeSet<Integer> cols = new java.util.TreeSet<>();
        NavigableMap<Integer, GridCell> stored = rows.get(r);
        if (stored != null) {
            cols.addAll(stored.keySet());
        }
        for (Region region : merged) {
            if (r >= region.firstRow() && r <= region.lastRow()) {
                for (int c = region.firstCol(); c <= region.lastCol(); c++) {
                    cols.add(c);
                }
            }
        }
        List<GridCell> out = new ArrayList<>(cols.size());
        for (int c : cols) {
            out.add(get(r, c));
        }
        return out;
    }

    public int lastRow() {
        int last = rows.isEmpty() ? -1 : rows.lastKey();
        for (Region region : merged) {
            last = Math.max(last, region.lastRow());
        }
        return last;
    }

    public List<Region> mergedRegions() {
        return Collections.unmodifiableList(merged);
    }

    private static long key(int r, int c) {
        return ((long) r << 20) | c;
    }
}
