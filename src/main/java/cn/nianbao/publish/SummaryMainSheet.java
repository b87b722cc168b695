package cn.nianbao.publish;

import static cn.nianbao.publish.XlsxStyles.box;
import static cn.nianbao.publish.XlsxStyles.ensureHeight;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;

import cn.nianbao.model.UnitTotal;
import cn.nianbao.template.BlockDef;
import cn.nianbao.template.ColumnDef;
import cn.nianbao.template.ReportFormat;
import cn.nianbao.template.RowDef;
import cn.nianbao.template.TableDef;
import cn.nianbao.template.ValueKind;

/**
 * 「汇总表」: the unit's sums in the official layout of its format (tables 二/三/四, drawn from the catalogue), one A4
 * page (portrait) per table, each page headed by what a reader must know of the sums: the coverage, the reports with
 * ERROR findings in them or left out of them, and where the year before is from (print titles, so they are on every
 * page). Where the roll-up found the unit's sums of the year before, each total is followed by 上年 and 增减: in table
 * 三 the 总计 column, in table 二 (which has no 总计) every column, in table 四 (whose 15 cells fill the width) two rows
 * under its numbers.
 *
 * <p>All tables share one grid of {@link #WIDTH} equal columns as wide as the page; each table spreads its columns over
 * the grid, the labels taking the rest.
 */
final class SummaryMainSheet {

    /** Grid columns: table 四's 15 cells and a column for 本年/上年/增减. */
    static final int WIDTH = 16;
    static final double COLUMN_PT = Math.floor(PrintedPage.usableWidth(false) / WIDTH * 10) / 10;
    /** Characters of a note that lists agencies: the list is cut with 「等 n 个单位」 to keep the page's head short. */
    static final int NOTE_LIST_CHARS = 400;
    private static final double SIZE = SummaryStyles.MAIN_SIZE;
    private static final String TOTAL = "TOTAL";

    private enum Part { THIS, PREVIOUS, CHANGE }

    /** A column as drawn: the template's column, or the year before of it, or the change. */
    private record Shown(ColumnDef column, Part part) {
    }

    private final XSSFSheet sheet;
    private final SummaryStyles styles;
    private final XlsxStyles base;
    private final ReportFormat format;
    private final UnitTotal unit;
    private final boolean compare;
    private int row;

    SummaryMainSheet(XSSFSheet sheet, SummaryStyles styles, ReportFormat format, UnitTotal unit) {
        this.sheet = sheet;
        this.styles = styles;
        this.base = styles.base;
        this.format = format;
        this.unit = unit;
        this.compare = unit.previous() != null;
    }

    void draw() {
        for (int c = 0; c < WIDTH; c++) {
            PrintedPage.columnWidth(sheet, c, COLUMN_PT);
        }
        String title = unit.unit().name() + " " + unit.year() + "年政府信息公开工作年度报告汇总表";
        box(sheet, row, row, 0, WIDTH - 1, title, base.title);
        XlsxStyles.row(sheet, row).setHeightInPoints(28);
        row++;
        text(SummaryNotes.coverage(unit) + "格式：" + format.name() + "。", base.note);
        String included = SummaryNotes.errorsIncluded(unit, NOTE_LIST_CHARS);
        String leftOut = SummaryNotes.leftOut(unit, NOTE_LIST_CHARS);
        String previous = SummaryNotes.previous(unit);
        if (included != null) {
            text(included, base.noteError);
        }
        if (leftOut != null) {
            text(leftOut, unit.leftOut().isEmpty() ? base.note : base.noteError);
        }
        if (previous != null) {
            text(previous, base.note);
        }
        spacer();
        int head = row;
        List<int[]> tables = new ArrayList<>();
        for (TableDef table : format.tables()) {
            int first = row;
            box(sheet, row, row, 0, WIDTH - 1, table.title(), base.tableTitle);
            XlsxStyles.row(sheet, row).setHeightInPoints(20);
            row++;
            TableLayout layout = new TableLayout(table);
            for (BlockDef block : table.blocks()) {
                if (block.rowsAreColumnGroups()) {
                    drawColumnGroupBlock(table, block);
                } else {
                    drawRowBlock(table, block, layout);
                }
            }
            spacer();
            tables.add(new int[] {first, row - 1});
        }
        text("注：本表各数为已纳入报告的逐格合计；各单位的数值见「" + SummaryWorkbookWriter.DETAIL_SHEET + "」工作表。", base.note);
        tables.get(tables.size() - 1)[1] = row - 1;
        paginate(head, tables);
    }

