package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.poi.EmptyFileException;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.OldExcelFormatException;
import org.apache.poi.hwpf.OldWordFileFormatException;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.ss.formula.FormulaParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the reader says of a file it cannot read as a workbook or a Word report: told by its content, and by what POI
 * throws (wrapped at any depth), in the words of the kind of file the agency sent.
 */
class WorkbookGridReaderTest {

    @TempDir
    Path dir;

    private static UnreadableWorkbookException refused(Path file, ReadLimits limits) {
        try {
            new WorkbookGridReader(limits).read(file);
        } catch (UnreadableWorkbookException e) {
            return e;
        }
        throw new AssertionError(file + " was read");
    }

    private static UnreadableWorkbookException refused(Path file) {
        return refused(file, ReadLimits.defaults());
    }

    private Path file(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    private static byte[] bytes(int... b) {
        byte[] out = new byte[512];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "%PDF-1.4|PDF",
            "<!DOCTYPE html><html><body>年报</body></html>|HTML 网页",
            "<?xml version=\"1.0\"?><Workbook/>|XML",
            "这不是工作簿|无法识别的格式",
    })
    void aFileOfAnotherKindIsNamedForWhatItIs(String content, String what) throws Exception {
        UnreadableWorkbookException e = refused(file("年报.xlsx", content.getBytes(StandardCharsets.UTF_8)));

        assertThat(e.rule()).isEqualTo("PARSE-UNREADABLE");
        assertThat(e.getMessage()).isEqualTo("不是 Excel 工作簿，也不是 Word 文档（文件内容为 " + what
                + "）；请用 Excel 或 WPS 另存为 .xlsx（Word 年报另存为 .docx）后重新报送");
    }

    @Test
    void oldExcelAndWordFormatsAreNamed() throws Exception {
        byte[] biff2 = bytes(0x09, 0x00, 0x04, 0x00, 0x00, 0x00, 0x10, 0x00);
        byte[] biff3 = bytes(0x09, 0x02, 0x06, 0x00, 0x00, 0x00, 0x10, 0x00);
        byte[] biff4 = bytes(0x09, 0x04, 0x06, 0x00, 0x00, 0x00, 0x10, 0x00);
        byte[] word2 = bytes(0xdb, 0xa5, 0x2d, 0x00);
        assertThat(FileMagic.valueOf(biff2)).as("the test's BIFF2 header").isEqualTo(FileMagic.BIFF2);
        assertThat(FileMagic.valueOf(biff3)).as("the test's BIFF3 header").isEqualTo(FileMagic.BIFF3);
        assertThat(FileMagic.valueOf(biff4)).as("the test's BIFF4 header").isEqualTo(FileMagic.BIFF4);
        assertThat(FileMagic.valueOf(new ByteArrayInputStream(word2))).as("the test's Word 2 header").isEqualTo(FileMagic.WORD2);

        for (byte[] biff : new byte[][] {biff2, biff3, biff4}) {
            assertThat(refused(file("旧.xls", biff)).getMessage()).contains("（文件内容为 Excel 2.x–4.x 旧格式）");
        }
        UnreadableWorkbookException oldWord = refused(file("旧.doc", word2));
        assertThat(oldWord.rule()).isEqualTo("PARSE-UNREADABLE");
        assertThat(oldWord.getMessage()).isEqualTo(WordReportReader.OLD_WORD_MESSAGE);
        UnreadableWorkbookException rtf = refused(file("年报.doc", "{\\rtf1\\ansi 年报}".getBytes(StandardCharsets.US_ASCII)));
        assertThat(rtf.getMessage()).isEqualTo(WordReportReader.RTF_MESSAGE);
    }

