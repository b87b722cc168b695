package cn.nianbao.store;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import cn.nianbao.model.Datapoint;
import cn.nianbao.model.SourceCell;
import cn.nianbao.model.UnitNote;

/**
 * A report's datapoints as stored ({@code nb_report_content.datapoints}): a compact binary form in two deflated
 * sections, the first with each datapoint's id, value, blank flag, unit note, sheet and cell, the second with the
 * labels.
 *
 * <p>Every step reads every report's datapoints back, and most readers want only values and cells (the rules, the
 * roll-up, the summary workbooks' detail sheets); only some outputs print labels, which are most of the bytes. Read
 * without labels, only the first section (about 5 KB for a report of 200 datapoints) is inflated, and nothing is parsed
 * as text but the ids and cells: a report stored as deflated JSON had all of its 27 KB inflated and tokenised, which made
 * this reading the largest part of writing a summary workbook. Values keep their exact decimal (unscaled digits and
 * scale: {@code 25211.50} stays two places).
 *
 * <p>Layout: a mark byte {@value #MARK} (JSON, stored by earlier versions, starts with '[', a zlib stream with 0x78:
 * both still read, by {@link ContentJson}), then each section as its length inflated, its length deflated (the second
 * runs to the end) and its zlib stream. Section one: the count of datapoints; the sheets named, each once; per datapoint
 * its id, a flags byte, the value (scale, then the unscaled digits as a signed number, or as text beyond 18 digits), the
 * sheet's index and the cell, each when the flags say so. Section two: the label of each datapoint whose flags say it
 * has one, in order. Numbers are unsigned LEB128 varints (signed ones zigzag-coded); strings are their UTF-8 length and
 * bytes.
 */
public final class StoredDatapoints {

    /** The first byte of this form. */
    static final int MARK = 2;
    /** The most zlib can expand its input (a stream of one repeated byte), with room to spare. */
    private static final int MAX_DEFLATE_RATIO = 1100;

    private static final int BLANK = 1;
    private static final int VALUE = 1 << 1;
    private static final int VALUE_TEXT = 1 << 2;
    private static final int SHEET = 1 << 3;
    private static final int CELL = 1 << 4;
    private static final int LABEL = 1 << 5;
    /** The unit note in the top two bits: 0 for none, else its ordinal plus one. */
    private static final int UNIT_SHIFT = 6;

    private StoredDatapoints() {
    }

    /** The datapoints in their stored form, in the collection's order. */
    public static byte[] encode(Collection<Datapoint> datapoints) {
        Buffer values = new Buffer(datapoints.size() * 24 + 16);
        Buffer labels = new Buffer(datapoints.size() * 48 + 16);
        Map<String, Integer> sheets = new LinkedHashMap<>();
        for (Datapoint d : datapoints) {
            if (d.source() != null && d.source().sheet() != null) {
                sheets.putIfAbsent(d.source().sheet(), sheets.size());
            }
        }
        values.varint(datapoints.size());
        values.varint(sheets.size());
        sheets.keySet().forEach(values::string);
        for (Datapoint d : datapoints) {
            SourceCell s = d.source();
            String sheet = s == null ? null : s.sheet();
            String cell = s == null ? null : s.cell();
            String label = s == null ? null : s.label();
            BigDecimal value = d.blank() ? null : d.value();
            if (value != null && value.scale() < 0) {
                value = value.setScale(0); // 1E+3 as 1000: the decimal as it reads, as the JSON form kept it
            }
            boolean small = value != null && value.precision() <= 18;
            int unit = d.unitNote() == null ? 0 : d.unitNote().ordinal() + 1;
            if (unit > 3) {
                throw new IllegalStateException("no room for unit note " + d.unitNote() + " in the stored form");
            }
            int flags = (d.blank() ? BLANK : 0) | (value == null ? 0 : small ? VALUE : VALUE_TEXT)
                    | (sheet != null ? SHEET : 0) | (cell != null ? CELL : 0) | (label != null ? LABEL : 0) | unit << UNIT_SHIFT;
            values.string(d.id());
            values.put(flags);
            if (small) {
                values.varint(zigzag(value.scale()));
                values.varint(zigzag(value.unscaledValue().longValue()));
            } else if (value != null) {
                values.string(value.toString()); // BigDecimal(String) gives back the same unscaled digits and scale
            }
            if (sheet != null) {
                values.varint(sheets.get(sheet));
            }
            if (cell != null) {
                values.string(cell);
            }
            if (label != null) {
                labels.string(label);
            }
        }
        Buffer out = new Buffer(values.size / 3 + labels.size / 4 + 32);
        out.put(MARK);
        section(out, values, true);
        section(out, labels, false);
        return out.bytes();
    }