    /**
     * One table per page, the head repeated above it; tables that fit together share a page. Printed at 100 % unless a
     * table with the head is taller than a page: then smaller, at most to 80 % (10-point text stays 8 points).
     */
    private void paginate(int head, List<int[]> tables) {
        double headHeight = height(0, head - 1);
        double tallest = 0;
        for (int[] t : tables) {
            tallest = Math.max(tallest, height(t[0], t[1]));
        }
        double page = PrintedPage.usableHeight(false);
        int scale = (int) Math.max(80, Math.min(100, Math.floor(page / (headHeight + tallest) * 100)));
        double room = page * 100 / scale;
        PrintedPage.Pager pager = new PrintedPage.Pager(sheet, room, headHeight);
        for (int[] t : tables) {
            double h = height(t[0], t[1]);
            if (!pager.fits(h) && t[0] > head) {
                pager.newPage(t[0]);
                pager.add(headHeight);
            }
            pager.add(h);
        }
        sheet.setRepeatingRows(new CellRangeAddress(0, head - 1, -1, -1));
        PrintedPage.setUp(sheet, false, scale);
    }

    private double height(int first, int last) {
        double h = 0;
        for (int r = first; r <= last; r++) {
            h += XlsxStyles.row(sheet, r).getHeightInPoints();
        }
        return h;
    }

    private void spacer() {
        XlsxStyles.row(sheet, row).setHeightInPoints(8);
        row++;
    }

    private void text(String text, CellStyle style) {
        box(sheet, row, row, 0, WIDTH - 1, text, style);
        ensureHeight(sheet, row, PrintedPage.lines(text, WIDTH * COLUMN_PT, SIZE));
        row++;
    }

    private List<Shown> shown(BlockDef block) {
        boolean hasTotal = block.columns().stream().anyMatch(c -> c.id().equals(TOTAL));
        List<Shown> shown = new ArrayList<>();
        for (ColumnDef c : block.columns()) {
            shown.add(new Shown(c, Part.THIS));
            if (compared(c, hasTotal)) {
                shown.add(new Shown(c, Part.PREVIOUS));
                shown.add(new Shown(c, Part.CHANGE));
            }
        }
        return shown;
    }

    /** Whether the year before is shown beside a column: its 总计, or each column of a block without one. */
    private boolean compared(ColumnDef c, boolean blockHasTotal) {
        return compare && (!blockHasTotal || c.id().equals(TOTAL));
    }