    @Test
    void anEmptyAMissingAndATooLargeFile() throws Exception {
        assertThat(refused(file("空.xlsx", new byte[0])).getMessage()).isEqualTo("文件为空（0 字节），请重新导出后报送");
        UnreadableWorkbookException missing = refused(dir.resolve("不存在.xlsx"));
        assertThat(missing.rule()).isEqualTo("PARSE-UNREADABLE");
        assertThat(missing.getMessage()).startsWith("无法读取文件（").endsWith("）；文件可能正在写入或被其他程序占用，请关闭后重新报送");
        ReadLimits small = new ReadLimits(100, 50, 5000, 200, 1 << 20, 0.01, 100_000);
        UnreadableWorkbookException large = refused(file("大.xlsx", new byte[101]), small);
        assertThat(large.rule()).isEqualTo("PARSE-TOO-LARGE");
        assertThat(large.getMessage()).startsWith("文件大小 101 字节，超过上限 100 字节；");
        assertThat(refused(file("刚好.xlsx", new byte[100]), small).rule()).as("at the limit: read, and not a workbook")
                .isEqualTo("PARSE-UNREADABLE");
    }

    @Test
    void whatPoiThrowsIsToldInTheWordsOfTheFileSent() {
        WorkbookGridReader.Wording excel = WorkbookGridReader.Wording.EXCEL;
        WorkbookGridReader.Wording word = WorkbookGridReader.Wording.WORD;
        assertRule(new EncryptedDocumentException("x"), excel, "PARSE-ENCRYPTED",
                "工作簿设置了打开密码或已加密，无法读取；请取消打开密码（文件→信息→保护工作簿→用密码进行加密，清空密码）后重新报送");
        assertRule(new IllegalStateException("wrong password given"), word, "PARSE-ENCRYPTED",
                "文档设置了打开密码或已加密，无法读取；请取消打开密码（文件→信息→保护文档→用密码进行加密，清空密码）后重新报送");
        assertRule(new RuntimeException(new IOException("stream is encrypted")), excel, "PARSE-ENCRYPTED", null);
        assertRule(new EmptyFileException(), excel, "PARSE-UNREADABLE", "文件为空，请重新导出后报送");
        assertRule(new OldExcelFormatException("BIFF5"), excel, "PARSE-UNREADABLE",
                "文件是 Excel 5.0/95 等旧格式，无法读取；请用 Excel 或 WPS 另存为 .xlsx 后重新报送");
        assertRule(new OldWordFileFormatException("Word 95"), word, "PARSE-UNREADABLE", WordReportReader.OLD_WORD_MESSAGE);
        assertRule(new IOException("Zip bomb detected!"), excel, "PARSE-TOO-LARGE",
                "工作簿解压后体积异常（疑似压缩炸弹或内容过大），已拒绝读取；请删除与年报无关的内容，另存为普通 .xlsx 后重新报送");
        assertRule(new IOException("potentially malicious"), word, "PARSE-TOO-LARGE",
                "文档解压后体积异常（疑似压缩炸弹或内容过大），已拒绝读取；请删除与年报无关的内容，另存为普通 .docx 后重新报送");
        assertRule(new IOException("entry exceeds the max size"), excel, "PARSE-TOO-LARGE", null);
        assertRule(new OutOfMemoryError(), excel, "PARSE-TOO-LARGE", null);
        assertRule(new RuntimeException(new IOException("DOCTYPE is disallowed")), excel, "PARSE-UNREADABLE",
                WorkbookGridReader.DOCTYPE_MESSAGE);
        assertRule(new IOException("DOCTYPE is disallowed"), word, "PARSE-UNREADABLE", WordReportReader.DOCTYPE_MESSAGE);
        for (String truncated : new String[] {"Truncated ZIP file", "stream truncated", "Unexpected end of ZLIB input stream",
            "Unable to read entire header", "Block 12 not found"}) {
            assertRule(new IOException(truncated), excel, "PARSE-UNREADABLE", "文件不完整（可能上传或复制中断），请重新报送完整文件");
        }
        assertRule(new IOException("Block twelve not found"), excel, "PARSE-UNREADABLE",
                "无法作为 Excel 工作簿读取（IOException: Block twelve not found）；请用 Excel 或 WPS 另存为 .xlsx 后重新报送");
        assertRule(new FormulaParseException("bad token"), excel, "PARSE-UNREADABLE", "工作簿中的公式无法解析（bad token）；请把公式改为数值后重新报送");
        assertRule(new IllegalStateException("boom"), word, "PARSE-UNREADABLE",
                "无法作为 Word 文档读取（IllegalStateException: boom）；请用 Word 或 WPS 另存为 .docx 后重新报送");
        assertRule(new IllegalStateException(), excel, "PARSE-UNREADABLE",
                "无法作为 Excel 工作簿读取（IllegalStateException: null）；请用 Excel 或 WPS 另存为 .xlsx 后重新报送");
        assertThat(WorkbookGridReader.classify(new EncryptedDocumentException("x")).getMessage()).contains("保护工作簿");
    }

