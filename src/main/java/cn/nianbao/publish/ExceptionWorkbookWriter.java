package cn.nianbao.publish;

import static cn.nianbao.publish.XlsxStyles.box;
import static cn.nianbao.publish.XlsxStyles.cell;
import static cn.nianbao.publish.XlsxStyles.ensureHeight;
import static cn.nianbao.publish.XlsxStyles.lines;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import cn.nianbao.history.FindingChanges;
import cn.nianbao.model.Agency;
import cn.nianbao.model.Disposition;
import cn.nianbao.model.DispositionStatus;
import cn.nianbao.model.Finding;
import cn.nianbao.model.RunResult;
import cn.nianbao.model.Severity;

/**
 * {@code exceptions.xlsx}, the auditors' working book: 「问题清单」 (the findings still to act on, filterable, coloured
 * by severity), 「已说明或不适用」 (those an auditor settled), 「已解决」 (those that no longer fire), 「按单位统计」
 * (counts per agency) and one 整改清单 sheet per agency with findings. Every list has two columns for the auditor,
 * 处理状态 (a drop-down of the four words) and 处理说明, and the finding's fingerprint last: the next run reads them back
 * by fingerprint ({@link DecisionReader}).
 *
 * <p>Each list prints on A4 landscape, one page wide at about 90 %, its header row repeated on every page: columns are
 * narrow and text wraps, so 说明 stays readable on paper.
 *
 * <p>Text is written as is, without the {@code '} prefix CSV gets: {@code setCellValue(String)} always
 * makes a string cell, which Excel never evaluates, and a visible {@code '} would only confuse readers.
 */
public final class ExceptionWorkbookWriter {

    public static final String LIST_SHEET = "问题清单";
    public static final String SETTLED_SHEET = "已说明或不适用";
    public static final String RESOLVED_SHEET = "已解决";
    public static final String COUNT_SHEET = "按单位统计";
    public static final List<String> LIST_HEADER = List.of("严重程度", "单位", "年度", "规则", "位置", DecisionReader.EXPECTED,
            DecisionReader.ACTUAL, DecisionReader.DELTA, "说明", "情况", DecisionReader.STATUS, DecisionReader.NOTE,
            DecisionReader.FINGERPRINT);
    private static final int[] LIST_WIDTHS = {8, 16, 6, 15, 17, 8, 8, 7, 36, 9, 9, 16, 10};
    public static final List<String> AGENCY_HEADER = List.of("序号", "严重程度", "年度", "规则", "位置", DecisionReader.EXPECTED,
            DecisionReader.ACTUAL, DecisionReader.DELTA, "说明", "情况", DecisionReader.STATUS, DecisionReader.NOTE,
            DecisionReader.FINGERPRINT);
    private static final int[] AGENCY_WIDTHS = {5, 8, 6, 15, 17, 8, 8, 7, 36, 9, 9, 16, 10};
    /** The columns (of both layouts) whose text wraps to several lines, for the row height. */
    private static final int MESSAGE = 8;
    private static final int RULE = 3;
    private static final int PLACE = 4;
    private static final int NOTE = 11;
    private static final int STATUS = 10;
    /**
     * 整改清单 sheets per workbook at most. A district has tens of agencies; a province's run can have
     * thousands with findings, and a workbook of thousands of sheets neither fits in memory nor helps
     * anyone. The agencies with the most serious findings get a sheet; the others are in 问题清单 (filter by
     * 单位) and in exceptions.html, and 按单位统计 says so.
     */
    public static final int MAX_AGENCY_SHEETS = 200;

    static final Map<Severity, byte[]> FILL = Map.of(
            Severity.ERROR, new byte[] {(byte) 0xFF, (byte) 0xC7, (byte) 0xCE},
            Severity.WARNING, new byte[] {(byte) 0xFF, (byte) 0xEB, (byte) 0x9C},
            Severity.INFO, new byte[] {(byte) 0xDD, (byte) 0xEB, (byte) 0xF7});

    /** Without the job's context: rule ids as names, no decisions, no comparison. */
    public Path write(RunResult run, Path target) throws IOException {
        return write(run, null, Review.plain(), target);
    }

