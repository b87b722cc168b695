package cn.nianbao.samples;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import cn.nianbao.template.BlockDef;
import cn.nianbao.template.ColumnDef;
import cn.nianbao.template.DatapointDef;
import cn.nianbao.template.ReportFormat;
import cn.nianbao.template.RowDef;
import cn.nianbao.template.TableDef;
import cn.nianbao.template.TemplateCatalogue;
import cn.nianbao.template.ValueKind;

/**
 * Writes a {@link SampleReport} as an .xlsx or .xls workbook in a chosen {@link Layout}.
 *
 * <p>All labels, their order and the header structure come from the template catalogue, so this class
 * holds no second copy of the official tables. The few ids it names (TOTAL, RESULT_TOTAL, the lost
 * group 「（三）不予公开」) are the ones the rules in the spec name too.
 *
 * <p>Thread-safe: one instance can write many workbooks concurrently (each call has its own draft).
 */
public final class SampleWorkbookWriter {

    /** The column that sums the other columns of its row (tables B and C). */
    static final String TOTAL_COLUMN = "TOTAL";
    /** The row of table B that sums the outcome rows. */
    static final String RESULT_TOTAL_ROW = "RESULT_TOTAL";
    /** The group label the seed report lost (layout GROUP_LABEL_MISSING drops it). */
    static final String LOST_GROUP_LABEL = "（三）不予公开";

    private static final String[] BLANK_MARKERS = {"—", "/", "无"};

    private final TemplateCatalogue catalogue;

    public SampleWorkbookWriter() {
        this(TemplateCatalogue.load());
    }

