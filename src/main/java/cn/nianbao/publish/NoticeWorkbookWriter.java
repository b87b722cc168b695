package cn.nianbao.publish;

import static cn.nianbao.publish.ExceptionWorkbookWriter.put;
import static cn.nianbao.publish.XlsxStyles.box;
import static cn.nianbao.publish.XlsxStyles.ensureHeight;
import static cn.nianbao.publish.XlsxStyles.lines;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import cn.nianbao.model.Agency;
import cn.nianbao.model.Disposition;
import cn.nianbao.model.DispositionStatus;
import cn.nianbao.model.Finding;
import cn.nianbao.model.RunResult;
import cn.nianbao.model.Severity;

/**
 * {@code notices.xlsx}: a 整改通知 for each agency with open findings, one sheet each, laid out to print on one A4
 * page: to whom, what is wrong and where (file, sheet, cells), what to do about each finding, by when and to which
 * office (the job file's {@code notice}), signed by that office with the date of the run. Findings an auditor marked
 * 已说明 or 不适用 are settled and not in a notice; findings about a file no agency is known for have no addressee.
 */
public final class NoticeWorkbookWriter {

    public static final String FILE = "notices.xlsx";
    /** The only sheet when no agency has an open finding (a workbook cannot be empty). */
    public static final String NONE_SHEET = "说明";

    private static final String[] HEADER = {"序号", "问题", "位置", "整改要求"};
    private static final int[] WIDTHS = {5, 46, 22, 18};
    private static final int COLUMNS = HEADER.length;
    /** A4 portrait's printable height in points, within the margins below. */
    private static final double PAGE_POINTS = (297 - 2 * 15) / 25.4 * 72;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