    /**
     * Rows are streamed (SXSSF, a window of {@value #ROW_WINDOW} rows per sheet in memory, the rest in temporary
     * files until the workbook is written): a province's run has tens of thousands of findings, and the
     * usermodel's objects for them do not fit a 256 MB heap.
     *
     * @param changes new / resolved / still-open against the previous run, or null on a first run
     */
    public Path write(RunResult run, FindingChanges changes, Review review, Path target) throws IOException {
        try (XSSFWorkbook base = new XSSFWorkbook(); SXSSFWorkbook workbook = new SXSSFWorkbook(base, ROW_WINDOW)) {
            try {
                new Build(run, changes, review, base, workbook).all();
                return AtomicFiles.write(target, workbook::write);
            } finally {
                workbook.dispose(); // the temporary files
            }
        }
    }

    private static final int ROW_WINDOW = 200;

    /** One workbook being built: its styles and the findings' states, shared by its sheets. */
    private static final class Build {
        private final RunResult run;
        private final Review review;
        private final SXSSFWorkbook workbook;
        private final XlsxStyles styles;
        private final List<Finding> findings;
        private final Map<Severity, CellStyle> textBySeverity = new EnumMap<>(Severity.class);
        private final Map<Severity, CellStyle> numberBySeverity = new EnumMap<>(Severity.class);
        private final CellStyle plainNumber;
        private final CellStyle input;
        private final CellStyle fingerprint;
        private final Set<String> added = new HashSet<>();
        private final Set<String> stillOpen = new HashSet<>();
        private final boolean compared;
        private final List<Finding> resolved;

        Build(RunResult run, FindingChanges changes, Review review, XSSFWorkbook base, SXSSFWorkbook workbook) {
            this.run = run;
            this.review = review;
            this.workbook = workbook;
            XlsxStyles.arialColumns(base);
            this.styles = new XlsxStyles(base);
            this.findings = review.order().inOrder(run.findings());
            // numbers as General: counts show as 12, amounts keep their decimals
            plainNumber = base.createCellStyle();
            plainNumber.cloneStyleFrom(styles.count);
            plainNumber.setDataFormat(base.createDataFormat().getFormat("General"));
            for (Severity s : Severity.values()) {
                textBySeverity.put(s, styles.filled(styles.text, FILL.get(s)));
                numberBySeverity.put(s, styles.filled(plainNumber, FILL.get(s)));
            }
            // what the auditor fills in: white, so it stands out from the coloured finding
            input = styles.style(styles.font(10, false, null), HorizontalAlignment.LEFT, true, true);
            fingerprint = styles.style(styles.font(8, false, new byte[] {0x59, 0x59, 0x59}), HorizontalAlignment.LEFT, true, true);
            compared = changes != null;
            if (changes != null) {
                changes.added().forEach(f -> added.add(f.fingerprint()));
                changes.stillOpen().forEach(f -> stillOpen.add(f.fingerprint()));
            }
            resolved = review.resolved(findings, changes == null ? List.of() : changes.resolved());
        }

        void all() {
            SheetNames names = new SheetNames();
            for (String reserved : List.of(LIST_SHEET, SETTLED_SHEET, RESOLVED_SHEET, COUNT_SHEET)) {
                names.reserve(reserved);
            }
            list(LIST_SHEET, review.open(findings), false);
            list(SETTLED_SHEET, review.settled(findings), false);
            list(RESOLVED_SHEET, resolved, true);

            Map<String, List<Finding>> byWho = review.order().byAgency(findings);
            Map<String, Agency> agencies = agenciesByCode(run);
            Set<String> withSheet = mostSerious(byWho, MAX_AGENCY_SHEETS);
            Map<String, String> sheetByWho = new LinkedHashMap<>();
            for (Map.Entry<String, List<Finding>> e : byWho.entrySet()) {
                if (withSheet.contains(e.getKey())) {
                    sheetByWho.put(e.getKey(), names.unique(sheetTitle(e.getValue().get(0), agencies)));
                }
            }
            counts(byWho, sheetByWho);
            for (Map.Entry<String, List<Finding>> e : byWho.entrySet()) {
                if (sheetByWho.containsKey(e.getKey())) {
                    agencySheet(sheetByWho.get(e.getKey()), e.getValue());
                }
            }
        }

