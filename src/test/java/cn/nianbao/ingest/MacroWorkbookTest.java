package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbookType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A macro-enabled workbook (.xlsm) is read as an .xlsx: its cells only. The macros are never run, nor even
 * unzipped: the test's VBA part is not valid compressed data, so anything that inflated it would fail.
 */
class MacroWorkbookTest {

    private static final String VBA = "xl/vbaProject.bin";

    @TempDir
    Path dir;

    /** 报表 with a label, a value and (when asked) a formula with no result, in a real .xlsm package with a VBA part. */
    private Path xlsm(String name, boolean uncalculatedFormula) throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook(XSSFWorkbookType.XLSM);
        Sheet sheet = wb.createSheet("报表");
        Row row = sheet.createRow(0);
        row.createCell(0).setCellValue("本年新收政府信息公开申请数量");
        row.createCell(1).setCellValue(25);
        if (uncalculatedFormula) {
            row.createCell(2).setCellFormula("B1*2");
        }
        Map<String, byte[]> parts = GridFiles.parts(GridFiles.save(wb, dir.resolve("posted.xlsm")));
        String types = GridFiles.text(parts, "[Content_Types].xml");
        assertThat(types).contains("application/vnd.ms-excel.sheet.macroEnabled.main+xml");
        GridFiles.put(parts, "[Content_Types].xml",
                types.replace("<Default ", "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/><Default "));
        GridFiles.put(parts, "xl/_rels/workbook.xml.rels", GridFiles.text(parts, "xl/_rels/workbook.xml.rels").replace("</Relationships>",
                "<Relationship Id=\"rIdVba\" Type=\"http://schemas.microsoft.com/office/2006/relationships/vbaProject\" Target=\"vbaProject.bin\"/></Relationships>"));
        byte[] vba = new byte[4096];
        new Random(1).nextBytes(vba);
        parts.put(VBA, vba);
        Path file = GridFiles.write(parts, dir.resolve(name));
        corruptCompressedData(file, VBA);
        return file;
    }

    @Test
    void aMacroWorkbookIsReadAsAnXlsxAndItsMacrosAreNeverUnzipped() throws Exception {
        Path file = xlsm("宏.xlsm", false);
        assertUninflatable(file);

        SheetGrid sheet = GridFiles.read(file).sheets().get(0);

        assertThat(sheet.get(0, 0).text()).isEqualTo("本年新收政府信息公开申请数量");
        assertThat(sheet.get(0, 1).number()).isEqualByComparingTo("25");
    }

    @Test
    void itsFormulasAreCalculatedWithoutUnzippingTheMacros() throws Exception {
        Path file = xlsm("宏公式.xlsm", true);
        assertUninflatable(file);

        SheetGrid sheet = GridFiles.read(file).sheets().get(0);

        assertThat(sheet.get(0, 2)).extracting(GridCell::kind, GridCell::formula).containsExactly(CellKind.NUMBER, "B1*2");
        assertThat(sheet.get(0, 2).number()).isEqualByComparingTo("50");
    }

    /** The control: the VBA part really cannot be inflated. */
    private static void assertUninflatable(Path file) throws Exception {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry vba = zip.getEntry(VBA);
            assertThat(vba.getMethod()).isEqualTo(ZipEntry.DEFLATED);
            assertThatThrownBy(() -> {
                try (InputStream in = zip.getInputStream(vba)) {
                    in.readAllBytes();
                }
            }).isInstanceOf(ZipException.class);
        }
    }

    /** Overwrites an entry's compressed bytes with 0xFF: a deflate block of the reserved type, which no inflater accepts. */
    private static void corruptCompressedData(Path file, String entry) throws Exception {
        byte[] zip = Files.readAllBytes(file);
        ByteBuffer buf = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        byte[] name = entry.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 46 <= zip.length; i++) {
            if (buf.getInt(i) != 0x02014b50) { // central directory header
                continue;
            }
            int nameLength = Short.toUnsignedInt(buf.getShort(i + 28));
            if (Arrays.equals(zip, i + 46, i + 46 + nameLength, name, 0, name.length)) {
                int compressed = buf.getInt(i + 20);
                int local = buf.getInt(i + 42);
                int data = local + 30 + Short.toUnsignedInt(buf.getShort(local + 26)) + Short.toUnsignedInt(buf.getShort(local + 28));
                Arrays.fill(zip, data, data + compressed, (byte) 0xFF);
                Files.write(file, zip);
                return;
            }
        }
        throw new AssertionError("no entry " + entry);
    }
}
