package cn.nianbao.ingest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.nianbao.template.BlockDef;
import cn.nianbao.template.ColumnDef;
import cn.nianbao.template.ReportFormat;
import cn.nianbao.template.RowDef;
import cn.nianbao.template.TableDef;
import cn.nianbao.template.TemplateCatalogue;

/**
 * Finds the tables of a report format in a workbook by their labels, never by fixed addresses: rows
 * by the label that names them, in the template's order; columns by the nearest header above. Tables
 * may sit on one sheet or several, in any order, anywhere on the sheet.
 */
public final class ReportLocator {

    /** How far below the previous row the next row of a block may stand (blank and note rows between). */
    private static final int MAX_ROW_GAP = 12;
    /** How far above a block's first row its column headers may stand (three-row merged headers, notes). */
    private static final int HEADER_WINDOW = 10;
    /** How far below a column-group label its column headers may stand. */
    private static final int GROUP_HEADER_WINDOW = 4;

    private final TemplateCatalogue catalogue;
    /** The keys of every row label of every format: what names a row, as against text typed where a number belongs. */
    private final Set<String> rowLabelKeys = new HashSet<>();

    public ReportLocator(TemplateCatalogue catalogue) {
        this.catalogue = catalogue;
        for (ReportFormat format : catalogue.formats()) {
            for (TableDef table : format.tables()) {
                for (BlockDef block : table.blocks()) {
                    for (RowDef row : block.rows()) {
                        for (String label : row.allLabels()) {
                            rowLabelKeys.add(LabelKey.of(label));
                        }
                    }
                }
            }
        }
    }

    /** Locates the tables of the format whose labels the workbook carries; null if it carries none. */
    public LocatedReport locate(WorkbookGrid workbook) {
        LabelIndex index = new LabelIndex(workbook, rowLabelKeys);
        LocatedReport best = null;
        int bestMarkers = -1;
        for (ReportFormat format : catalogue.formats()) {
            int markers = countMarkers(index, format);
            LocatedReport located = locate(index, format);
            // Markers decide the format; where they tie (none, or both) the format that places more cells wins.
            if (best == null || markers > bestMarkers
                    || (markers == bestMarkers && located.cells().size() > best.cells().size())) {
                best = located;
                bestMarkers = markers;
            }
        }
        return best == null || best.tablesFound() == 0 ? null : best;
    }

    static int countMarkers(LabelIndex index, ReportFormat format) {
        int n = 0;
        for (String marker : format.markers()) {
            if (index.contains(LabelKey.of(marker))) {
                n++;
            }
        }
        return n;
    }

    LocatedReport locate(LabelIndex index, ReportFormat format) {
        Map<String, LocatedCell> cells = new LinkedHashMap<>();
        List<LocateProblem> problems = new ArrayList<>();
        Set<String> found = new java.util.LinkedHashSet<>();
        for (TableDef table : format.tables()) {
            int before = cells.size();
            List<LocateProblem> tableProblems = new ArrayList<>();
            for (BlockDef block : table.blocks()) {
                BlockMatch match = block.rowsAreColumnGroups() ? bestOf(locateColumnGroups(index, block), locateRows(index, block))
                        : locateRows(index, block);
                if (match != null) {
                    match.emit(table, cells, tableProblems);
                } else {
                    tableProblems.add(new LocateProblem(table.id(), "PARSE-MISSING-ROW", null, null,
                            "未找到表格「" + table.title() + "」中「" + firstLabel(block) + "」等行"));
                }
            }
            if (cells.size() > before) {
                found.add(table.id());
                problems.addAll(tableProblems);
            } else {
                problems.add(new LocateProblem(table.id(), "PARSE-NO-TABLE", null, null,
                        "未找到表格「" + table.title() + "」（按行、列标签查找）；请按国家统一格式填报该表"));
            }
        }
        return new LocatedReport(format, cells, problems, found);
    }

    private static String firstLabel(BlockDef block) {
        return block.rows().isEmpty() ? "" : block.rows().get(0).label();
    }

    private static BlockMatch bestOf(BlockMatch a, BlockMatch b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return b.score() > a.score() ? b : a;
    }