    public SampleWorkbookWriter(TemplateCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /**
     * Writes the report to {@code file} (a name ending in .xls gives HSSF, anything else XSSF) and
     * returns where each datapoint went: datapoint id → 「sheet!A1」.
     */
    public Map<String, String> write(SampleReport report, Set<Layout> layout, Path file) throws IOException {
        boolean xls = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xls");
        try (Workbook wb = xls ? new HSSFWorkbook() : new XSSFWorkbook()) {
            Draft draft = new Draft(wb, report, layout, catalogue.require(report.formatId()));
            draft.draw();
            if (layout.contains(Layout.FORMULAS)) {
                // cached values, so readers that do not evaluate formulas still see the numbers
                wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
            }
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
            return draft.cells;
        }
    }

    /**
     * Draws one table of the report at the top-left of {@code sheet}, as {@link #write} draws it in a workbook,
     * and returns where each datapoint went (datapoint id → 「sheet!A1」). The Word writer lays each table out
     * this way and turns the sheet into a Word table, so both draw the official headers from one place.
     */
    Map<String, String> drawTable(Sheet sheet, SampleReport report, Set<Layout> layout, TableDef table) {
        Draft draft = new Draft(sheet.getWorkbook(), report, layout, catalogue.require(report.formatId()));
        draft.writeTable(sheet, 0, 0, table);
        return draft.cells;
    }

    /** The state of one workbook being drawn. */
    private static final class Draft {
        final Workbook wb;
        final SampleReport report;
        final Set<Layout> layout;
        final ReportFormat format;
        final Map<String, String> cells = new LinkedHashMap<>();
        final CellStyle titleStyle;
        final CellStyle headingStyle;
        final CellStyle paragraphStyle;
        final CellStyle headerStyle;
        final CellStyle labelStyle;
        final CellStyle numberStyle;
        final CellStyle textNumberStyle;
        int blanksWritten;

        Draft(Workbook wb, SampleReport report, Set<Layout> layout, ReportFormat format) {
            this.wb = wb;
            this.report = report;
            this.layout = layout;
            this.format = format;
            Font bold = wb.createFont();
            bold.setBold(true);
            Font big = wb.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 14);
            titleStyle = wb.createCellStyle();
            titleStyle.setFont(big);
            headingStyle = wb.createCellStyle();
            headingStyle.setFont(bold);
            paragraphStyle = wb.createCellStyle();
            headerStyle = bordered();
            headerStyle.setFont(bold);
            headerStyle.setAlignment(HorizontalAlignment.CENTER);
            headerStyle.setWrapText(true);
            labelStyle = bordered();
            labelStyle.setWrapText(true);
            numberStyle = bordered();
            numberStyle.setAlignment(HorizontalAlignment.CENTER);
            textNumberStyle = bordered();
            textNumberStyle.setAlignment(HorizontalAlignment.CENTER);
            textNumberStyle.setDataFormat(wb.createDataFormat().getFormat("@"));
        }

        private CellStyle bordered() {
            CellStyle s = wb.createCellStyle();
            s.setBorderTop(BorderStyle.THIN);
            s.setBorderBottom(BorderStyle.THIN);
            s.setBorderLeft(BorderStyle.THIN);
            s.setBorderRight(BorderStyle.THIN);
            s.setVerticalAlignment(VerticalAlignment.CENTER);
            return s;
        }

        void draw() {
            int year = report.year();
            if (layout.contains(Layout.SHEET_PER_TABLE)) {
                Sheet cover = wb.createSheet("填报说明");
                put(cover, 0, 0, report.title(), titleStyle);
                put(cover, 2, 0, "填报说明", headingStyle);
                put(cover, 3, 0, "1. 本表按" + format.name() + "填报，数据统计时限为" + year + "年1月1日至" + year + "年12月31日。", paragraphStyle);
                put(cover, 4, 0, "2. 「主动公开」「依申请」「复议诉讼」三张表分别对应年度报告第二、三、四部分，请勿增删行列。", paragraphStyle);
                put(cover, 5, 0, "3. 没有发生的事项填 0。", paragraphStyle);
                widen(cover, 0, 90);
                // a different order from the report's on purpose: readers must not rely on it
                for (String tableId : List.of("C", "A", "B")) {
                    TableDef table = format.table(tableId).orElseThrow();
                    Sheet sheet = wb.createSheet(sheetName(tableId));
                    put(sheet, 0, 0, heading(table), headingStyle);
                    writeTable(sheet, 1, 0, table);
                }
                return;
            }
            Sheet sheet = wb.createSheet(year + "年报");
            boolean shifted = layout.contains(Layout.SHIFTED);
            int col = shifted ? 2 : 0;
            int row;
            if (shifted) {
                put(sheet, 1, col, report.title(), titleStyle);
                put(sheet, 3, col, "一、总体情况", headingStyle);
                put(sheet, 4, col, "本年度，我单位认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政务公开标准化规范化建设，"
                        + "及时回应社会关切。本报告中所列数据的统计时限为" + year + "年1月1日至" + year + "年12月31日。", paragraphStyle);
                put(sheet, 5, col, "各项统计数据如下。", paragraphStyle);
                row = 7;
            } else {
                put(sheet, 0, col, report.title(), titleStyle);
                row = 2;
            }
            for (TableDef table : format.tables()) {
                put(sheet, row++, col, heading(table), headingStyle);
                row = writeTable(sheet, row, col, table);
                if (shifted) {
                    row++;
                    put(sheet, row++, col, "注：上表数据统计时限为" + year + "年1月1日至" + year + "年12月31日。", paragraphStyle);
                    row++;
                }
                row++;
            }
        }

        private static String sheetName(String tableId) {
            return switch (tableId) {
                case "A" -> "主动公开";
                case "B" -> "依申请";
                case "C" -> "复议诉讼";
                default -> "表" + tableId;
            };
        }

        private String heading(TableDef table) {
            // LABEL_NOISE uses a heading variant real reports use (「二、政府信息主动公开情况」)
            if (layout.contains(Layout.LABEL_NOISE) && !table.aliases().isEmpty()
                    && table.aliases().get(0).startsWith(table.title().substring(0, 2))) {
                return table.aliases().get(0);
            }
            return table.title();
        }

        /** Writes one table at (row, col) and returns the next free row. */
        int writeTable(Sheet sheet, int row, int col, TableDef table) {
            for (BlockDef block : table.blocks()) {
                if (block.header() != null) {
                    int width = 1 + block.columns().size();
                    put(sheet, row, col, noise(block.header()), headerStyle);
                    merge(sheet, row, row, col, col + width - 1, headerStyle);
                    row++;
                }
                if (block.rowsAreColumnGroups() && !layout.contains(Layout.TABLE_C_VERTICAL)) {
                    row = writeWideTable(sheet, row, col, table, block);
                } else {
                    row = writeRowTable(sheet, row, col, table, block);
                }
            }
            return row;
        }

        /** A table whose rows are rows (tables A and B, and C when vertical): label columns, then value columns. */
        int writeRowTable(Sheet sheet, int top, int left, TableDef table, BlockDef block) {
            List<RowDef> rows = new ArrayList<>();
            for (RowDef r : block.rows()) {
                if (!r.optional() || (layout.contains(Layout.SUBTOTAL_ROWS) && hasAnyValue(table, block, r))) {
                    rows.add(r);
                }
            }
            List<List<String>> labelPaths = new ArrayList<>();
            int labelColumns = 1;
            for (RowDef r : rows) {
                List<String> path = labelPath(r, rows);
                labelPaths.add(path);
                labelColumns = Math.max(labelColumns, path.size());
            }
            List<List<String>> columnPaths = new ArrayList<>();
            for (ColumnDef c : block.columns()) {
                List<String> path = new ArrayList<>();
                for (String g : c.group()) {
                    path.add(noise(g));
                }
                path.add(columnLabel(c));
                columnPaths.add(path);
            }
            int depth = columnPaths.stream().mapToInt(List::size).max().orElse(1);

            // header: the corner over the label columns, then the column headers
            put(sheet, top, left, block.corner() == null ? "" : noise(block.corner()), headerStyle);
            merge(sheet, top, top + depth - 1, left, left + labelColumns - 1, headerStyle);
            int valueLeft = left + labelColumns;
            writeHeaderGrid(sheet, top, valueLeft, columnPaths, depth);

            int first = top + depth;
            writeLabelColumns(sheet, first, left, labelPaths, labelColumns);

            // the outcome rows (what （七）总计 sums): the grouped rows that are not subtotals
            List<Integer> outcomeRows = new ArrayList<>();
            List<RowDef> outcomeDefs = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                RowDef r = rows.get(i);
                if (!r.groups().isEmpty() && !r.optional() && !r.id().equals(RESULT_TOTAL_ROW)) {
                    outcomeRows.add(first + i);
                    outcomeDefs.add(r);
                }
            }
            for (int i = 0; i < rows.size(); i++) {
                RowDef r = rows.get(i);
                for (int j = 0; j < block.columns().size(); j++) {
                    ColumnDef c = block.columns().get(j);
                    DatapointDef dp = datapoint(table, r, c);
                    String formula = null;
                    if (layout.contains(Layout.FORMULAS)) {
                        formula = rowSumFormula(table, block, r, c, first + i, valueLeft + j);
                        if (formula == null && r.id().equals(RESULT_TOTAL_ROW)) {
                            formula = columnSumFormula(table, outcomeDefs, outcomeRows, dp, c, valueLeft + j);
                        }
                    }
                    writeValue(sheet, first + i, valueLeft + j, dp, formula);
                }
            }
            for (int j = 0; j < block.columns().size(); j++) {
                widen(sheet, valueLeft + j, 10);
            }
            return first + rows.size();
        }