    /** A block drawn the usual way: header rows of column labels, one sheet row per template row. */
    private void drawRowBlock(TableDef table, BlockDef block, TableLayout layout) {
        if (block.header() != null) {
            box(sheet, row, row, 0, WIDTH - 1, block.header(), base.header);
            ensureHeight(sheet, row, 1);
            row++;
        }
        List<Shown> shown = shown(block);
        int[] starts = layout.starts(shown);
        boolean hasTotal = block.columns().stream().anyMatch(c -> c.id().equals(TOTAL));
        boolean subRow = block.columns().stream().anyMatch(c -> compared(c, hasTotal));
        int groupDepth = block.columns().stream().mapToInt(c -> c.group().size()).max().orElse(0);
        int headerDepth = groupDepth + 1 + (subRow ? 1 : 0);
        int first = row;
        int last = row + headerDepth - 1;
        String corner = block.corner() == null ? "" : block.corner();
        box(sheet, first, last, 0, layout.labelWidth - 1, corner, base.header);
        spreadHeight(first, last, PrintedPage.lines(corner, layout.labelWidth * COLUMN_PT, SIZE));
        // the group headers above the columns (申请人情况, 法人或其他组织), one level per sheet row
        for (int level = 0; level < groupDepth; level++) {
            int i = 0;
            while (i < shown.size()) {
                List<String> groups = shown.get(i).column().group();
                if (groups.size() <= level) {
                    i++;
                    continue;
                }
                List<String> prefix = groups.subList(0, level + 1);
                int j = i;
                while (j + 1 < shown.size() && shown.get(j + 1).column().group().size() > level
                        && shown.get(j + 1).column().group().subList(0, level + 1).equals(prefix)) {
                    j++;
                }
                box(sheet, first + level, first + level, starts[i], starts[j + 1] - 1, prefix.get(level), base.header);
                i = j + 1;
            }
        }
        // each column's label from below its groups down to the last header row, or to the row of 本年/上年/增减 above
        // its compared columns
        for (int i = 0; i < shown.size(); ) {
            ColumnDef column = shown.get(i).column();
            boolean withPrevious = compared(column, hasTotal);
            int j = withPrevious ? i + 2 : i;
            int top = first + column.group().size();
            int bottom = withPrevious ? last - 1 : last;
            box(sheet, top, bottom, starts[i], starts[j + 1] - 1, column.label(), base.header);
            spreadHeight(top, bottom, PrintedPage.lines(column.label(), (starts[j + 1] - starts[i]) * COLUMN_PT, SIZE));
            if (withPrevious) {
                String[] parts = {"本年", "上年", "增减"};
                for (int k = 0; k < 3; k++) {
                    box(sheet, last, last, starts[i + k], starts[i + k + 1] - 1, parts[k], base.header);
                }
                ensureHeight(sheet, last, 1);
            }
            i = j + 1;
        }
        row = last + 1;

        List<RowDef> rows = visibleRows(table, block);
        int bodyFirst = row;
        // the merged group labels left of the rows (三、本年度办理结果, （三）不予公开), outermost first
        forEachGroup(rows, layout.labelDepth - 1, (level, from, to, label) ->
                box(sheet, bodyFirst + from, bodyFirst + to, level, level, label, base.groupLabel));
        for (RowDef r : rows) {
            // a row with fewer group levels than the table has spans the unused label columns
            int labelStart = r.groups().size();
            String label = r.optional() ? r.label() + "（小计）" : r.label();
            box(sheet, row, row, labelStart, layout.labelWidth - 1, label, base.label);
            ensureHeight(sheet, row, PrintedPage.lines(label, (layout.labelWidth - labelStart) * COLUMN_PT, SIZE));
            for (int i = 0; i < shown.size(); i++) {
                Shown s = shown.get(i);
                String id = table.id() + "." + r.id() + "." + s.column().id();
                valueCell(row, starts[i], starts[i + 1] - 1, s.part(), s.column().kind(), id);
            }
            row++;
        }
        // the group labels must fit the rows they are merged over
        forEachGroup(rows, layout.labelDepth - 1, (level, from, to, label) ->
                spreadHeight(bodyFirst + from, bodyFirst + to, PrintedPage.lines(label, COLUMN_PT, SIZE)));
    }

