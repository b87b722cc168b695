package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .xlsx package as nianbao opens it (a plain zip, parts found through their relationships, every
 * inflated byte counted): packages written by hand the way other producers lay them out, and bombs whose
 * zip directory lies. Each file's bytes are checked unchanged after the read.
 */
class XlsxPackageTest {

    @TempDir
    Path dir;

    /** 1 MB parts, so the bombs stay small; everything else as the defaults. */
    private static final ReadLimits SMALL = new ReadLimits(ReadLimits.DEFAULT_MAX_FILE_BYTES, 3, 5_000, 200, 1024 * 1024, 0.01, 100_000);

    private static final String CONTENT_TYPES = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";
    private static final String REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

    private static String rels(String... triples) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
        for (int i = 0; i < triples.length; i += 3) {
            b.append("<Relationship Id=\"").append(triples[i]).append("\" Type=\"").append(REL).append(triples[i + 1])
                    .append("\" Target=\"").append(triples[i + 2]).append("\"/>");
        }
        return b.append("</Relationships>").toString();
    }

    private static String sheet(String cells) {
        return "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + cells + "</sheetData></worksheet>";
    }

    private Path write(String name, Map<String, String> parts) throws Exception {
        Path file = dir.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, String> p : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(p.getKey()));
                zip.write(p.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }

    private static WorkbookGrid read(Path file, ReadLimits limits) throws Exception {
        byte[] before = Files.readAllBytes(file);
        try {
            return new WorkbookGridReader(limits).read(file);
        } finally {
            assertThat(Files.readAllBytes(file)).as("input unchanged").isEqualTo(before);
        }
    }

    @Test
    void followsTheRelationshipsWhereverTheProducerPutThePartsInTabOrder() throws Exception {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", CONTENT_TYPES);
        // the workbook in a folder of its own, an absolute target, a relative one with "..", a chart sheet
        parts.put("_rels/.rels", rels("rId1", "officeDocument", "/book/wb.xml"));
        parts.put("book/_rels/wb.xml.rels", rels("r7", "worksheet", "../sheets/second.xml", "r3", "worksheet", "/Sheets/First.xml",
                "r9", "chartsheet", "charts/c1.xml", "r4", "sharedStrings", "strings.xml"));
        parts.put("book/wb.xml", "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
                + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
                + "<sheet name=\"说明\" sheetId=\"1\" r:id=\"r3\"/><sheet name=\"图\" sheetId=\"3\" r:id=\"r9\"/>"
                + "<sheet name=\"年报\" sheetId=\"2\" r:id=\"r7\"/></sheets></workbook>");
        parts.put("book/strings.xml", "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                + "<si><t>本年新收政府信息公开申请数量</t></si><si><r><t>自然</t></r><r><t>人</t></r></si></sst>");
        parts.put("sheets/FIRST.xml", sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>1</v></c></row>"));
        parts.put("sheets/second.xml", sheet("<row r=\"2\"><c r=\"B2\" t=\"s\"><v>0</v></c><c r=\"C2\"><v>25211</v></c></row>"));
        parts.put("book/charts/c1.xml", "<chartsheet/>");

        WorkbookGrid grid = read(write("其他软件.xlsx", parts), ReadLimits.defaults());

        assertThat(grid.sheets()).extracting(SheetGrid::name).containsExactly("说明", "年报");
        assertThat(grid.sheets().get(0).get(0, 0).text()).isEqualTo("自然人");
        assertThat(grid.sheets().get(1).get(1, 1).text()).isEqualTo("本年新收政府信息公开申请数量");
        assertThat(grid.sheets().get(1).get(1, 2).number()).isEqualByComparingTo("25211");
    }

    @Test
    void readsSheetsWhoseProducerPrefixedTheSpreadsheetNamespace() throws Exception {
        String ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        Map<String, String> parts = minimal("<?xml version=\"1.0\"?><x:worksheet xmlns:x=\"" + ns + "\"><x:sheetData>"
                + "<x:row r=\"3\"><x:c r=\"A3\" t=\"s\"><x:v>0</x:v></x:c><x:c r=\"B3\"><x:v>12</x:v></x:c>"
                + "<x:c r=\"C3\" t=\"inlineStr\"><x:is><x:t>—</x:t></x:is></x:c></x:row></x:sheetData>"
                + "<x:mergeCells count=\"1\"><x:mergeCell ref=\"A3:A4\"/></x:mergeCells></x:worksheet>");
        parts.put("xl/_rels/workbook.xml.rels", rels("rId1", "worksheet", "worksheets/sheet1.xml", "rId2", "sharedStrings", "sharedStrings.xml"));
        parts.put("xl/sharedStrings.xml", "<?xml version=\"1.0\"?><s:sst xmlns:s=\"" + ns + "\"><s:si><s:r><s:t>行政</s:t></s:r>"
                + "<s:r><s:t>复议</s:t></s:r><s:rPh><s:t>ふりがな</s:t></s:rPh></s:si></s:sst>");

        SheetGrid sheet = read(write("前缀.xlsx", parts), ReadLimits.defaults()).sheets().get(0);

        assertThat(sheet.get(2, 0).text()).isEqualTo("行政复议");
        assertThat(sheet.get(3, 0).text()).as("merged down from A3").isEqualTo("行政复议");
        assertThat(sheet.get(2, 1).number()).isEqualByComparingTo("12");
        assertThat(sheet.get(2, 2).text()).isEqualTo("—");
    }

    @Test
    void cellsOutsideAnyRowOrWithoutAColumnAreLeftOutNotACrash() throws Exception {
        SheetGrid sheet = read(write("坏格.xlsx", minimal(sheet("<c><v>7</v></c><row r=\"2\"><c r=\"2\"><v>8</v></c>"
                + "<c r=\"B2\" t=\"inlineStr\"><is><t>本年新收政府信息公开申请数量</t></is></c></row>"))), ReadLimits.defaults())
                .sheets().get(0);

        assertThat(sheet.rowIndexes()).containsExactly(1);
        assertThat(sheet.row(1)).extracting(GridCell::text).containsExactly("本年新收政府信息公开申请数量");
    }

    @Test
    void aZipWithoutAWorkbookIsNotAnExcelFile() throws Exception {
        Path file = write("文档.xlsx", Map.of("[Content_Types].xml", CONTENT_TYPES, "_rels/.rels", rels("rId1", "officeDocument", "word/document.xml"),
                "word/document.xml", "<document/>"));
        assertThatThrownBy(() -> read(file, ReadLimits.defaults())).isInstanceOfSatisfying(UnreadableWorkbookException.class, e -> {
            assertThat(e.rule()).isEqualTo("PARSE-UNREADABLE");
            assertThat(e.getMessage()).isEqualTo("不是 Excel 工作簿（压缩包中没有工作簿内容，可能是 Word 等其他文档或已损坏）；请用 Excel 或 WPS 另存为 .xlsx 后重新报送");
        });
        Path noRelationships = write("无关系.xlsx", Map.of("xl/workbook.xml", "<workbook/>"));
        assertThatThrownBy(() -> read(noRelationships, ReadLimits.defaults())).hasMessageStartingWith("不是 Excel 工作簿（压缩包中没有工作簿内容");
    }

    @Test
    void aSheetWithoutARelationshipIdOrWithAMissingPartIsLeftOut() throws Exception {
        Map<String, String> parts = minimal(sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"));
        // a relationship with an empty id names no sheet: a sheet without r:id has none
        parts.put("xl/_rels/workbook.xml.rels", rels("rId1", "worksheet", "worksheets/sheet1.xml", "rId2", "worksheet", "worksheets/gone.xml",
                "", "worksheet", "worksheets/sheet1.xml"));
        parts.put("xl/workbook.xml", "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
                + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
                + "<sheet name=\"无编号\" sheetId=\"3\"/><sheet name=\"缺失\" sheetId=\"2\" r:id=\"rId2\"/>"
                + "<sheet name=\"隐藏\" sheetId=\"1\" r:id=\"rId1\" state=\"veryHidden\"/></sheets></workbook>");

        WorkbookGrid grid = read(write("缺表.xlsx", parts), ReadLimits.defaults());

        assertThat(grid.sheets()).extracting(SheetGrid::name, SheetGrid::visibility)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("隐藏", SheetGrid.Visibility.VERY_HIDDEN));
    }

    @Test
    void asManyWorksheetsAsTheLimitAreRead() throws Exception {
        Map<String, String> parts = minimal(sheet(""));
        parts.put("xl/_rels/workbook.xml.rels", rels("rId1", "worksheet", "worksheets/sheet1.xml", "b", "worksheet", "worksheets/sheet1.xml",
                "c", "worksheet", "worksheets/sheet1.xml"));
        assertThat(read(write("三个表.xlsx", parts), SMALL).sheets()).hasSize(1);
    }

    @Test
    void aDoctypeInTheWorkbookOrARelationshipsPartRefusesTheFile() throws Exception {
        String doctype = "<!DOCTYPE x [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>";
        Map<String, String> inWorkbook = minimal(sheet(""));
        inWorkbook.put("xl/workbook.xml", inWorkbook.get("xl/workbook.xml").replace("<workbook ", doctype + "<workbook "));
        Map<String, String> inRels = minimal(sheet(""));
        inRels.put("_rels/.rels", inRels.get("_rels/.rels").replace("<Relationships ", doctype + "<Relationships "));

        for (Path file : List.of(write("声明1.xlsx", inWorkbook), write("声明2.xlsx", inRels))) {
            assertThatThrownBy(() -> read(file, ReadLimits.defaults())).isInstanceOfSatisfying(UnreadableWorkbookException.class,
                    e -> assertThat(e.getMessage()).isEqualTo(WorkbookGridReader.DOCTYPE_MESSAGE));
        }
    }

    @Test
    void aPartWhoseDirectorySaysItIsTooLargeIsRefusedNamingItsSize() throws Exception {
        ReadLimits oneMegabyte = new ReadLimits(ReadLimits.DEFAULT_MAX_FILE_BYTES, 3, 5_000, 200, 1024 * 1024, 0.0, 100_000);
        ReadLimits tenMegabytes = new ReadLimits(ReadLimits.DEFAULT_MAX_FILE_BYTES, 3, 5_000, 200, 10L * 1024 * 1024, 0.0, 100_000);
        Path atTheLimit = write("刚好.xlsx", minimal(sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")));
        lieAboutSizes(atTheLimit, 1024 * 1024);
        Path over = write("超过.xlsx", minimal(sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")));
        lieAboutSizes(over, 1024 * 1024 + 1);
        Path tenOver = write("十兆.xlsx", minimal(sheet("")));
        lieAboutSizes(tenOver, 10 * 1024 * 1024 + 1);
        Path twelve = write("十二兆.xlsx", minimal(sheet("")));
        lieAboutSizes(twelve, 12 * 1024 * 1024 + 512 * 1024);

        assertThat(read(atTheLimit, oneMegabyte).sheets().get(0).get(0, 0).number()).isEqualByComparingTo("1");
        assertThatThrownBy(() -> read(over, oneMegabyte)).isInstanceOfSatisfying(UnreadableWorkbookException.class, e -> {
            assertThat(e.rule()).isEqualTo("PARSE-TOO-LARGE");
            assertThat(e.getMessage()).matches("工作簿中的「/.*」解压后 1\\.0 MB，超过上限 1\\.0 MB（年报表格解压后通常不足 1 MB），已拒绝读取；"
                    + "请删除与年报无关的数据和图片，用 Excel 或 WPS 另存为 \\.xlsx 后重新报送");
        });
        assertThatThrownBy(() -> read(tenOver, tenMegabytes)).hasMessageContaining("解压后 10 MB，超过上限 10 MB");
        assertThatThrownBy(() -> read(twelve, oneMegabyte)).hasMessageContaining("解压后 12 MB，超过上限 1.0 MB");
    }

    @Test
    void tooManyWorksheetsAreRefusedBeforeAnyIsRead() throws Exception {
        Map<String, String> parts = minimal(sheet(""));
        parts.put("xl/_rels/workbook.xml.rels", rels("a", "worksheet", "worksheets/sheet1.xml", "b", "worksheet", "worksheets/sheet1.xml",
                "c", "worksheet", "worksheets/sheet1.xml", "d", "worksheet", "worksheets/sheet1.xml"));
        Path file = write("四个表.xlsx", parts);
        assertThatThrownBy(() -> read(file, SMALL)).isInstanceOfSatisfying(UnreadableWorkbookException.class,
                e -> assertThat(e.getMessage()).contains("4 个工作表"));
    }

    @Test
    void aBombWhoseDirectoryLiesAboutItsSizeIsStoppedAtTheLimit() throws Exception {
        // 3 MB of one repeated cell: compresses ~1000:1; then the directory is made to say 200 bytes.
        String cells = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" + "炸".repeat(1024 * 1024) + "</t></is></c></row>";
        Path file = write("谎报大小.xlsx", minimal(sheet(cells)));
        lieAboutSizes(file, 200);

        assertThatThrownBy(() -> read(file, SMALL)).isInstanceOfSatisfying(UnreadableWorkbookException.class, e -> {
            assertThat(e.rule()).as(e.getMessage()).isEqualTo("PARSE-TOO-LARGE");
            assertThat(e.getMessage()).contains("/xl/worksheets/sheet1.xml").contains("解压后");
        });
    }

    @Test
    void aPartThatInflatesFarBeyondItsCompressedSizeIsABombEvenUnderTheSizeLimit() throws Exception {
        // 600 KB of spaces: under the 1 MB part limit, but ~0.001 compressed/inflated (limit 0.01).
        Path file = write("高压缩比.xlsx", minimal(sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>" + " ".repeat(600 * 1024))));
        assertThatThrownBy(() -> read(file, SMALL)).isInstanceOfSatisfying(UnreadableWorkbookException.class,
                e -> assertThat(e.rule()).as(e.getMessage()).isEqualTo("PARSE-TOO-LARGE"));
        // the same part is read when the ratio guard is off: it is the ratio that refused it
        ReadLimits noRatio = new ReadLimits(SMALL.maxFileBytes(), 3, 5_000, 200, 1024 * 1024, 0.0, 100_000);
        assertThat(read(file, noRatio).sheets().get(0).get(0, 0).number()).isEqualByComparingTo("1");
    }

    /** A sheet part of exactly {@code bytes} bytes (spaces inside sheetData) holding 1 in A1. */
    private static String sheetOfBytes(int bytes) {
        String cell = sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>");
        return cell.replace("</sheetData>", " ".repeat(bytes - cell.length()) + "</sheetData>");
    }

    @Test
    void aPartIsCountedAsItInflatesAndMayReachTheLimitExactly() throws Exception {
        int size = 4000;
        Path file = write("计数.xlsx", minimal(sheetOfBytes(size)));
        lieAboutSizes(file, 1); // the directory passes every part: only the counting can stop one

        ReadLimits exactly = new ReadLimits(ReadLimits.DEFAULT_MAX_FILE_BYTES, 3, 5_000, 200, size, 0.0, 100_000);
        assertThat(read(file, exactly).sheets().get(0).get(0, 0).number()).isEqualByComparingTo("1");
        ReadLimits oneLess = new ReadLimits(ReadLimits.DEFAULT_MAX_FILE_BYTES, 3, 5_000, 200, size - 1, 0.0, 100_000);
        assertThatThrownBy(() -> read(file, oneLess)).isInstanceOfSatisfying(UnreadableWorkbookException.class,
                e -> assertThat(e.getMessage()).contains("/xl/worksheets/sheet1.xml").contains("上限"));
    }

    @Test
    void theCompressionRatioIsJudgedOnlyPast100KB() throws Exception {
        // spaces compress about 1000:1, far below the 0.01 limit; up to 100 KB that is not held against a part
        Path at = write("100K.xlsx", minimal(sheetOfBytes(100 * 1024)));
        Path past = write("100K加1.xlsx", minimal(sheetOfBytes(100 * 1024 + 1)));

        assertThat(read(at, SMALL).sheets().get(0).get(0, 0).number()).isEqualByComparingTo("1");
        assertThatThrownBy(() -> read(past, SMALL)).isInstanceOfSatisfying(UnreadableWorkbookException.class,
                e -> assertThat(e.getMessage()).contains("压缩比异常"));
    }

    @Test
    void aPartInflatingExactlyAtTheRatioLimitIsRead() throws Exception {
        int size = 200 * 1024;
        Path file = write("比例.xlsx", minimal(sheetOfBytes(size)));
        long compressed;
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            compressed = zip.getEntry("xl/worksheets/sheet1.xml").getCompressedSize();
        }
        double ratio = (double) compressed / size;

        ReadLimits atTheLimit = new ReadLimits(ReadLimits.DEFAULT_MAX_FILE_BYTES, 3, 5_000, 200, 1024 * 1024, ratio, 100_000);
        assertThat(read(file, atTheLimit).sheets().get(0).get(0, 0).number()).isEqualByComparingTo("1");
        ReadLimits justAbove = new ReadLimits(ReadLimits.DEFAULT_MAX_FILE_BYTES, 3, 5_000, 200, 1024 * 1024, Math.nextUp(ratio), 100_000);
        assertThatThrownBy(() -> read(file, justAbove)).isInstanceOfSatisfying(UnreadableWorkbookException.class,
                e -> assertThat(e.getMessage()).contains("压缩比异常"));
    }

    @Test
    void theFileIsClosedOnceReadOrRefused() throws Exception {
        Path workbook = write("已读.xlsx", minimal(sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")));
        read(workbook, ReadLimits.defaults());
        assertThat(OpenFiles.on(workbook)).isEmpty();

        Path document = write("非工作簿.xlsx", Map.of("[Content_Types].xml", CONTENT_TYPES, "_rels/.rels",
                rels("rId1", "officeDocument", "word/document.xml"), "word/document.xml", "<document/>"));
        assertThatThrownBy(() -> read(document, ReadLimits.defaults())).isInstanceOf(UnreadableWorkbookException.class);
        assertThat(OpenFiles.on(document)).isEmpty();
    }

    @Test
    void aTruncatedPackageSaysItIsIncomplete() throws Exception {
        Path whole = write("完整.xlsx", minimal(sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("截断.xlsx");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> read(cut, ReadLimits.defaults())).isInstanceOfSatisfying(UnreadableWorkbookException.class,
                e -> assertThat(e.getMessage()).contains("不完整"));
    }

    /**
     * A formula with no saved result makes the reader open the workbook with POI's usermodel to calculate it, which
     * parses parts the streaming reader never reads. The guards hold there too: here [Content_Types].xml.
     */
    @Test
    void aDoctypeInAPartOnlyTheCalculationReadsRefusesTheFile() throws Exception {
        Map<String, byte[]> parts = GridFiles.parts(uncalculatedFormula());
        String types = GridFiles.text(parts, "[Content_Types].xml");
        GridFiles.put(parts, "[Content_Types].xml", types.replaceFirst("<Types ", "<!DOCTYPE Types [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Types "));
        Path file = GridFiles.write(parts, dir.resolve("类型声明.xlsx"));

        assertThatThrownBy(() -> read(file, ReadLimits.defaults())).isInstanceOfSatisfying(UnreadableWorkbookException.class,
                e -> assertThat(e.getMessage()).isEqualTo(WorkbookGridReader.DOCTYPE_MESSAGE));
    }

    @Test
    void aBombInAPartOnlyTheCalculationReadsIsStoppedByPoisGuard() throws Exception {
        // 600 KB of spaces: under the 1 MB part limit the directory check applies, but inflating it exceeds the ratio
        Map<String, byte[]> parts = GridFiles.parts(uncalculatedFormula());
        GridFiles.put(parts, "[Content_Types].xml", GridFiles.text(parts, "[Content_Types].xml").replace("</Types>", " ".repeat(600 * 1024) + "</Types>"));
        Path file = GridFiles.write(parts, dir.resolve("类型炸弹.xlsx"));

        assertThatThrownBy(() -> read(file, SMALL)).isInstanceOfSatisfying(UnreadableWorkbookException.class,
                e -> assertThat(e.rule()).as(e.getMessage()).isEqualTo("PARSE-TOO-LARGE"));
    }

    @Test
    void aFormulaInAPackageThatCannotBeOpenedForCalculatingIsUncalculated() throws Exception {
        // the streaming reader takes this package (no content types); POI's usermodel does not
        Path file = write("无类型.xlsx", minimal(sheet("<row r=\"1\"><c r=\"A1\"><v>4</v></c><c r=\"B1\"><f>A1*2</f></c></row>")));

        SheetGrid sheet = read(file, ReadLimits.defaults()).sheets().get(0);

        assertThat(sheet.get(0, 0).number()).isEqualByComparingTo("4");
        assertThat(sheet.get(0, 1)).extracting(GridCell::kind, GridCell::formula).containsExactly(CellKind.UNCALCULATED, "A1*2");
        assertThat(sheet.get(0, 1).text()).contains("无法打开");
    }

    private Path uncalculatedFormula() throws Exception {
        org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
        org.apache.poi.ss.usermodel.Row row = wb.createSheet("报表").createRow(0);
        row.createCell(0).setCellValue(4);
        row.createCell(1).setCellFormula("A1*2");
        return GridFiles.save(wb, dir.resolve("posted.xlsx"));
    }

    private static Map<String, String> minimal(String sheetXml) {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", CONTENT_TYPES);
        parts.put("_rels/.rels", rels("rId1", "officeDocument", "xl/workbook.xml"));
        parts.put("xl/_rels/workbook.xml.rels", rels("rId1", "worksheet", "worksheets/sheet1.xml"));
        parts.put("xl/workbook.xml", "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
                + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
                + "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
        parts.put("xl/worksheets/sheet1.xml", sheetXml);
        return parts;
    }

    /** Overwrites every uncompressed size in the zip's central directory (and local headers) with {@code size}. */
    private static void lieAboutSizes(Path file, int size) throws Exception {
        byte[] b = Files.readAllBytes(file);
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 4 <= b.length; i++) {
            int sig = buf.getInt(i);
            if (sig == 0x02014b50) { // central directory file header: uncompressed size at +24
                buf.putInt(i + 24, size);
            } else if (sig == 0x08074b50) { // data descriptor: uncompressed size at +12
                buf.putInt(i + 12, size);
            }
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(b);
        }
    }

}
