package cn.nianbao.publish;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * CSV as the output contract wants it (outputs.md): UTF-8 with a byte order mark so Excel and WPS read
 * Chinese correctly, comma separated, RFC 4180 quoting, CRLF line ends, one header row.
 *
 * <p>Text cells that begin with {@code = + - @}, a tab or a CR get a leading {@code '} so no spreadsheet
 * evaluates them (CSV formula injection). Numbers are passed as {@link Number} and written plainly, so a
 * negative number stays a number; only text is neutralised.
 */
public final class CsvWriter implements AutoCloseable {

    /** The UTF-8 byte order mark. */
    public static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    // Rows are encoded straight into this buffer (facts.csv has millions of rows: through a Writer, every
    // character was copied into a char buffer, then encoded by the stream encoder, then copied again).
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    /** Bytes handed to {@link #out} so far. */
    private long flushed;
    private final int columns;

    /** Starts a CSV on {@code stream}: writes the BOM and the header row. Closing closes the stream. */
    public CsvWriter(OutputStream stream, List<String> header) throws IOException {
        this.out = stream;
        this.columns = header.size();
        put(BOM);
        row(header.toArray());
    }

    /**
     * Writes one record. A {@link Number} is written as a plain number ({@link BigDecimal#toPlainString()}),
     * a {@link Boolean} as true/false, null as an empty cell, anything else as neutralised text.
     */
    public void row(Object... cells) throws IOException {
        if (cells.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
        }
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                put((byte) ',');
            }
            cell(cells[i]);
        }
        put((byte) '\r');
        put((byte) '\n');
    }

    public void row(List<?> cells) throws IOException {
        row(cells.toArray());
    }

    /**
     * A cell rendered and quoted once, for a value repeated on many rows (facts.csv repeats the agency, file
     * and hash of a report on each of its ~250 rows): the same bytes {@link #row} would write for it.
     */
    public static final class Field {
        private final byte[] bytes;

        private Field(byte[] bytes) {
            this.bytes = bytes;
        }
    }

    public static Field field(Object cell) {
        return new Field(quote(render(cell)).getBytes(StandardCharsets.UTF_8));
    }

    /** One cell: what {@code quote(render(cell))} gives, UTF-8 encoded, without building it as a string when it is plain. */
    private void cell(Object cell) throws IOException {
        if (cell == null) {
            return;
        }
        if (cell instanceof Field f) {
            put(f.bytes);
        } else if (cell instanceof String text) {
            text(text);
        } else if (cell instanceof BigDecimal d && d.scale() == 0 && d.precision() < 19) {
            digits(d.longValue()); // a whole number (nearly every value): its digits, as toPlainString writes them
        } else if (cell instanceof Integer || cell instanceof Long || cell instanceof Short) {
            digits(((Number) cell).longValue());
        } else if (cell instanceof Boolean b) {
            put(b ? TRUE : FALSE);
        } else {
            plain(render(cell)); // other numbers (never neutralised) and other objects (render neutralises their text)
        }
    }

    /** Already rendered: as {@code quote(rendered)}. */
    private void plain(String rendered) throws IOException {
        boolean quoted = needsQuotes(rendered);
        if (quoted) {
            put((byte) '"');
        }
        utf8(rendered, quoted);
        if (quoted) {
            put((byte) '"');
        }
    }

    /** Text as {@code quote(neutralise(text))}: a leading {@code '} when it could start a formula, quotes when needed. */
    private void text(String text) throws IOException {
        if (text.isEmpty()) {
            return;
        }
        boolean quoted = needsQuotes(text);
        if (quoted) {
            put((byte) '"');
        }
        if (startsLikeFormula(text)) {
            put((byte) '\'');
        }
        utf8(text, quoted);
        if (quoted) {
            put((byte) '"');
        }
    }

    private static boolean needsQuotes(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == ',' || ch == '"' || ch == '\n' || ch == '\r') {
                return true;
            }
        }
        return false;
    }

    /**
     * UTF-8, as the JDK's encoder writes it (an unpaired surrogate becomes {@code ?}); inside quotes a quote is
     * doubled.
     */
    private void utf8(String s, boolean doubleQuotes) throws IOException {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (pos + 4 > buf.length) {
                flushBuffer();
            }
            if (c < 0x80) {
                if (c == '"' && doubleQuotes) {
                    buf[pos++] = '"';
                }
                buf[pos++] = (byte) c;
            } else if (c < 0x800) {
                buf[pos++] = (byte) (0xC0 | (c >> 6));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    buf[pos++] = (byte) (0xF0 | (cp >> 18));
                    buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    buf[pos++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    buf[pos++] = '?';
                }
            } else {
                buf[pos++] = (byte) (0xE0 | (c >> 12));
                buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            }
        }
    }

    private final byte[] digitScratch = new byte[20];

    private void digits(long v) throws IOException {
        if (pos + 20 > buf.length) {
            flushBuffer();
        }
        if (v == Long.MIN_VALUE) {
            put(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
            return;
        }
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        int i = digitScratch.length;
        do {
            digitScratch[--i] = (byte) ('0' + (v % 10));
            v /= 10;
        } while (v != 0);
        int len = digitScratch.length - i;
        System.arraycopy(digitScratch, i, buf, pos, len);
        pos += len;
    }

    private void put(byte b) throws IOException {
        if (pos == buf.length) {
            flushBuffer();
        }
        buf[pos++] = b;
    }

    private void put(byte[] bytes) throws IOException {
        if (bytes.length > buf.length - pos) {
            flushBuffer();
            if (bytes.length > buf.length) {
                out.write(bytes);
                flushed += bytes.length;
                return;
            }
        }
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    private void flushBuffer() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            flushed += pos;
            pos = 0;
        }
    }

    /** How many bytes were written so far (the byte order mark and header row included): where the next row starts. */
    public long position() {
        return flushed + pos;
    }

    /**
     * Writes {@code length} bytes of {@code from}, from {@code offset} on, as they are: rows this class wrote into
     * an earlier file. They go from file to file in the kernel, into {@code to}, the channel under this writer's
     * stream. Fails when the earlier file ends before them.
     */
    public void copy(FileChannel from, long offset, long length, FileChannel to) throws IOException {
        flushBuffer();
        out.flush();
        long done = 0;
        while (done < length) {
            long n = from.transferTo(offset + done, length - done, to);
            if (n <= 0 && offset + done >= from.size()) {
                throw new java.io.EOFException("the earlier file ends at byte " + (offset + done) + ", before byte "
                        + (offset + length));
            }
            done += n;
        }
        flushed += length;
    }

    static String render(Object cell) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (cell instanceof Integer || cell instanceof Long || cell instanceof Short || cell instanceof BigInteger) {
            return cell.toString();
        }
        if (cell instanceof Number n) {
            return new BigDecimal(n.toString()).toPlainString();
        }
        if (cell instanceof Boolean b) {
            return b.toString();
        }
        return neutralise(cell.toString());
    }

    /** Prefixes text a spreadsheet would take for a formula (or strip of its first character) with {@code '}. */
    public static String neutralise(String text) {
        return startsLikeFormula(text) ? "'" + text : text;
    }

    /** Whether a spreadsheet would take the text for a formula (or strip its first character). */
    private static boolean startsLikeFormula(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    /** RFC 4180: quote a field holding a comma, quote, CR or LF; double the quotes inside. */
    static String quote(String field) {
        return needsQuotes(field) ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    public void flush() throws IOException {
        flushBuffer();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            flushBuffer();
        } finally {
            out.close();
        }
    }
}