        /** A list of findings with the auditor's two columns; {@code gone}: findings that no longer fire. */
        private void list(String name, List<Finding> rows, boolean gone) {
            Sheet sheet = workbook.createSheet(name);
            for (int c = 0; c < LIST_HEADER.size(); c++) {
                put(sheet, 0, c, LIST_HEADER.get(c), styles.header);
                sheet.setColumnWidth(c, LIST_WIDTHS[c] * 256);
            }
            XlsxStyles.row(sheet, 0).setHeightInPoints(20);
            int r = 1;
            for (Finding f : rows) {
                Object[] values = {f.severity().chinese(), FindingOrder.whoName(f), f.year(), rule(f), place(f), f.expected(),
                        f.actual(), f.delta(), f.message(), state(f, gone)};
                findingRow(sheet, r, 0, values, f, LIST_WIDTHS);
                r++;
            }
            sheet.createFreezePane(0, 1);
            sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, r - 1), 0, LIST_HEADER.size() - 1));
            statusChoices(sheet, 1, Math.max(1, r - 1), STATUS);
            printAsList(sheet, 0);
        }

        /** One 整改清单: every finding of one agency (or unknown file), with the auditor's two columns. */
        private void agencySheet(String name, List<Finding> rows) {
            Sheet sheet = workbook.createSheet(name);
            Finding first = rows.get(0);
            String title = FindingOrder.whoName(first) + (first.agencyCode() == null ? "" : "（" + first.agencyCode() + "）")
                    + " 政府信息公开工作年度报告 整改清单";
            box(sheet, 0, 0, 0, AGENCY_HEADER.size() - 1, title, styles.title);
            XlsxStyles.row(sheet, 0).setHeightInPoints(26);
            Map<Severity, Integer> n = FindingOrder.countBySeverity(rows);
            long settled = rows.stream().filter(review::settled).count();
            String summary = "共 " + rows.size() + " 项：" + Severity.ERROR.chinese() + " " + n.get(Severity.ERROR)
                    + " 项（必须更正），" + Severity.WARNING.chinese() + " " + n.get(Severity.WARNING) + " 项（请核实），"
                    + Severity.INFO.chinese() + " " + n.get(Severity.INFO) + " 项（系统所作假设，请确认）"
                    + (settled == 0 ? "" : "；其中 " + settled + " 项已说明或不适用") + "。"
                    + "「处理状态」（下拉选择：" + DispositionStatus.labels() + "）与「处理说明」两栏由审核人填写，下次运行时读回。";
            box(sheet, 1, 1, 0, AGENCY_HEADER.size() - 1, summary, styles.note);
            ensureHeight(sheet, 1, lines(summary, 150));
            for (int c = 0; c < AGENCY_HEADER.size(); c++) {
                put(sheet, 2, c, AGENCY_HEADER.get(c), styles.header);
                sheet.setColumnWidth(c, AGENCY_WIDTHS[c] * 256);
            }
            int row = 3;
            for (Finding f : rows) {
                put(sheet, row, 0, row - 2, numberBySeverity.get(f.severity()));
                Object[] values = {f.severity().chinese(), f.year(), rule(f), place(f), f.expected(), f.actual(), f.delta(),
                        f.message(), state(f, false)};
                findingRow(sheet, row, 1, values, f, AGENCY_WIDTHS);
                row++;
            }
            sheet.createFreezePane(0, 3);
            statusChoices(sheet, 3, Math.max(3, row - 1), STATUS);
            printAsList(sheet, 2);
        }

        /**
         * Writes a finding's values from column {@code from}, then its decision (处理状态, 处理说明) and fingerprint,
         * and makes the row tall enough for its wrapped text.
         */
        private void findingRow(Sheet sheet, int r, int from, Object[] values, Finding f, int[] widths) {
            CellStyle text = textBySeverity.get(f.severity());
            CellStyle number = numberBySeverity.get(f.severity());
            for (int i = 0; i < values.length; i++) {
                put(sheet, r, from + i, values[i], values[i] instanceof BigDecimal ? number : text);
            }
            Disposition d = review.decision(f);
            put(sheet, r, STATUS, d == null ? null : d.statusLabel(), input);
            put(sheet, r, NOTE, d == null ? null : d.note(), input);
            put(sheet, r, NOTE + 1, f.fingerprint(), fingerprint);
            int tallest = 1;
            for (int c : new int[] {MESSAGE, RULE, PLACE, NOTE}) {
                Cell cell = sheet.getRow(r).getCell(c);
                String shown = cell == null ? null : cell.getStringCellValue();
                tallest = Math.max(tallest, lines(shown, widths[c]));
            }
            ensureHeight(sheet, r, tallest);
        }

        /** 「按单位统计」: open findings per agency and severity, the settled ones, and the agency's 整改清单 sheet. */
        private void counts(Map<String, List<Finding>> byWho, Map<String, String> sheetByWho) {
            Sheet counts = workbook.createSheet(COUNT_SHEET);
            List<String> header = List.of("单位代码", "单位名称", Severity.ERROR.chinese(), Severity.WARNING.chinese(),
                    Severity.INFO.chinese(), "已说明或不适用", "合计", "整改清单工作表");
            int[] widths = {14, 30, 8, 8, 8, 14, 8, 24};
            for (int c = 0; c < header.size(); c++) {
                put(counts, 0, c, header.get(c), styles.header);
                counts.setColumnWidth(c, widths[c] * 256);
            }
            String noSheet = "（未单列：超过 " + MAX_AGENCY_SHEETS + " 个单位，请在「" + LIST_SHEET + "」按单位筛选）";
            int r = 1;
            for (Map.Entry<String, List<Finding>> e : byWho.entrySet()) {
                Finding first = e.getValue().get(0);
                put(counts, r, 0, first.agencyCode(), styles.text);
                put(counts, r, 1, FindingOrder.whoName(first), styles.text);
                countCells(counts, r, e.getValue());
                put(counts, r, 7, sheetByWho.getOrDefault(e.getKey(), noSheet), styles.text);
                r++;
            }
            put(counts, r, 0, "合计", styles.header);
            put(counts, r, 1, byWho.size() + " 个单位/文件", styles.header);
            countCells(counts, r, findings);
            put(counts, r, 7, "", styles.text);
            counts.createFreezePane(0, 1);
            counts.setAutoFilter(new CellRangeAddress(0, Math.max(0, r - 1), 0, header.size() - 1));
            printSetup(counts, false, 0);
        }

        private void countCells(Sheet sheet, int r, List<Finding> rows) {
            Map<Severity, Integer> open = FindingOrder.countBySeverity(rows.stream().filter(f -> !review.settled(f)).toList());
            put(sheet, r, 2, open.get(Severity.ERROR), plainNumber);
            put(sheet, r, 3, open.get(Severity.WARNING), plainNumber);
            put(sheet, r, 4, open.get(Severity.INFO), plainNumber);
            put(sheet, r, 5, rows.stream().filter(review::settled).count(), plainNumber);
            put(sheet, r, 6, rows.size(), plainNumber);
        }

        /** 「无规章制定权却填报规章」 over 「A-REGULATION-SCOPE」. */
        private String rule(Finding f) {
            String name = review.ruleName(f.rule());
            return name == null || name.equals(f.rule()) ? f.rule() : name + "\n" + f.rule();
        }

        /** Where: the file, then the sheet and cells. */
        private static String place(Finding f) {
            String file = f.sourceFile() == null ? "" : f.sourceFile();
            String where = (f.sheet() == null ? "" : "「" + f.sheet() + "」") + String.join(" ", f.cells());
            return where.isEmpty() ? file : file.isEmpty() ? where : file + "\n" + where;
        }

        /** 新增, 仍未解决 or 已解决 against the previous run, and whether a decision needs review. */
        private String state(Finding f, boolean gone) {
            String state = gone ? "已解决" : !compared ? "" : added.contains(f.fingerprint()) ? "新增"
                    : stillOpen.contains(f.fingerprint()) ? "仍未解决" : "";
            if (!gone && review.figuresChanged(f)) {
                state = state.isEmpty() ? Disposition.FIGURES_CHANGED : state + "\n" + Disposition.FIGURES_CHANGED;
            }
            return state;
        }

        /** The 处理状态 column offers the four words and refuses others (Excel and WPS show a drop-down). */
        private static void statusChoices(Sheet sheet, int firstRow, int lastRow, int column) {
            DataValidationHelper helper = sheet.getDataValidationHelper();
            String[] labels = java.util.Arrays.stream(DispositionStatus.values()).map(DispositionStatus::label).toArray(String[]::new);
            DataValidation choice = helper.createValidation(helper.createExplicitListConstraint(labels),
                    new CellRangeAddressList(firstRow, lastRow, column, column));
            choice.setEmptyCellAllowed(true);
            choice.setShowErrorBox(true);
            choice.setErrorStyle(DataValidation.ErrorStyle.STOP);
            choice.createErrorBox("处理状态", "请从下拉列表中选择：" + DispositionStatus.labels());
            choice.setSuppressDropDownArrow(true); // XSSF: true shows the arrow
            sheet.addValidationData(choice);
        }

        /** A list on A4 landscape: one page wide, as many down as needed, its header row on every page. */
        private static void printAsList(Sheet sheet, int headerRow) {
            printSetup(sheet, true, headerRow);
            sheet.setRepeatingRows(new CellRangeAddress(headerRow, headerRow, -1, -1));
        }

        private static void printSetup(Sheet sheet, boolean landscape, int headerRow) {
            PrintSetup print = sheet.getPrintSetup();
            print.setPaperSize(PrintSetup.A4_PAPERSIZE);
            print.setLandscape(landscape);
            print.setFitWidth((short) 1);
            print.setFitHeight((short) 0);
            sheet.setFitToPage(true);
            sheet.setHorizontallyCenter(true);
            sheet.setMargin(Sheet.LeftMargin, 0.4);
            sheet.setMargin(Sheet.RightMargin, 0.4);
            sheet.setMargin(Sheet.TopMargin, 0.5);
            sheet.setMargin(Sheet.BottomMargin, 0.6);
            sheet.getFooter().setCenter("&A　第 &P 页，共 &N 页");
        }
    }

    /**
     * The keys of at most {@code max} agencies (or files) to give a sheet: those with errors first, then
     * warnings, then the most findings; all of them when there are no more than {@code max}.
     */
    static Set<String> mostSerious(Map<String, List<Finding>> byWho, int max) {
        if (byWho.size() <= max) {
            return byWho.keySet();
        }
        java.util.Comparator<Map.Entry<String, List<Finding>>> order = java.util.Comparator
                .comparingInt((Map.Entry<String, List<Finding>> e) -> FindingOrder.countBySeverity(e.getValue()).get(Severity.ERROR))
                .thenComparingInt(e -> FindingOrder.countBySeverity(e.getValue()).get(Severity.WARNING))
                .thenComparingInt(e -> e.getValue().size())
                .reversed();
        Set<String> chosen = new HashSet<>();
        byWho.entrySet().stream().sorted(order).limit(max).forEach(e -> chosen.add(e.getKey()));
        return chosen;
    }

    /** The sheet title for an agency: its short name (first roster alias), else name, else code or file. */
    static String sheetTitle(Finding f, Map<String, Agency> agencies) {
        if (f.agencyCode() != null) {
            Agency agency = agencies.get(f.agencyCode());
            if (agency != null && !agency.aliases().isEmpty()) {
                return agency.aliases().get(0);
            }
            return f.agencyName() != null && !f.agencyName().isBlank() ? f.agencyName() : f.agencyCode();
        }
        String file = f.sourceFile() == null ? "未知文件" : f.sourceFile();
        int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
        return "文件_" + file.substring(slash + 1);
    }

    /**
     * Agencies by code, from the roll-ups' expected agencies (the roster's entries, with their short names) and then
     * the reports (agencies without a roster); the run has no roster list of its own.
     */
    static Map<String, Agency> agenciesByCode(RunResult run) {
        Map<String, Agency> byCode = new java.util.HashMap<>();
        if (run.unitTotals() != null) {
            for (var unit : run.unitTotals()) {
                for (Agency a : unit.expected()) {
                    byCode.putIfAbsent(a.code(), a);
                }
            }
        }
        if (run.reports() != null) {
            for (var report : run.reports()) {
                byCode.putIfAbsent(report.agency().code(), report.agency());
            }
        }
        return byCode;
    }

    static void put(Sheet sheet, int row, int column, Object value, CellStyle style) {
        Cell cell = cell(sheet, row, column);
        cell.setCellStyle(style);
        if (value instanceof BigDecimal d) {
            cell.setCellValue(d.doubleValue());
        } else if (value instanceof Number n) {
            cell.setCellValue(n.doubleValue());
        } else if (value != null) {
            String text = value.toString();
            // a string cell: never evaluated, see the class comment; Excel's limit for one cell is the last guard
            cell.setCellValue(text.length() <= XlsxStyles.MAX_CELL_CHARS ? text : text.substring(0, XlsxStyles.MAX_CELL_CHARS - 1) + "…");
        }
    }
}
