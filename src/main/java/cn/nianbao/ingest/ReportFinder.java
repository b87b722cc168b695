package cn.nianbao.ingest;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.nianbao.model.ReportPart;
import cn.nianbao.model.Severity;

/**
 * Decides which reports a file holds, reading what the agency sees. Hidden sheets, rows and columns are not the
 * report: the tables are located in the visible content, and hidden content that also looks like report content
 * (last year's figures in hidden columns, an old copy on a hidden sheet) is named in a finding. Where a table exists
 * only in hidden content, it is read from there and a finding says so.
 *
 * <p>A workbook normally holds one report, its tables on one sheet or spread over several. A workbook with a
 * complete report on each of two or more sheets (a sheet per year, or per agency) holds one report per such sheet.
 */
final class ReportFinder {

    /** Hidden content that also looks like report content was left out. */
    static final String HIDDEN_CONTENT = "PARSE-HIDDEN-CONTENT";
    /** A table was read from hidden content, there being no visible one. */
    static final String HIDDEN_TABLE = "PARSE-HIDDEN-TABLE";
    /** A sheet beside complete reports holds part of a report only. */
    static final String PARTIAL_SHEET = "PARSE-PARTIAL-SHEET";

    /** One report found: which part of the file, the grid it was read from, and where its datapoints stand. */
    record Found(ReportPart part, WorkbookGrid grid, LocatedReport located) {
    }

    /** The reports of a file and what the file has that a person must know. */
    record Result(List<Found> reports, List<ParsedWorkbook.ContentProblem> problems) {
    }

    private final ReportLocator locator;

    ReportFinder(ReportLocator locator) {
        this.locator = locator;
    }

    Result find(WorkbookGrid file) {
        List<SheetGrid> visible = new ArrayList<>();
        List<SheetGrid> hiddenSheets = new ArrayList<>();
        for (SheetGrid sheet : file.sheets()) {
            if (sheet.isHidden()) {
                hiddenSheets.add(sheet);
            } else {
                visible.add(sheet.visibleOnly());
            }
        }
        List<ParsedWorkbook.ContentProblem> problems = new ArrayList<>();
        List<Found> found = reportPerSheet(file, visible, problems);
        if (found.isEmpty()) {
            Found whole = whole(file, visible, problems);
            if (whole != null) {
                found = List.of(whole);
            }
        }
        if (!found.isEmpty()) {
            Set<String> readFrom = new HashSet<>();
            found.forEach(f -> f.located().cells().values().forEach(c -> readFrom.add(c.sheet())));
            for (SheetGrid hidden : hiddenSheets) {
                if (readFrom.contains(hidden.name())) {
                    continue; // read (there being no visible table): the HIDDEN_TABLE finding names it
                }
                LocatedReport copy = locator.locate(of(file, List.of(hidden)));
                if (copy != null) {
                    problems.add(warning(HIDDEN_CONTENT, hidden.name(), null, "隐藏的" + sheetWord(file) + "「" + hidden.name()
                            + "」也含有年报表格（" + tableTitles(copy) + "），未读取；汇总按可见的" + sheetWord(file)
                            + "读取。如隐藏的才是要报送的数据，请取消隐藏并删除不用的表格后重新报送"));
                }
            }
            for (Found f : found) {
                problems.addAll(hiddenRowsAndColumns(file, f.located()));
            }
        }
        return new Result(found, problems);
    }

    /**
     * One report per sheet, where two or more visible sheets each hold a complete report; a sheet beside them that
     * holds only part of one is named in a finding. Empty when fewer than two sheets hold a complete report.
     */
    private List<Found> reportPerSheet(WorkbookGrid file, List<SheetGrid> visible, List<ParsedWorkbook.ContentProblem> problems) {
        if (visible.size() < 2) {
            return List.of();
        }
        Map<SheetGrid, LocatedReport> bySheet = new LinkedHashMap<>();
        int complete = 0;
        for (SheetGrid sheet : visible) {
            LocatedReport located = locator.locate(of(file, List.of(sheet)));
            if (located != null) {
                bySheet.put(sheet, located);
                complete += located.complete() ? 1 : 0;
            }
        }
        if (complete < 2) {
            return List.of();
        }
        List<Found> found = new ArrayList<>();
        for (Map.Entry<SheetGrid, LocatedReport> e : bySheet.entrySet()) {
            SheetGrid sheet = e.getKey();
            if (e.getValue().complete()) {
                found.add(new Found(new ReportPart(found.size(), sheet.name()), of(file, List.of(sheet)), e.getValue()));
            } else {
                problems.add(error(PARTIAL_SHEET, sheet.name(), null, "本文件有多个" + sheetWord(file) + "各含一份完整的年报，"
                        + sheetWord(file) + "「" + sheet.name() + "」却只含部分表格（" + tableTitles(e.getValue())
                        + "），未读取；如是另一份报告，请补齐三张表格，否则请删除该" + sheetWord(file) + "后重新报送"));
            }
        }
        return found;
    }