        /** Table C in the official wide layout: each row def becomes a group of columns, one data row. */
        int writeWideTable(Sheet sheet, int top, int left, TableDef table, BlockDef block) {
            List<List<String>> paths = new ArrayList<>();
            List<DatapointDef> dps = new ArrayList<>();
            for (RowDef r : block.rows()) {
                for (ColumnDef c : block.columns()) {
                    List<String> path = new ArrayList<>();
                    for (String g : r.groups()) {
                        path.add(noise(g));
                    }
                    path.add(noise(r.label()));
                    path.add(columnLabel(c));
                    paths.add(path);
                    dps.add(datapoint(table, r, c));
                }
            }
            int depth = paths.stream().mapToInt(List::size).max().orElse(1);
            writeHeaderGrid(sheet, top, left, paths, depth);
            int dataRow = top + depth;
            for (int j = 0; j < dps.size(); j++) {
                DatapointDef dp = dps.get(j);
                String formula = layout.contains(Layout.FORMULAS)
                        ? rowSumFormula(table, block, dp.row(), dp.column(), dataRow, left + j) : null;
                writeValue(sheet, dataRow, left + j, dp, formula);
                widen(sheet, left + j, 8);
            }
            return dataRow + 1;
        }

        /**
         * Column headers from label paths (outermost group first). A group spans the adjacent columns
         * that share it; a leaf that ends above the last header row is merged down to it.
         */
        void writeHeaderGrid(Sheet sheet, int top, int left, List<List<String>> paths, int depth) {
            int n = paths.size();
            for (int level = 0; level < depth; level++) {
                int j = 0;
                while (j < n) {
                    List<String> p = paths.get(j);
                    if (p.size() <= level) {
                        j++;
                        continue;
                    }
                    boolean leaf = level == p.size() - 1;
                    int end = j;
                    if (!leaf) {
                        List<String> prefix = p.subList(0, level + 1);
                        while (end + 1 < n && paths.get(end + 1).size() > level + 1
                                && paths.get(end + 1).subList(0, level + 1).equals(prefix)) {
                            end++;
                        }
                    }
                    put(sheet, top + level, left + j, p.get(level), headerStyle);
                    int bottom = leaf ? top + depth - 1 : top + level;
                    merge(sheet, top + level, bottom, left + j, left + end, headerStyle);
                    j = end + 1;
                }
            }
        }

