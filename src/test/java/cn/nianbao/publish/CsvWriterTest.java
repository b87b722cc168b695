package cn.nianbao.publish;

import cn.nianbao.testing.CsvFiles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvWriterTest {

    private static String write(List<String> header, Object[]... rows) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CsvWriter csv = new CsvWriter(bytes, header)) {
            for (Object[] row : rows) {
                csv.row(row);
            }
        }
        byte[] all = bytes.toByteArray();
        assertArrayEquals(CsvWriter.BOM, Arrays.copyOf(all, 3), "starts with the UTF-8 BOM");
        return new String(all, 3, all.length - 3, StandardCharsets.UTF_8);
    }

    @Test
    void hostileTextIsNeutralisedAndQuoted() throws Exception {
        String text = write(List.of("text"),
                new Object[] {"=HYPERLINK(\"http://evil\",\"x\")"},
                new Object[] {"+1"},
                new Object[] {"-2"},
                new Object[] {"@SUM(A1:A2)"},
                new Object[] {"\tTAB"},
                new Object[] {"\rCR"},
                new Object[] {"他说\"好\""},
                new Object[] {"a,b"},
                new Object[] {"第一行\n第二行"},
                new Object[] {"普通文本"});
        assertEquals("text\r\n"
                + "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"\r\n"
                + "'+1\r\n"
                + "'-2\r\n"
                + "'@SUM(A1:A2)\r\n"
                + "'\tTAB\r\n"
                + "\"'\rCR\"\r\n"
                + "\"他说\"\"好\"\"\"\r\n"
                + "\"a,b\"\r\n"
                + "\"第一行\n第二行\"\r\n"
                + "普通文本\r\n", text);
        List<List<String>> rows = CsvFiles.parse(text);
        assertEquals("'=HYPERLINK(\"http://evil\",\"x\")", rows.get(1).get(0));
        assertEquals("第一行\n第二行", rows.get(9).get(0));
    }

    @Test
    void numbersArePlainAndNotNeutralised() throws Exception {
        String text = write(List.of("a", "b", "c", "d", "e"),
                new Object[] {new BigDecimal("-2"), new BigDecimal("1E+3"), 2020, null, true});
        assertEquals("a,b,c,d,e\r\n-2,1000,2020,,true\r\n", text);
    }

    @Test
    void aFieldRenderedOnceIsWrittenAsTheCellItself() throws Exception {
        Object[] cells = {"=SUM(A1)", "开元街道,\"办\"", new BigDecimal("-2.50"), 2020, null, true, "plain"};
        Object[] fields = Arrays.stream(cells).map(CsvWriter::field).toArray();
        List<String> header = List.of("a", "b", "c", "d", "e", "f", "g");
        assertEquals(write(header, cells), write(header, fields));
    }

    @Test
    void rowWidthMustMatchHeader() {
        assertThrows(IllegalArgumentException.class, () -> write(List.of("a", "b"), new Object[] {"only one"}));
    }
}