    /**
     * The datapoints of stored bytes, in their stored order, whichever form they were stored in (this one, or the JSON of
     * an earlier version, which runs still look up as history); without {@code labels} each datapoint's source comes
     * without its label (and this form's labels are not inflated).
     *
     * @throws IllegalStateException when the bytes are damaged or cut short
     */
    public static Map<String, Datapoint> read(byte[] stored, boolean labels) {
        return stored.length > 0 && stored[0] == MARK ? decode(stored, labels) : ContentJson.datapoints(stored, labels);
    }

    private static Map<String, Datapoint> decode(byte[] stored, boolean labels) {
        try {
            Reader in = new Reader(stored, 1);
            Reader values = in.section(true);
            Reader labelText = labels ? in.section(false) : null;
            int count = values.count();
            String[] sheets = new String[values.count()];
            for (int i = 0; i < sheets.length; i++) {
                sheets[i] = values.string();
            }
            Map<String, Datapoint> out = new LinkedHashMap<>(count * 4 / 3 + 1);
            UnitNote[] units = UnitNote.values();
            for (int i = 0; i < count; i++) {
                String id = values.string();
                int flags = values.get();
                BigDecimal value = null;
                if ((flags & VALUE) != 0) {
                    int scale = unzigzag(values.varint());
                    value = BigDecimal.valueOf(unzigzag(values.varlong()), scale);
                } else if ((flags & VALUE_TEXT) != 0) {
                    value = new BigDecimal(values.string());
                }
                String sheet = (flags & SHEET) != 0 ? sheets[values.varint()] : null;
                String cell = (flags & CELL) != 0 ? values.string() : null;
                String label = null;
                if ((flags & LABEL) != 0 && labelText != null) {
                    label = labelText.string();
                }
                int unit = flags >>> UNIT_SHIFT & 3;
                boolean blank = (flags & BLANK) != 0;
                out.put(id, new Datapoint(id, blank ? null : value, blank, new SourceCell(sheet, cell, label),
                        unit == 0 ? null : units[unit - 1]));
            }
            values.expectEnd();
            if (labelText != null) {
                labelText.expectEnd();
            }
            return out;
        } catch (RuntimeException e) {
            if (e instanceof IllegalStateException) {
                throw e;
            }
            throw new IllegalStateException("stored datapoints are damaged: " + e, e);
        }
    }