        /**
         * The row labels: groups in the left columns (merged down over the rows that share them), the
         * row's own label in the next column, merged right to the last label column. A null group is
         * a deliberately empty cell.
         */
        void writeLabelColumns(Sheet sheet, int first, int left, List<List<String>> paths, int labelColumns) {
            int n = paths.size();
            for (int i = 0; i < n; i++) {
                List<String> p = paths.get(i);
                int leafCol = left + p.size() - 1;
                put(sheet, first + i, leafCol, p.get(p.size() - 1), labelStyle);
                merge(sheet, first + i, first + i, leafCol, left + labelColumns - 1, labelStyle);
                for (int level = 0; level < p.size() - 1; level++) {
                    put(sheet, first + i, left + level, null, labelStyle);
                }
            }
            for (int level = 0; level < labelColumns - 1; level++) {
                int i = 0;
                while (i < n) {
                    String g = groupAt(paths.get(i), level);
                    if (g == null) {
                        i++;
                        continue;
                    }
                    int end = i;
                    while (end + 1 < n && g.equals(groupAt(paths.get(end + 1), level))) {
                        end++;
                    }
                    put(sheet, first + i, left + level, g, labelStyle);
                    merge(sheet, first + i, first + end, left + level, left + level, labelStyle);
                    i = end + 1;
                }
            }
            // label columns: the innermost one holds the long labels
            for (int level = 0; level < labelColumns; level++) {
                widen(sheet, left + level, level == labelColumns - 1 ? (labelColumns == 1 ? 20 : 30) : 12);
            }
        }

        private static String groupAt(List<String> path, int level) {
            return level < path.size() - 1 ? path.get(level) : null;
        }

        /** The label cells of a row after the layout's variations: groups (maybe null = empty), then the label. */
        List<String> labelPath(RowDef row, List<RowDef> rowsPresent) {
            List<String> groups = new ArrayList<>(row.groups());
            String label = row.label();
            if (!groups.isEmpty()) {
                String inner = groups.get(groups.size() - 1);
                boolean subtotalRowPresent = rowsPresent.stream().anyMatch(r -> r.optional() && r.label().equals(inner));
                if (layout.contains(Layout.GROUP_LABEL_MISSING) && inner.equals(LOST_GROUP_LABEL)) {
                    // as in the seed: the sub-items move left into the group's column
                    groups.remove(groups.size() - 1);
                } else if (subtotalRowPresent) {
                    // the subtotal row above carries the group label; the group cell stays empty
                    groups.set(groups.size() - 1, null);
                }
            }
            if (layout.contains(Layout.GROUP_LABEL_IN_CELL) && groups.size() > 1) {
                // no group column: 「（四）无法提供1.本机关不掌握相关政府信息」 in one cell
                StringBuilder joined = new StringBuilder();
                for (String g : groups.subList(1, groups.size())) {
                    if (g != null) {
                        joined.append(g);
                    }
                }
                label = joined + label;
                groups = new ArrayList<>(groups.subList(0, 1));
            }
            List<String> path = new ArrayList<>();
            for (String g : groups) {
                path.add(g == null ? null : noise(g));
            }
            path.add(noise(label));
            return path;
        }