    private static void assertRule(Throwable thrown, WorkbookGridReader.Wording wording, String rule, String message) {
        UnreadableWorkbookException e = WorkbookGridReader.classify(thrown, wording);
        assertThat(e.rule()).as(thrown.toString()).isEqualTo(rule);
        assertThat(e.getCause()).isSameAs(thrown);
        if (message != null) {
            assertThat(e.getMessage()).as(thrown.toString()).isEqualTo(message);
        }
    }

    @Test
    void theWordingFollowsTheFileNameWhereTheContentCannotTell() {
        assertThat(WorkbookGridReader.Wording.byName(Path.of("年报.DOCX"))).isEqualTo(WorkbookGridReader.Wording.WORD);
        assertThat(WorkbookGridReader.Wording.byName(Path.of("年报.doc"))).isEqualTo(WorkbookGridReader.Wording.WORD);
        assertThat(WorkbookGridReader.Wording.byName(Path.of("年报.docm"))).isEqualTo(WorkbookGridReader.Wording.WORD);
        assertThat(WorkbookGridReader.Wording.byName(Path.of("年报.xls"))).isEqualTo(WorkbookGridReader.Wording.EXCEL);
        assertThat(WorkbookGridReader.Wording.byName(Path.of("docx"))).isEqualTo(WorkbookGridReader.Wording.EXCEL);
    }

    @Test
    void aTruncatedWordDocumentIsToldAsADocument() throws Exception {
        Path docx = dir.resolve("年报.docx");
        WordDocs.docx(docx, WordDocs.p("某某镇人民政府2021年政府信息公开工作年度报告"));
        byte[] whole = Files.readAllBytes(docx);
        Path cut = file("截断.docx", java.util.Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> new WorkbookGridReader(ReadLimits.defaults()).read(cut)).isInstanceOf(UnreadableWorkbookException.class)
                .satisfies(e -> assertThat(((UnreadableWorkbookException) e).rule()).isEqualTo("PARSE-UNREADABLE"))
                .hasMessageNotContaining("工作簿");
    }

    /** Text of {@code n} characters drawn from 64 Chinese characters: it deflates to about a third of its size. */
    private static String variedText(int n) {
        java.util.Random random = new java.util.Random(n);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) (0x4E00 + random.nextInt(64)));
        }
        return b.toString();
    }

    @Test
    void poisZipGuardsForWordDocumentsAreTheReadersLimits() throws Exception {
        // a .docx whose main part inflates to about 300 KB at about a third of that compressed
        Path file = dir.resolve("长文档.docx");
        WordDocs.docx(file, WordDocs.p(variedText(100_000)));
        ReadLimits defaults = ReadLimits.defaults();
        ReadLimits smallParts = new ReadLimits(defaults.maxFileBytes(), 5, 5000, 200, 200 * 1024, 0.0, 100_000);
        ReadLimits strictRatio = new ReadLimits(defaults.maxFileBytes(), 5, 5000, 200, defaults.maxEntryBytes(), 0.6, 100_000);

        assertThat(refused(file, smallParts).rule()).as("a part beyond 200 KB").isEqualTo("PARSE-TOO-LARGE");
        assertThat(refused(file, strictRatio).rule()).as("inflating more than 1/0.6 times").isEqualTo("PARSE-TOO-LARGE");
        assertThat(new WorkbookGridReader(defaults).read(file).preamble()).hasSize(1);
    }

    @Test
    void aWordDocumentIsClosedOnceRead() throws Exception {
        Path file = dir.resolve("年报.docx");
        WordDocs.docx(file, WordDocs.tbl(WordDocs.tr(WordDocs.tc("规章"), WordDocs.tc("0"))));

        new WorkbookGridReader(ReadLimits.defaults()).read(file);

        assertThat(OpenFiles.on(file)).isEmpty();
    }
}
