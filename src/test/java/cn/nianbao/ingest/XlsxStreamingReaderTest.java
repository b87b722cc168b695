package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worksheet's XML as producers other than Excel write it, read by the streaming reader: rows and cells without
 * references, every cell type, phonetic runs, escapes, hidden columns, merged regions, and the limits on rows, cells
 * and columns. Each package is written by hand.
 */
class XlsxStreamingReaderTest {

    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

    @TempDir
    Path dir;

    private static String rels(String... pairs) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
        for (int i = 0; i < pairs.length; i += 2) {
            b.append("<Relationship Id=\"rId").append(i).append("\" Type=\"").append(REL).append(pairs[i]).append("\" Target=\"")
                    .append(pairs[i + 1]).append("\"/>");
        }
        return b.append("</Relationships>").toString();
    }

    /** A package of one sheet (its {@code <worksheet>} content given) and, when not null, a shared strings part (its {@code <si>}s). */
    private Path xlsx(String worksheet, String sharedStrings) throws Exception {
        Path file = dir.resolve("表" + System.nanoTime() + ".xlsx");
        Map<String, String> parts = new java.util.LinkedHashMap<>();
        parts.put("_rels/.rels", rels("officeDocument", "xl/workbook.xml"));
        parts.put("xl/_rels/workbook.xml.rels", sharedStrings == null ? rels("worksheet", "worksheets/sheet1.xml")
                : rels("worksheet", "worksheets/sheet1.xml", "sharedStrings", "sharedStrings.xml"));
        parts.put("xl/workbook.xml", "<?xml version=\"1.0\"?><workbook xmlns=\"" + MAIN + "\" xmlns:r=\"" + REL.substring(0, REL.length() - 1)
                + "\"><sheets><sheet name=\"表\" sheetId=\"1\" r:id=\"rId0\"/></sheets></workbook>");
        parts.put("xl/worksheets/sheet1.xml", "<?xml version=\"1.0\"?><worksheet xmlns=\"" + MAIN + "\">" + worksheet + "</worksheet>");
        if (sharedStrings != null) {
            parts.put("xl/sharedStrings.xml", "<?xml version=\"1.0\"?><sst xmlns=\"" + MAIN + "\">" + sharedStrings + "</sst>");
        }
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, String> p : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(p.getKey()));
                zip.write(p.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }

    private static SheetGrid read(Path file, ReadLimits limits) throws Exception {
        return GridFiles.read(file, limits).sheets().get(0);
    }

    private static SheetGrid read(Path file) throws Exception {
        return read(file, ReadLimits.defaults());
    }

    private static ReadLimits limits(int rows, int columns, int cells) {
        return new ReadLimits(ReadLimits.DEFAULT_MAX_FILE_BYTES, 5, rows, columns, ReadLimits.DEFAULT_MAX_ENTRY_BYTES, 0.01, cells);
    }

    private static String data(String rows) {
        return "<sheetData>" + rows + "</sheetData>";
    }

    /** Every stored cell as 「A1=value」: a number as written, text as it is, other kinds by name. */
    private static List<String> cells(SheetGrid sheet) {
        return GridFiles.cells(sheet).stream().map(c -> c.address() + "=" + switch (c.kind()) {
            case NUMBER -> c.number().toPlainString();
            case TEXT -> c.text();
            default -> c.kind() + ":" + c.text();
        }).toList();
    }

    @Test
    void rowsAndCellsWithoutReferencesFollowTheOnesBefore() throws Exception {
        SheetGrid sheet = read(xlsx(data("<row><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>"
                + "<row r=\"5\"><c><v>4</v></c><c r=\"D5\"><v>5</v></c><c><v>6</v></c><c r=\"G\"><v>7</v></c></row>"
                + "<row r=\"9\"><c r=\"C8\"><v>8</v></c><c><v>9</v></c></row>"), null));

        // a reference without a row stays in the row; a cell's own row beats its row element's
        assertThat(cells(sheet)).containsExactly("A1=1", "B1=2", "A2=3", "A5=4", "D5=5", "E5=6", "G5=7", "C8=8", "D8=9");
    }

    @Test
    void everyKindOfCellValue() throws Exception {
        SheetGrid sheet = read(xlsx(data("<row r=\"1\">"
                + "<c r=\"A1\" t=\"n\"><v>5</v></c><c r=\"B1\"><v></v></c><c r=\"C1\" t=\"s\"><v></v></c>"
                + "<c r=\"D1\" t=\"s\"><v> 1 </v></c><c r=\"E1\" t=\"inlineStr\"><v>行内</v></c><c r=\"F1\" t=\"inlineStr\"/>"
                + "<c r=\"G1\" t=\"str\"/><c r=\"H1\" t=\"str\"><v>_x0041_BC</v></c>"
                + "<c r=\"I1\" t=\"b\"><v>1</v></c><c r=\"J1\" t=\"b\"><v>0</v></c>"
                + "<c r=\"K1\" t=\"e\"><v>#N/A</v></c><c r=\"L1\" t=\"e\"><v>#WHAT</v></c><c r=\"M1\" t=\"e\"/>"
                + "<c r=\"N1\" t=\"inlineStr\"><is><r><t>行政</t></r><rPh sb=\"0\" eb=\"1\"><t>ぎょう</t></rPh><r><t>复议</t></r></is></c>"
                + "<c r=\"O1\" t=\"inlineStr\"><is><t>_x0031_2</t></is></c>"
                + "</row>"), "<si><t>未用</t></si><si><t>_x0041_件</t></si>"));

        assertThat(cells(sheet)).containsExactly("A1=5", "D1=A件", "E1=行内", "H1=ABC", "I1=BOOLEAN:true", "J1=BOOLEAN:false",
                "K1=ERROR:#N/A", "L1=ERROR:#WHAT", "M1=ERROR:#ERR", "N1=行政复议", "O1=12");
    }

    @Test
    void aCellOfATypeThisReaderDoesNotKnowIsItsTextAndWithoutAValueBlank() throws Exception {
        // t="d": a date written as ISO 8601 text (Strict Open XML); read as the text it is, never as a number
        SheetGrid sheet = read(xlsx(data("<row r=\"1\"><c r=\"A1\" t=\"d\"><v>2021-12-31</v></c><c r=\"B1\" t=\"d\"/>"
                + "<c r=\"C1\"><v>3</v></c></row>"), null));

        assertThat(cells(sheet)).containsExactly("A1=2021-12-31", "C1=3");
    }

    @Test
    void aCellWhoseStyleIsNoNumberHasNoStyleNotTheFirst() throws Exception {
        Path written;
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Row row = wb.createSheet("表").createRow(0);
            row.createCell(0).setCellValue(0.25);
            row.createCell(1).setCellValue(0.5);
            written = GridFiles.save(wb, dir.resolve("written.xlsx"));
        }
        Map<String, byte[]> parts = GridFiles.parts(written);
        // the first cell style a percentage (format 10, 0.00%); B1 names a style that is no number
        String styles = GridFiles.text(parts, "xl/styles.xml");
        int xfs = styles.indexOf("<cellXfs");
        GridFiles.put(parts, "xl/styles.xml", styles.substring(0, xfs)
                + styles.substring(xfs).replaceFirst("<xf numFmtId=\"0\"", "<xf numFmtId=\"10\" applyNumberFormat=\"true\""));
        String sheet = GridFiles.text(parts, "xl/worksheets/sheet1.xml");
        GridFiles.put(parts, "xl/worksheets/sheet1.xml", sheet.replaceFirst("<c r=\"B1\"[^>]*>", "<c r=\"B1\" s=\"x\" t=\"n\">"));
        Path file = GridFiles.write(parts, dir.resolve("样式非数字.xlsx"));

        SheetGrid grid = read(file);

        assertThat(grid.get(0, 0).kind()).as("A1, the first style").isEqualTo(CellKind.PERCENT);
        assertThat(grid.get(0, 1).kind()).as("B1, no style").isEqualTo(CellKind.NUMBER);
        assertThat(grid.get(0, 1).number()).isEqualByComparingTo("0.5");
    }

    /**
     * A damaged sheet with row 2 written twice, the formula in the first copy. This reader keeps the cells of both; POI's
     * usermodel, which calculates the formula, keeps only the second copy of the row and has no cell there. The formula
     * is then uncalculated, saying so, rather than given a result from elsewhere.
     */
    @Test
    void aFormulaToCalculateInARowWrittenTwiceIsUncalculatedWhereTheUsermodelLostIt() throws Exception {
        SheetGrid sheet = readWithRowsAfterA1("<row r=\"2\"><c r=\"A2\"><f>A1*3</f></c></row><row r=\"2\"><c r=\"B2\"><v>5</v></c></row>",
                "行重复.xlsx");

        GridCell a2 = sheet.get(1, 0);
        assertThat(a2).extracting(GridCell::kind, GridCell::formula).containsExactly(CellKind.UNCALCULATED, "A1*3");
        assertThat(a2.text()).contains("公式单元格在工作簿中无法定位");
        assertThat(sheet.get(1, 1).number()).isEqualByComparingTo("5");
    }

    @Test
    void aFormulaToCalculateInARowWithoutANumberIsCalculatedWhereItStands() throws Exception {
        // this reader puts the row after the one before, and POI's usermodel, which calculates it, finds it there
        SheetGrid sheet = readWithRowsAfterA1("<row><c><f>A1*3</f></c></row>", "行无行号.xlsx");

        GridCell a2 = sheet.get(1, 0);
        assertThat(a2.kind()).isEqualTo(CellKind.NUMBER);
        assertThat(a2.formula()).isEqualTo("A1*3");
        assertThat(a2.number()).isEqualByComparingTo("6");
    }

    @Test
    void sharedStringsWithRunsAndPhoneticRunsBetweenThem() throws Exception {
        SheetGrid sheet = read(xlsx(data("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
                + "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c></row>"),
                "<si><r><t>行政</t></r><rPh sb=\"0\" eb=\"1\"><t>ぎょう</t></rPh><r><t>复议</t></r></si>"
                        + "<si><t>整体</t><r><t>只读</t></r><r><t>分段</t></r></si>"
                        + "<si/>"
                        + "<si><t>法律</t><rPh sb=\"0\" eb=\"1\"><t>ほう</t></rPh><phoneticPr fontId=\"1\"/></si>"));

        assertThat(cells(sheet)).containsExactly("A1=行政复议", "B1=只读分段", "D1=法律");
    }

    @Test
    void aFormulasSavedResultAndAnEmptyOne() throws Exception {
        SheetGrid sheet = read(xlsx(data("<row r=\"1\"><c r=\"A1\"><v>3</v></c>"
                + "<c r=\"B1\"><f>A1*2</f><v/></c>"          // no result saved: calculated
                + "<c r=\"C1\" t=\"str\"><f>\"\"</f><v></v></c>" // the result is empty text
                + "<c r=\"D1\"><f>A1+1</f><v>4</v></c></row>"), null));

        assertThat(sheet.get(0, 1)).extracting(GridCell::kind, GridCell::formula).containsExactly(CellKind.UNCALCULATED, "A1*2");
        assertThat(sheet.get(0, 2).kind()).isEqualTo(CellKind.BLANK);
        assertThat(sheet.get(0, 3)).extracting(GridCell::kind, GridCell::formula).containsExactly(CellKind.NUMBER, "A1+1");
        assertThat(sheet.get(0, 3).number()).isEqualByComparingTo("4");
    }

    @Test
    void hiddenColumnsAsDeclaredUpToTheColumnsRead() throws Exception {
        SheetGrid sheet = read(xlsx("<cols><col min=\"2\" max=\"3\" hidden=\"1\"/><col min=\"5\" max=\"5\" width=\"0\"/>"
                + "<col min=\"6\" max=\"6\" width=\"0.5\"/><col min=\"1\" max=\"1\" hidden=\"false\"/><col hidden=\"1\"/>"
                + "<col min=\"8\" hidden=\"1\"/><col min=\"9\" max=\"16384\" hidden=\"true\"/></cols>" + data(""), null),
                limits(5000, 12, 100_000));

        assertThat(IntStream.range(0, 14).filter(sheet::isColumnHidden).boxed()).containsExactly(1, 2, 4, 8, 9, 10, 11);
    }

    @Test
    void mergedRegionsAndOnesWithoutAReference() throws Exception {
        SheetGrid sheet = read(xlsx(data("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>标题</t></is></c></row>")
                + "<mergeCells><mergeCell ref=\"A1:C2\"/><mergeCell/></mergeCells>", null));

        assertThat(sheet.mergedRegions()).containsExactly(new SheetGrid.Region(0, 1, 0, 2));
        assertThat(sheet.get(1, 2).text()).isEqualTo("标题");
    }

    @Test
    void columnsBeyondTheLimitAreNotRead() throws Exception {
        SheetGrid sheet = read(xlsx(data("<row r=\"1\"><c r=\"C1\"><v>3</v></c><c r=\"D1\"><v>4</v></c></row>"), null),
                limits(5000, 3, 100_000));

        assertThat(cells(sheet)).containsExactly("C1=3");
    }

    @Test
    void aCellsOwnReferenceToTheFirstRowBeatsItsRowElement() throws Exception {
        SheetGrid sheet = read(xlsx(data("<row r=\"3\"><c r=\"B1\"><v>1</v></c><c><v>2</v></c></row>"), null));

        assertThat(cells(sheet)).containsExactly("B1=1", "C1=2");
    }

    @Test
    void aPhoneticGuideIsNoTextHoweverManyTextsItHas() throws Exception {
        SheetGrid sheet = read(xlsx(data("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>行政</t>"
                + "<rPh sb=\"0\" eb=\"1\"><t>ぎょう</t><t>せい</t></rPh></is></c></row>"), null));

        assertThat(cells(sheet)).containsExactly("A1=行政");
    }

    @Test
    void aSharedFormulaWithoutItsFirstCellAndWithoutAResultIsNoBlank() throws Exception {
        SheetGrid sheet = read(xlsx(data("<row r=\"1\"><c r=\"A1\"><v>3</v></c><c r=\"B1\"><f t=\"shared\" si=\"7\"/></c></row>"), null));

        // its formula is unknown, so it is calculated; this package cannot be opened for that, so it is uncalculated
        assertThat(sheet.get(0, 1).kind()).isEqualTo(CellKind.UNCALCULATED);
    }

    @Test
    void aWidthOrHeightThatIsNoNumberHidesNothing() throws Exception {
        SheetGrid sheet = read(xlsx("<cols><col min=\"2\" max=\"2\" width=\"宽\"/></cols>"
                + data("<row r=\"1\" ht=\"高\" customHeight=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"B1\"><v>2</v></c></row>"), null));

        assertThat(sheet.isRowHidden(0)).isFalse();
        assertThat(sheet.isColumnHidden(1)).isFalse();
        assertThat(sheet.hasHiddenRowsOrColumns()).isFalse();
    }

    @Test
    void rowsBeyondTheLimitRefuseTheSheet() throws Exception {
        ReadLimits ten = limits(10, 200, 100_000);
        assertThat(cells(read(xlsx(data("<row r=\"10\"><c r=\"A10\"><v>1</v></c></row>"), null), ten))).containsExactly("A10=1");

        // the first row beyond the limit is named, not a later one
        for (String rows : List.of("<row r=\"11\"><c r=\"A11\"><v>1</v></c></row>", "<row r=\"2\"><c r=\"A11\"><v>1</v></c></row>",
                "<row r=\"11\"><c r=\"A11\"><v>1</v></c></row><row r=\"12\"><c r=\"A12\"><v>1</v></c></row>")) {
            Path file = xlsx(data(rows), null);
            assertThatThrownBy(() -> read(file, ten)).isInstanceOfSatisfying(UnreadableWorkbookException.class, e -> {
                assertThat(e.rule()).isEqualTo("PARSE-TOO-LARGE");
                assertThat(e.getMessage()).isEqualTo("工作表「表」有第 11 行，超过上限 10 行（年报表格不足 100 行）；请删除与年报无关的数据后重新报送");
            });
        }
        String elevenRows = IntStream.range(0, 11).mapToObj(i -> "<row><c><v>1</v></c></row>").reduce("", String::concat);
        Path unnumbered = xlsx(data(elevenRows), null);
        assertThatThrownBy(() -> read(unnumbered, ten)).hasMessageContaining("有第 11 行");
    }

    @Test
    void cellsBeyondTheLimitRefuseTheSheet() throws Exception {
        ReadLimits three = limits(5000, 200, 3);
        assertThat(cells(read(xlsx(data("<row r=\"1\"><c><v>1</v></c><c><v>2</v></c><c><v>3</v></c></row>"), null), three))).hasSize(3);

        Path four = xlsx(data("<row r=\"1\"><c><v>1</v></c><c><v>2</v></c><c><v>3</v></c><c/></row>"), null);
        assertThatThrownBy(() -> read(four, three)).isInstanceOfSatisfying(UnreadableWorkbookException.class, e -> {
            assertThat(e.rule()).isEqualTo("PARSE-TOO-LARGE");
            assertThat(e.getMessage()).isEqualTo("工作表「表」有超过 3 个单元格（年报表格约 1000 个）；请删除与年报无关的数据后重新报送");
        });
    }

    @Test
    void aDoctypeInASheetOrTheSharedStringsRefusesTheFile() throws Exception {
        String doctype = "<!DOCTYPE worksheet [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>";
        Path inSheet = xlsx(data(""), null);
        Map<String, byte[]> parts = GridFiles.parts(inSheet);
        GridFiles.put(parts, "xl/worksheets/sheet1.xml", GridFiles.text(parts, "xl/worksheets/sheet1.xml").replace("<worksheet ", doctype + "<worksheet "));
        Path sheetDoctype = GridFiles.write(parts, dir.resolve("声明1.xlsx"));
        Map<String, byte[]> withStrings = GridFiles.parts(xlsx(data(""), "<si><t>a</t></si>"));
        GridFiles.put(withStrings, "xl/sharedStrings.xml", GridFiles.text(withStrings, "xl/sharedStrings.xml").replace("<sst ", doctype + "<sst "));
        Path stringsDoctype = GridFiles.write(withStrings, dir.resolve("声明2.xlsx"));

        for (Path file : List.of(sheetDoctype, stringsDoctype)) {
            assertThatThrownBy(() -> read(file)).isInstanceOfSatisfying(UnreadableWorkbookException.class,
                    e -> assertThat(e.getMessage()).isEqualTo(WorkbookGridReader.DOCTYPE_MESSAGE));
        }
    }

    @Test
    void referencesToColumnsAndRows() {
        assertThat(List.of("A1", "Z9", "AA1", "a1", "XFD1048576", "AZ", "1", "", "@1", "[1")).extracting(XlsxStreamingReader::column)
                .containsExactly(0, 25, 26, 0, 16383, 51, -1, -1, -1, -1);
        assertThat(List.of("A1", "AB12", "A", "", "A1x", "12")).extracting(XlsxStreamingReader::rowOf)
                .containsExactly(0, 11, -1, -1, -1, 11);
    }

    @Test
    void numbersAsExcelShowsThem() {
        assertThat(XlsxStreamingReader.number(3.0)).isEqualTo(new java.math.BigDecimal("3"));
        assertThat(XlsxStreamingReader.number(-12.0)).isEqualTo(new java.math.BigDecimal("-12"));
        assertThat(XlsxStreamingReader.number(0.1)).isEqualTo(new java.math.BigDecimal("0.1"));
        assertThat(XlsxStreamingReader.number(2.5211)).isEqualTo(new java.math.BigDecimal("2.5211"));
        assertThat(XlsxStreamingReader.number(1e16)).isEqualByComparingTo("10000000000000000");
        assertThat(XlsxStreamingReader.number(1e20)).isEqualByComparingTo("100000000000000000000"); // beyond a long
        assertThat(XlsxStreamingReader.number(123456789012345.0)).isEqualTo(new java.math.BigDecimal("123456789012345"));
    }

    @Test
    void mergedRegionsAreClippedToTheColumnsReadAndBoundedInTheCellsTheyCover() throws Exception {
        ReadLimits limits = limits(100, 10, 50);
        SheetGrid grid = new SheetGrid("表");
        // 1×5 (clipped from F:U), 10×1 (an open top), 17×2 and 1: 50 cells; regions past the columns or rows read are left out
        XlsxStreamingReader.addMerged(grid, List.of(new SheetGrid.Region(0, 0, 5, 20), new SheetGrid.Region(-1, 9, 0, 0),
                new SheetGrid.Region(0, 0, 10, 12), new SheetGrid.Region(100, 101, 0, 0), new SheetGrid.Region(20, 36, 1, 2),
                new SheetGrid.Region(50, 50, 3, 3), new SheetGrid.Region(100, 100, 4, 4)), limits);

        assertThat(grid.mergedRegions()).containsExactly(new SheetGrid.Region(0, 0, 5, 9), new SheetGrid.Region(-1, 9, 0, 0),
                new SheetGrid.Region(20, 36, 1, 2), new SheetGrid.Region(50, 50, 3, 3));
        assertThat(grid.isMergedCopy(0, 9)).isTrue();
        assertThat(grid.isMergedCopy(0, 10)).isFalse();

        SheetGrid over = new SheetGrid("表"); // 5 + 10 + 18×2 = 51
        assertThatThrownBy(() -> XlsxStreamingReader.addMerged(over, List.of(new SheetGrid.Region(0, 0, 5, 20),
                new SheetGrid.Region(-1, 9, 0, 0), new SheetGrid.Region(20, 37, 1, 2)), limits))
                .isInstanceOfSatisfying(UnreadableWorkbookException.class, e -> {
                    assertThat(e.rule()).isEqualTo("PARSE-TOO-LARGE");
                    assertThat(e.getMessage()).isEqualTo("工作表「表」的合并单元格共覆盖超过 50 个单元格（年报表格约 1000 个）；请取消与年报无关的合并单元格后重新报送");
                });
        assertThat(over.mergedRegions()).as("none added from a sheet refused").isEmpty();
    }

    /** A sheet whose A1 holds 2, with {@code rowsXml} written after its rows, as a damaged or hand-made file has them. */
    private SheetGrid readWithRowsAfterA1(String rowsXml, String fileName) throws Exception {
        Path written;
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            wb.createSheet("表").createRow(0).createCell(0).setCellValue(2);
            written = GridFiles.save(wb, dir.resolve("written.xlsx"));
        }
        Map<String, byte[]> parts = GridFiles.parts(written);
        GridFiles.put(parts, "xl/worksheets/sheet1.xml", GridFiles.text(parts, "xl/worksheets/sheet1.xml")
                .replace("</sheetData>", rowsXml + "</sheetData>"));
        return read(GridFiles.write(parts, dir.resolve(fileName)));
    }
}