    // ---------------------------------------------------------------- row layout

    /** Rows named on the left, columns headed above: tables A and B, and table C drawn vertically. */
    private BlockMatch locateRows(LabelIndex index, BlockDef block) {
        List<RowDef> rows = block.rows();
        BlockMatch best = null;
        List<BlockMatch> complete = new ArrayList<>();
        for (int start = 0; start < rows.size(); start++) {
            if (rows.get(start).optional()) {
                continue;
            }
            for (LabelIndex.RowLabel anchor : rowCandidates(index, rows.get(start))) {
                BlockMatch attempt = matchRowsFrom(index, block, start, anchor);
                if (attempt == null) {
                    continue;
                }
                if (attempt.missingRows.isEmpty() && attempt.missingColumns.isEmpty()) {
                    complete.add(attempt);
                }
                if (best == null || attempt.score() > best.score()) {
                    best = attempt;
                }
            }
            if (best != null) {
                break; // anchored on the earliest row that exists; later anchors only find less
            }
        }
        if (best != null && complete.size() > 1) {
            BlockMatch other = complete.get(0) == best ? complete.get(1) : complete.get(0);
            best.duplicateOf = other;
        }
        return best;
    }

    private BlockMatch matchRowsFrom(LabelIndex index, BlockDef block, int start, LabelIndex.RowLabel anchor) {
        SheetGrid grid = index.workbook().sheets().get(anchor.sheet());
        BlockMatch match = new BlockMatch(block, anchor.sheet(), grid);
        for (int i = 0; i < start; i++) {
            if (!block.rows().get(i).optional()) {
                match.missingRows.add(block.rows().get(i));
            }
        }
        int last = anchor.row() - 1;
        for (int i = start; i < block.rows().size(); i++) {
            RowDef row = block.rows().get(i);
            LabelIndex.RowLabel found = null;
            for (LabelIndex.RowLabel cand : rowCandidates(index, row)) {
                if (cand.sheet() == anchor.sheet() && cand.row() > last && cand.row() <= last + MAX_ROW_GAP
                        && (found == null || cand.row() < found.row())) {
                    found = cand;
                }
            }
            if (found == null) {
                if (!row.optional()) {
                    match.missingRows.add(row);
                }
                continue;
            }
            match.rows.put(row, found);
            last = found.row();
        }
        LabelIndex.RowLabel first = match.rows.values().iterator().next();
        int labelCol = match.rows.values().stream().mapToInt(LabelIndex.RowLabel::lastCol).max().orElse(first.lastCol());
        for (ColumnDef column : block.columns()) {
            LabelIndex.Hit header = null;
            for (LabelIndex.Hit hit : columnCandidates(index, column)) {
                if (hit.sheet() == anchor.sheet() && hit.row() < first.row() && hit.row() >= first.row() - HEADER_WINDOW
                        && hit.region().lastCol() > labelCol && !match.usesColumn(hit)
                        && (header == null || hit.region().lastRow() > header.region().lastRow())) {
                    header = hit;
                }
            }
            if (header == null) {
                match.missingColumns.add(column);
            } else {
                match.columns.put(column, header);
            }
        }
        return match;
    }

    private static List<LabelIndex.RowLabel> rowCandidates(LabelIndex index, RowDef row) {
        List<LabelIndex.RowLabel> out = new ArrayList<>();
        Set<LabelIndex.RowLabel> seen = new HashSet<>();
        for (String label : row.allLabels()) {
            for (LabelIndex.RowLabel cand : index.rows(LabelKey.of(label))) {
                if (seen.add(cand)) {
                    out.add(cand);
                }
            }
        }
        return out;
    }

