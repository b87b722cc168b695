package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STMerge;

import cn.nianbao.model.Datapoint;
import cn.nianbao.model.Report;
import cn.nianbao.job.AdHocJob;
import cn.nianbao.job.RosterResolver;
import cn.nianbao.samples.AgencyProfile;
import cn.nianbao.samples.Layout;
import cn.nianbao.samples.SampleGenerator;
import cn.nianbao.samples.SampleReport;
import cn.nianbao.samples.SampleWordWriter;
import cn.nianbao.samples.SampleWorkbookWriter;
import cn.nianbao.samples.SyntheticReports;
import cn.nianbao.template.TemplateCatalogue;

/**
 * A report sent as Word gives the same facts as the same report sent as a workbook: both are written from the same
 * values (the real 开元街道 2020 report for GOV2019, synthetic values for GOV2021), read through the whole ingester,
 * and compared datapoint by datapoint. The .doc in src/test/resources/word is the GOV2019 .docx saved as .doc by
 * LibreOffice (see the README there).
 */
class WordReportFactsTest {

    static final TemplateCatalogue CATALOGUE = TemplateCatalogue.load();
    static final Set<Layout> SEED_LAYOUT = EnumSet.of(Layout.OFFICIAL, Layout.GROUP_LABEL_MISSING);
    static final Path DOC = Path.of("src/test/resources/word/kaiyuan-2020.doc");

    @TempDir
    Path dir;

    static SampleReport seed() {
        return SampleGenerator.seedReport(CATALOGUE.require("GOV2019"));
    }

    static SampleReport synthetic2021() {
        Map<String, BigDecimal> values = SyntheticReports.values(CATALOGUE.require("GOV2021"), AgencyProfile.department(),
                new Random(2021), null, false);
        return new SampleReport("鲤城区卫生健康局", "鲤城区卫生健康局 2021年政府信息公开工作年度报告", 2021, "GOV2021", values, Map.of(), false);
    }

    private static ParsedReport parse(Path file) {
        ParsedWorkbook w = new WorkbookIngester(CATALOGUE, ReadLimits.defaults(), (name, titles) -> java.util.Optional.empty(), null).parse(file);
        assertThat(w.outcome()).isEqualTo(ParsedWorkbook.Outcome.LOCATED);
        assertThat(w.problems()).isEmpty();
        assertThat(w.reports()).hasSize(1);
        return w.reports().get(0);
    }

