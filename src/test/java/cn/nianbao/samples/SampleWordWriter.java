package cn.nianbao.samples;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTbl;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblGrid;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTc;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STMerge;

import cn.nianbao.template.ReportFormat;
import cn.nianbao.template.TableDef;
import cn.nianbao.template.TemplateCatalogue;

/**
 * Writes a {@link SampleReport} as the Word report an agency publishes (.docx): the title paragraph, the narrative
 * 「一、总体情况」, then tables 二、三、四 as Word tables under their headings, then the closing sections. The tables
 * have the official merged headers as Word merges cells: across grid columns ({@code w:gridSpan}: 「申请人情况」,
 * 「法人或其他组织」 over five columns) and down ({@code w:vMerge}: 「三、本年度办理结果」); table 四 is drawn as
 * column groups 行政复议 / 行政诉讼.
 *
 * <p>Each table is laid out by {@link SampleWorkbookWriter} on a scratch sheet and turned cell by cell into a
 * Word table, so the workbook and the Word report of the same values draw the same headers. Numbers are text in
 * Word, written as agencies type them (「25211 元」 stays as written).
 */
public final class SampleWordWriter {

    /** Layouts a Word report can have; the others are about sheets (or formulas, which Word tables do not keep). */
    static final Set<Layout> WORD_LAYOUTS = EnumSet.of(Layout.OFFICIAL, Layout.TEXT_NUMBERS, Layout.GROUP_LABEL_IN_CELL,
            Layout.GROUP_LABEL_MISSING, Layout.SUBTOTAL_ROWS, Layout.LABEL_NOISE, Layout.TABLE_C_VERTICAL,
            Layout.MONEY_WAN_TEXT, Layout.MONEY_WAN_HEADER, Layout.MONEY_BARE);

    private final TemplateCatalogue catalogue;
    private final SampleWorkbookWriter tables;

    public SampleWordWriter(TemplateCatalogue catalogue) {
        this.catalogue = catalogue;
        this.tables = new SampleWorkbookWriter(catalogue);
    }

    /** Writes the report to {@code file} and returns where each datapoint went: id → 「表N!第R行第C列」. */
    public Map<String, String> write(SampleReport report, Set<Layout> layout, Path file) throws IOException {
        for (Layout l : layout) {
            if (!WORD_LAYOUTS.contains(l)) {
                throw new IllegalArgumentException("a Word report cannot have layout " + l);
            }
        }
        ReportFormat format = catalogue.require(report.formatId());
        Map<String, String> cells = new LinkedHashMap<>();
        try (XWPFDocument doc = new XWPFDocument(); XSSFWorkbook scratch = new XSSFWorkbook()) {
            title(doc, report.title());
            heading(doc, "一、总体情况");
            text(doc, "本年度，我单位认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政务公开标准化规范化建设，及时回应社会关切。"
                    + "本报告中所列数据的统计期限自" + report.year() + "年1月1日起至" + report.year() + "年12月31日止。");
            text(doc, "（一）主动公开。严格落实信息公开审查制度，通过门户网站及时公开各类政府信息。");
            text(doc, "（二）依申请公开。规范办理流程，按时答复申请人。");
            int n = 0;
            for (TableDef table : format.tables()) {
                n++;
                heading(doc, table.title());
                Sheet sheet = scratch.createSheet("表" + n);
                Map<String, String> drawn = tables.drawTable(sheet, report, layout, table);
                toWordTable(sheet, doc.createTable());
                for (Map.Entry<String, String> e : drawn.entrySet()) {
                    CellReference ref = new CellReference(e.getValue().substring(e.getValue().indexOf('!') + 1));
                    cells.put(e.getKey(), sheet.getSheetName() + "!第" + (ref.getRow() + 1) + "行第" + (ref.getCol() + 1) + "列");
                }
            }
            heading(doc, "五、存在的主要问题及改进情况");
            text(doc, "政务公开工作仍存在公开内容不够全面等问题。下一步，我单位将进一步加强业务培训，提升公开质量。");
            heading(doc, "六、其他需要报告的事项");
            text(doc, "无。");
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                doc.write(out);
            }
        }
        return cells;
    }

    private static void title(XWPFDocument doc, String text) {
        XWPFParagraph p = doc.createParagraph();
        p.setAlignment(ParagraphAlignment.CENTER);
        XWPFRun run = p.createRun();
        run.setBold(true);
        run.setFontSize(16);
        run.setText(text);
    }

    private static void heading(XWPFDocument doc, String text) {
        XWPFRun run = doc.createParagraph().createRun();
        run.setBold(true);
        run.setText(text);
    }

    private static void text(XWPFDocument doc, String text) {
        doc.createParagraph().createRun().setText(text);
    }

    /**
     * The sheet's cells as the rows of a Word table: a merged region becomes, in each of its rows, one cell spanning
     * its columns, the first row restarting a vertical merge and the rows below continuing it (as Word writes them,
     * a bare {@code <w:vMerge/>}).
     */
    private static void toWordTable(Sheet sheet, XWPFTable table) {
        CTTbl tbl = table.getCTTbl();
        while (tbl.sizeOfTrArray() > 0) {
            tbl.removeTr(0);
        }
        int rows = sheet.getLastRowNum() + 1;
        int cols = 0;
        for (Row row : sheet) {
            cols = Math.max(cols, row.getLastCellNum());
        }
        CellRangeAddress[][] regionAt = new CellRangeAddress[rows][cols];
        for (CellRangeAddress m : sheet.getMergedRegions()) {
            for (int r = m.getFirstRow(); r <= m.getLastRow(); r++) {
                for (int c = m.getFirstColumn(); c <= m.getLastColumn(); c++) {
                    regionAt[r][c] = m;
                }
            }
        }
        CTTblGrid grid = tbl.getTblGrid() != null ? tbl.getTblGrid() : tbl.addNewTblGrid();
        for (int c = 0; c < cols; c++) {
            grid.addNewGridCol().setW(BigInteger.valueOf(sheet.getColumnWidth(c) * 110L / 256));
        }
        for (int r = 0; r < rows; r++) {
            CTRow tr = tbl.addNewTr();
            for (int c = 0; c < cols; ) {
                CellRangeAddress m = regionAt[r][c];
                int span = m == null ? 1 : m.getLastColumn() - m.getFirstColumn() + 1;
                CTTc tc = tr.addNewTc();
                CTTcPr pr = tc.addNewTcPr();
                if (span > 1) {
                    pr.addNewGridSpan().setVal(BigInteger.valueOf(span));
                }
                boolean below = m != null && r > m.getFirstRow();
                if (m != null && m.getLastRow() > m.getFirstRow()) {
                    if (below) {
                        pr.addNewVMerge();
                    } else {
                        pr.addNewVMerge().setVal(STMerge.RESTART);
                    }
                }
                String text = below ? null : text(sheet, r, c);
                // every cell holds at least one paragraph; a line break in a label is a new paragraph
                for (String line : (text == null ? "" : text).split("\n", -1)) {
                    tc.addNewP().addNewR().addNewT().setStringValue(line);
                }
                c += span;
            }
        }
    }

    private static String text(Sheet sheet, int r, int c) {
        Row row = sheet.getRow(r);
        Cell cell = row == null ? null : row.getCell(c);
        if (cell == null) {
            return null;
        }
        if (cell.getCellType() == CellType.NUMERIC) {
            return BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString();
        }
        return cell.getCellType() == CellType.STRING ? cell.getStringCellValue() : null;
    }
}