    private static List<LabelIndex.Hit> columnCandidates(LabelIndex index, ColumnDef column) {
        List<LabelIndex.Hit> out = new ArrayList<>();
        for (String label : column.allLabels()) {
            for (LabelIndex.Hit hit : index.hits(LabelKey.of(label))) {
                if (!out.contains(hit)) {
                    out.add(hit);
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- column-group layout

    /**
     * Each row of the block drawn as a group of columns under its label, values in one row below the
     * column headers: the official layout of table C.
     */
    private BlockMatch locateColumnGroups(LabelIndex index, BlockDef block) {
        BlockMatch match = null;
        for (RowDef row : block.rows()) {
            GroupMatch found = null;
            for (String label : row.allLabels()) {
                for (LabelIndex.Hit hit : index.hits(LabelKey.of(label))) {
                    if (match != null && hit.sheet() != match.sheet) {
                        continue;
                    }
                    GroupMatch g = groupUnder(index, block, hit);
                    if (g != null && (found == null || g.columns.size() > found.columns.size())) {
                        found = g;
                    }
                }
            }
            if (found == null) {
                if (match != null) {
                    match.missingRows.add(row);
                }
                continue;
            }
            if (match == null) {
                match = new BlockMatch(block, found.label.sheet(), index.workbook().sheets().get(found.label.sheet()));
                for (RowDef earlier : block.rows()) {
                    if (earlier == row) {
                        break;
                    }
                    match.missingRows.add(earlier);
                }
            }
            match.groups.put(row, found);
        }
        return match;
    }

    private static final class GroupMatch {
        final LabelIndex.Hit label;
        final Map<ColumnDef, LabelIndex.Hit> columns = new LinkedHashMap<>();
        int dataRow;

        GroupMatch(LabelIndex.Hit label) {
            this.label = label;
        }
    }

    private GroupMatch groupUnder(LabelIndex index, BlockDef block, LabelIndex.Hit label) {
        SheetGrid.Region span = label.region();
        if (span.firstCol() == span.lastCol() && block.columns().size() > 1) {
            return null; // a group label spans its columns; a one-cell label names a row instead
        }
        GroupMatch g = new GroupMatch(label);
        int headerRow = -1;
        for (ColumnDef column : block.columns()) {
            for (LabelIndex.Hit hit : columnCandidates(index, column)) {
                if (hit.sheet() == label.sheet() && hit.row() > span.lastRow() && hit.row() <= span.lastRow() + GROUP_HEADER_WINDOW
                        && hit.col() >= span.firstCol() && hit.col() <= span.lastCol() && !g.columns.containsValue(hit)) {
                    g.columns.put(column, hit);
                    headerRow = Math.max(headerRow, hit.region().lastRow());
                    break;
                }
            }
        }
        if (g.columns.size() * 2 < block.columns().size()) {
            return null;
        }
        SheetGrid grid = index.workbook().sheets().get(label.sheet());
        g.dataRow = headerRow + 1;
        for (int r = headerRow + 1; r <= headerRow + 3; r++) {
            boolean any = false;
            for (LabelIndex.Hit hit : g.columns.values()) {
                if (grid.get(r, hit.col()).kind() != CellKind.BLANK) {
                    any = true;
                }
            }
            if (any) {
                g.dataRow = r;
                break;
            }
        }
        return g;
    }

    // ---------------------------------------------------------------- result of one block

    private static final class BlockMatch {
        final BlockDef block;
        final int sheet;
        final SheetGrid grid;
        final Map<RowDef, LabelIndex.RowLabel> rows = new LinkedHashMap<>();
        final Map<ColumnDef, LabelIndex.Hit> columns = new LinkedHashMap<>();
        final Map<RowDef, GroupMatch> groups = new LinkedHashMap<>();
        final List<RowDef> missingRows = new ArrayList<>();
        final List<ColumnDef> missingColumns = new ArrayList<>();
        BlockMatch duplicateOf;

        BlockMatch(BlockDef block, int sheet, SheetGrid grid) {
            this.block = block;
            this.sheet = sheet;
            this.grid = grid;
        }

        boolean usesColumn(LabelIndex.Hit hit) {
            return columns.containsValue(hit);
        }

        int score() {
            if (!groups.isEmpty()) {
                return groups.values().stream().mapToInt(g -> g.columns.size()).sum();
            }
            return rows.size() * columns.size();
        }

        void emit(TableDef table, Map<String, LocatedCell> out, List<LocateProblem> problems) {
            String sheetName = grid.name();
            if (!groups.isEmpty()) {
                for (Map.Entry<RowDef, GroupMatch> e : groups.entrySet()) {
                    GroupMatch g = e.getValue();
                    for (ColumnDef column : block.columns()) {
                        LabelIndex.Hit header = g.columns.get(column);
                        String id = table.id() + "." + e.getKey().id() + "." + column.id();
                        if (header == null) {
                            problems.add(new LocateProblem(table.id(), "PARSE-MISSING-COLUMN", sheetName, g.label.region().firstRow() >= 0
                                    ? grid.address(g.label.row(), g.label.col()) : null,
                                    "「" + g.label.text().strip() + "」下未找到「" + column.label() + "」列"));
                            continue;
                        }
                        GridCell cell = valueCell(g.dataRow, header.region());
                        out.put(id, new LocatedCell(id, sheetName, cell, grid.address(cell.row(), cell.col()), g.label.text(),
                                header.text()));
                    }
                }
            } else {
                for (Map.Entry<RowDef, LabelIndex.RowLabel> e : rows.entrySet()) {
                    RowDef row = e.getKey();
                    LabelIndex.RowLabel label = e.getValue();
                    List<LocatedCell> rowCells = new ArrayList<>();
                    for (Map.Entry<ColumnDef, LabelIndex.Hit> c : columns.entrySet()) {
                        String id = table.id() + "." + row.id() + "." + c.getKey().id();
                        GridCell cell = valueCell(label.row(), c.getValue().region());
                        rowCells.add(new LocatedCell(id, sheetName, cell, grid.address(cell.row(), cell.col()), label.text(),
                                c.getValue().text()));
                    }
                    // A group label standing alone (「（三）不予公开」 with no numbers) is not a subtotal row.
                    if (row.optional() && rowCells.stream().allMatch(lc -> lc.cell().kind() == CellKind.BLANK)) {
                        continue;
                    }
                    for (LocatedCell lc : rowCells) {
                        out.put(lc.datapointId(), lc);
                    }
                }
            }
            String where = anchorCell();
            for (RowDef row : missingRows) {
                problems.add(new LocateProblem(table.id(), "PARSE-MISSING-ROW", sheetName, where,
                        "表格「" + table.title() + "」中未找到「" + row.label() + "」行；请按国家统一格式补齐该行"));
            }
            for (ColumnDef column : missingColumns) {
                problems.add(new LocateProblem(table.id(), "PARSE-MISSING-COLUMN", sheetName, where,
                        "表格「" + table.title() + "」中未找到「" + column.label() + "」列；请按国家统一格式补齐该列"));
            }
            if (duplicateOf != null) {
                problems.add(new LocateProblem(table.id(), "PARSE-DUPLICATE-ROW", duplicateOf.grid.name(), duplicateOf.anchorCell(),
                        "表格「" + table.title() + "」出现不止一次（另见工作表「" + duplicateOf.grid.name() + "」" + duplicateOf.anchorCell()
                                + "）；已采用工作表「" + sheetName + "」" + where + " 处的表格，请删除重复的表格"));
            }
        }

        String anchorCell() {
            if (!rows.isEmpty()) {
                LabelIndex.RowLabel first = rows.values().iterator().next();
                return grid.address(first.row(), first.col());
            }
            if (!groups.isEmpty()) {
                LabelIndex.Hit first = groups.values().iterator().next().label;
                return grid.address(first.row(), first.col());
            }
            return null;
        }

        /** The value under a header: its first column, or the first filled column of a merged header. */
        private GridCell valueCell(int row, SheetGrid.Region header) {
            GridCell first = grid.get(row, header.firstCol());
            if (first.kind() == CellKind.BLANK) {
                for (int c = header.firstCol() + 1; c <= header.lastCol(); c++) {
                    GridCell cell = grid.get(row, c);
                    if (cell.kind() != CellKind.BLANK && !grid.isMergedCopy(row, c)) {
                        return cell;
                    }
                }
            }
            if (grid.isMergedCopy(row, first.col())) {
                SheetGrid.Region r = grid.regionOf(row, first.col());
                return grid.get(r.firstRow(), r.firstCol()).at(r.firstRow(), r.firstCol());
            }
            return first;
        }
    }
}
