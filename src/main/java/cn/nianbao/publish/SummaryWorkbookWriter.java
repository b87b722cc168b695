package cn.nianbao.publish;

import static cn.nianbao.publish.XlsxStyles.box;
import static cn.nianbao.publish.XlsxStyles.cell;
import static cn.nianbao.publish.XlsxStyles.ensureHeight;
import static cn.nianbao.publish.XlsxStyles.lines;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import cn.nianbao.model.Agency;
import cn.nianbao.model.Datapoint;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;
import cn.nianbao.model.ReportHeader;
import cn.nianbao.model.ReportContent;
import cn.nianbao.model.Severity;
import cn.nianbao.model.UnitTotal;
import cn.nianbao.template.BlockDef;
import cn.nianbao.template.ColumnDef;
import cn.nianbao.template.DatapointDef;
import cn.nianbao.template.ReportFormat;
import cn.nianbao.template.RowDef;
import cn.nianbao.template.TableDef;
import cn.nianbao.template.TemplateCatalogue;
import cn.nianbao.template.ValueKind;

/**
 * {@code summary-<unit_code>-<year>.xlsx}: the roll-up of one unit drawn in the official layout of its
 * format (tables 二/三/四, built from the catalogue, not hard-coded), and a sheet 「分单位明细」 with each
 * included report's values and the coverage (who is in, who is missing, who has errors).
 *
 * <p>All tables share one grid of equally wide columns so they line up on one printed page: the grid is
 * as wide as the widest table (table 四 draws its 3 × 5 cells side by side, so 15 columns). Narrower
 * tables spread their columns over the grid, the label area taking the rest.
 */
public final class SummaryWorkbookWriter {

    public static final String MAIN_SHEET = "汇总表";
    public static final String DETAIL_SHEET = "分单位明细";

    /** Width of one grid column in characters. */
    private static final int GRID_COLUMN_CHARS = 9;
    /** Fixed columns before the datapoints on the detail sheet. */
    private static final List<String> DETAIL_FIXED = List.of("单位代码", "单位名称", "类型", "本级/汇总", "来源文件");

    private final TemplateCatalogue catalogue;

