package cn.nianbao.publish;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Sheet;

import cn.nianbao.model.Agency;
import cn.nianbao.model.ReportContent;
import cn.nianbao.model.ReportHeader;
import cn.nianbao.model.UnitTotal;
import cn.nianbao.template.DatapointDef;
import cn.nianbao.template.ReportFormat;
import cn.nianbao.template.TableDef;

/**
 * 「分单位明细」: each included report's values, laid out to be read on A4 paper (landscape): the coverage and the
 * reports with errors first, then one block per table of the format, agencies in the roster's order. A block whose
 * datapoints fit across a page has a row per agency and a column per datapoint (table 四 and 二 of 2021); the others
 * (三, 二 of 2019) have a row per datapoint and a column per agency, in pages of as many agencies as fit, each page
 * with the unit's 合计 beside them. Every page starts with the block's title and its headings, in Chinese from the
 * template catalogue; a row of a template (the seven columns of a row of 三) is never split over two pages. Reports
 * left out of the sums (the job's setting) are shown after the others, marked, and not in 合计.
 *
 * <p>The reports' values are read from the store once ({@link UnitValues}, a compact grid) and every block is drawn
 * from them. The column widths and page set-up go on a POI sheet ({@link #layOut}); the rows, merges and breaks are
 * drawn into a {@link DetailRows}, as often as asked and the same each time (a large sheet is drawn once for its merges
 * and breaks, and again as the XML of its rows, see {@link DetailSheetXml}).
 */
final class SummaryDetailSheet {

    private static final double SIZE = SummaryStyles.DETAIL_SIZE;
    /** The first column: the row's template label, or the agency. */
    private static final double LABEL_PT = 72;
    /** The second column: a datapoint's column label (自然人, 本年新制作数量 …). */
    private static final double SUB_PT = 58;
    private static final double MIN_VALUE_PT = 36;
    private static final double MAX_VALUE_PT = 120;
    private static final double WIDTH = PrintedPage.usableWidth(true);
    private static final double HEIGHT = PrintedPage.usableHeight(true);
    /** Lines an agency's name may take in a column heading. */
    private static final int HEADING_LINES = 4;
    /** Characters of a note listing agencies (Excel refuses a cell over 32,767). */
    private static final int NOTE_LIST_CHARS = SummaryWorkbookWriter.NOTE_LIST_MAX_CHARS;

    /** Where the current drawing goes. */
    private DetailRows out;
    private final SummaryStyles styles;
    private final ReportFormat format;
    private final UnitTotal unit;
    private final ReportContent content;
    /** The reports' values, read when first needed. */
    private UnitValues values;
    /** The datapoints shown, in the format's order; chosen with the values read. */
    private List<DatapointDef> datapoints;
    /** The included reports, then those left out of the sums. */
    private final List<ReportHeader> reports = new ArrayList<>();
    private final Set<String> leftOut = new HashSet<>();
    private final Map<String, String> shortNames = new HashMap<>();
    private double totalPt = MIN_VALUE_PT;
    private double agencyPt = MIN_VALUE_PT;
    /** Agency columns that fit on a page beside the label, sub-label and 合计 columns. */
    private int agenciesPerPage;
    private int row;
    private PrintedPage.Pager pager;

    SummaryDetailSheet(SummaryStyles styles, ReportFormat format, UnitTotal unit, ReportContent content) {
        this.styles = styles;
        this.format = format;
        this.unit = unit;
        this.content = content;
        reports.addAll(unit.included());
        for (UnitTotal.ReportErrors e : unit.leftOut()) {
            reports.add(e.report());
            leftOut.add(e.report().agency().code());
        }
        names();
    }

    /** Reads the reports' values and measures the columns, once. */
    private void prepare() {
        if (values == null) {
            values = UnitValues.read(content, reports, format);
            datapoints = shownDatapoints();
            measure(datapoints);
        }
    }

    /** The column widths and the page set-up (A4 landscape, 100 %) of {@code target}. */
    void layOut(Sheet target) {
        prepare();
        int columns = Math.max(3 + agenciesPerPage, 1 + datapoints.size());
        for (int c = 0; c < columns; c++) {
            PrintedPage.columnWidth(target, c, columnPt(c));
        }
        PrintedPage.setUp(target, true, 100);
    }

