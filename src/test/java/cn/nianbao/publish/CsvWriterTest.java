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

    /**
     * The writer encodes each cell itself: the bytes must be those of rendering, neutralising and quoting the cell
     * as text and encoding it with the JDK's UTF-8 encoder (an unpaired surrogate as '?'), for every kind of cell.
     */
    @Test
    void encodesEveryKindOfCellAsTheJdkWould() throws Exception {
        Object[] cells = {"=1+1", "-3", "开元街道", "𠀀字, \"引号\"", "\uD800x", "a\uDC00", "", null, new BigDecimal("-2.50"),
                new BigDecimal("-1E+3"), new BigDecimal("123456789012345678901234"), new BigDecimal("-987654321"), Long.MIN_VALUE,
                -7, (short) 3, new java.math.BigInteger("-12"), 1.5d, false, new StringBuilder("+x"), "行\r\n尾"};
        List<String> header = java.util.stream.IntStream.range(0, cells.length).mapToObj(i -> "c" + i).toList();
        StringBuilder expected = new StringBuilder(String.join(",", header)).append("\r\n");
        for (int i = 0; i < cells.length; i++) {
            expected.append(i == 0 ? "" : ",").append(CsvWriter.quote(CsvWriter.render(cells[i])));
        }
        expected.append("\r\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CsvWriter csv = new CsvWriter(bytes, header)) {
            csv.row(cells);
        }
        byte[] all = bytes.toByteArray();
        byte[] want = expected.toString().getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(want, Arrays.copyOfRange(all, 3, all.length));
        assertEquals("-2.50,-1000,123456789012345678901234,-987654321,-9223372036854775808,-7,3,-12,1.5,false,'+x",
                String.join(",", CsvFiles.parse(new String(want, StandardCharsets.UTF_8)).get(1).subList(8, 19)));
    }

    @Test
    void longRowsCrossTheBuffer() throws Exception {
        String longText = "长".repeat(70_000) + ",";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CsvWriter csv = new CsvWriter(bytes, List.of("a", "b"))) {
            for (int i = 0; i < 3; i++) {
                csv.row(longText, i);
            }
        }
        String text = new String(bytes.toByteArray(), 3, bytes.size() - 3, StandardCharsets.UTF_8);
        List<List<String>> rows = CsvFiles.parse(text);
        assertEquals(4, rows.size());
        assertEquals(List.of(longText, "2"), rows.get(3));
    }

    @Test
    void rowWidthMustMatchHeader() {
        assertThrows(IllegalArgumentException.class, () -> write(List.of("a", "b"), new Object[] {"only one"}));
    }

    @Test
    void rowsCopiedFromAnEarlierFileLandBetweenRowsWrittenAndPositionsCountThem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path earlier = java.nio.file.Files.writeString(tmp.resolve("earlier.csv"), "xx\r\nold 1\r\nold 2\r\n");
        long[] position = new long[1];
        java.nio.file.Path written = AtomicFiles.write(tmp.resolve("new.csv"), (stream, channel) -> {
            try (CsvWriter csv = new CsvWriter(stream, List.of("h"));
                 java.nio.channels.FileChannel from = java.nio.channels.FileChannel.open(earlier)) {
                csv.row("a");
                csv.copy(from, 4, 14, channel); // "old 1\r\nold 2\r\n"
                position[0] = csv.position();
                csv.row("b");
            }
        });
        byte[] all = java.nio.file.Files.readAllBytes(written);
        assertEquals("h\r\na\r\nold 1\r\nold 2\r\nb\r\n", new String(all, 3, all.length - 3, StandardCharsets.UTF_8));
        assertEquals(3 + "h\r\na\r\nold 1\r\nold 2\r\n".length(), position[0]);
    }

    @Test
    void copyingPastTheEndOfTheEarlierFileFails(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path earlier = java.nio.file.Files.writeString(tmp.resolve("earlier.csv"), "old 1\r\n");
        java.nio.file.Path target = tmp.resolve("new.csv");
        assertThrows(java.io.EOFException.class, () -> AtomicFiles.write(target, (stream, channel) -> {
            try (CsvWriter csv = new CsvWriter(stream, List.of("h"));
                 java.nio.channels.FileChannel from = java.nio.channels.FileChannel.open(earlier)) {
                csv.copy(from, 0, 20, channel);
            }
        }));
        assertEquals(false, java.nio.file.Files.exists(target), "nothing published");
    }
}