    public SummaryWorkbookWriter(TemplateCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** {@code summary-<unit_code>-<year>.xlsx}, the code made safe as a file name. */
    public static String fileName(UnitTotal unit) {
        return "summary-" + safeFilePart(unit.unit().code()) + "-" + unit.year() + ".xlsx";
    }

    static String safeFilePart(String s) {
        String cleaned = s == null ? "" : s.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_").trim();
        return cleaned.isEmpty() || cleaned.startsWith(".") ? "_" + cleaned : cleaned;
    }

    /**
     * A hash of everything the workbook shows: the program (which draws its layout), the file's path, the unit and year,
     * the format, the sums, each included report's agency, scope, file and content hash (its row of values), the
     * expected and missing agencies, the optional rows present, and the note on agencies with errors.
     */
    public String contentKey(UnitTotal unit, List<Finding> findings, String program, Path target) {
        java.security.MessageDigest md = cn.nianbao.model.Sha256.digest();
        java.util.function.Consumer<String> field = text -> cn.nianbao.model.Sha256.field(md, text == null ? "\u0000null" : text);
        field.accept(program);
        field.accept(target.toAbsolutePath().toString());
        field.accept(unit.unit().code());
        field.accept(unit.unit().name());
        field.accept(String.valueOf(unit.year()));
        field.accept(unit.format());
        for (Map.Entry<String, BigDecimal> e : unit.values().entrySet()) {
            field.accept(e.getKey());
            field.accept(e.getValue() == null ? null : e.getValue().toPlainString());
        }
        field.accept("included");
        for (ReportHeader r : unit.included()) {
            field.accept(r.agency().code());
            field.accept(r.agency().name());
            field.accept(r.agency().kind());
            field.accept(r.scope() == null ? null : r.scope().name());
            field.accept(r.submission() == null ? null : r.submission().path());
            field.accept(r.submission() == null ? null : r.submission().sha256());
        }
        for (List<Agency> agencies : java.util.Arrays.asList(unit.expected(), unit.missing())) {
            field.accept(agencies == null ? "none" : "agencies");
            for (Agency a : agencies == null ? List.<Agency>of() : agencies) {
                field.accept(a.code());
                field.accept(a.name());
            }
        }
        // sorted: which reports were visited first (validate's pass or the roll-up's own) must not change the key
        field.accept(errorNote(unit, findings == null ? List.of() : findings));
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    /**
     * Writes the workbook atomically to {@code target}. {@code findings} are all of the run's findings; the included
     * reports' datapoints are read from {@code content}.
     */
    public Path write(UnitTotal unit, List<Finding> findings, Path target, ReportContent content) throws IOException {
        // The official layout is small and drawn in memory; the detail sheet has a row per agency (thousands
        // in a large unit, ~200 columns each) and is streamed to disk through a window of rows.
        ReportFormat format = catalogue.require(unit.format());
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            XlsxStyles styles = new XlsxStyles(workbook);
            new MainSheet(workbook.createSheet(MAIN_SHEET), styles, format, unit).draw();
            SXSSFWorkbook streaming = new SXSSFWorkbook(workbook, DETAIL_ROW_WINDOW);
            try {
                drawDetail(streaming.createSheet(DETAIL_SHEET), styles, format, unit, findings == null ? List.of() : findings,
                        content);
                return AtomicFiles.write(target, streaming::write);
            } finally {
                streaming.dispose();
            }
        }
    }

    /** Rows of the detail sheet kept in memory while writing it (the header rows are written first). */
    private static final int DETAIL_ROW_WINDOW = 100;

    /** Builds the workbook in memory (tests read it back without a file). */
    public XSSFWorkbook build(UnitTotal unit, List<Finding> findings, ReportContent content) {
        ReportFormat format = catalogue.require(unit.format());
        XSSFWorkbook workbook = new XSSFWorkbook();
        XlsxStyles styles = new XlsxStyles(workbook);
        new MainSheet(workbook.createSheet(MAIN_SHEET), styles, format, unit).draw();
        drawDetail(workbook.createSheet(DETAIL_SHEET), styles, format, unit, findings == null ? List.of() : findings, content);
        return workbook;
    }

    // ---------------------------------------------------------------------------------------------
    // The official layout

    private static final class MainSheet {
        private final XSSFSheet sheet;
        private final XlsxStyles styles;
        private final ReportFormat format;
        private final UnitTotal unit;
        private final int width;
        private int row;

        MainSheet(XSSFSheet sheet, XlsxStyles styles, ReportFormat format, UnitTotal unit) {
            this.sheet = sheet;
            this.styles = styles;
            this.format = format;
            this.unit = unit;
            this.width = gridWidth(format);
        }

        void draw() {
            for (int c = 0; c < width; c++) {
                sheet.setColumnWidth(c, GRID_COLUMN_CHARS * 256);
            }
            String title = unit.unit().name() + " " + unit.year() + "年政府信息公开工作年度报告汇总表";
            box(sheet, row, row, 0, width - 1, title, styles.title);
            XlsxStyles.row(sheet, row).setHeightInPoints(30);
            row++;
            text(coverageSentence(unit) + "格式：" + format.name() + "。", styles.note);
            row++;
            for (TableDef table : format.tables()) {
                box(sheet, row, row, 0, width - 1, table.title(), styles.tableTitle);
                XlsxStyles.row(sheet, row).setHeightInPoints(20);
                row++;
                TableLayout layout = new TableLayout(table, width);
                for (BlockDef block : table.blocks()) {
                    if (block.rowsAreColumnGroups()) {
                        drawColumnGroupBlock(table, block);
                    } else {
                        drawRowBlock(table, block, layout);
                    }
                }
                row++;
            }
            text("注：本表各数为已纳入报告的逐格合计；各单位的数值见「" + DETAIL_SHEET + "」工作表。", styles.note);
            printSetup(sheet, false);
        }

        private void text(String text, CellStyle style) {
            box(sheet, row, row, 0, width - 1, text, style);
            ensureHeight(sheet, row, lines(text, width * GRID_COLUMN_CHARS));
            row++;
        }

        /** A block drawn the usual way: a header row of column labels, one sheet row per template row. */
        private void drawRowBlock(TableDef table, BlockDef block, TableLayout layout) {
            if (block.header() != null) {
                box(sheet, row, row, 0, width - 1, block.header(), styles.header);
                ensureHeight(sheet, row, 1);
                row++;
            }
            List<ColumnDef> columns = block.columns();
            int headerDepth = 1 + columns.stream().mapToInt(c -> c.group().size()).max().orElse(0);
            int first = row;
            int last = row + headerDepth - 1;
            String corner = block.corner() == null ? "" : block.corner();
            box(sheet, first, last, 0, layout.labelWidth - 1, corner, styles.header);
            spreadHeight(first, last, lines(corner, layout.labelWidth * GRID_COLUMN_CHARS));
            // the group headers above the columns (申请人情况, 法人或其他组织), one level per sheet row
            for (int level = 0; level < headerDepth - 1; level++) {
                int i = 0;
                while (i < columns.size()) {
                    if (columns.get(i).group().size() <= level) {
                        i++;
                        continue;
                    }
                    int j = i;
                    List<String> prefix = columns.get(i).group().subList(0, level + 1);
                    while (j + 1 < columns.size() && columns.get(j + 1).group().size() > level
                            && columns.get(j + 1).group().subList(0, level + 1).equals(prefix)) {
                        j++;
                    }
                    box(sheet, first + level, first + level, layout.columnStart(i), layout.columnEnd(j, columns.size()),
                            prefix.get(level), styles.header);
                    i = j + 1;
                }
            }
            // the column labels, each from below its groups down to the last header row
            for (int i = 0; i < columns.size(); i++) {
                ColumnDef column = columns.get(i);
                int top = first + column.group().size();
                int start = layout.columnStart(i);
                int end = layout.columnEnd(i, columns.size());
                box(sheet, top, last, start, end, column.label(), styles.header);
                if (top == last) {
                    ensureHeight(sheet, last, lines(column.label(), (end - start + 1) * GRID_COLUMN_CHARS));
                }
            }
            row = last + 1;

            List<RowDef> rows = visibleRows(table, block);
            int bodyFirst = row;
            // the merged group labels left of the rows (三、本年度办理结果, （三）不予公开), outermost first
            for (int level = 0; level < layout.labelDepth - 1; level++) {
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
                    box(sheet, bodyFirst + i, bodyFirst + j, level, level, prefix.get(level), styles.groupLabel);
                    i = j + 1;
                }
            }
            for (RowDef r : rows) {
                // a row with fewer group levels than the table has spans the unused label columns
                int labelStart = r.groups().size();
                String label = r.optional() ? r.label() + "（小计）" : r.label();
                box(sheet, row, row, labelStart, layout.labelWidth - 1, label, styles.label);
                ensureHeight(sheet, row, lines(label, (layout.labelWidth - labelStart) * GRID_COLUMN_CHARS));
                for (int i = 0; i < columns.size(); i++) {
                    ColumnDef column = columns.get(i);
                    Cell cell = box(sheet, row, row, layout.columnStart(i), layout.columnEnd(i, columns.size()), null,
                            valueStyle(column.kind()));
                    setValue(cell, unit.values().get(table.id() + "." + r.id() + "." + column.id()));
                }
                row++;
            }
        }

        /**
         * Table 四: each template row is a group of columns side by side (行政复议 | 行政诉讼: 未经复议直接起诉 |
         * 复议后起诉), the column labels repeated under each, and a single row of numbers.
         */
        private void drawColumnGroupBlock(TableDef table, BlockDef block) {
            List<RowDef> groups = block.rows();
            List<ColumnDef> columns = block.columns();
            int cells = groups.size() * columns.size();
            int span = Math.max(1, width / cells);
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
                    box(sheet, first + level, first + level, i * columns.size() * span,
                            cellEnd(j, columns.size() - 1, columns.size(), span, cells), prefix.get(level), styles.header);
                    i = j + 1;
                }
            }
            for (int g = 0; g < groups.size(); g++) {
                RowDef group = groups.get(g);
                box(sheet, first + group.groups().size(), first + pathDepth - 1, g * columns.size() * span,
                        cellEnd(g, columns.size() - 1, columns.size(), span, cells), group.label(), styles.header);
            }
            int labelRow = first + pathDepth;
            int valueRow = labelRow + 1;
            for (int g = 0; g < groups.size(); g++) {
                for (int c = 0; c < columns.size(); c++) {
                    int start = (g * columns.size() + c) * span;
                    int end = cellEnd(g, c, columns.size(), span, cells);
                    ColumnDef column = columns.get(c);
                    box(sheet, labelRow, labelRow, start, end, column.label(), styles.header);
                    ensureHeight(sheet, labelRow, lines(column.label(), (end - start + 1) * GRID_COLUMN_CHARS));
                    Cell cell = box(sheet, valueRow, valueRow, start, end, null, valueStyle(column.kind()));
                    setValue(cell, unit.values().get(table.id() + "." + groups.get(g).id() + "." + column.id()));
                }
            }
            for (int r = first; r <= valueRow; r++) {
                ensureHeight(sheet, r, 1);
            }
            row = valueRow + 1;
        }

        private int cellEnd(int group, int column, int columnsPerGroup, int span, int cells) {
            int index = group * columnsPerGroup + column;
            return index == cells - 1 ? width - 1 : (index + 1) * span - 1; // the last cell takes any remainder
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

        private CellStyle valueStyle(ValueKind kind) {
            return kind != null && kind.isAmount() ? styles.amount : styles.count;
        }

        /** Spreads the lines a vertically merged header needs over its rows. */
        private void spreadHeight(int first, int last, int lines) {
            int rows = last - first + 1;
            int each = (lines + rows - 1) / rows;
            for (int r = first; r <= last; r++) {
                ensureHeight(sheet, r, each);
            }
        }
    }

    /** How a row-drawn table spreads over the grid: label columns on the left, then equal data columns. */
    private static final class TableLayout {
        final int width;
        final int labelDepth;
        final int dataSpan;
        final int labelWidth;

        TableLayout(TableDef table, int width) {
            this.width = width;
            int maxColumns = 1;
            int depth = 1;
            for (BlockDef block : table.blocks()) {
                if (block.rowsAreColumnGroups()) {
                    continue;
                }
                maxColumns = Math.max(maxColumns, block.columns().size());
                for (RowDef r : block.rows()) {
                    depth = Math.max(depth, r.groups().size() + 1);
                }
            }
            this.labelDepth = depth;
            // a label about as wide as one data column group (A: 6 + 3×3), but never narrower than its levels + 1
            int span = Math.max(1, width / (maxColumns + 1));
            while (span > 1 && width - span * maxColumns < depth + 1) {
                span--;
            }
            this.dataSpan = span;
            this.labelWidth = width - span * maxColumns;
        }

        int columnStart(int index) {
            return labelWidth + index * dataSpan;
        }

        /** The last grid column of data column {@code index}; the block's last column reaches the right edge. */
        int columnEnd(int index, int columnsInBlock) {
            return index == columnsInBlock - 1 ? width - 1 : columnStart(index) + dataSpan - 1;
        }
    }

    /** Grid columns the format needs: the widest of its tables. */
    static int gridWidth(ReportFormat format) {
        int width = 1;
        for (TableDef table : format.tables()) {
            int depth = 1;
            for (BlockDef block : table.blocks()) {
                for (RowDef r : block.rows()) {
                    depth = Math.max(depth, r.groups().size() + 1);
                }
            }
            for (BlockDef block : table.blocks()) {
                if (block.rowsAreColumnGroups()) {
                    width = Math.max(width, block.rows().size() * block.columns().size());
                } else {
                    width = Math.max(width, depth + 1 + block.columns().size());
                }
            }
        }
        return width;
    }

    private static void setValue(Cell cell, BigDecimal value) {
        if (value != null) {
            cell.setCellValue(value.doubleValue());
        }
    }

    static String coverageSentence(UnitTotal unit) {
        int included = unit.included().size();
        if (unit.expected() == null || unit.expected().isEmpty()) {
            return "纳入报告 " + included + " 份（未提供应报单位名单，未作完整性检查）。";
        }
        int missing = unit.missing() == null ? 0 : unit.missing().size();
        return "应报单位 " + unit.expected().size() + " 个，纳入报告 " + included + " 份，缺报 " + missing + " 个。";
    }

    // ---------------------------------------------------------------------------------------------
    // 分单位明细

    /**
     * One row per included report, one column per datapoint (official order). Wide rather than one row per
     * agency × datapoint because an auditor reads it against the summary: filter or sort a column to see
     * which agencies make up a total, compare agencies side by side, and the 合计 row lines up under them.
     * The long form (one row per agency × datapoint) is facts.csv, for pivot tables and other tools.
     */
    private void drawDetail(Sheet sheet, XlsxStyles styles, ReportFormat format, UnitTotal unit,
                            List<Finding> findings, ReportContent content) {
        List<DatapointDef> datapoints = new ArrayList<>();
        Set<String> present = null;
        for (DatapointDef def : format.datapoints().values()) {
            if (def.row().optional() && present == null && !unit.values().containsKey(def.id())) {
                // whether any included report has the optional row
                present = content.datapointIds(unit.included());
            }
            if (!def.row().optional() || unit.values().containsKey(def.id()) || present.contains(def.id())) {
                datapoints.add(def);
            }
        }
        int fixed = DETAIL_FIXED.size();
        // notes wrap over the first columns, which fit on the first printed page
        int noteWidth = Math.min(fixed + datapoints.size(), fixed + 2);
        int noteChars = 0;
        for (int c = 0; c < fixed + datapoints.size(); c++) {
            int chars = c < fixed ? (c == 1 || c == 4 ? 24 : 10) : 14;
            sheet.setColumnWidth(c, chars * 256);
            if (c < noteWidth) {
                noteChars += chars;
            }
        }

        int r = 0;
        box(sheet, r, r, 0, noteWidth - 1, unit.unit().name() + " " + unit.year() + "年 分单位明细", styles.title);
        XlsxStyles.row(sheet, r).setHeightInPoints(26);
        r++;
        List<String> notes = new ArrayList<>();
        notes.add(coverageSentence(unit));
        notes.add("已纳入（" + unit.included().size() + "）：" + joinNames(unit.included().stream().map(ReportHeader::agency).toList()));
        if (unit.expected() != null && !unit.expected().isEmpty()) {
            List<Agency> missing = unit.missing() == null ? List.of() : unit.missing();
            notes.add("缺报（" + missing.size() + "）：" + (missing.isEmpty() ? "无" : joinNames(missing)));
        }
        for (String note : notes) {
            box(sheet, r, r, 0, noteWidth - 1, note, styles.note);
            ensureHeight(sheet, r, lines(note, noteChars));
            r++;
        }
        String errors = errorNote(unit, findings);
        if (errors != null) {
            box(sheet, r, r, 0, noteWidth - 1, errors, styles.noteError);
            ensureHeight(sheet, r, lines(errors, noteChars));
            r++;
        }
        r++;

        int labelRow = r;
        int idRow = r + 1;
        for (int c = 0; c < fixed; c++) {
            box(sheet, labelRow, idRow, c, c, DETAIL_FIXED.get(c), styles.header);
        }
        int labelLines = 1;
        for (int i = 0; i < datapoints.size(); i++) {
            DatapointDef def = datapoints.get(i);
            String label = detailLabel(def);
            box(sheet, labelRow, labelRow, fixed + i, fixed + i, label, styles.header);
            box(sheet, idRow, idRow, fixed + i, fixed + i, def.id(), styles.header);
            labelLines = Math.max(labelLines, lines(label, 14));
        }
        ensureHeight(sheet, labelRow, Math.min(labelLines, 10));
        ensureHeight(sheet, idRow, 3); // ids like B.REFUSED_5.NONPROFIT wrap
        int[] next = {idRow + 1};
        // one row per agency, its cells made directly (thousands of rows of ~200 cells in a city's workbook)
        CellStyle[] valueStyles = new CellStyle[datapoints.size()];
        for (int i = 0; i < datapoints.size(); i++) {
            valueStyles[i] = datapoints.get(i).kind().isAmount() ? styles.amount : styles.count;
        }
        content.forEachValues(unit.included(), report -> {
            Row row = sheet.createRow(next[0]++);
            Agency agency = report.agency();
            textCell(row, 0, agency.code(), styles.text);
            textCell(row, 1, agency.name(), styles.text);
            textCell(row, 2, agency.kind(), styles.text);
            textCell(row, 3, report.scope() == null ? "" : report.scope().chinese(), styles.text);
            textCell(row, 4, report.submission() == null ? "" : report.submission().path(), styles.text);
            for (int i = 0; i < datapoints.size(); i++) {
                Cell cell = row.createCell(fixed + i);
                cell.setCellStyle(valueStyles[i]);
                Datapoint dp = report.datapoints().get(datapoints.get(i).id());
                if (dp != null && !dp.blank()) {
                    setValue(cell, dp.value());
                }
            }
        });
        r = next[0];
        int lastDataRow = r - 1;
        // within the first two columns, so it shows on every printed page (they repeat)
        box(sheet, r, r, 0, 1, "合计（汇总表数值）", styles.header);
        box(sheet, r, r, 2, fixed - 1, null, styles.header);
        for (int i = 0; i < datapoints.size(); i++) {
            DatapointDef def = datapoints.get(i);
            Cell cell = box(sheet, r, r, fixed + i, fixed + i, null, def.kind().isAmount() ? styles.amount : styles.count);
            setValue(cell, unit.values().get(def.id()));
        }
        sheet.setAutoFilter(new CellRangeAddress(idRow, Math.max(idRow, lastDataRow), 0, fixed + datapoints.size() - 1));
        sheet.createFreezePane(2, idRow + 1);
        // ~200 datapoint columns cannot fit one page wide legibly: print across pages instead, repeating
        // the agency columns and the header rows on every page
        printSetup(sheet, true);
        sheet.setFitToPage(false);
        sheet.setRepeatingRows(new CellRangeAddress(labelRow, idRow, -1, -1));
        sheet.setRepeatingColumns(new CellRangeAddress(-1, -1, 0, 1));
    }

    /** A one-cell text as {@link XlsxStyles#box} writes it, in a row just created. */
    private static void textCell(Row row, int column, String text, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellStyle(style);
        if (text != null) {
            cell.setCellValue(text.length() <= XlsxStyles.MAX_CELL_CHARS ? text : text.substring(0, XlsxStyles.MAX_CELL_CHARS - 1) + "…");
        }
    }

    /** 「（三）不予公开 1.属于国家秘密 · 自然人」: the innermost group keeps sub-item labels apart. */
    private static String detailLabel(DatapointDef def) {
        List<String> groups = def.row().groups();
        String row = groups.size() > 1 ? groups.get(groups.size() - 1) + " " + def.row().label()
                : groups.size() == 1 && def.block().rowsAreColumnGroups() ? groups.get(0) + " " + def.row().label()
                : def.row().label();
        String header = def.block().header() == null ? "" : def.block().header() + " ";
        return def.table().title().substring(0, 1) + "、" + header + row + " · " + def.column().label();
    }

    /**
     * Room for a list of names in one note cell: Excel refuses a cell over 32,767 characters, and a unit of
     * thousands of agencies would exceed it. The detail sheet lists every agency in its own row anyway.
     */
    static final int NOTE_LIST_MAX_CHARS = 30_000;

    private static String joinNames(List<Agency> agencies) {
        if (agencies.isEmpty()) {
            return "无";
        }
        return joinCapped(agencies.stream().map(a -> a.name() + "（" + a.code() + "）").toList(), "、", NOTE_LIST_MAX_CHARS);
    }

    /** The parts joined; when that would exceed {@code maxChars}, as many as fit followed by 「等 n 个单位」. */
    static String joinCapped(List<String> parts, String separator, int maxChars) {
        String all = String.join(separator, parts);
        if (all.length() <= maxChars) {
            return all;
        }
        String suffix = "等 " + parts.size() + " 个单位";
        StringBuilder b = new StringBuilder();
        for (String part : parts) {
            int extra = (b.length() == 0 ? 0 : separator.length()) + part.length();
            if (b.length() + extra + suffix.length() > maxChars) {
                break;
            }
            if (b.length() > 0) {
                b.append(separator);
            }
            b.append(part);
        }
        return b.append(suffix).toString();
    }

    /** 「以下单位存在错误：…」 for included agencies with ERROR findings of this year, or null when none. */
    static String errorNote(UnitTotal unit, List<Finding> findings) {
        Map<String, Agency> included = new LinkedHashMap<>();
        for (ReportHeader report : unit.included()) {
            included.put(report.agency().code(), report.agency());
        }
        // the unit's errors first, then only they are put in order (not all of a province's findings, for each unit twice)
        List<Finding> errors = new ArrayList<>();
        for (Finding f : findings) {
            if (f.severity() == Severity.ERROR && f.agencyCode() != null && included.containsKey(f.agencyCode())
                    && (f.year() == null || f.year() == unit.year())) {
                errors.add(f);
            }
        }
        Map<String, Set<String>> rulesByAgency = new LinkedHashMap<>();
        Map<String, Integer> countByAgency = new LinkedHashMap<>();
        for (Finding f : FindingOrder.sorted(errors)) {
            rulesByAgency.computeIfAbsent(f.agencyCode(), k -> new LinkedHashSet<>()).add(f.rule());
            countByAgency.merge(f.agencyCode(), 1, Integer::sum);
        }
        if (rulesByAgency.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : rulesByAgency.entrySet()) {
            parts.add(included.get(e.getKey()).name() + "（" + countByAgency.get(e.getKey()) + " 项："
                    + String.join("、", e.getValue()) + "）");
        }
        return "以下单位存在错误：" + joinCapped(parts, "；", NOTE_LIST_MAX_CHARS) + "。汇总数含有这些单位的数值，请核实后使用；明细见 exceptions.xlsx。";
    }

    static void printSetup(Sheet sheet, boolean landscape) {
        PrintSetup print = sheet.getPrintSetup();
        print.setPaperSize(PrintSetup.A4_PAPERSIZE);
        print.setLandscape(landscape);
        print.setFitWidth((short) 1);
        print.setFitHeight((short) 0); // as many pages down as needed
        sheet.setFitToPage(true);
        sheet.setHorizontallyCenter(true);
        sheet.setMargin(Sheet.LeftMargin, 0.5);
        sheet.setMargin(Sheet.RightMargin, 0.5);
        sheet.setMargin(Sheet.TopMargin, 0.6);
        sheet.setMargin(Sheet.BottomMargin, 0.6);
    }
}