        private String columnLabel(ColumnDef c) {
            String label = c.label();
            if (c.kind() == ValueKind.YUAN && layout.contains(Layout.MONEY_WAN_HEADER)) {
                label = label + "（万元）";
            }
            return noise(label);
        }

        private boolean hasAnyValue(TableDef table, BlockDef block, RowDef row) {
            for (ColumnDef c : block.columns()) {
                if (report.values().containsKey(datapoint(table, row, c).id())) {
                    return true;
                }
            }
            return false;
        }

        private DatapointDef datapoint(TableDef table, RowDef row, ColumnDef column) {
            String id = table.id() + "." + row.id() + "." + column.id();
            return format.datapoint(id).orElseThrow(() -> new IllegalStateException("no datapoint " + id));
        }

        /**
         * =SUM(...) over the other columns of the row, for a TOTAL cell whose value equals that sum. A
         * deliberately wrong total stays a plain number (a formula would silently fix it).
         */
        private String rowSumFormula(TableDef table, BlockDef block, RowDef row, ColumnDef column, int r, int c) {
            if (!column.id().equals(TOTAL_COLUMN) || layout.contains(Layout.TEXT_NUMBERS)) {
                return null;
            }
            BigDecimal total = report.value(datapoint(table, row, column).id());
            if (total == null) {
                return null;
            }
            BigDecimal sum = BigDecimal.ZERO;
            int parts = 0;
            for (ColumnDef other : block.columns()) {
                if (other != column) {
                    sum = sum.add(report.valueOrZero(datapoint(table, row, other).id()));
                    parts++;
                }
            }
            if (sum.compareTo(total) != 0) {
                return null;
            }
            // the parts sit immediately left of the total in both layouts
            return "SUM(" + ref(r, c - parts) + ":" + ref(r, c - 1) + ")";
        }

        /** =SUM of the outcome rows of one column, for （七）总计 when its value equals that sum. */
        private String columnSumFormula(TableDef table, List<RowDef> outcomeDefs, List<Integer> outcomeRows,
                                        DatapointDef dp, ColumnDef column, int c) {
            if (layout.contains(Layout.TEXT_NUMBERS) || report.value(dp.id()) == null || outcomeRows.isEmpty()) {
                return null;
            }
            BigDecimal sum = BigDecimal.ZERO;
            for (RowDef r : outcomeDefs) {
                sum = sum.add(report.valueOrZero(datapoint(table, r, column).id()));
            }
            if (sum.compareTo(report.value(dp.id())) != 0) {
                return null;
            }
            // consecutive outcome rows become one range; subtotal rows between them are skipped
            StringBuilder f = new StringBuilder("SUM(");
            int start = outcomeRows.get(0);
            int prev = start;
            for (int k = 1; k <= outcomeRows.size(); k++) {
                Integer next = k < outcomeRows.size() ? outcomeRows.get(k) : null;
                if (next == null || next != prev + 1) {
                    if (f.length() > 4) {
                        f.append(',');
                    }
                    f.append(ref(start, c)).append(':').append(ref(prev, c));
                    if (next != null) {
                        start = next;
                    }
                }
                if (next != null) {
                    prev = next;
                }
            }
            return f.append(')').toString();
        }

        private static String ref(int r, int c) {
            return new CellReference(r, c).formatAsString(false);
        }

        /** Writes one datapoint's cell: a number, a formula, text, a blank marker or nothing. */
        void writeValue(Sheet sheet, int r, int c, DatapointDef dp, String formula) {
            cells.put(dp.id(), sheet.getSheetName() + "!" + ref(r, c));
            boolean asText = layout.contains(Layout.TEXT_NUMBERS);
            Cell cell = cell(sheet, r, c);
            cell.setCellStyle(asText ? textNumberStyle : numberStyle);
            String written = report.writtenText().get(dp.id());
            if (written != null) {
                cell.setCellValue(written);
                return;
            }
            BigDecimal v = report.value(dp.id());
            if (v == null) {
                if (asText) {
                    cell.setCellValue(BLANK_MARKERS[blanksWritten++ % BLANK_MARKERS.length]);
                }
                return;
            }
            if (formula != null) {
                cell.setCellFormula(formula);
                return;
            }
            if (dp.kind() == ValueKind.YUAN) {
                if (layout.contains(Layout.MONEY_WAN_HEADER)) {
                    v = v.divide(BigDecimal.valueOf(10_000)).stripTrailingZeros();
                } else if (layout.contains(Layout.MONEY_WAN_TEXT)) {
                    cell.setCellValue(plain(v.divide(BigDecimal.valueOf(10_000))) + "万元");
                    return;
                } else if (!layout.contains(Layout.MONEY_BARE)) {
                    cell.setCellValue(plain(v) + " 元");
                    return;
                }
            }
            if (asText) {
                cell.setCellValue(numberText(v, dp.id(), dp.kind() == ValueKind.SIGNED));
            } else {
                cell.setCellValue(v.doubleValue());
            }
        }

