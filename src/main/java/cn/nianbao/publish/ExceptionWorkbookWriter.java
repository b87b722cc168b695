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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import cn.nianbao.model.Agency;
import cn.nianbao.model.Finding;
import cn.nianbao.model.RunResult;
import cn.nianbao.model.Severity;

/**
 * {@code exceptions.xlsx}: 「问题清单」 (every finding, filterable, coloured by severity), 「按单位统计」
 * (counts per agency × severity) and one 整改清单 sheet per agency with findings, the list a district
 * sends back to the agency to correct.
 *
 * <p>Text is written as is, without the {@code '} prefix CSV gets: {@code setCellValue(String)} always
 * makes a string cell, which Excel never evaluates, and a visible {@code '} would only confuse readers.
 */
public final class ExceptionWorkbookWriter {

    public static final String LIST_SHEET = "问题清单";
    public static final String COUNT_SHEET = "按单位统计";
    public static final List<String> LIST_HEADER = List.of("指纹", "严重程度", "规则", "单位代码", "单位名称", "年度",
            "文件", "工作表", "单元格", "应为", "实为", "差额", "说明");
    private static final int[] LIST_WIDTHS = {18, 9, 22, 12, 24, 7, 30, 12, 16, 10, 10, 10, 60};
    public static final List<String> AGENCY_HEADER = List.of("序号", "严重程度", "规则", "年度", "文件", "工作表",
            "单元格", "应为", "实为", "差额", "说明", "整改情况");
    private static final int[] AGENCY_WIDTHS = {6, 9, 22, 7, 30, 12, 16, 10, 10, 10, 60, 24};
    /**
     * 整改清单 sheets per workbook at most. A district has tens of agencies; a province's run can have
     * thousands with findings, and a workbook of thousands of sheets neither fits in memory nor helps
     * anyone. The agencies with the most serious findings get a sheet; the others are in 问题清单 (filter by
     * 单位) and in exceptions.html, and 按单位统计 says so.
     */
    public static final int MAX_AGENCY_SHEETS = 200;

    private static final Map<Severity, byte[]> FILL = Map.of(
            Severity.ERROR, new byte[] {(byte) 0xFF, (byte) 0xC7, (byte) 0xCE},
            Severity.WARNING, new byte[] {(byte) 0xFF, (byte) 0xEB, (byte) 0x9C},
            Severity.INFO, new byte[] {(byte) 0xDD, (byte) 0xEB, (byte) 0xF7});

    /**
     * Rows are streamed (SXSSF, a window of {@value #ROW_WINDOW} rows per sheet in memory, the rest in temporary
     * files until the workbook is written): a province's run has tens of thousands of findings, and the
     * usermodel's objects for them do not fit a 256 MB heap.
     */
    public Path write(RunResult run, Path target) throws IOException {
        try (XSSFWorkbook base = new XSSFWorkbook(); SXSSFWorkbook workbook = new SXSSFWorkbook(base, ROW_WINDOW)) {
            try {
                build(run, base, workbook);
                return AtomicFiles.write(target, workbook::write);
            } finally {
                workbook.dispose(); // the temporary files
            }
        }
    }

    private static final int ROW_WINDOW = 200;

    private void build(RunResult run, XSSFWorkbook base, SXSSFWorkbook workbook) {
        List<Finding> findings = FindingOrder.sorted(run.findings());
        XlsxStyles styles = new XlsxStyles(base);
        // numbers as General: counts show as 12, amounts keep their decimals
        CellStyle plainNumber = styles.workbook.createCellStyle();
        plainNumber.cloneStyleFrom(styles.count);
        plainNumber.setDataFormat(base.createDataFormat().getFormat("General"));
        Map<Severity, CellStyle> textBySeverity = new EnumMap<>(Severity.class);
        Map<Severity, CellStyle> numberBySeverity = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            textBySeverity.put(s, styles.filled(styles.text, FILL.get(s)));
            numberBySeverity.put(s, styles.filled(plainNumber, FILL.get(s)));
        }

        SheetNames names = new SheetNames();
        names.reserve(LIST_SHEET);
        names.reserve(COUNT_SHEET);