    /**
     * The report read from all visible sheets together; a table found nowhere visible but in hidden content is read
     * from there, with a finding. Null when no table is found anywhere.
     */
    private Found whole(WorkbookGrid file, List<SheetGrid> visible, List<ParsedWorkbook.ContentProblem> problems) {
        WorkbookGrid visibleGrid = of(file, visible);
        LocatedReport located = visible.isEmpty() ? null : locator.locate(visibleGrid);
        if (located != null && located.complete()) {
            return new Found(ReportPart.WHOLE, visibleGrid, located);
        }
        boolean anyHidden = file.sheets().stream().anyMatch(s -> s.isHidden() || s.hasHiddenRowsOrColumns());
        if (!anyHidden) {
            return located == null ? null : new Found(ReportPart.WHOLE, visibleGrid, located);
        }
        LocatedReport all = locator.locate(file);
        if (all == null || (located != null && !all.format().id().equals(located.format().id()))) {
            return located == null ? null : new Found(ReportPart.WHOLE, visibleGrid, located);
        }
        Set<String> onlyHidden = new LinkedHashSet<>(all.tables());
        if (located != null) {
            onlyHidden.removeAll(located.tables());
        }
        if (onlyHidden.isEmpty()) {
            return located == null ? null : new Found(ReportPart.WHOLE, visibleGrid, located);
        }
        LocatedReport merged = located == null ? all : located.withMissingTablesFrom(all, onlyHidden);
        problems.add(warning(HIDDEN_TABLE, null, null, "年报表格（" + titles(all, onlyHidden) + "）只在隐藏的内容中（"
                + whereHidden(file, all, onlyHidden) + "），已按隐藏的内容读取；请确认这是要报送的数据，取消隐藏后重新报送"));
        return new Found(ReportPart.WHOLE, file, merged);
    }

    /**
     * Hidden rows and columns of the sheets a report was read from that hold numbers where the report's table
     * stands (a hidden column beside the table's rows, a hidden row under its columns) or a row label of the table:
     * what was left out, named by sheet, rows and columns. Cells the report was read from (a table found only in hidden
     * rows) were not left out.
     */
    private List<ParsedWorkbook.ContentProblem> hiddenRowsAndColumns(WorkbookGrid file, LocatedReport located) {
        Map<String, List<LocatedCell>> bySheet = new LinkedHashMap<>();
        for (LocatedCell cell : located.cells().values()) {
            bySheet.computeIfAbsent(cell.sheet(), k -> new ArrayList<>()).add(cell);
        }
        List<ParsedWorkbook.ContentProblem> problems = new ArrayList<>();
        for (SheetGrid sheet : file.sheets()) {
            List<LocatedCell> cells = bySheet.get(sheet.name());
            if (cells == null || !sheet.hasHiddenRowsOrColumns()) {
                continue;
            }
            BitSet tableRows = new BitSet();
            BitSet tableColumns = new BitSet();
            Set<Long> read = new HashSet<>();
            for (LocatedCell c : cells) {
                tableRows.set(c.cell().row());
                tableColumns.set(c.cell().col());
                read.add(key(c.cell().row(), c.cell().col()));
            }
            BitSet rows = new BitSet();
            BitSet columns = new BitSet();
            for (int r : sheet.rowIndexes()) {
                for (GridCell cell : sheet.row(r)) {
                    if (!LabelIndex.isValueLike(cell) || sheet.isMergedCopy(r, cell.col()) || read.contains(key(r, cell.col()))) {
                        continue; // a cell read (a table found only in hidden rows or columns) was not left out
                    }
                    if (sheet.isColumnHidden(cell.col()) && tableRows.get(r)) {
                        columns.set(cell.col());
                    }
                    if (sheet.isRowHidden(r) && tableColumns.get(cell.col())) {
                        rows.set(r);
                    }
                }
            }
            if (rows.isEmpty() && columns.isEmpty()) {
                continue;
            }
            problems.add(warning(HIDDEN_CONTENT, sheet.name(), null, sheetWord(file) + "「" + sheet.name() + "」中隐藏的"
                    + describe(sheet, rows, columns) + "含有数值，未读取；汇总按可见的单元格读取。"
                    + "如隐藏的才是本年数据，请取消隐藏并删除不用的行列后重新报送"));
        }
        return problems;
    }