    private static void section(Buffer out, Buffer raw, boolean sized) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(raw.data, 0, raw.size);
            deflater.finish();
            Buffer deflated = new Buffer(raw.size / 3 + 64);
            while (!deflater.finished()) {
                deflated.room(4096);
                deflated.size += deflater.deflate(deflated.data, deflated.size, deflated.data.length - deflated.size);
            }
            out.varint(raw.size);
            if (sized) {
                out.varint(deflated.size);
            }
            out.put(deflated.data, deflated.size);
        } finally {
            deflater.end();
        }
    }

    private static long zigzag(long n) {
        return n << 1 ^ n >> 63;
    }

    private static long unzigzag(long n) {
        return n >>> 1 ^ -(n & 1);
    }

    private static int unzigzag(int n) {
        return n >>> 1 ^ -(n & 1);
    }

    /** A growing byte array. */
    private static final class Buffer {
        byte[] data;
        int size;

        Buffer(int capacity) {
            data = new byte[Math.max(16, capacity)];
        }

        void room(int more) {
            if (size + more > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, size + more));
            }
        }

        void put(int b) {
            room(1);
            data[size++] = (byte) b;
        }

        void put(byte[] b, int length) {
            room(length);
            System.arraycopy(b, 0, data, size, length);
            size += length;
        }

        void varint(long n) {
            room(10);
            while ((n & ~0x7FL) != 0) {
                data[size++] = (byte) (n & 0x7F | 0x80);
                n >>>= 7;
            }
            data[size++] = (byte) n;
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varint(b.length);
            put(b, b.length);
        }

        byte[] bytes() {
            return Arrays.copyOf(data, size);
        }
    }

    /** Reads what a {@link Buffer} wrote. */
    private static final class Reader {
        private final byte[] data;
        private int at;
        private final int end;

        Reader(byte[] data, int at) {
            this(data, at, data.length);
        }

        private Reader(byte[] data, int at, int end) {
            this.data = data;
            this.at = at;
            this.end = end;
        }

        /** The next section, inflated; the last one ({@code sized} false) runs to the end. */
        Reader section(boolean sized) {
            int raw = varint();
            int deflated = sized ? varint() : end - at;
            if (deflated < 0 || deflated > end - at || raw < 0) {
                throw new IllegalStateException("stored datapoints are cut short");
            }
            if (raw > (long) deflated * MAX_DEFLATE_RATIO + 64) { // a damaged length must not size a huge array
                throw new IllegalStateException("stored datapoints are damaged: " + raw + " bytes from " + deflated);
            }
            byte[] out = new byte[raw + 1]; // a byte more than recorded: room to see that a damaged section runs longer
            Inflater inflater = new Inflater();
            try {
                inflater.setInput(data, at, deflated);
                int n = 0;
                while (!inflater.finished()) {
                    if (n > raw) {
                        throw new IllegalStateException("stored datapoints are damaged: a section longer than recorded");
                    }
                    int got = inflater.inflate(out, n, out.length - n);
                    if (got == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                        throw new IllegalStateException("stored datapoints are cut short");
                    }
                    n += got;
                }
                if (n != raw || inflater.getRemaining() != 0) {
                    throw new IllegalStateException("stored datapoints are damaged: a section is not the length recorded");
                }
            } catch (DataFormatException e) {
                throw new IllegalStateException("stored datapoints are damaged: " + e.getMessage(), e);
            } finally {
                inflater.end();
            }
            at += deflated;
            return new Reader(out, 0, raw);
        }

        int get() {
            if (at >= end) {
                throw new IllegalStateException("stored datapoints are cut short");
            }
            return data[at++] & 0xFF;
        }

        long varlong() {
            long n = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = get();
                n |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return n;
                }
            }
            throw new IllegalStateException("stored datapoints are damaged: a number runs on");
        }

        int varint() {
            long n = varlong();
            if (n > Integer.MAX_VALUE) {
                throw new IllegalStateException("stored datapoints are damaged: a count of " + n);
            }
            return (int) n;
        }

        /** A count of items of at least a byte each: no more than the bytes left (a damaged count sizes no array). */
        int count() {
            int n = varint();
            if (n > end - at) {
                throw new IllegalStateException("stored datapoints are damaged: a count of " + n + " in " + (end - at) + " bytes");
            }
            return n;
        }

        String string() {
            int length = varint();
            if (length > end - at) {
                throw new IllegalStateException("stored datapoints are cut short");
            }
            String s = new String(data, at, length, StandardCharsets.UTF_8);
            at += length;
            return s;
        }

        void expectEnd() {
            if (at != end) {
                throw new IllegalStateException("stored datapoints are damaged: " + (end - at) + " bytes left over");
            }
        }
    }
}