        /** A number as agencies type it into text cells: 「20,470」, 「１２」, 「+19」. */
        static String numberText(BigDecimal v, String datapointId, boolean signed) {
            BigDecimal abs = v.abs().stripTrailingZeros();
            String digits;
            if (abs.scale() <= 0) {
                long n = abs.longValueExact();
                digits = n >= 1000 ? String.format(Locale.ROOT, "%,d", n) : Long.toString(n);
            } else {
                digits = abs.toPlainString();
            }
            // about a quarter of the cells, chosen by id so a rewrite gives the same text
            if (Math.floorMod(datapointId.hashCode(), 4) == 0) {
                digits = fullWidthDigits(digits);
            }
            String sign = v.signum() < 0 ? "-" : (signed && v.signum() > 0 ? "+" : "");
            return sign + digits;
        }

        private static String fullWidthDigits(String s) {
            StringBuilder sb = new StringBuilder(s.length());
            for (char ch : s.toCharArray()) {
                sb.append(ch >= '0' && ch <= '9' ? (char) ('０' + (ch - '0')) : ch);
            }
            return sb.toString();
        }

        private static String plain(BigDecimal v) {
            BigDecimal s = v.stripTrailingZeros();
            return (s.scale() < 0 ? s.setScale(0, RoundingMode.UNNECESSARY) : s).toPlainString();
        }

        /**
         * LABEL_NOISE: half-width brackets and punctuation, a space after an enumerator, a line break
         * inside long labels. Deterministic, so equal labels stay equal (merges depend on it).
         */
        String noise(String label) {
            if (!layout.contains(Layout.LABEL_NOISE) || label == null) {
                return label;
            }
            String s = label.replace('（', '(').replace('）', ')').replace('，', ',').replace('：', ':');
            if (s.startsWith("(") && s.indexOf(')') > 0 && s.indexOf(')') < 4) {
                int close = s.indexOf(')');
                s = s.substring(0, close + 1) + " " + s.substring(close + 1);
            }
            if (s.length() >= 9) {
                int middle = s.length() / 2;
                s = s.substring(0, middle) + "\n" + s.substring(middle);
            }
            return s;
        }

        // --- cells -------------------------------------------------------------------------------

        private void put(Sheet sheet, int r, int c, String text, CellStyle style) {
            Cell cell = cell(sheet, r, c);
            if (text != null) {
                cell.setCellValue(text);
            }
            cell.setCellStyle(style);
        }

        private static Cell cell(Sheet sheet, int r, int c) {
            Row row = sheet.getRow(r);
            if (row == null) {
                row = sheet.createRow(r);
            }
            Cell cell = row.getCell(c);
            return cell == null ? row.createCell(c) : cell;
        }

        /** Merges a region (if larger than one cell) and gives every cell in it the style, so borders show. */
        private void merge(Sheet sheet, int r1, int r2, int c1, int c2, CellStyle style) {
            if (r1 == r2 && c1 == c2) {
                return;
            }
            for (int r = r1; r <= r2; r++) {
                for (int c = c1; c <= c2; c++) {
                    Cell cell = cell(sheet, r, c);
                    if (!Objects.equals(cell.getCellStyle(), style)) {
                        cell.setCellStyle(style);
                    }
                }
            }
            // regions are built not to overlap; skipping POI's overlap check keeps bulk generation fast
            sheet.addMergedRegionUnsafe(new CellRangeAddress(r1, r2, c1, c2));
        }

        private static void widen(Sheet sheet, int c, int chars) {
            int width = chars * 256;
            if (sheet.getColumnWidth(c) < width) {
                sheet.setColumnWidth(c, width);
            }
        }
    }
}
