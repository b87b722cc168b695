package cn.nianbao.publish;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes a workbook whose one large sheet has its rows written here as XML rather than held or streamed by POI: the
 * detail sheet of a unit of thousands of agencies has some 90,000 rows of 16 cells, for which POI's streaming sheet
 * makes a cell object each, writes them to a temporary file and copies that into the package. POI writes everything
 * else (the other sheets, styles, the sheet's columns, breaks and page set-up) as it does for any workbook; here the
 * empty {@code <sheetData/>} it writes for the large sheet is replaced by the rows, which are drawn straight into the
 * zip entry, followed by the sheet's merged ranges ({@code <mergeCells>}, written as POI writes them, in the order
 * drawn): POI would hold each as an XML object, some 45 MB for a province's unit.
 *
 * <p>The cells are those POI writes for the same calls ({@link DetailRows#onSheet}): inline strings (as POI's streaming
 * sheet writes them), numbers as the double {@link BigDecimal#doubleValue()} gives, written in the shortest form that
 * reads back as that double, blanks with their style. Every cell carries its reference ({@code r="D8"}): the format
 * leaves it optional, and leaving it out would make the sheet a quarter smaller and quicker to compress, but not every
 * program that opens the workbook is known to read a cell without one as "the next column" (WPS was not tried), and a
 * figure shown in the wrong column is worse than a slower night. Every entry of the package has a fixed time, so the same
 * content gives the same bytes (except {@code docProps/core.xml}, which holds the time the workbook was made).
 */
final class DetailSheetXml implements DetailRows {

    /** The time every entry of the package is stamped with (the earliest a zip can hold). */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);
    private static final byte[] EMPTY_SHEET_DATA = ascii("<sheetData/>");
    /**
     * zlib's level 5 rather than its default 6: on a detail sheet of 5,000 agencies (55 MB of XML) it compresses in
     * 0.57 s rather than 0.92 s, to a file 3 % larger (5.12 MB against 4.97 MB). Levels below 5 save little more time
     * and give files a quarter larger.
     */
    private static final int COMPRESSION_LEVEL = 5;
    /**
     * The elements the schema puts between {@code <sheetData>} and {@code <mergeCells>}: the merges are written straight
     * after the rows, so the sheet POI writes must have none of them.
     */
    private static final List<String> BEFORE_MERGES = List.of("<sheetCalcPr", "<sheetProtection", "<protectedRanges",
            "<scenarios", "<autoFilter", "<sortState", "<dataConsolidate", "<customSheetViews", "<mergeCells");

    /** Draws the rows into a sheet's XML. */
    @FunctionalInterface
    interface Rows {
        void drawInto(DetailRows rows) throws IOException;
    }

    /**
     * Writes {@code workbook} to {@code out} as a package, the rows and merged ranges of {@code sheet} (which holds
     * neither in memory) drawn by {@code rows}; {@code dimension} is the range they take ({@code A1:P90235}).
     */
    static void write(XSSFWorkbook workbook, XSSFSheet sheet, String dimension, Rows rows, OutputStream out) throws IOException {
        if (sheet.getPhysicalNumberOfRows() > 0 || sheet.getNumMergedRegions() > 0) {
            throw new IllegalArgumentException("the sheet's rows and merges are written as XML; it must hold none in memory");
        }
        var ct = sheet.getCTWorksheet();
        (ct.isSetDimension() ? ct.getDimension() : ct.addNewDimension()).setRef(dimension);
        ByteArrayOutputStream template = new ByteArrayOutputStream();
        workbook.write(template);
        String part = sheet.getPackagePart().getPartName().getName().substring(1); // "xl/worksheets/sheet2.xml"
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        zip.setLevel(COMPRESSION_LEVEL);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(template.toByteArray()))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTimeLocal(ENTRY_TIME);
                zip.putNextEntry(copy);
                if (entry.getName().equals(part)) {
                    byte[] xml = in.readAllBytes();
                    int at = indexOf(xml, EMPTY_SHEET_DATA);
                    if (at < 0) {
                        throw new IllegalStateException(part + " has no empty <sheetData/> to put the rows in");
                    }
                    int after = at + EMPTY_SHEET_DATA.length;
                    String next = new String(xml, after, Math.min(40, xml.length - after), StandardCharsets.US_ASCII);
                    if (BEFORE_MERGES.stream().anyMatch(next::startsWith)) {
                        throw new IllegalStateException(part + " has " + next + "… after its rows, where the merges go");
                    }
                    zip.write(xml, 0, at);
                    DetailSheetXml writer = new DetailSheetXml(zip);
                    writer.raw("<sheetData>");
                    try {
                        rows.drawInto(writer);
                        writer.endRow();
                        writer.raw("</sheetData>");
                        writer.mergeCells();
                        writer.drain();
                    } catch (java.io.UncheckedIOException e) {
                        throw e.getCause();
                    }
                    zip.write(xml, after, xml.length - after);
                } else {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
        zip.finish(); // the caller closes out
    }

    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 16];
    private int used;
    /** The current row's number as it appears in cell references ("90235"), or null before the first row. */
    private byte[] rowDigits;
    /** Column letters by column index, made as needed. */
    private final List<byte[]> columns = new ArrayList<>();
    /** The merged ranges in the order drawn, four numbers each: first row, last row, first column, last column. */
    private int[] merges = new int[1024];
    private int mergeCount;

    private DetailSheetXml(OutputStream out) {
        this.out = out;
    }

    @Override
    public void row(int index, float heightPt) {
        endRow();
        rowDigits = ascii(Integer.toString(index + 1));
        raw("<row r=\"");
        bytes(rowDigits);
        raw("\" customHeight=\"1\" ht=\"");
        raw(Float.toString(heightPt));
        raw("\">");
    }

    private void endRow() {
        if (rowDigits != null) {
            raw("</row>");
            rowDigits = null;
        }
    }

    @Override
    public void text(int column, String text, CellStyle style) {
        start(column, style);
        if (text == null) {
            raw("/>");
            return;
        }
        boolean preserve = !text.isEmpty() && (Character.isWhitespace(text.charAt(0))
                || Character.isWhitespace(text.charAt(text.length() - 1)));
        raw(preserve ? " t=\"inlineStr\"><is><t xml:space=\"preserve\">" : " t=\"inlineStr\"><is><t>");
        escaped(text);
        raw("</t></is></c>");
    }

    @Override
    public void number(int column, BigDecimal value, CellStyle style) {
        start(column, style);
        if (value == null) {
            raw("/>");
            return;
        }
        raw("><v>");
        raw(numberText(value.doubleValue()));
        raw("</v></c>");
    }

    /** The shortest text that reads back as {@code d}: whole numbers without ".0", the others as Java prints a double. */
    static String numberText(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    private void start(int column, CellStyle style) {
        if (rowDigits == null) {
            throw new IllegalStateException("a cell before its row");
        }
        raw("<c r=\"");
        bytes(columnLetters(column));
        bytes(rowDigits);
        raw("\"");
        short index = style == null ? 0 : style.getIndex();
        if (index != 0) {
            raw(" s=\"");
            raw(Integer.toString(index & 0xFFFF));
            raw("\"");
        }
    }

    private byte[] columnLetters(int column) {
        while (columns.size() <= column) {
            columns.add(ascii(CellReference.convertNumToColString(columns.size())));
        }
        return columns.get(column);
    }

    @Override
    public void merge(int firstRow, int lastRow, int firstColumn, int lastColumn) {
        if (4 * mergeCount + 4 > merges.length) {
            merges = java.util.Arrays.copyOf(merges, 2 * merges.length);
        }
        int at = 4 * mergeCount++;
        merges[at] = firstRow;
        merges[at + 1] = lastRow;
        merges[at + 2] = firstColumn;
        merges[at + 3] = lastColumn;
    }

    @Override
    public void breakAfter(int row) {
        // on the sheet already: it went through DetailRows.layoutOnly before the package was written
    }

    /** {@code <mergeCells>} as POI writes it ({@code <mergeCell ref="A5:A8"/>} each), or nothing without merges. */
    private void mergeCells() {
        if (mergeCount == 0) {
            return;
        }
        raw("<mergeCells count=\"");
        raw(Integer.toString(mergeCount));
        raw("\">");
        for (int i = 0; i < mergeCount; i++) {
            int at = 4 * i;
            raw("<mergeCell ref=\"");
            bytes(columnLetters(merges[at + 2]));
            raw(Integer.toString(merges[at] + 1));
            if (merges[at] != merges[at + 1] || merges[at + 2] != merges[at + 3]) { // one cell: "B5", as POI writes it
                raw(":");
                bytes(columnLetters(merges[at + 3]));
                raw(Integer.toString(merges[at + 1] + 1));
            }
            raw("\"/>");
        }
        raw("</mergeCells>");
    }

    /**
     * Text as XML character data in UTF-8: markup characters escaped, a carriage return as a reference (a reader would
     * otherwise turn it into a line feed), and the characters XML cannot hold (control characters, U+FFFE, U+FFFF, a lone
     * surrogate) as '?', as POI's streaming sheet writes them.
     */
    private void escaped(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '<') {
                raw("&lt;");
            } else if (c == '>') {
                raw("&gt;");
            } else if (c == '&') {
                raw("&amp;");
            } else if (c == '\r') {
                raw("&#13;");
            } else if (c < 0x20 && c != '\n' && c != '\t' || c == 0xFFFE || c == 0xFFFF) {
                put('?');
            } else if (c < 0x80) {
                put(c);
            } else if (c < 0x800) {
                put(0xC0 | c >> 6);
                put(0x80 | c & 0x3F);
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, text.charAt(++i));
                    put(0xF0 | cp >> 18);
                    put(0x80 | cp >> 12 & 0x3F);
                    put(0x80 | cp >> 6 & 0x3F);
                    put(0x80 | cp & 0x3F);
                } else {
                    put('?');
                }
            } else {
                put(0xE0 | c >> 12);
                put(0x80 | c >> 6 & 0x3F);
                put(0x80 | c & 0x3F);
            }
        }
    }

    /** ASCII text as it is. */
    private void raw(String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            put(ascii.charAt(i));
        }
    }

    private void bytes(byte[] b) {
        if (used + b.length > buffer.length) {
            drain();
        }
        System.arraycopy(b, 0, buffer, used, b.length);
        used += b.length;
    }

    private void put(int b) {
        if (used == buffer.length) {
            drain();
        }
        buffer[used++] = (byte) b;
    }

    private void drain() {
        try {
            out.write(buffer, 0, used);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        used = 0;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