    /** Draws the rows, merged cells and page breaks into {@code rows}. */
    void draw(DetailRows rows) {
        prepare();
        out = rows;
        row = 0;
        pager = new PrintedPage.Pager(rows::breakAfter, HEIGHT, 0);
        notes();
        for (TableDef table : format.tables()) {
            List<DatapointDef> ofTable = datapoints.stream().filter(d -> d.table() == table).toList();
            if (ofTable.isEmpty()) {
                continue;
            }
            if (fitsAcross(ofTable)) {
                agenciesAsRows(table, ofTable);
            } else {
                datapointsAsRows(table, ofTable);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ measures

    /**
     * The datapoints shown, in the format's order: optional subtotal rows only where the unit's sums or one of the
     * reports have them.
     */
    private List<DatapointDef> shownDatapoints() {
        List<DatapointDef> datapoints = new ArrayList<>();
        for (DatapointDef def : format.datapoints().values()) {
            if (!def.row().optional() || unit.values().containsKey(def.id()) || values.present(def.id())) {
                datapoints.add(def);
            }
        }
        return datapoints;
    }

    /** Column widths from the widest number to be shown: the agencies' and the sums'. */
    private void measure(List<DatapointDef> datapoints) {
        double[] widest = {0};
        for (int a = 0; a < reports.size(); a++) {
            for (DatapointDef def : datapoints) {
                BigDecimal v = values.value(a, def.id());
                if (v != null) {
                    widest[0] = Math.max(widest[0], DetailNumbers.width(v, def.kind().isAmount(), SIZE));
                }
            }
        }
        agencyPt = clamp(widest[0] + PrintedPage.CELL_PADDING + 2);
        double totals = 0;
        for (DatapointDef def : datapoints) {
            BigDecimal v = unit.values().get(def.id());
            if (v != null) {
                totals = Math.max(totals, DetailNumbers.width(v, def.kind().isAmount(), SIZE * 1.05));
            }
        }
        totalPt = clamp(totals + PrintedPage.CELL_PADDING + 2);
        agenciesPerPage = Math.max(1, (int) Math.floor((WIDTH - LABEL_PT - SUB_PT - totalPt) / agencyPt));
    }

    private static double clamp(double points) {
        return Math.min(MAX_VALUE_PT, Math.max(MIN_VALUE_PT, Math.ceil(points)));
    }

    private double columnPt(int column) {
        return column == 0 ? LABEL_PT : column == 1 ? SUB_PT : column == 2 ? totalPt : agencyPt;
    }

    /** Whether a table's datapoints fit as columns beside the agency column, with its sums in the 合计 row. */
    private boolean fitsAcross(List<DatapointDef> datapoints) {
        double width = LABEL_PT;
        for (int i = 0; i < datapoints.size(); i++) {
            double column = columnPt(1 + i);
            BigDecimal total = unit.values().get(datapoints.get(i).id());
            if (total != null && DetailNumbers.width(total, datapoints.get(i).kind().isAmount(), SIZE * 1.05)
                    + PrintedPage.CELL_PADDING > column) {
                return false;
            }
            width += column;
        }
        return width <= WIDTH;
    }

    /** Each agency's name as its headings show it: its short name (first alias) unless another agency has the same. */
    private void names() {
        Map<String, Agency> byCode = new HashMap<>();
        if (unit.expected() != null) {
            unit.expected().forEach(a -> byCode.put(a.code(), a));
        }
        Map<String, Integer> uses = new HashMap<>();
        Map<String, String> candidates = new LinkedHashMap<>();
        for (ReportHeader r : reports) {
            Agency a = byCode.getOrDefault(r.agency().code(), r.agency());
            String name = a.aliases().isEmpty() ? r.agency().name() : a.aliases().get(0);
            candidates.put(r.agency().code(), name);
            uses.merge(name, 1, Integer::sum);
        }
        for (ReportHeader r : reports) {
            String name = candidates.get(r.agency().code());
            shortNames.put(r.agency().code(), uses.get(name) > 1 ? r.agency().name() : name);
        }
    }

    private String heading(ReportHeader report) {
        String name = shortNames.get(report.agency().code());
        return leftOut.contains(report.agency().code()) ? name + "（未计入）" : name;
    }

    // ------------------------------------------------------------------------------------------ notes

    private void notes() {
        int last = lastColumnWithin(WIDTH);
        double width = 0;
        for (int c = 0; c <= last; c++) {
            width += columnPt(c);
        }
        text(unit.unit().name() + " " + unit.year() + "年 分单位明细", styles.detailTitle, last, 11, width, 20);
        List<String> notes = new ArrayList<>();
        notes.add(SummaryNotes.coverage(unit));
        notes.add("已纳入（" + unit.included().size() + "）：" + SummaryWorkbookWriter.joinNames(
                unit.included().stream().map(ReportHeader::agency).toList()));
        if (unit.expected() != null && !unit.expected().isEmpty()) {
            List<Agency> missing = unit.missing() == null ? List.of() : unit.missing();
            notes.add("缺报（" + missing.size() + "）：" + (missing.isEmpty() ? "无" : SummaryWorkbookWriter.joinNames(missing)));
        }
        for (String note : notes) {
            text(note, styles.detailNote, last, 9, width, 0);
        }
        String errors = SummaryNotes.errorsIncluded(unit, NOTE_LIST_CHARS);
        String left = SummaryNotes.leftOut(unit, NOTE_LIST_CHARS);
        for (String note : new String[] {errors, left}) {
            if (note != null) {
                text(note, styles.detailNoteError, last, 9, width, 0);
            }
        }
        spacer(6);
    }

    /** The last column of the sheet's grid that ends within {@code width} points. */
    private int lastColumnWithin(double width) {
        double used = 0;
        int c = 0;
        while (used + columnPt(c + 1) <= width && c < 200) {
            used += columnPt(c);
            c++;
        }
        return Math.max(0, c - 1);
    }

    private void text(String text, CellStyle style, int lastColumn, double size, double width, double minHeight) {
        double height = Math.max(minHeight, PrintedPage.rowHeight(PrintedPage.lines(text, width, size), size));
        if (!pager.fits(height)) {
            pager.newPage(row);
        }
        out.row(row, (float) height);
        out.text(0, text.length() <= XlsxStyles.MAX_CELL_CHARS ? text : text.substring(0, XlsxStyles.MAX_CELL_CHARS - 1) + "…",
                style);
        for (int c = 1; c <= lastColumn; c++) {
            out.text(c, null, style);
        }
        if (lastColumn > 0) {
            out.merge(row, row, 0, lastColumn);
        }
        pager.add(height);
        row++;
    }

    private void spacer(double height) {
        if (pager.atTop() || !pager.fits(height)) {
            return;
        }
        out.row(row, (float) height);
        pager.add(height);
        row++;
    }

    // ------------------------------------------------------------------------------------------ a row per agency

    /**
     * A row per agency, a column per datapoint under headings of the template's levels (block, row, column), the
     * unit's sums in a last row.
     */
    private void agenciesAsRows(TableDef table, List<DatapointDef> datapoints) {
        List<List<String>> paths = new ArrayList<>();
        for (DatapointDef d : datapoints) {
            paths.add(path(d));
        }
        int depth = paths.stream().mapToInt(List::size).max().orElse(1);
        int last = datapoints.size();
        double titleHeight = PrintedPage.rowHeight(1, 11) + 2;
        double[] headingHeights = new double[depth];
        for (int level = 0; level < depth; level++) {
            int lines = 1;
            for (int i = 0; i < paths.size(); ) {
                int j = sameUntil(paths, i, level);
                if (level < paths.get(i).size()) {
                    double width = 0;
                    for (int k = i; k <= j; k++) {
                        width += columnPt(1 + k);
                    }
                    lines = Math.max(lines, PrintedPage.lines(heading(paths.get(i), level), width, SIZE));
                }
                i = j + 1;
            }
            headingHeights[level] = PrintedPage.rowHeight(Math.min(lines, HEADING_LINES), SIZE);
        }
        double head = titleHeight + sum(headingHeights);
        double lineHeight = PrintedPage.rowHeight(1, SIZE);
        boolean[] first = {true};
        Runnable heading = () -> {
            if (!pager.fits(head + lineHeight * (first[0] ? 3 : 1))) {
                pager.newPage(row);
            }
            title(table.title() + " · 分单位明细" + (first[0] ? "" : "（续）"), last, titleHeight);
            first[0] = false;
            int top = row;
            for (int level = 0; level < depth; level++) {
                out.row(row, (float) headingHeights[level]);
                cell(0, level == 0 ? "单位" : null, styles.detailHeader);
                for (int i = 0; i < paths.size(); ) {
                    int j = sameUntil(paths, i, level);
                    int size = paths.get(i).size();
                    // a group heads the columns it holds; a column's own label runs down to the last heading row
                    for (int k = i; k <= j; k++) {
                        cell(1 + k, k == i && level < size ? heading(paths.get(i), level) : null, styles.detailHeader);
                    }
                    if (level < size - 1 && j > i) {
                        out.merge(row, row, 1 + i, 1 + j);
                    } else if (level == size - 1 && size < depth) {
                        out.merge(row, top + depth - 1, 1 + i, 1 + i);
                    }
                    i = j + 1;
                }
                pager.add(headingHeights[level]);
                row++;
            }
            if (depth > 1) {
                out.merge(row - depth, row - 1, 0, 0);
            }
        };
        heading.run();
        for (int a = 0; a < reports.size(); a++) {
            if (!pager.fits(lineHeight)) {
                pager.newPage(row);
                heading.run();
            }
            out.row(row, (float) lineHeight);
            cell(0, heading(reports.get(a)), styles.detailLabel);
            for (int i = 0; i < datapoints.size(); i++) {
                value(1 + i, datapoints.get(i), a);
            }
            pager.add(lineHeight);
            row++;
        }
        if (!pager.fits(lineHeight)) {
            pager.newPage(row);
            heading.run();
        }
        out.row(row, (float) lineHeight);
        cell(0, "合计", styles.detailHeader);
        for (int i = 0; i < datapoints.size(); i++) {
            total(1 + i, datapoints.get(i));
        }
        pager.add(lineHeight);
        row++;
        spacer(10);
    }

    /** The datapoint's headings, outermost first: its block's heading, its row's groups and label, its column's. */
    private static List<String> path(DatapointDef d) {
        List<String> path = new ArrayList<>();
        if (d.block().header() != null) {
            path.add(d.block().header());
        }
        path.addAll(d.row().groups());
        path.add(d.row().optional() ? d.row().label() + "（小计）" : d.row().label());
        path.addAll(d.column().group());
        path.add(d.column().label());
        return path;
    }

    private static String heading(List<String> path, int level) {
        return path.get(level);
    }

    /** The last index from {@code i} whose path has the same headings as {@code i}'s down to {@code level}. */
    private static int sameUntil(List<List<String>> paths, int i, int level) {
        List<String> p = paths.get(i);
        if (level >= p.size()) {
            return i;
        }
        int j = i;
        while (j + 1 < paths.size() && paths.get(j + 1).size() > level
                && paths.get(j + 1).subList(0, level + 1).equals(p.subList(0, level + 1))) {
            j++;
        }
        return j;
    }

    // ------------------------------------------------------------------------------------------ a row per datapoint

    /**
     * A row per datapoint, grouped by the template's rows (label in the first column, merged over the group; the
     * column label in the second), 合计 in the third, then the agencies of the page, as many as fit across.
     */
    private void datapointsAsRows(TableDef table, List<DatapointDef> datapoints) {
        List<List<DatapointDef>> groups = new ArrayList<>();
        for (DatapointDef d : datapoints) {
            if (groups.isEmpty() || groups.get(groups.size() - 1).get(0).row() != d.row()
                    || groups.get(groups.size() - 1).get(0).block() != d.block()) {
                groups.add(new ArrayList<>());
            }
            groups.get(groups.size() - 1).add(d);
        }
        List<double[]> heights = groups.stream().map(this::groupHeights).toList(); // the same on every page
        int pages = (reports.size() + agenciesPerPage - 1) / agenciesPerPage;
        for (int p = 0; p < Math.max(1, pages); p++) {
            List<ReportHeader> agencies = reports.subList(Math.min(reports.size(), p * agenciesPerPage),
                    Math.min(reports.size(), (p + 1) * agenciesPerPage));
            String range = pages <= 1 ? "" : "，第 " + (p * agenciesPerPage + 1) + "–" + (p * agenciesPerPage + agencies.size())
                    + " 个单位（共 " + reports.size() + " 个）";
            datapointPages(table, groups, heights, p * agenciesPerPage, agencies, range);
        }
    }

    private void datapointPages(TableDef table, List<List<DatapointDef>> groups, List<double[]> groupHeights, int firstAgency,
                                List<ReportHeader> agencies, String range) {
        int last = 2 + agencies.size();
        double titleHeight = PrintedPage.rowHeight(1, 11) + 2;
        int lines = 1;
        for (ReportHeader r : agencies) {
            lines = Math.max(lines, PrintedPage.lines(heading(r), agencyPt, SIZE));
        }
        double headingHeight = PrintedPage.rowHeight(Math.min(lines, HEADING_LINES), SIZE);
        boolean first = true;
        for (int g = 0; g < groups.size(); g++) {
            List<DatapointDef> group = groups.get(g);
            double[] heights = groupHeights.get(g);
            double groupHeight = sum(heights);
            if (first || !pager.fits(groupHeight)) {
                if (!first || !pager.fits(titleHeight + headingHeight + groupHeight)) {
                    pager.newPage(row);
                }
                title(table.title() + " · 分单位明细" + range + (first ? "" : "（续）"), last, titleHeight);
                out.row(row, (float) headingHeight);
                cell(0, "项目", styles.detailHeader);
                cell(1, "分项", styles.detailHeader);
                cell(2, "合计", styles.detailHeader);
                for (int a = 0; a < agencies.size(); a++) {
                    cell(3 + a, heading(agencies.get(a)), styles.detailHeader);
                }
                pager.add(headingHeight);
                row++;
                first = false;
            }
            int top = row;
            for (int i = 0; i < group.size(); i++) {
                DatapointDef d = group.get(i);
                out.row(row, (float) heights[i]);
                cell(0, i == 0 ? rowLabel(d) : null, styles.detailLabel);
                cell(1, d.column().label(), styles.detailLabel);
                total(2, d);
                for (int a = 0; a < agencies.size(); a++) {
                    value(3 + a, d, firstAgency + a);
                }
                row++;
            }
            if (group.size() > 1) {
                out.merge(top, row - 1, 0, 0);
            }
            pager.add(groupHeight);
        }
        spacer(10);
    }

    /** Heights of a group's rows: each fits its column label, and together they fit the row label beside them. */
    private double[] groupHeights(List<DatapointDef> group) {
        double[] heights = new double[group.size()];
        for (int i = 0; i < group.size(); i++) {
            heights[i] = PrintedPage.rowHeight(PrintedPage.lines(group.get(i).column().label(), SUB_PT, SIZE), SIZE);
        }
        double label = PrintedPage.rowHeight(PrintedPage.lines(rowLabel(group.get(0)), LABEL_PT, SIZE), SIZE);
        double have = sum(heights);
        if (label > have) {
            for (int i = 0; i < heights.length; i++) {
                heights[i] = Math.ceil(heights[i] + (label - have) / heights.length);
            }
        }
        return heights;
    }

    /** 「（三）不予公开 1.属于国家秘密」, 「第二十条第（一）项 规章」: the row with its innermost group or its block. */
    private static String rowLabel(DatapointDef d) {
        List<String> groups = d.row().groups();
        String label = d.row().optional() ? d.row().label() + "（小计）" : d.row().label();
        if (!groups.isEmpty()) {
            return groups.get(groups.size() - 1) + " " + label;
        }
        return d.block().header() == null ? label : d.block().header() + " " + label;
    }

    // ------------------------------------------------------------------------------------------ cells

    private void title(String text, int lastColumn, double height) {
        out.row(row, (float) height);
        cell(0, text, styles.detailTitle);
        pager.add(height);
        row++;
    }

    private void cell(int column, String text, CellStyle style) {
        out.text(column, text, style);
    }

    /** An agency's value; a blank stays blank (not 0). */
    private void value(int column, DatapointDef def, int report) {
        if (!out.showsValues()) {
            out.number(column, null, null);
            return;
        }
        BigDecimal v = values.value(report, def.id());
        out.number(column, v, DetailNumbers.style(styles, v, def.kind().isAmount(), false));
    }

    private void total(int column, DatapointDef def) {
        BigDecimal v = unit.values().get(def.id());
        out.number(column, v, DetailNumbers.style(styles, v, def.kind().isAmount(), true));
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