    private static long key(int row, int col) {
        return ((long) row << 32) | col;
    }

    /** Where the cells of some tables stand in hidden content: hidden sheets, or hidden rows and columns of a sheet. */
    private static String whereHidden(WorkbookGrid file, LocatedReport all, Set<String> tables) {
        Set<String> parts = new LinkedHashSet<>();
        Map<String, SheetGrid> sheets = new LinkedHashMap<>();
        file.sheets().forEach(s -> sheets.put(s.name(), s));
        Map<String, BitSet[]> hiddenCells = new LinkedHashMap<>();
        for (LocatedCell cell : all.cells().values()) {
            if (!tables.contains(cell.datapointId().substring(0, cell.datapointId().indexOf('.')))) {
                continue;
            }
            SheetGrid sheet = sheets.get(cell.sheet());
            if (sheet.isHidden()) {
                parts.add("隐藏的" + sheetWord(file) + "「" + sheet.name() + "」");
                continue;
            }
            BitSet[] rc = hiddenCells.computeIfAbsent(sheet.name(), k -> new BitSet[] {new BitSet(), new BitSet()});
            if (sheet.isRowHidden(cell.cell().row())) {
                rc[0].set(cell.cell().row());
            }
            if (sheet.isColumnHidden(cell.cell().col())) {
                rc[1].set(cell.cell().col());
            }
        }
        hiddenCells.forEach((name, rc) -> {
            if (!rc[0].isEmpty() || !rc[1].isEmpty()) {
                parts.add(sheetWord(file) + "「" + name + "」隐藏的" + describe(sheets.get(name), rc[0], rc[1]));
            }
        });
        return String.join("、", parts);
    }

    /** 「第 12–14 行和 C–D 列」: runs of hidden rows and columns as a person names them. */
    static String describe(SheetGrid sheet, BitSet rows, BitSet columns) {
        List<String> parts = new ArrayList<>();
        if (!rows.isEmpty()) {
            parts.add("第 " + runs(rows, i -> String.valueOf(i + 1)) + " 行");
        }
        if (!columns.isEmpty()) {
            parts.add(sheet.addressing() == SheetGrid.Addressing.A1 ? runs(columns, CellAddresses::column) + " 列"
                    : "第 " + runs(columns, i -> String.valueOf(i + 1)) + " 列");
        }
        return String.join("和", parts);
    }

    private static String runs(BitSet set, java.util.function.IntFunction<String> name) {
        List<String> out = new ArrayList<>();
        for (int start = set.nextSetBit(0); start >= 0; ) {
            int end = set.nextClearBit(start) - 1;
            out.add(start == end ? name.apply(start) : name.apply(start) + "–" + name.apply(end));
            start = set.nextSetBit(end + 1);
        }
        return String.join("、", out);
    }

    private static String tableTitles(LocatedReport located) {
        return titles(located, located.tables());
    }

    private static String titles(LocatedReport located, Set<String> tables) {
        List<String> out = new ArrayList<>();
        located.format().tables().stream().filter(t -> tables.contains(t.id())).forEach(t -> out.add("「" + t.title() + "」"));
        return String.join("、", out);
    }

    private static String sheetWord(WorkbookGrid file) {
        return file.source() == WorkbookGrid.Source.WORD ? "表格" : "工作表";
    }

    private static WorkbookGrid of(WorkbookGrid file, List<SheetGrid> sheets) {
        return new WorkbookGrid(sheets, file.preamble(), file.source());
    }

    private static ParsedWorkbook.ContentProblem warning(String rule, String sheet, String cell, String message) {
        return new ParsedWorkbook.ContentProblem(ParsedWorkbook.ContentProblem.Kind.LOCATE, Severity.WARNING, rule, sheet, cell,
                message);
    }

    private static ParsedWorkbook.ContentProblem error(String rule, String sheet, String cell, String message) {
        return new ParsedWorkbook.ContentProblem(ParsedWorkbook.ContentProblem.Kind.LOCATE, Severity.ERROR, rule, sheet, cell,
                message);
    }
}
