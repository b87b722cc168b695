package cn.nianbao.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every text cell of a workbook by its label keys, and every row by the label that names it. Built
 * once per workbook; the locator asks it where a label stands.
 */
final class LabelIndex {

    /** A text cell (the top-left of its merged region) with the region it covers. */
    record Hit(int sheet, int row, int col, SheetGrid.Region region, String text) {
    }

    /**
     * The label that names a grid row: the rightmost text cell before the first value that is a row label of the
     * templates, or the rightmost text cell when none is. Merged group labels to its left (「三、本年度办理结果」) are
     * context, not the row's name; text typed where a number belongs (「规章 | 暂无 | 0」) is not the name either.
     */
    record RowLabel(int sheet, int row, int col, int lastCol, String text, List<String> keys) {
    }

    private final WorkbookGrid workbook;
    private final java.util.Set<String> rowLabelKeys;
    private final Map<String, List<Hit>> hitsByKey = new HashMap<>();
    private final Map<String, List<RowLabel>> rowsByKey = new HashMap<>();

    /** @param rowLabelKeys the keys ({@link LabelKey}) of every row label of the templates */
    LabelIndex(WorkbookGrid workbook, java.util.Set<String> rowLabelKeys) {
        this.workbook = workbook;
        this.rowLabelKeys = rowLabelKeys;
        for (int s = 0; s < workbook.sheets().size(); s++) {
            SheetGrid grid = workbook.sheets().get(s);
            for (int r : grid.rowIndexes()) {
                List<GridCell> row = grid.row(r);
                for (GridCell cell : row) {
                    if (cell.isText() && !grid.isMergedCopy(r, cell.col())) {
                        Hit hit = new Hit(s, r, cell.col(), grid.regionOf(r, cell.col()), cell.text());
                        for (String key : LabelKey.candidates(cell.text())) {
                            hitsByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(hit);
                        }
                    }
                }
                RowLabel label = rowLabel(s, grid, r, row);
                if (label != null) {
                    for (String key : label.keys()) {
                        rowsByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(label);
                    }
                }
            }
        }
    }

    WorkbookGrid workbook() {
        return workbook;
    }

    List<Hit> hits(String key) {
        return hitsByKey.getOrDefault(key, List.of());
    }

    List<RowLabel> rows(String key) {
        return rowsByKey.getOrDefault(key, List.of());
    }

    boolean contains(String key) {
        return hitsByKey.containsKey(key);
    }

    private RowLabel rowLabel(int sheet, SheetGrid grid, int r, List<GridCell> row) {
        GridCell label = null;
        GridCell known = null;
        for (GridCell cell : row) {
            if (isValueLike(cell)) {
                break;
            }
            if (cell.isText()) {
                label = cell; // a merged copy of the same label too: its rightmost column counts
                if (isRowLabel(cell.text())) {
                    known = cell;
                }
            }
        }
        if (known != null) {
            label = known;
        }
        if (label == null) {
            return null;
        }
        SheetGrid.Region region = grid.regionOf(r, label.col());
        return new RowLabel(sheet, r, region.firstCol(), label.col(), label.text(), LabelKey.candidates(label.text()));
    }

    private boolean isRowLabel(String text) {
        for (String key : LabelKey.candidates(text)) {
            if (rowLabelKeys.contains(key)) {
                return true;
            }
        }
        return false;
    }

    /** A number, an error, or text that reads as a value (「１２」, 「—」): where a row's data begins. */
    static boolean isValueLike(GridCell cell) {
        switch (cell.kind()) {
            case NUMBER:
            case ERROR:
            case BOOLEAN:
            case DATE:
            case PERCENT:
            case SHOWN_OTHERWISE:
            case UNCALCULATED:
                return true;
            case TEXT:
                String s = LabelKey.compact(cell.text());
                return !s.isEmpty() && s.length() <= 24 && ValueParser.readsAsValue(cell.text());
            default:
                return false;
        }
    }
}
