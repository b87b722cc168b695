package cn.nianbao.publish;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import cn.nianbao.model.Agency;
import cn.nianbao.model.ReportContent;
import cn.nianbao.model.ReportHeader;
import cn.nianbao.model.UnitTotal;
import cn.nianbao.template.ReportFormat;
import cn.nianbao.template.TemplateCatalogue;

/**
 * {@code summary-<unit_code>-<year>.xlsx}: the roll-up of one unit, to be printed. 「汇总表」 ({@link SummaryMainSheet})
 * draws the official layout of its format filled with the sums, one A4 page per table, each page headed by the coverage
 * and the reports with errors, and compared with the year before where the roll-up found it; 「分单位明细」
 * ({@link SummaryDetailSheet}) has each report's values, one block per table, agencies in roster order. Everything
 * either sheet states comes from what the roll-up stored ({@link UnitTotal}).
 */
public final class SummaryWorkbookWriter {

    public static final String MAIN_SHEET = "汇总表";
    public static final String DETAIL_SHEET = "分单位明细";

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
     * the format, the sums, each included report's agency, scope, file and content hash (its values), the expected and
     * missing agencies with the short names its headings use, the reports with errors (and whether left out), and the
     * year before with where it is from.
     */
    public String contentKey(UnitTotal unit, String program, Path target) {
        java.security.MessageDigest md = cn.nianbao.model.Sha256.digest();
        java.util.function.Consumer<String> field = text -> cn.nianbao.model.Sha256.fieldOrMissing(md, text);
        field.accept(program);
        field.accept(target.toAbsolutePath().toString());
        field.accept(unit.unit().code());
        field.accept(unit.unit().name());
        field.accept(String.valueOf(unit.year()));
        field.accept(unit.format());
        values(field, unit.values());
        field.accept("included");
        for (ReportHeader r : unit.included()) {
            report(field, r);
        }
        for (List<Agency> agencies : java.util.Arrays.asList(unit.expected(), unit.missing())) {
            field.accept(agencies == null ? "none" : "agencies");
            for (Agency a : agencies == null ? List.<Agency>of() : agencies) {
                field.accept(a.code());
                field.accept(a.name());
                field.accept(String.join("\n", a.aliases()));
            }
        }
        field.accept("errors " + unit.leaveOutErrors());
        for (UnitTotal.ReportErrors e : unit.withErrors()) {
            report(field, e.report());
            field.accept(e.errors() + " " + e.leftOut());
        }
        UnitTotal.PreviousYear previous = unit.previous();
        field.accept(previous == null ? "no previous" : previous.jobName() + "\n" + previous.jobExecutionId() + "\n" + previous.year()
                + "\n" + previous.format());
        if (previous != null) {
            values(field, new java.util.TreeMap<>(previous.values()));
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    private static void values(java.util.function.Consumer<String> field, Map<String, BigDecimal> values) {
        for (Map.Entry<String, BigDecimal> e : values.entrySet()) {
            field.accept(e.getKey());
            field.accept(e.getValue() == null ? null : e.getValue().toPlainString());
        }
    }

    private static void report(java.util.function.Consumer<String> field, ReportHeader r) {
        field.accept(r.agency().code());
        field.accept(r.agency().name());
        field.accept(r.agency().kind());
        field.accept(r.scope() == null ? null : r.scope().name());
        field.accept(r.submission() == null ? null : r.submission().path());
        field.accept(r.submission() == null ? null : r.submission().sha256());
    }

    /** The heap the writing of {@code unit}'s workbook holds most of: its reports' values as a grid. */
    public long heapBytes(UnitTotal unit) {
        int reports = unit.included().size() + unit.leftOut().size();
        return UnitValues.bytes(reports, catalogue.require(unit.format()).datapoints().size());
    }

    /** Writes the workbook atomically to {@code target}; the reports' datapoints are read from {@code content}. */
    public Path write(UnitTotal unit, Path target, ReportContent content) throws IOException {
        // The official layout is small and drawn in memory. The detail sheet has a row or a column per agency
        // (thousands in a large unit, ~200 datapoints each): POI holds its layout (columns, merges, breaks, page set-up)
        // and its rows are drawn a second time straight into the package as XML.
        ReportFormat format = catalogue.require(unit.format());
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            SummaryStyles styles = new SummaryStyles(workbook);
            new SummaryMainSheet(workbook.createSheet(MAIN_SHEET), styles, format, unit).draw();
            XSSFSheet sheet = workbook.createSheet(DETAIL_SHEET);
            SummaryDetailSheet detail = new SummaryDetailSheet(styles, format, unit, content);
            detail.layOut(sheet);
            DetailRows.Extent layout = DetailRows.layoutOnly(sheet);
            detail.draw(layout);
            return AtomicFiles.write(target, out -> DetailSheetXml.write(workbook, sheet, layout.reference(), detail::draw, out));
        }
    }

    /** Builds the workbook in memory (tests read it back without a file). */
    public XSSFWorkbook build(UnitTotal unit, ReportContent content) {
        ReportFormat format = catalogue.require(unit.format());
        XSSFWorkbook workbook = new XSSFWorkbook();
        SummaryStyles styles = new SummaryStyles(workbook);
        new SummaryMainSheet(workbook.createSheet(MAIN_SHEET), styles, format, unit).draw();
        XSSFSheet sheet = workbook.createSheet(DETAIL_SHEET);
        SummaryDetailSheet detail = new SummaryDetailSheet(styles, format, unit, content);
        detail.layOut(sheet);
        detail.draw(DetailRows.onSheet(sheet));
        return workbook;
    }

    /**
     * Room for a list of names in one note cell: Excel refuses a cell over 32,767 characters, and a unit of
     * thousands of agencies would exceed it. The detail sheet shows every agency in its own row or column anyway.
     */
    static final int NOTE_LIST_MAX_CHARS = 30_000;

    static String joinNames(List<Agency> agencies) {
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

    /** The page set-up of the exception workbook's sheets: A4, scaled to the page's width. */
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
