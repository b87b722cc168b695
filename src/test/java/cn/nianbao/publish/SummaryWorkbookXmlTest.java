package cn.nianbao.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.nianbao.model.Agency;
import cn.nianbao.model.Datapoint;
import cn.nianbao.model.Report;
import cn.nianbao.model.ReportContent;
import cn.nianbao.model.Submission;
import cn.nianbao.model.UnitTotal;
import cn.nianbao.template.DatapointDef;
import cn.nianbao.template.ReportFormat;
import cn.nianbao.template.TemplateCatalogue;

/**
 * The summary workbook as written to a file (its detail sheet's rows written as XML) holds what the same workbook
 * drawn in memory through POI holds: every cell's value, type and style, the row heights, merged cells, page breaks,
 * column widths and page set-up; and writing the same content twice gives the same bytes.
 */
class SummaryWorkbookXmlTest {

    /** Enough agencies for several pages of agency columns and a page break in the blocks of a row per agency. */
    private static final int AGENCIES = 60;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"GOV2019", "GOV2021"})
    void theWrittenFileHoldsWhatPoiDrawsInMemory(String formatId) throws Exception {
        TemplateCatalogue catalogue = TemplateCatalogue.load();
        ReportFormat format = catalogue.require(formatId);
        List<Report> reports = reports(format);
        UnitTotal unit = TestRuns.sum(2021, format.id(), reports, List.of(new Agency("35050299999", "缺报&单位", List.of(), "部门", "350502")));
        SummaryWorkbookWriter writer = new SummaryWorkbookWriter(catalogue);

        Path file = writer.write(unit, dir.resolve("summary.xlsx"), ReportContent.of(reports));
        try (XSSFWorkbook expected = writer.build(unit, ReportContent.of(reports));
             OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
             XSSFWorkbook actual = new XSSFWorkbook(pkg)) {
            assertThat(actual.getNumberOfSheets()).isEqualTo(expected.getNumberOfSheets());
            for (int s = 0; s < expected.getNumberOfSheets(); s++) {
                XSSFSheet want = expected.getSheetAt(s);
                XSSFSheet got = actual.getSheetAt(s);
                assertThat(got.getSheetName()).isEqualTo(want.getSheetName());
                assertThat(cells(got)).as(want.getSheetName()).isEqualTo(cells(want));
                assertThat(merges(got)).as(want.getSheetName()).isEqualTo(merges(want));
                assertThat(got.getRowBreaks()).as(want.getSheetName()).isEqualTo(want.getRowBreaks());
                assertThat(layout(got)).as(want.getSheetName()).isEqualTo(layout(want));
            }
            XSSFSheet detail = actual.getSheet(SummaryWorkbookWriter.DETAIL_SHEET);
            assertThat(detail.getRowBreaks()).isNotEmpty(); // the test draws more than a page
            assertThat(detail.getNumMergedRegions()).isPositive();
            // Excel refuses a worksheet whose elements are out of the schema's order; POI reads it regardless
            assertThat(elementOrder(entries(file).get("xl/worksheets/sheet2.xml"))).containsSubsequence(
                    "dimension", "cols", "sheetData", "mergeCells", "printOptions", "pageMargins", "pageSetup", "rowBreaks");
            assertThat(detail.getCTWorksheet().getDimension().getRef())
                    .isEqualTo("A1:" + new org.apache.poi.ss.util.CellReference(detail.getLastRowNum(), lastColumn(detail)).formatAsString(false));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"GOV2021"})
    void theSameContentGivesTheSameBytesButForTheTimeTheWorkbookWasMade(String formatId) throws Exception {
        TemplateCatalogue catalogue = TemplateCatalogue.load();
        ReportFormat format = catalogue.require(formatId);
        List<Report> reports = reports(format);
        UnitTotal unit = TestRuns.sum(2021, format.id(), reports, List.of());
        SummaryWorkbookWriter writer = new SummaryWorkbookWriter(catalogue);
        Path first = writer.write(unit, dir.resolve("first.xlsx"), ReportContent.of(reports));
        Path second = writer.write(unit, dir.resolve("second.xlsx"), ReportContent.of(reports));
        Map<String, byte[]> a = entries(first);
        Map<String, byte[]> b = entries(second);
        assertThat(a.keySet()).isEqualTo(b.keySet()).contains("xl/worksheets/sheet2.xml", "docProps/core.xml");
        for (String name : a.keySet()) {
            if (!name.equals("docProps/core.xml")) {
                assertThat(b.get(name)).as(name).isEqualTo(a.get(name));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"GOV2021"})
    void aNameWithCharactersXmlCannotHoldStillGivesAWorkbookThatOpens(String formatId) throws Exception {
        TemplateCatalogue catalogue = TemplateCatalogue.load();
        ReportFormat format = catalogue.require(formatId);
        Agency odd = new Agency("350502077", "某\u0001局\uFFFF<&>", List.of(), "部门", "350502");
        List<Report> reports = List.of(TestRuns.report(odd, 2021, format, submission(77), 3, false));
        UnitTotal unit = TestRuns.sum(2021, format.id(), reports, List.of());
        Path file = new SummaryWorkbookWriter(catalogue).write(unit, dir.resolve("odd.xlsx"), ReportContent.of(reports));
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ); XSSFWorkbook wb = new XSSFWorkbook(pkg)) {
            List<String> texts = new ArrayList<>();
            for (Row row : wb.getSheet(SummaryWorkbookWriter.DETAIL_SHEET)) {
                for (Cell cell : row) {
                    if (cell.getCellType() == CellType.STRING) {
                        texts.add(cell.getStringCellValue());
                    }
                }
            }
            assertThat(texts).contains("某?局?<&>");
        }
    }

    /**
     * Agencies whose values differ in kind: blanks, whole and fractional amounts, a long fraction, numbers past an
     * int, negative changes; names with markup characters, a carriage return and a leading space.
     */
    private static List<Report> reports(ReportFormat format) {
        List<Report> reports = new ArrayList<>();
        for (int i = 0; i < AGENCIES; i++) {
            String name = switch (i) {
                case 0 -> TestRuns.HOSTILE_NAME;
                case 1 -> " 前有空格的局";
                case 2 -> "甲局\r\n乙局 & \"丙\"";
                default -> "鲤城区第" + i + "局";
            };
            Agency a = new Agency("3505020" + String.format("%04d", i), name, List.of(), "部门", "350502");
            Report r = TestRuns.report(a, 2021, format, submission(i), i == 5 ? 100 : i + 1, i % 7 == 0);
            Map<String, Datapoint> dps = new LinkedHashMap<>(r.datapoints());
            int k = 0;
            for (DatapointDef def : format.datapoints().values()) {
                Datapoint d = dps.get(def.id());
                if (d == null || d.blank()) {
                    continue;
                }
                k++;
                BigDecimal v = switch ((i + k) % 11) {
                    case 0 -> new BigDecimal("0.00015");
                    case 1 -> new BigDecimal("12345678901.5");
                    case 2 -> new BigDecimal("3.10");
                    case 3 -> null;
                    default -> d.value();
                };
                dps.put(def.id(), v == null ? Datapoint.blank(def.id(), d.source()) : Datapoint.of(def.id(), v, d.source()));
            }
            reports.add(new Report(a, r.year(), r.format(), r.scope(), r.submission(), r.title(), dps));
        }
        return reports;
    }

    private static Submission submission(int i) {
        return new Submission("2021/" + i + ".xlsx", String.format("%064d", i), 100, Instant.EPOCH);
    }

    /** Each row's number and height, each cell's address, type, value and style. */
    private static List<String> cells(Sheet sheet) {
        List<String> out = new ArrayList<>();
        for (Row row : sheet) {
            out.add("row " + row.getRowNum() + " " + row.getHeightInPoints() + " " + row.getZeroHeight());
            for (Cell cell : row) {
                String value = switch (cell.getCellType()) {
                    case NUMERIC -> "n:" + Double.doubleToLongBits(cell.getNumericCellValue()) + " (" + cell.getNumericCellValue() + ")";
                    case STRING -> "s:" + cell.getStringCellValue();
                    case BLANK -> "blank";
                    default -> cell.getCellType() + ":" + cell;
                };
                out.add(cell.getAddress() + " " + value + " style " + cell.getCellStyle().getIndex());
            }
        }
        return out;
    }

    /** The worksheet's child elements in document order (names without prefix). */
    private static List<String> elementOrder(byte[] xml) throws Exception {
        javax.xml.stream.XMLInputFactory f = javax.xml.stream.XMLInputFactory.newFactory();
        f.setProperty(javax.xml.stream.XMLInputFactory.SUPPORT_DTD, false);
        javax.xml.stream.XMLStreamReader r = f.createXMLStreamReader(new java.io.ByteArrayInputStream(xml));
        List<String> names = new ArrayList<>();
        int depth = 0;
        while (r.hasNext()) {
            int event = r.next();
            if (event == javax.xml.stream.XMLStreamConstants.START_ELEMENT) {
                if (++depth == 2) {
                    names.add(r.getLocalName());
                }
            } else if (event == javax.xml.stream.XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        return names;
    }

    private static List<String> merges(Sheet sheet) {
        return sheet.getMergedRegions().stream().map(CellRangeAddress::formatAsString).sorted().toList();
    }

    /** Column widths, the page set-up, margins, footer and print titles. */
    private static Map<String, Object> layout(XSSFSheet sheet) {
        Map<String, Object> out = new TreeMap<>();
        for (int c = 0; c < 40; c++) {
            out.put("width " + c, sheet.getColumnWidth(c));
        }
        var print = sheet.getPrintSetup();
        out.put("paper", print.getPaperSize());
        out.put("landscape", print.getLandscape());
        out.put("scale", print.getScale());
        out.put("fitToPage", sheet.getFitToPage());
        out.put("centred", sheet.getHorizontallyCenter());
        for (var m : org.apache.poi.ss.usermodel.PageMargin.values()) {
            out.put("margin " + m, sheet.getMargin(m));
        }
        out.put("footer", sheet.getFooter().getCenter());
        out.put("repeating rows", String.valueOf(sheet.getRepeatingRows()));
        out.put("column breaks", Arrays.toString(sheet.getColumnBreaks()));
        return out;
    }

    private static int lastColumn(Sheet sheet) {
        int last = 0;
        for (Row row : sheet) {
            last = Math.max(last, row.getLastCellNum() - 1);
        }
        return last;
    }

    private static Map<String, byte[]> entries(Path xlsx) throws Exception {
        Map<String, byte[]> out = new TreeMap<>();
        try (InputStream in = Files.newInputStream(xlsx); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                out.put(e.getName(), zip.readAllBytes());
            }
        }
        return out;
    }
}