    static Stream<Arguments> bothFormats() {
        return Stream.of(Arguments.of("GOV2019", seed(), SEED_LAYOUT), Arguments.of("GOV2021", synthetic2021(), EnumSet.of(Layout.OFFICIAL)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothFormats")
    void theWordReportGivesTheWorkbooksFactsWithTableAndRowColumnSources(String format, SampleReport report, Set<Layout> layout)
            throws Exception {
        Path docx = dir.resolve("report.docx");
        Path xlsx = dir.resolve("report.xlsx");
        Map<String, String> wordCells = new SampleWordWriter(CATALOGUE).write(report, layout, docx);
        new SampleWorkbookWriter(CATALOGUE).write(report, layout, xlsx);

        ParsedReport word = parse(docx);
        ParsedReport workbook = parse(xlsx);
        assertThat(word.format()).isEqualTo(format);
        assertThat(word.tablesComplete()).isTrue();
        assertThat(word.problems()).isEmpty();
        assertThat(workbook.problems()).isEmpty();
        assertThat(word.datapoints().keySet()).isEqualTo(workbook.datapoints().keySet())
                .hasSize(CATALOGUE.require(format).requiredDatapoints().size());
        for (Datapoint expected : workbook.datapoints().values()) {
            Datapoint got = word.datapoints().get(expected.id());
            assertThat(got.blank()).as(expected.id()).isEqualTo(expected.blank());
            assertThat(got.unitNote()).as(expected.id()).isEqualTo(expected.unitNote());
            if (!expected.blank()) {
                assertThat(got.value()).as(expected.id()).isEqualByComparingTo(expected.value());
            }
            assertThat(got.source().sheet()).as(expected.id()).matches("表[123]");
            assertThat(got.source().cell()).as(expected.id()).matches("第\\d+行第\\d+列");
            assertThat(got.source().sheet() + "!" + got.source().cell()).as(expected.id()).isEqualTo(wordCells.get(expected.id()));
        }
        // and both equal what was written
        for (Map.Entry<String, BigDecimal> e : report.values().entrySet()) {
            assertThat(word.datapoints().get(e.getKey()).value()).as(e.getKey()).isEqualByComparingTo(e.getValue());
        }
        // the title is the document's first paragraph; the tables carry none
        assertThat(word.titles()).singleElement().satisfies(t -> {
            assertThat(t.text()).isEqualTo(report.title());
            assertThat(t.agencyName()).isEqualTo(report.agencyName());
            assertThat(t.year()).isEqualTo(report.year());
        });
        assertThat(new WorkbookGridReader(ReadLimits.defaults()).read(docx).preamble()).first().isEqualTo(report.title());
    }


    @Test
    void theAgencyAndYearOfAWordReportComeFromItsTitleParagraph() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Path docx = in.resolve("年报.docx"); // the file name names neither
        new SampleWordWriter(CATALOGUE).write(seed(), SEED_LAYOUT, docx);
        IngestResult result = new WorkbookIngester(CATALOGUE, ReadLimits.defaults(),
                new RosterResolver(AdHocJob.of(in, dir.resolve("out"), null)), null).ingest(docx, WorkbookIngester.describe(in, docx));
        assertThat(result.findings()).isEmpty();
        Report report = result.onlyReport();
        assertThat(report.agency().name()).isEqualTo("鲤城区人民政府开元街道办事处");
        assertThat(report.year()).isEqualTo(2020);
        assertThat(report.datapoint("A.PROCUREMENT.AMOUNT_YUAN").orElseThrow().value()).isEqualByComparingTo("25211");
        assertThat(report.datapoint("A.OTHER_SERVICE.DECISIONS").orElseThrow().value()).isEqualByComparingTo("20470");
    }

    /** The official headers are real Word merges in the written file, so the reader is shown gridSpan and vMerge. */
    @Test
    void theWrittenReportMergesItsHeadersAsWordDoes() throws Exception {
        Path docx = dir.resolve("report.docx");
        new SampleWordWriter(CATALOGUE).write(seed(), SEED_LAYOUT, docx);
        try (OPCPackage pkg = OPCPackage.open(new File(docx.toString()), PackageAccess.READ); XWPFDocument doc = new XWPFDocument(pkg)) {
            List<XWPFTable> tables = doc.getTables();
            assertThat(tables).hasSize(3);
            assertThat(gridSpan(cell(tables.get(1), "申请人情况"))).isEqualTo(7);
            assertThat(gridSpan(cell(tables.get(1), "法人或其他组织"))).isEqualTo(5);
            CTTcPr result = cell(tables.get(1), "三、本年度办理结果").getCTTc().getTcPr();
            assertThat(result.getVMerge().getVal()).isEqualTo(STMerge.RESTART);
            assertThat(gridSpan(cell(tables.get(2), "行政诉讼"))).isEqualTo(10);
            assertThat(gridSpan(cell(tables.get(2), "未经复议直接起诉"))).isEqualTo(5);
            long continued = tables.get(1).getRows().stream().flatMap(r -> r.getTableCells().stream())
                    .filter(c -> c.getCTTc().getTcPr() != null && c.getCTTc().getTcPr().isSetVMerge()
                            && !c.getCTTc().getTcPr().getVMerge().isSetVal())
                    .count();
            assertThat(continued).as("cells continuing a vertical merge").isGreaterThan(20);
        }
        WorkbookGrid grid = new WorkbookGridReader(ReadLimits.defaults()).read(docx);
        SheetGrid b = grid.sheets().get(1);
        SheetGrid.Region outcome = regionOf(b, "三、本年度办理结果");
        assertThat(outcome.lastRow() - outcome.firstRow() + 1).isEqualTo(20); // 予以公开 … （七）总计, the seed's lost group included
        SheetGrid.Region org = regionOf(b, "法人或其他组织");
        assertThat(org.lastCol() - org.firstCol() + 1).isEqualTo(5);
    }

    private static SheetGrid.Region regionOf(SheetGrid grid, String text) {
        for (int r : grid.rowIndexes()) {
            for (GridCell c : grid.row(r)) {
                if (text.equals(c.text()) && !grid.isMergedCopy(r, c.col())) {
                    return grid.regionOf(r, c.col());
                }
            }
        }
        throw new AssertionError("no cell " + text);
    }

    private static XWPFTableCell cell(XWPFTable table, String text) {
        for (XWPFTableRow row : table.getRows()) {
            for (XWPFTableCell c : row.getTableCells()) {
                if (c.getText().equals(text)) {
                    return c;
                }
            }
        }
        throw new AssertionError("no cell " + text);
    }

    private static int gridSpan(XWPFTableCell cell) {
        CTTcPr pr = cell.getCTTc().getTcPr();
        return pr == null || !pr.isSetGridSpan() ? 1 : pr.getGridSpan().getVal().intValueExact();
    }

    static Stream<Arguments> wordLayouts() {
        return Stream.of(
                Arguments.of("GOV2019", EnumSet.of(Layout.TEXT_NUMBERS, Layout.LABEL_NOISE, Layout.TABLE_C_VERTICAL)),
                Arguments.of("GOV2019", EnumSet.of(Layout.GROUP_LABEL_IN_CELL, Layout.SUBTOTAL_ROWS, Layout.MONEY_WAN_TEXT)),
                Arguments.of("GOV2019", EnumSet.of(Layout.OFFICIAL, Layout.MONEY_WAN_HEADER)),
                Arguments.of("GOV2021", EnumSet.of(Layout.SUBTOTAL_ROWS, Layout.TABLE_C_VERTICAL)),
                Arguments.of("GOV2021", EnumSet.of(Layout.TEXT_NUMBERS, Layout.GROUP_LABEL_MISSING, Layout.LABEL_NOISE)));
    }

    /** Agencies' own variations in a Word report: every value comes back as written. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("wordLayouts")
    void everyValueOfAWordReportInTheSampleLayoutsIsReadAsWritten(String format, Set<Layout> layout) throws Exception {
        Map<String, BigDecimal> values = SyntheticReports.values(CATALOGUE.require(format), AgencyProfile.department(),
                new Random(layout.hashCode()), null, layout.contains(Layout.SUBTOTAL_ROWS));
        if (layout.contains(Layout.TEXT_NUMBERS)) {
            values = new LinkedHashMap<>(values);
            values.put(format.equals("GOV2019") ? "A.REGULATION.NEW_MADE" : "A.REGULATION.ISSUED", null); // written 「—」
        }
        int year = format.equals("GOV2019") ? 2020 : 2021;
        SampleReport report = new SampleReport("鲤城区教育局", "鲤城区教育局" + year + "年政府信息公开工作年度报告", year, format, values, Map.of(), false);
        Path docx = dir.resolve("variation.docx");
        new SampleWordWriter(CATALOGUE).write(report, layout, docx);
        ParsedReport word = parse(docx);
        assertThat(word.problems()).isEmpty();
        assertThat(word.format()).isEqualTo(format);
        for (Map.Entry<String, BigDecimal> e : values.entrySet()) {
            Datapoint got = word.datapoints().get(e.getKey());
            assertThat(got).as(e.getKey()).isNotNull();
            if (e.getValue() == null) {
                assertThat(got.blank()).as(e.getKey()).isTrue();
            } else {
                assertThat(got.value()).as(e.getKey()).isEqualByComparingTo(e.getValue());
            }
        }
    }

    /** The committed .doc (the GOV2019 .docx saved as Word 97–2003 by LibreOffice) reads to the .docx's facts and cells. */
    @Test
    void theDocGivesTheSameFactsAsTheDocxItWasSavedFrom() throws Exception {
        Path docx = dir.resolve("kaiyuan-2020.docx");
        new SampleWordWriter(CATALOGUE).write(seed(), SEED_LAYOUT, docx);
        ParsedReport fromDocx = parse(docx);
        ParsedReport fromDoc = parse(DOC);
        assertThat(fromDoc.problems()).isEmpty();
        assertThat(fromDoc.titles()).isEqualTo(fromDocx.titles());
        assertThat(fromDoc.datapoints()).hasSize(198).isEqualTo(fromDocx.datapoints());
        assertThat(fromDoc.datapoints().get("A.PROCUREMENT.AMOUNT_YUAN").source().cell()).startsWith("第");
    }

    /** The committed .doc reads to the same tables as the .docx it was saved from: every cell's text and every merge. */
    @Test
    void theDocGivesTheSameTablesAsTheDocxItWasSavedFrom() throws Exception {
        Path docx = dir.resolve("kaiyuan-2020.docx");
        new SampleWordWriter(CATALOGUE).write(seed(), SEED_LAYOUT, docx);
        WorkbookGrid fromDocx = GridFiles.read(docx);
        WorkbookGrid fromDoc = GridFiles.read(DOC);

        assertThat(fromDoc.preamble()).isEqualTo(fromDocx.preamble());
        assertThat(fromDoc.sheets()).hasSameSizeAs(fromDocx.sheets());
        for (int s = 0; s < fromDocx.sheets().size(); s++) {
            SheetGrid doc = fromDoc.sheets().get(s);
            SheetGrid expected = fromDocx.sheets().get(s);
            assertThat(doc.name()).isEqualTo(expected.name());
            assertThat(doc.mergedRegions()).as(doc.name()).containsExactlyInAnyOrderElementsOf(expected.mergedRegions());
            assertThat(texts(doc)).as(doc.name()).isEqualTo(texts(expected));
        }
    }

    private static java.util.List<String> texts(SheetGrid grid) {
        return GridFiles.cells(grid).stream().map(c -> grid.address(c.row(), c.col()) + "=" + c.text()).toList();
    }

    /** The fixture's largest tables: 26 rows (table 2), 15 columns (table 3, where two cell edges a twip apart are one boundary). */
    @Test
    void theDocsTablesAreReadAtExactlyTheirSizeAndRefusedOneBelow() throws Exception {
        ReadLimits d = ReadLimits.defaults();
        ReadLimits exactly = new ReadLimits(d.maxFileBytes(), 5, 26, 15, d.maxEntryBytes(), d.minInflateRatio(), d.maxCellsPerSheet());
        ReadLimits rowLess = new ReadLimits(d.maxFileBytes(), 5, 25, 15, d.maxEntryBytes(), d.minInflateRatio(), d.maxCellsPerSheet());
        ReadLimits columnLess = new ReadLimits(d.maxFileBytes(), 5, 26, 14, d.maxEntryBytes(), d.minInflateRatio(), d.maxCellsPerSheet());

        assertThat(new WorkbookGridReader(exactly).read(DOC).sheets()).hasSize(3);
        assertThatThrownBy(() -> new WorkbookGridReader(rowLess).read(DOC)).isInstanceOfSatisfying(UnreadableWorkbookException.class,
                e -> assertThat(e.getMessage()).startsWith("表格「表2」有 26 行，超过上限 25 行"));
        assertThatThrownBy(() -> new WorkbookGridReader(columnLess).read(DOC)).isInstanceOfSatisfying(UnreadableWorkbookException.class,
                e -> assertThat(e.getMessage()).startsWith("表格「表3」超过 14 列（上限）"));
    }
}