    /**
     * Table 四: each template row is a group of columns side by side (行政复议 | 行政诉讼: 未经复议直接起诉 |
     * 复议后起诉), the column labels repeated under each, and a row of numbers; compared with the year before, a row
     * of 上年 and one of 增减 under it, named in a first column.
     */
    private void drawColumnGroupBlock(TableDef table, BlockDef block) {
        List<RowDef> groups = block.rows();
        List<ColumnDef> columns = block.columns();
        int cells = groups.size() * columns.size();
        int offset = compare ? 1 : 0;
        int[] starts = new int[cells + 1];
        for (int k = 0; k <= cells; k++) {
            starts[k] = offset + (int) Math.floor((double) k * (WIDTH - offset) / cells);
        }
        int pathDepth = 1 + groups.stream().mapToInt(r -> r.groups().size()).max().orElse(0);
        int first = row;
        // outer groups (行政诉讼) over the rows they hold
        for (int level = 0; level < pathDepth - 1; level++) {
            int i = 0;
            while (i < groups.size()) {
                if (groups.get(i).groups().size() <= level) {
                    i++;
                    continue;
                }
                List<String> prefix = groups.get(i).groups().subList(0, level + 1);
                int j = i;
                while (j + 1 < groups.size() && groups.get(j + 1).groups().size() > level
                        && groups.get(j + 1).groups().subList(0, level + 1).equals(prefix)) {
                    j++;
                }
                box(sheet, first + level, first + level, starts[i * columns.size()], starts[(j + 1) * columns.size()] - 1,
                        prefix.get(level), base.header);
                i = j + 1;
            }
        }
        for (int g = 0; g < groups.size(); g++) {
            RowDef group = groups.get(g);
            box(sheet, first + group.groups().size(), first + pathDepth - 1, starts[g * columns.size()],
                    starts[(g + 1) * columns.size()] - 1, group.label(), base.header);
        }
        int labelRow = first + pathDepth;
        for (int g = 0; g < groups.size(); g++) {
            for (int c = 0; c < columns.size(); c++) {
                int k = g * columns.size() + c;
                box(sheet, labelRow, labelRow, starts[k], starts[k + 1] - 1, columns.get(c).label(), base.header);
                ensureHeight(sheet, labelRow, PrintedPage.lines(columns.get(c).label(), (starts[k + 1] - starts[k]) * COLUMN_PT, SIZE));
            }
        }
        List<Part> parts = compare ? List.of(Part.THIS, Part.PREVIOUS, Part.CHANGE) : List.of(Part.THIS);
        if (compare) {
            box(sheet, first, labelRow, 0, 0, "", base.header);
        }
        for (int p = 0; p < parts.size(); p++) {
            int r = labelRow + 1 + p;
            if (compare) {
                box(sheet, r, r, 0, 0, new String[] {"本年", "上年", "增减"}[p], base.header);
            }
            for (int g = 0; g < groups.size(); g++) {
                for (int c = 0; c < columns.size(); c++) {
                    int k = g * columns.size() + c;
                    valueCell(r, starts[k], starts[k + 1] - 1, parts.get(p), columns.get(c).kind(),
                            table.id() + "." + groups.get(g).id() + "." + columns.get(c).id());
                }
            }
        }
        for (int r = first; r <= labelRow + parts.size(); r++) {
            ensureHeight(sheet, r, 1);
        }
        row = labelRow + parts.size() + 1;
    }

    /** This year's sum, last year's, or the change between them (blank where either year lacks the datapoint). */
    private void valueCell(int r, int firstColumn, int lastColumn, Part part, ValueKind kind, String id) {
        boolean amount = kind != null && kind.isAmount();
        BigDecimal now = unit.values().get(id);
        BigDecimal before = unit.previous() == null ? null : unit.previous().values().get(id);
        BigDecimal value;
        CellStyle style;
        switch (part) {
            case PREVIOUS -> {
                value = now == null ? null : before;
                style = amount ? styles.previousAmount : styles.previousCount;
            }
            case CHANGE -> {
                value = now == null || before == null ? null : now.subtract(before);
                style = amount ? styles.changeAmount : styles.changeCount;
            }
            default -> {
                value = now;
                style = amount ? base.amount : base.count;
            }
        }
        Cell cell = box(sheet, r, r, firstColumn, lastColumn, null, style);
        if (value != null) {
            cell.setCellValue(value.doubleValue());
        }
    }

