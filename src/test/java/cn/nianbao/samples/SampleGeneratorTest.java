package cn.nianbao.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.job.JobDefinition;
import cn.nianbao.job.JobFileReader;
import cn.nianbao.model.Agency;
import cn.nianbao.samples.SampleGenerator.GeneratedSample;
import cn.nianbao.template.BlockDef;
import cn.nianbao.template.ColumnDef;
import cn.nianbao.template.ReportFormat;
import cn.nianbao.template.RowDef;
import cn.nianbao.template.TemplateCatalogue;

/** Generates the sample tree into a temp folder and reads every workbook back with POI, read-only. */
class SampleGeneratorTest {

    @TempDir
    static Path dir;

    static List<GeneratedSample> samples;
    static final TemplateCatalogue CATALOGUE = TemplateCatalogue.load();

    @BeforeAll
    static void generate() throws IOException {
        samples = SampleGenerator.generate(dir.resolve("first"));
    }

    @Test
    void writesBothYearsAndTheReadme() throws IOException {
        assertEquals(13, samples.stream().filter(s -> s.year() == 2020).count());
        assertEquals(13, samples.stream().filter(s -> s.year() == 2021).count());
        assertTrue(Files.exists(dir.resolve("first/README.md")));
        for (GeneratedSample s : samples) {
            assertTrue(Files.size(s.path()) > 0, s.path().toString());
        }
    }

    @Test
    void seedWorkbookHoldsTheSeedNumbersAtTheirLabelRows() throws IOException {
        GeneratedSample seed = samples.stream().filter(s -> !s.report().synthetic()).findFirst().orElseThrow();
        assertEquals("开元街道-2020.xlsx", seed.path().getFileName().toString());
        try (Workbook wb = open(seed.path())) {
            assertInstanceOf(XSSFWorkbook.class, wb);
            Sheet sheet = wb.getSheetAt(0);
            assertEquals(SampleGenerator.SEED_TITLE, sheet.getRow(0).getCell(0).getStringCellValue());
            assertEquals(List.of("0", "2", "80"), valuesRightOf(sheet, "行政许可"));
            assertEquals(List.of("0", "152", "20470"), valuesRightOf(sheet, "其他对外管理服务事项"));
            assertEquals(List.of("0", "1", "0"), valuesRightOf(sheet, "行政处罚"));
            assertEquals(List.of("0", "0", "0"), valuesRightOf(sheet, "行政强制"));
            assertEquals(List.of("0", "0"), valuesRightOf(sheet, "行政事业性收费"));
            assertEquals(List.of("9", "25211 元"), valuesRightOf(sheet, "政府集中采购"));
            assertEquals(List.of("0", "0", "0", "0", "0", "0", "0"), valuesRightOf(sheet, "一、本年新收政府信息公开申请数量"));
            assertEquals(List.of("0", "0", "0", "0", "0", "0", "0"), valuesRightOf(sheet, "1.本机关不掌握相关政府信息"));
            assertEquals(List.of("0", "0", "0", "0", "0", "0", "0"), valuesRightOf(sheet, "四、结转下年度继续办理"));
            // the seed lost the group label 「（三）不予公开」, and it is real data: no 模拟 marker anywhere
            for (Row row : sheet) {
                for (Cell cell : row) {
                    if (cell.getCellType() == CellType.STRING) {
                        assertFalse(cell.getStringCellValue().contains("不予公开"), cell.getAddress().toString());
                        assertFalse(cell.getStringCellValue().contains("模拟"), cell.getAddress().toString());
                    }
                }
            }
            // table C: 15 zeros in the row after the three header rows
            int headerRow = rowOf(sheet, "行政复议");
            Row data = sheet.getRow(headerRow + 3);
            for (int c = 0; c < 15; c++) {
                assertEquals(0.0, data.getCell(c).getNumericCellValue(), "table C column " + c);
            }
        }
    }

    @Test
    void everyWorkbookOpensReadOnlyAsItsFormatAndHoldsExactlyTheWrittenValues() throws Exception {
        for (GeneratedSample s : samples) {
            if (s.path().toString().endsWith(".docx")) {
                assertWordReportHoldsTheWrittenValues(s);
                continue;
            }
            try (Workbook wb = open(s.path())) {
                if (s.path().toString().endsWith(".xls")) {
                    assertInstanceOf(HSSFWorkbook.class, wb, s.path().toString());
                } else {
                    assertInstanceOf(XSSFWorkbook.class, wb, s.path().toString());
                }
                assertEquals(CATALOGUE.require(s.report().formatId()).datapoints().keySet().stream()
                        .filter(id -> s.report().values().containsKey(id)).count(), s.cells().size(), s.path().toString());
                for (Map.Entry<String, String> e : s.cells().entrySet()) {
                    String id = e.getKey();
                    BigDecimal read = readValue(wb, e.getValue(), s.layout(), id);
                    BigDecimal written = s.report().value(id);
                    String where = s.path().getFileName() + " " + id + " @ " + e.getValue();
                    if (written == null) {
                        assertEquals(null, read, where);
                    } else {
                        assertNotNull(read, where);
                        assertEquals(0, written.compareTo(read), where + ": wrote " + written + ", read " + read);
                    }
                }
            }
        }
    }

