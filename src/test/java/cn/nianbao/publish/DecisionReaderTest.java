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