        // 问题清单
        Sheet list = workbook.createSheet(LIST_SHEET);
        header(list, LIST_HEADER, LIST_WIDTHS, styles);
        int r = 1;
        for (Finding f : findings) {
            CellStyle text = textBySeverity.get(f.severity());
            CellStyle number = numberBySeverity.get(f.severity());
            Object[] values = {f.fingerprint(), f.severity().chinese(), f.rule(), f.agencyCode(), f.agencyName(),
                    f.year(), f.sourceFile(), f.sheet(), String.join(" ", f.cells()), f.expected(), f.actual(),
                    f.delta(), f.message()};
            for (int c = 0; c < values.length; c++) {
                put(list, r, c, values[c], values[c] instanceof BigDecimal ? number : text);
            }
            ensureHeight(list, r, lines(f.message(), LIST_WIDTHS[12]));
            r++;
        }
        list.createFreezePane(0, 1);
        list.setAutoFilter(new CellRangeAddress(0, Math.max(0, r - 1), 0, LIST_HEADER.size() - 1));
        SummaryWorkbookWriter.printSetup(list, true);

        // 按单位统计
        Map<String, List<Finding>> byWho = new LinkedHashMap<>();
        for (Finding f : findings) {
            byWho.computeIfAbsent(FindingOrder.whoKey(f), k -> new ArrayList<>()).add(f);
        }
        Sheet counts = workbook.createSheet(COUNT_SHEET);
        List<String> countHeader = List.of("单位代码", "单位名称", Severity.ERROR.chinese(), Severity.WARNING.chinese(),
                Severity.INFO.chinese(), "合计", "整改清单工作表");
        header(counts, countHeader, new int[] {14, 30, 8, 8, 8, 8, 24}, styles);
        Map<String, Agency> agencies = agenciesByCode(run);
        java.util.Set<String> withSheet = mostSerious(byWho, MAX_AGENCY_SHEETS);
        Map<String, String> sheetByWho = new LinkedHashMap<>();
        for (Map.Entry<String, List<Finding>> e : byWho.entrySet()) {
            if (withSheet.contains(e.getKey())) {
                sheetByWho.put(e.getKey(), names.unique(sheetTitle(e.getValue().get(0), agencies)));
            }
        }
        String noSheet = "（未单列：超过 " + MAX_AGENCY_SHEETS + " 个单位，请在「" + LIST_SHEET + "」按单位筛选）";
        r = 1;
        for (Map.Entry<String, List<Finding>> e : byWho.entrySet()) {
            Finding first = e.getValue().get(0);
            Map<Severity, Integer> n = FindingOrder.countBySeverity(e.getValue());
            put(counts, r, 0, first.agencyCode(), styles.text);
            put(counts, r, 1, FindingOrder.whoName(first), styles.text);
            put(counts, r, 2, n.get(Severity.ERROR), plainNumber);
            put(counts, r, 3, n.get(Severity.WARNING), plainNumber);
            put(counts, r, 4, n.get(Severity.INFO), plainNumber);
            put(counts, r, 5, e.getValue().size(), plainNumber);
            put(counts, r, 6, sheetByWho.getOrDefault(e.getKey(), noSheet), styles.text);
            r++;
        }
        Map<Severity, Integer> all = FindingOrder.countBySeverity(findings);
        put(counts, r, 0, "合计", styles.header);
        put(counts, r, 1, byWho.size() + " 个单位/文件", styles.header);
        put(counts, r, 2, all.get(Severity.ERROR), plainNumber);
        put(counts, r, 3, all.get(Severity.WARNING), plainNumber);
        put(counts, r, 4, all.get(Severity.INFO), plainNumber);
        put(counts, r, 5, findings.size(), plainNumber);
        put(counts, r, 6, "", styles.text);
        counts.createFreezePane(0, 1);
        counts.setAutoFilter(new CellRangeAddress(0, Math.max(0, r - 1), 0, countHeader.size() - 1));
        SummaryWorkbookWriter.printSetup(counts, false);

