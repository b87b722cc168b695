package cn.nianbao.publish;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
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

    private final Writer out;
    private final int columns;

    /** Starts a CSV on {@code stream}: writes the BOM and the header row. Closing closes the stream. */
    public CsvWriter(OutputStream stream, List<String> header) throws IOException {
        stream.write(BOM);
        this.out = new java.io.BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        this.columns = header.size();
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
        // straight into the buffered writer: facts.csv has millions of rows, each line built as a string first
        // would be copied twice more
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cells[i] instanceof Field f ? f.text : quote(render(cells[i])));
        }
        out.write("\r\n");
    }

    public void row(List<?> cells) throws IOException {
        row(cells.toArray());
    }

    /**
     * A cell rendered and quoted once, for a value repeated on many rows (facts.csv repeats the agency, file
     * and hash of a report on each of its ~250 rows): the same text {@link #row} would write for it.
     */
    public static final class Field {
        private final String text;

        private Field(String text) {
            this.text = text;
        }
    }

    public static Field field(Object cell) {
        return new Field(quote(render(cell)));
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
        if (text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        boolean dangerous = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return dangerous ? "'" + text : text;
    }

    /** RFC 4180: quote a field holding a comma, quote, CR or LF; double the quotes inside. */
    static String quote(String field) {
        boolean needsQuotes = field.indexOf(',') >= 0 || field.indexOf('"') >= 0
                || field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0;
        return needsQuotes ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