    /** A Word report: each datapoint's text in the Word table cell its address names (grid columns, as Word spans them). */
    private static void assertWordReportHoldsTheWrittenValues(GeneratedSample s) throws Exception {
        try (OPCPackage pkg = OPCPackage.open(s.path().toFile(), PackageAccess.READ); XWPFDocument doc = new XWPFDocument(pkg)) {
            assertEquals(s.report().title(), doc.getParagraphs().get(0).getText(), s.path().toString());
            assertEquals(CATALOGUE.require(s.report().formatId()).datapoints().keySet().stream()
                    .filter(id -> s.report().values().containsKey(id)).count(), s.cells().size(), s.path().toString());
            for (Map.Entry<String, String> e : s.cells().entrySet()) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("表(\\d+)!第(\\d+)行第(\\d+)列").matcher(e.getValue());
                assertTrue(m.matches(), e.getValue());
                XWPFTableRow row = doc.getTables().get(Integer.parseInt(m.group(1)) - 1).getRow(Integer.parseInt(m.group(2)) - 1);
                int column = Integer.parseInt(m.group(3)) - 1;
                String text = null;
                int at = 0;
                for (XWPFTableCell cell : row.getTableCells()) {
                    var pr = cell.getCTTc().getTcPr();
                    int span = pr != null && pr.isSetGridSpan() ? pr.getGridSpan().getVal().intValueExact() : 1;
                    if (at == column) {
                        text = cell.getText();
                    }
                    at += span;
                }
                BigDecimal read = text == null ? null : valueOfText(text, s.layout(), e.getKey());
                BigDecimal written = s.report().value(e.getKey());
                String where = s.path().getFileName() + " " + e.getKey() + " @ " + e.getValue();
                if (written == null) {
                    assertEquals(null, read, where);
                } else {
                    assertNotNull(read, where);
                    assertEquals(0, written.compareTo(read), where + ": wrote " + written + ", read " + read);
                }
            }
        }
    }

    @Test
    void eachYearHasAReportSentAsAWordDocument() {
        for (int year : List.of(2020, 2021)) {
            assertTrue(samples.stream().anyMatch(s -> s.year() == year && s.path().toString().endsWith(".docx")), "a .docx in " + year);
        }
    }

    @Test
    void consistentReportsSatisfyTheTableBAndCRules() {
        int checked = 0;
        for (GeneratedSample s : samples) {
            if (!s.consistent()) {
                continue;
            }
            checked++;
            SampleReport r = s.report();
            ReportFormat format = CATALOGUE.require(r.formatId());
            BlockDef b = format.table("B").orElseThrow().blocks().get(0);
            for (ColumnDef c : b.columns()) {
                BigDecimal left = r.valueOrZero("B.NEW." + c.id()).add(r.valueOrZero("B.CARRIED_IN." + c.id()));
                BigDecimal right = r.valueOrZero("B.RESULT_TOTAL." + c.id()).add(r.valueOrZero("B.CARRIED_OUT." + c.id()));
                assertEquals(0, left.compareTo(right), "B-BALANCE " + s.path().getFileName() + " column " + c.id());
                BigDecimal outcomes = BigDecimal.ZERO;
                for (RowDef row : b.rows()) {
                    if (!row.groups().isEmpty() && !row.optional() && !row.id().equals("RESULT_TOTAL")) {
                        outcomes = outcomes.add(cellOrRecomputedTotal(r, b, row, c));
                    }
                }
                assertEquals(0, outcomes.compareTo(r.valueOrZero("B.RESULT_TOTAL." + c.id())),
                        "B-RESULT-TOTAL " + s.path().getFileName() + " column " + c.id());
            }
            for (RowDef row : b.rows()) {
                if (!r.values().containsKey("B." + row.id() + ".TOTAL")) {
                    continue;
                }
                BigDecimal sum = BigDecimal.ZERO;
                for (ColumnDef c : b.columns()) {
                    if (!c.id().equals("TOTAL")) {
                        sum = sum.add(r.valueOrZero("B." + row.id() + "." + c.id()));
                    }
                }
                if (r.value("B." + row.id() + ".TOTAL") != null) {
                    assertEquals(0, sum.compareTo(r.value("B." + row.id() + ".TOTAL")),
                            "B-ROW-TOTAL " + s.path().getFileName() + " row " + row.id());
                }
            }
            for (String c : List.of("REVIEW", "SUIT_DIRECT", "SUIT_AFTER_REVIEW")) {
                BigDecimal parts = r.valueOrZero("C." + c + ".UPHELD").add(r.valueOrZero("C." + c + ".CORRECTED"))
                        .add(r.valueOrZero("C." + c + ".OTHER")).add(r.valueOrZero("C." + c + ".PENDING"));
                assertEquals(0, parts.compareTo(r.valueOrZero("C." + c + ".TOTAL")), "C-TOTAL " + s.path().getFileName());
            }
        }
        assertTrue(checked >= 20, "checked " + checked);
    }

    @Test
    void deliberateBalanceBreakAndCarryOverMismatchAreReallyThere() {
        GeneratedSample rs = find("350502-RS", 2020);
        assertEquals("B-BALANCE", rs.mistakes().get(0).rule());
        SampleReport r = rs.report();
        assertEquals(1, r.value("B.NEW.NATURAL").add(r.value("B.CARRIED_IN.NATURAL"))
                .subtract(r.value("B.RESULT_TOTAL.NATURAL")).subtract(r.value("B.CARRIED_OUT.NATURAL")).intValueExact());

        for (GeneratedSample s2021 : samples) {
            if (s2021.year() != 2021) {
                continue;
            }
            SampleReport last = find(s2021.agency().code(), 2020).report();
            boolean mismatchExpected = s2021.mistakes().stream().anyMatch(m -> m.rule().equals("B-CARRY-OVER"));
            int diff = s2021.report().value("B.CARRIED_IN.NATURAL").subtract(last.value("B.CARRIED_OUT.NATURAL")).intValueExact();
            assertEquals(mismatchExpected ? 1 : 0, diff, "B-CARRY-OVER " + s2021.path().getFileName());
            for (String c : List.of("BUSINESS", "RESEARCH", "NONPROFIT", "LEGAL", "OTHER_ORG")) {
                assertEquals(0, s2021.report().valueOrZero("B.CARRIED_IN." + c).compareTo(last.valueOrZero("B.CARRIED_OUT." + c)),
                        s2021.path().getFileName() + " " + c);
            }
        }
    }

    @Test
    void everyLayoutAppearsInEachYearAndOnlyTheSeedIsReal() {
        for (int year : List.of(2020, 2021)) {
            Set<Layout> seen = EnumSet.noneOf(Layout.class);
            for (GeneratedSample s : samples) {
                if (s.year() == year) {
                    seen.addAll(s.layout());
                }
            }
            Set<Layout> expected = EnumSet.allOf(Layout.class);
            if (year == 2021) {
                // GOV2021 has no procurement amount
                expected.removeAll(EnumSet.of(Layout.MONEY_WAN_TEXT, Layout.MONEY_WAN_HEADER, Layout.MONEY_BARE));
            }
            assertEquals(expected, seen, "layouts of " + year);
        }
        for (GeneratedSample s : samples) {
            assertEquals(s.report().synthetic(), s.report().title().contains("（模拟数据）"), s.path().toString());
        }
    }

    @Test
    void regeneratingGivesIdenticalValues() throws IOException {
        List<GeneratedSample> again = SampleGenerator.generate(dir.resolve("second"));
        assertEquals(samples.size(), again.size());
        for (int i = 0; i < samples.size(); i++) {
            assertEquals(samples.get(i).path().getFileName(), again.get(i).path().getFileName());
            assertEquals(samples.get(i).report(), again.get(i).report());
            assertEquals(samples.get(i).cells(), again.get(i).cells());
        }
    }

    @Test
    void everyFileMatchesExactlyOneRosterEntryByFileNameOrTitle() throws IOException {
        Path jobs = Path.of("jobs");
        for (int year : List.of(2020, 2021)) {
            JobDefinition job = JobFileReader.read(jobs.resolve("licheng-" + year + ".yml"));
            assertEquals(List.of(year), job.years());
            Map<String, Integer> filesPerEntry = new HashMap<>();
            for (GeneratedSample s : samples) {
                if (s.year() != year) {
                    continue;
                }
                String haystack = s.path().getFileName() + " " + s.report().title();
                List<String> matches = new ArrayList<>();
                for (Agency entry : job.roster()) {
                    List<String> names = new ArrayList<>(entry.aliases());
                    names.add(entry.name());
                    if (names.stream().anyMatch(haystack::contains)) {
                        matches.add(entry.code());
                    }
                }
                assertEquals(List.of(s.agency().code()), matches, haystack);
                filesPerEntry.merge(s.agency().code(), 1, Integer::sum);
            }
            // every roster entry has its workbook, except the one left out on purpose in 2021
            long missing = job.roster().stream().filter(e -> !filesPerEntry.containsKey(e.code())).count();
            assertEquals(year == 2021 ? 1 : 0, missing, "roster entries without a workbook in " + year);
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** As rules.md says: a blank 总计 is reported once and the other rules use the total recomputed from its parts. */
    private static BigDecimal cellOrRecomputedTotal(SampleReport r, BlockDef b, RowDef row, ColumnDef column) {
        BigDecimal v = r.value("B." + row.id() + "." + column.id());
        if (v != null || !column.id().equals("TOTAL")) {
            return v == null ? BigDecimal.ZERO : v;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (ColumnDef c : b.columns()) {
            if (!c.id().equals("TOTAL")) {
                sum = sum.add(r.valueOrZero("B." + row.id() + "." + c.id()));
            }
        }
        return sum;
    }

    private static GeneratedSample find(String code, int year) {
        return samples.stream().filter(s -> s.agency().code().equals(code) && s.year() == year).findFirst().orElseThrow();
    }

    private static Workbook open(Path file) throws IOException {
        File f = file.toFile();
        return WorkbookFactory.create(f, null, true);
    }

    private static int rowOf(Sheet sheet, String label) {
        for (Row row : sheet) {
            for (Cell cell : row) {
                if (cell.getCellType() == CellType.STRING && cell.getStringCellValue().equals(label)) {
                    return row.getRowNum();
                }
            }
        }
        throw new AssertionError("no label " + label);
    }

    /** The non-empty cells right of the label's merged label area, as text (numbers without decimals). */
    private static List<String> valuesRightOf(Sheet sheet, String label) {
        Row row = sheet.getRow(rowOf(sheet, label));
        List<String> out = new ArrayList<>();
        boolean afterLabel = false;
        for (Cell cell : row) {
            if (cell.getCellType() == CellType.STRING && cell.getStringCellValue().equals(label)) {
                afterLabel = true;
            } else if (afterLabel && cell.getCellType() == CellType.NUMERIC) {
                out.add(BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString());
            } else if (afterLabel && cell.getCellType() == CellType.STRING && !cell.getStringCellValue().isEmpty()) {
                out.add(cell.getStringCellValue());
            }
        }
        return out;
    }

    /** Reads a datapoint cell the way a tolerant reader would; null = blank. */
    private static BigDecimal readValue(Workbook wb, String sheetAndCell, Set<Layout> layout, String id) {
        int bang = sheetAndCell.lastIndexOf('!');
        Sheet sheet = wb.getSheet(sheetAndCell.substring(0, bang));
        CellReference ref = new CellReference(sheetAndCell.substring(bang + 1));
        Row row = sheet.getRow(ref.getRow());
        Cell cell = row == null ? null : row.getCell(ref.getCol());
        if (cell == null) {
            return null;
        }
        boolean yuan = id.endsWith(".AMOUNT_YUAN");
        BigDecimal value;
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        if (type == CellType.NUMERIC) {
            value = new BigDecimal(Double.toString(cell.getNumericCellValue()));
        } else if (type == CellType.STRING) {
            return valueOfText(cell.getStringCellValue(), layout, id);
        } else {
            return null;
        }
        if (yuan && layout.contains(Layout.MONEY_WAN_HEADER)) {
            value = value.multiply(BigDecimal.valueOf(10_000));
        }
        return value;
    }

    /** A number written as text (「１２」「20,470」「25211 元」「2.52万元」); null for a blank marker. */
    private static BigDecimal valueOfText(String written, Set<Layout> layout, String id) {
        String text = Normalizer.normalize(written, Normalizer.Form.NFKC).trim();
        if (text.isEmpty() || text.equals("—") || text.equals("/") || text.equals("无")) {
            return null;
        }
        BigDecimal factor = BigDecimal.ONE;
        if (text.endsWith("万元")) {
            factor = BigDecimal.valueOf(10_000);
            text = text.substring(0, text.length() - 2);
        } else if (text.endsWith("元")) {
            text = text.substring(0, text.length() - 1);
        }
        BigDecimal value = new BigDecimal(text.replace(",", "").trim()).multiply(factor);
        if (id.endsWith(".AMOUNT_YUAN") && layout.contains(Layout.MONEY_WAN_HEADER)) {
            value = value.multiply(BigDecimal.valueOf(10_000));
        }
        return value;
    }
}