        // one 整改清单 per agency (or per unknown file)
        for (Map.Entry<String, List<Finding>> e : byWho.entrySet()) {
            if (!sheetByWho.containsKey(e.getKey())) {
                continue;
            }
            Sheet sheet = workbook.createSheet(sheetByWho.get(e.getKey()));
            Finding first = e.getValue().get(0);
            String title = FindingOrder.whoName(first) + (first.agencyCode() == null ? "" : "（" + first.agencyCode() + "）")
                    + " 政府信息公开工作年度报告 整改清单";
            box(sheet, 0, 0, 0, AGENCY_HEADER.size() - 1, title, styles.title);
            XlsxStyles.row(sheet, 0).setHeightInPoints(26);
            Map<Severity, Integer> n = FindingOrder.countBySeverity(e.getValue());
            String summary = "共 " + e.getValue().size() + " 项：" + Severity.ERROR.chinese() + " " + n.get(Severity.ERROR)
                    + " 项（必须更正），" + Severity.WARNING.chinese() + " " + n.get(Severity.WARNING) + " 项（请核实），"
                    + Severity.INFO.chinese() + " " + n.get(Severity.INFO) + " 项（系统所作假设，请确认）。请在「整改情况」栏填写处理结果。";
            box(sheet, 1, 1, 0, AGENCY_HEADER.size() - 1, summary, styles.note);
            ensureHeight(sheet, 1, lines(summary, 150));
            for (int c = 0; c < AGENCY_HEADER.size(); c++) {
                put(sheet, 2, c, AGENCY_HEADER.get(c), styles.header);
                sheet.setColumnWidth(c, AGENCY_WIDTHS[c] * 256);
            }
            int row = 3;
            for (Finding f : e.getValue()) {
                CellStyle text = textBySeverity.get(f.severity());
                CellStyle number = numberBySeverity.get(f.severity());
                Object[] values = {row - 2, f.severity().chinese(), f.rule(), f.year(), f.sourceFile(), f.sheet(),
                        String.join(" ", f.cells()), f.expected(), f.actual(), f.delta(), f.message(), ""};
                for (int c = 0; c < values.length; c++) {
                    put(sheet, row, c, values[c], values[c] instanceof BigDecimal ? number : text);
                }
                ensureHeight(sheet, row, lines(f.message(), AGENCY_WIDTHS[10]));
                row++;
            }
            sheet.createFreezePane(0, 3);
            sheet.setRepeatingRows(new CellRangeAddress(2, 2, 0, AGENCY_HEADER.size() - 1));
            SummaryWorkbookWriter.printSetup(sheet, true);
        }
    }

    /**
     * The keys of at most {@code max} agencies (or files) to give a sheet: those with errors first, then
     * warnings, then the most findings; all of them when there are no more than {@code max}.
     */
    static java.util.Set<String> mostSerious(Map<String, List<Finding>> byWho, int max) {
        if (byWho.size() <= max) {
            return byWho.keySet();
        }
        java.util.Comparator<Map.Entry<String, List<Finding>>> order = java.util.Comparator
                .comparingInt((Map.Entry<String, List<Finding>> e) -> FindingOrder.countBySeverity(e.getValue()).get(Severity.ERROR))
                .thenComparingInt(e -> FindingOrder.countBySeverity(e.getValue()).get(Severity.WARNING))
                .thenComparingInt(e -> e.getValue().size())
                .reversed();
        java.util.Set<String> chosen = new java.util.HashSet<>();
        byWho.entrySet().stream().sorted(order).limit(max).forEach(e -> chosen.add(e.getKey()));
        return chosen;
    }

    /** The sheet title for an agency: its short name (first roster alias), else name, else code or file. */
    private static String sheetTitle(Finding f, Map<String, Agency> agencies) {
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

    /** Roster entries by code, from the reports and the roll-ups (the run has no roster list); reports first. */
    private static Map<String, Agency> agenciesByCode(RunResult run) {
        Map<String, Agency> byCode = new java.util.HashMap<>();
        if (run.reports() != null) {
            for (var report : run.reports()) {
                byCode.putIfAbsent(report.agency().code(), report.agency());
            }
        }
        if (run.unitTotals() != null) {
            for (var unit : run.unitTotals()) {
                for (Agency a : unit.expected()) {
                    byCode.putIfAbsent(a.code(), a);
                }
            }
        }
        return byCode;
    }

    private static void header(Sheet sheet, List<String> labels, int[] widths, XlsxStyles styles) {
        for (int c = 0; c < labels.size(); c++) {
            put(sheet, 0, c, labels.get(c), styles.header);
            sheet.setColumnWidth(c, widths[c] * 256);
        }
        XlsxStyles.row(sheet, 0).setHeightInPoints(20);
    }

    private static void put(Sheet sheet, int row, int column, Object value, CellStyle style) {
        Cell cell = cell(sheet, row, column);
        cell.setCellStyle(style);
        if (value instanceof BigDecimal d) {
            cell.setCellValue(d.doubleValue());
        } else if (value instanceof Number n) {
            cell.setCellValue(n.doubleValue());
        } else if (value != null) {
            cell.setCellValue(value.toString()); // a string cell: never evaluated, see the class comment
        }
    }
}
