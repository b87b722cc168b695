package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the finding on a file that is not a report says: what was received, and what to send instead. */
class OtherFilesTest {

    private static final String SEND = "请报送年报的 Excel 表格（.xlsx、.xls）或 Word 文档（.docx、.doc）";

    @Test
    void eachKindOfFileIsNamedWithWhatToSend() {
        assertThat(OtherFiles.message("年报.PDF")).isEqualTo(
                "收到「年报.PDF」（PDF 文件），不是可以读取的年报表格或 Word 文档，未能读取；PDF 中的数字无法可靠读取；" + SEND);
        assertThat(OtherFiles.message("年报模板.xltx")).isEqualTo(
                "收到「年报模板.xltx」（模板文件（.xltx）），不是可以读取的年报表格或 Word 文档，未能读取；请把填好的模板「另存为」.xlsx 或 .docx 后报送");
        assertThat(OtherFiles.message("年报.abc")).isEqualTo(
                "收到「年报.abc」（「.abc」文件），不是可以读取的年报表格或 Word 文档，未能读取；" + SEND);
        assertThat(OtherFiles.message("年报")).isEqualTo(
                "收到「年报」（没有扩展名的文件），不是可以读取的年报表格或 Word 文档，未能读取；" + SEND);
    }
}
