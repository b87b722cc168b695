package cn.nianbao.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.history.DecisionMerge;

/** Decisions read back from workbooks as auditors leave them, and workbooks that cannot be read. */
class DecisionReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsEverySheetWithTheTwoColumnsWhereverItsHeaderRowIs() throws Exception {
        Path file = dir.resolve("exceptions.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet list = wb.createSheet("问题清单");
            row(list, 0, "严重程度", "应为", "实为", "差额", "处理状态", "处理说明", "指纹");
            row(list, 1, "错误", 10, 11, 1, "已说明", "经核实无误", "3eea586f017259c1");
            row(list, 2, "警告", null, 1, null, null, null, "055cf63c29fd1547"); // nothing decided: passed on as blank
            Sheet counts = wb.createSheet("按单位统计");
            row(counts, 0, "单位代码", "单位名称", "合计");
            row(counts, 1, "350502-RS", "人社局", 2);
            Sheet agency = wb.createSheet("常泰街道");
            row(agency, 0, "常泰街道 整改清单");
            row(agency, 1, "共 3 项");
            row(agency, 2, "序号", "处理状态", "处理说明", "指纹");
            row(agency, 3, 1, "不适用", "无规章制定权", "45de48bcc670da1b");
            write(wb, file);
        }
        List<DecisionMerge.Row> rows = DecisionReader.read(file, "exceptions.xlsx");
        assertThat(rows).hasSize(3);
        DecisionMerge.Row first = rows.get(0);
        assertThat(first.fingerprint()).isEqualTo("3eea586f017259c1");
        assertThat(first.status()).isEqualTo("已说明");
        assertThat(first.note()).isEqualTo("经核实无误");
        assertThat(first.figures().expected()).isEqualByComparingTo("10");
        assertThat(first.figures().delta()).isEqualByComparingTo("1");
        assertThat(first.place()).isEqualTo(new DecisionMerge.Place("exceptions.xlsx", "问题清单", "E2"));
        assertThat(rows.get(1).status()).isNull();
        assertThat(rows.get(1).figures().expected()).isNull();
        DecisionMerge.Row third = rows.get(2);
        assertThat(third.place()).isEqualTo(new DecisionMerge.Place("exceptions.xlsx", "常泰街道", "B4"));
        assertThat(third.figures()).as("the sheet has no figures").isNull();
        assertThat(third.status()).isEqualTo("不适用");
    }

    /** exceptions.csv saved as a workbook: its machine column names are understood; numbers keep their value. */
    @Test
    void understandsTheCsvColumnNamesAndKeepsNumbersAsTheyAre() throws Exception {
        Path file = dir.resolve("mine.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet s = wb.createSheet("exceptions");
            row(s, 0, "fingerprint", "expected", "actual", "delta", "disposition", "disposition_note");
            Row r = row(s, 1, "b4e81d2402c1c7f1", 1234567.25, 0.1, 1e-4, "待整改", "请于三月底前更正");
            r.getCell(1).getCellStyle().setDataFormat(wb.createDataFormat().getFormat("#,##0"));
            write(wb, file);
        }
        DecisionMerge.Row row = DecisionReader.read(file, "mine.xlsx").get(0);
        assertThat(row.figures().expected()).isEqualByComparingTo(new BigDecimal("1234567.25"));
        assertThat(row.figures().actual()).isEqualByComparingTo(new BigDecimal("0.1"));
        assertThat(row.figures().delta()).isEqualByComparingTo(new BigDecimal("0.0001"));
        assertThat(row.note()).isEqualTo("请于三月底前更正");
    }

    @Test
    void aFileThatIsNotAWorkbookOrIsEncryptedCannotBeRead() throws Exception {
        Path text = Files.writeString(dir.resolve("exceptions.xlsx"), "指纹,处理状态\n");
        assertThatThrownBy(() -> DecisionReader.read(text, "exceptions.xlsx"))
                .isInstanceOf(DecisionReader.UnreadableException.class).hasMessageContaining("无法读取").hasMessageContaining("另存为");

        Path encrypted = dir.resolve("加密.xlsx");
        byte[] plain;
        try (XSSFWorkbook wb = new XSSFWorkbook(); var buffer = new java.io.ByteArrayOutputStream()) {
            row(wb.createSheet("问题清单"), 0, "指纹", "处理状态");
            wb.write(buffer);
            plain = buffer.toByteArray();
        }
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
            encryptor.confirmPassword("审核");
            try (OutputStream os = encryptor.getDataStream(fs)) {
                os.write(plain);
            }
            try (OutputStream out = Files.newOutputStream(encrypted)) {
                fs.writeFilesystem(out);
            }
        }
        assertThatThrownBy(() -> DecisionReader.read(encrypted, "加密.xlsx")).isInstanceOf(DecisionReader.UnreadableException.class);
        assertThat(encrypted).exists();
    }

    @Test
    void aTruncatedWorkbookCannotBeReadAndIsLeftAsItWas() throws Exception {
        Path whole = dir.resolve("whole.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet sheet = wb.createSheet("问题清单");
            row(sheet, 0, "指纹", "处理状态");
            for (int r = 1; r < 200; r++) {
                row(sheet, r, String.format("%016x", r), "已说明");
            }
            write(wb, whole);
        }
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated = Files.write(dir.resolve("exceptions.xlsx"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        byte[] before = Files.readAllBytes(truncated);
        assertThatThrownBy(() -> DecisionReader.read(truncated, "exceptions.xlsx"))
                .isInstanceOf(DecisionReader.UnreadableException.class).hasMessageContaining("损坏");
        assertThat(Files.readAllBytes(truncated)).isEqualTo(before);
    }

    /** A sheet whose XML declares an external entity naming a file beside it: the file's text never becomes a row. */
    @Test
    void anExternalEntityInASheetIsNotResolved() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "5ec4e7000000beef");
        String sheet = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<!DOCTYPE worksheet [<!ENTITY e SYSTEM \"" + secret.toUri() + "\">]>"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>指纹</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>处理状态</t></is></c></row>"
                + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>&e;</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>已说明</t></is></c></row>"
                + "</sheetData></worksheet>";
        Path file = withFirstSheet(dir.resolve("xxe.xlsx"), sheet.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThatThrownBy(() -> DecisionReader.read(file, "xxe.xlsx")).isInstanceOf(DecisionReader.UnreadableException.class)
                .hasMessageNotContaining("5ec4e7000000beef");
    }

    /** A sheet that inflates a thousandfold (a zip bomb) is refused before it is inflated, and says so. */
    @Test
    void aZipBombIsRefused() throws Exception {
        StringBuilder sheet = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>指纹</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>处理状态</t></is></c></row>"
                + "<row r=\"2\"><c r=\"C2\" t=\"inlineStr\"><is><t>");
        sheet.append("a".repeat(20_000_000));
        sheet.append("</t></is></c></row></sheetData></worksheet>");
        Path file = withFirstSheet(dir.resolve("bomb.xlsx"), sheet.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(Files.size(file)).as("a small file").isLessThan(200_000);
        assertThatThrownBy(() -> DecisionReader.read(file, "bomb.xlsx")).isInstanceOf(DecisionReader.UnreadableException.class)
                .hasMessageContaining("无法读取").hasMessageContaining("Zip bomb");
    }

    /** A workbook written by POI with its first sheet's XML replaced by {@code sheetXml}. */
    private Path withFirstSheet(Path target, byte[] sheetXml) throws Exception {
        Path plain = dir.resolve("plain-" + target.getFileName());
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            row(wb.createSheet("问题清单"), 0, "指纹", "处理状态");
            write(wb, plain);
        }
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(plain));
             var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(target))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                out.write(entry.getName().equals("xl/worksheets/sheet1.xml") ? sheetXml : in.readAllBytes());
                out.closeEntry();
            }
        }
        return target;
    }

    private static Row row(Sheet sheet, int index, Object... values) {
        Row row = sheet.createRow(index);
        for (int c = 0; c < values.length; c++) {
            if (values[c] instanceof Number n) {
                var cell = row.createCell(c);
                cell.setCellStyle(sheet.getWorkbook().createCellStyle());
                cell.setCellValue(n.doubleValue());
            } else if (values[c] != null) {
                row.createCell(c).setCellValue(values[c].toString());
            }
        }
        return row;
    }

    private static void write(XSSFWorkbook wb, Path file) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            wb.write(out);
        }
    }
}