    public Path write(RunResult run, Review review, Path target) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            build(run, review, workbook);
            return AtomicFiles.write(target, workbook::write);
        }
    }

    private void build(RunResult run, Review review, XSSFWorkbook workbook) {
        XlsxStyles.arialColumns(workbook);
        XlsxStyles styles = new XlsxStyles(workbook);
        Styles s = new Styles(styles);
        Map<String, List<Finding>> byAgency = new LinkedHashMap<>();
        review.order().byAgency(review.open(run.findings() == null ? List.of() : run.findings())).forEach((who, findings) -> {
            if (findings.get(0).agencyCode() != null) {
                byAgency.put(who, findings);
            }
        });
        if (byAgency.isEmpty()) {
            Sheet sheet = workbook.createSheet(NONE_SHEET);
            sheet.setColumnWidth(0, 80 * 256);
            box(sheet, 0, 0, 0, 0, "本次运行没有需要整改的单位：各单位的问题均已解决，或已说明、不适用。", styles.note);
            return;
        }
        Set<String> withSheet = ExceptionWorkbookWriter.mostSerious(byAgency, ExceptionWorkbookWriter.MAX_AGENCY_SHEETS);
        Map<String, Agency> agencies = ExceptionWorkbookWriter.agenciesByCode(run);
        SheetNames names = new SheetNames();
        LocalDate issued = run.ended() == null ? LocalDate.now(review.zone()) : run.ended().atZone(review.zone()).toLocalDate();
        for (Map.Entry<String, List<Finding>> e : byAgency.entrySet()) {
            if (withSheet.contains(e.getKey())) {
                Sheet sheet = workbook.createSheet(names.unique(ExceptionWorkbookWriter.sheetTitle(e.getValue().get(0), agencies)));
                notice(sheet, e.getValue(), review, issued, s, styles);
            }
        }
    }

    /** One agency's notice. */
    private void notice(Sheet sheet, List<Finding> findings, Review review, LocalDate issued, Styles s, XlsxStyles styles) {
        for (int c = 0; c < COLUMNS; c++) {
            sheet.setColumnWidth(c, WIDTHS[c] * 256);
        }
        int width = java.util.Arrays.stream(WIDTHS).sum();
        double height = 0;
        box(sheet, 0, 0, 0, COLUMNS - 1, "政府信息公开工作年度报告整改通知", styles.title);
        height += setHeight(sheet, 0, 32);
        Finding first = findings.get(0);
        box(sheet, 2, 2, 0, COLUMNS - 1, FindingOrder.whoName(first) + "：", s.addressee);
        height += setHeight(sheet, 1, 8) + setHeight(sheet, 2, 20);

        Map<Severity, Integer> n = FindingOrder.countBySeverity(findings);
        Set<Integer> years = new TreeSet<>();
        findings.forEach(f -> {
            if (f.year() != null) {
                years.add(f.year());
            }
        });
        String which = years.isEmpty() ? "" : String.join("、", years.stream().map(String::valueOf).toList()) + "年度";
        List<String> kinds = new ArrayList<>();
        if (n.get(Severity.ERROR) > 0) {
            kinds.add("错误 " + n.get(Severity.ERROR) + " 个，须更正");
        }
        if (n.get(Severity.WARNING) > 0) {
            kinds.add("警告 " + n.get(Severity.WARNING) + " 个，请核实");
        }
        if (n.get(Severity.INFO) > 0) {
            kinds.add("提示 " + n.get(Severity.INFO) + " 个，请确认");
        }
        String deadline = review.notice().deadline() == null ? "____年__月__日" : DATE.format(review.notice().deadline());
        String office = review.notice().office() == null ? "__________" : review.notice().office();
        String body = "经审核，你单位报送的" + which + "政府信息公开工作年度报告存在以下 " + findings.size() + " 个问题（"
                + String.join("；", kinds) + "）。请逐项核实整改，于" + deadline + "前将更正后的报告报送" + office
                + "；数据经核实无误、无须更正的，请一并书面说明理由。";
        box(sheet, 3, 3, 0, COLUMNS - 1, body, s.body);
        int bodyLines = lines(body, width - 2);
        height += setHeight(sheet, 3, Math.min(409, bodyLines * 16 + 6));

        for (int c = 0; c < COLUMNS; c++) {
            put(sheet, 5, c, HEADER[c], styles.header);
        }
        height += setHeight(sheet, 4, 8) + setHeight(sheet, 5, 20);
        int row = 6;
        for (Finding f : findings) {
            String what = review.ruleName(f.rule()) + "：" + (f.message() == null ? "" : f.message());
            String where = place(f);
            String todo = todo(f, review.decision(f));
            put(sheet, row, 0, row - 5, s.cellCentered);
            put(sheet, row, 1, what, s.cell);
            put(sheet, row, 2, where, s.cell);
            put(sheet, row, 3, todo, s.cell);
            int tallest = Math.max(lines(what, WIDTHS[1]), Math.max(lines(where, WIDTHS[2]), lines(todo, WIDTHS[3])));
            ensureHeight(sheet, row, tallest);
            height += sheet.getRow(row).getHeightInPoints();
            row++;
        }
        row++;
        box(sheet, row, row, 0, COLUMNS - 1, office, s.signature);
        height += setHeight(sheet, row - 1, 24) + setHeight(sheet, row, 20);
        row++;
        box(sheet, row, row, 0, COLUMNS - 1, DATE.format(issued), s.signature);
        height += setHeight(sheet, row, 20);

        PrintSetup print = sheet.getPrintSetup();
        print.setPaperSize(PrintSetup.A4_PAPERSIZE);
        print.setLandscape(false);
        sheet.setFitToPage(true);
        print.setFitWidth((short) 1);
        // one page, shrunk a little if need be; a notice that would shrink below ~75 % goes on as many pages as it
        // needs, the header row repeated, rather than print too small to read
        boolean onePage = height <= PAGE_POINTS * 1.33;
        print.setFitHeight((short) (onePage ? 1 : 0));
        if (!onePage) {
            sheet.setRepeatingRows(new CellRangeAddress(5, 5, -1, -1));
        }
        sheet.setHorizontallyCenter(true);
        sheet.setMargin(Sheet.LeftMargin, 0.6);
        sheet.setMargin(Sheet.RightMargin, 0.6);
        sheet.setMargin(Sheet.TopMargin, 15 / 25.4);
        sheet.setMargin(Sheet.BottomMargin, 15 / 25.4);
    }

    /** What the agency is to do about a finding, by its severity and what the auditor recorded. */
    static String todo(Finding f, Disposition d) {
        String todo = switch (f.severity()) {
            case ERROR -> "请更正后重新报送";
            case WARNING -> "请核实；数据无误的，请书面说明理由";
            case INFO -> "请确认系统的处理是否正确";
        };
        if (d != null && d.status() == DispositionStatus.CORRECTED_TO_REVIEW) {
            todo = "已报整改，但复核时问题仍在：" + todo;
        }
        return todo;
    }

    private static String place(Finding f) {
        String where = (f.sheet() == null ? "" : "「" + f.sheet() + "」") + (f.cells().isEmpty() ? "" : " " + String.join(" ", f.cells()));
        String file = f.sourceFile() == null ? "" : f.sourceFile();
        String shown = (file + (where.isBlank() ? "" : "\n" + where.strip())).strip();
        return shown.isEmpty() ? "（整份报告）" : shown;
    }

    private static float setHeight(Sheet sheet, int row, double points) {
        XlsxStyles.row(sheet, row).setHeightInPoints((float) points);
        return (float) points;
    }

    /** The notice's own styles, beside the shared ones. */
    private static final class Styles {
        final CellStyle addressee;
        final CellStyle body;
        final CellStyle cell;
        final CellStyle cellCentered;
        final CellStyle signature;

        Styles(XlsxStyles styles) {
            addressee = styles.style(styles.font(12, true, null), HorizontalAlignment.LEFT, false, false);
            body = styles.style(styles.font(11, false, null), HorizontalAlignment.LEFT, false, true);
            cell = styles.style(styles.font(10, false, null), HorizontalAlignment.LEFT, true, true);
            cellCentered = styles.style(styles.font(10, false, null), HorizontalAlignment.CENTER, true, true);
            signature = styles.style(styles.font(12, false, null), HorizontalAlignment.RIGHT, false, false);
        }
    }
}