    /**
     * Rows of the template, with optional subtotal rows only where the roll-up has values for them
     * (it leaves them out: some agencies add subtotals and some do not, so their sum means nothing).
     */
    private List<RowDef> visibleRows(TableDef table, BlockDef block) {
        List<RowDef> rows = new ArrayList<>();
        for (RowDef r : block.rows()) {
            if (!r.optional() || optionalRowPresent(table.id() + "." + r.id() + ".")) {
                rows.add(r);
            }
        }
        return rows;
    }

    private boolean optionalRowPresent(String prefix) {
        for (String id : unit.values().keySet()) {
            if (id.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Spreads the lines a vertically merged cell needs over its rows. */
    private void spreadHeight(int first, int last, int lines) {
        double needed = lines * 13.5 + 3;
        double have = height(first, last);
        if (have >= needed) {
            return;
        }
        int rows = last - first + 1;
        for (int r = first; r <= last; r++) {
            var sheetRow = XlsxStyles.row(sheet, r);
            sheetRow.setHeightInPoints((float) Math.min(409, Math.max(15, sheetRow.getHeightInPoints()) + (needed - have) / rows));
        }
    }

    /** How a row-drawn table spreads over the grid: label columns on the left, then its columns. */
    private final class TableLayout {
        final int labelDepth;
        final int labelWidth;

        TableLayout(TableDef table) {
            int maxColumns = 1;
            int depth = 1;
            for (BlockDef block : table.blocks()) {
                if (block.rowsAreColumnGroups()) {
                    continue;
                }
                maxColumns = Math.max(maxColumns, shown(block).size());
                for (RowDef r : block.rows()) {
                    depth = Math.max(depth, r.groups().size() + 1);
                }
            }
            this.labelDepth = depth;
            // a label about as wide as one data column group (二: 4 + 3×4), but never narrower than its levels + 1
            int span = Math.max(1, WIDTH / (maxColumns + 1));
            while (span > 1 && WIDTH - span * maxColumns < depth + 1) {
                span--;
            }
            this.labelWidth = Math.max(depth + 1, WIDTH - span * maxColumns);
        }

        /**
         * The first grid column of each shown column, and WIDTH after the last: the data area shared out, an amount
         * (wider numbers) weighing twice a count.
         */
        int[] starts(List<Shown> shown) {
            int area = WIDTH - labelWidth;
            int total = 0;
            for (Shown s : shown) {
                total += weight(s);
            }
            int[] starts = new int[shown.size() + 1];
            int cumulative = 0;
            for (int i = 0; i < shown.size(); i++) {
                starts[i] = labelWidth + Math.max(i, (int) Math.floor((double) cumulative * area / total));
                cumulative += weight(shown.get(i));
            }
            starts[shown.size()] = WIDTH;
            return starts;
        }

        private int weight(Shown s) {
            return s.column().kind() != null && s.column().kind().isAmount() ? 2 : 1;
        }
    }

    /** A run of consecutive rows under the same group label at one level (0 = outermost), by index into the rows. */
    private interface GroupRun {
        void accept(int level, int first, int last, String label);
    }

    /** Each run of rows that share their group labels down to a level, for the levels above the rows' own labels. */
    private static void forEachGroup(List<RowDef> rows, int levels, GroupRun run) {
        for (int level = 0; level < levels; level++) {
            int i = 0;
            while (i < rows.size()) {
                if (rows.get(i).groups().size() <= level) {
                    i++;
                    continue;
                }
                List<String> prefix = rows.get(i).groups().subList(0, level + 1);
                int j = i;
                while (j + 1 < rows.size() && rows.get(j + 1).groups().size() > level
                        && rows.get(j + 1).groups().subList(0, level + 1).equals(prefix)) {
                    j++;
                }
                run.accept(level, i, j, prefix.get(level));
                i = j + 1;
            }
        }
    }
}
