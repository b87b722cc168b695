package cn.nianbao.store;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Map;

import cn.nianbao.ingest.ParsedValue;
import cn.nianbao.model.Datapoint;
import cn.nianbao.model.SourceCell;

/**
 * A workbook's datapoints as one text, without labels: one {@code id \t value \t blank \t sheet \t cell \t note}
 * line per datapoint in id order. Values as nb_datapoint stores them (DECIMAL(24,4): four decimals, rounded
 * half up), so that both read back the same; sheet and cell escaped ({@code \\ \t \n}, null as {@code \0}).
 * The labels are a second text ({@link #packLabels}): one escaped label per line, in the same order, cut to
 * 1,000 characters as nb_datapoint kept them; the passes that do not need labels do not read it.
 */
final class PackedValues {

    private PackedValues() {
    }

    static String pack(Collection<Datapoint> datapoints, Map<String, ParsedValue.UnitNote> notes) {
        Datapoint[] sorted = inIdOrder(datapoints);
        StringBuilder b = new StringBuilder(sorted.length * 40);
        String sheet = null;
        String escapedSheet = null;
        for (Datapoint d : sorted) {
            b.append(d.id()).append('\t');
            if (d.value() != null) {
                b.append(stored(d.value()).toPlainString());
            }
            b.append('\t').append(d.blank() ? '1' : '0').append('\t');
            String s = d.source() == null ? null : d.source().sheet();
            if (s == null || !s.equals(sheet)) {
                // most datapoints stand on the sheet of the one before: escaped once per sheet
                StringBuilder e = new StringBuilder();
                escape(e, s);
                sheet = s;
                escapedSheet = e.toString();
            }
            b.append(escapedSheet).append('\t');
            escape(b, d.source() == null ? null : d.source().cell());
            b.append('\t');
            ParsedValue.UnitNote note = notes.isEmpty() ? null : notes.get(d.id());
            if (note != null) {
                b.append(note.name());
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** The datapoints' labels, one escaped line each, in the order of {@link #pack}'s lines. */
    static String packLabels(Collection<Datapoint> datapoints) {
        Datapoint[] sorted = inIdOrder(datapoints);
        StringBuilder b = new StringBuilder(sorted.length * 16);
        for (Datapoint d : sorted) {
            String label = d.source() == null ? null : d.source().label();
            escape(b, label == null || label.length() <= MAX_LABEL ? label : label.substring(0, MAX_LABEL));
            b.append('\n');
        }
        return b.toString();
    }

    /** The datapoints in id order (a report's ids are distinct). */
    private static Datapoint[] inIdOrder(Collection<Datapoint> datapoints) {
        Datapoint[] sorted = datapoints.toArray(new Datapoint[0]);
        java.util.Arrays.sort(sorted, (x, y) -> x.id().compareTo(y.id()));
        return sorted;
    }

    /** What nb_datapoint.label kept of a label. */
    static final int MAX_LABEL = 1000;

    /** Receives the unpacked datapoints (source without label) and their unit notes. */
    interface Sink {
        void accept(Datapoint datapoint, ParsedValue.UnitNote note);
    }

    static void unpack(String packed, Sink sink) {
        unpack(packed, null, sink);
    }

    /** The ids and cell addresses met before, per thread (content is read back on the step's and the writers' threads). */
    private static final ThreadLocal<CanonicalStrings> CANONICAL = ThreadLocal.withInitial(CanonicalStrings::new);

    /** As {@link #unpack(String, Sink)}, each datapoint's source with its label from {@code labels} when not null. */
    static void unpack(String packed, String labels, Sink sink) {
        CanonicalStrings canonical = CANONICAL.get();
        String lastSheet = null;
        int start = 0;
        int labelStart = 0;
        while (start < packed.length()) {
            int end = packed.indexOf('\n', start);
            if (end < 0) {
                end = packed.length();
            }
            int t1 = packed.indexOf('\t', start);
            int t2 = packed.indexOf('\t', t1 + 1);
            int t3 = packed.indexOf('\t', t2 + 1);
            int t4 = packed.indexOf('\t', t3 + 1);
            int t5 = packed.indexOf('\t', t4 + 1);
            String id = canonical.of(packed, start, t1); // ids are never escaped
            BigDecimal value = t2 == t1 + 1 ? null : decimal(packed, t1 + 1, t2);
            boolean blank = packed.charAt(t2 + 1) == '1';
            String sheet;
            if (lastSheet != null && t4 - t3 - 1 == lastSheet.length() && packed.startsWith(lastSheet, t3 + 1)
                    && lastSheet.indexOf('\\') < 0) {
                sheet = lastSheet; // the same sheet as the datapoint before: one string per sheet name, none cut
            } else {
                sheet = unescape(packed.substring(t3 + 1, t4));
            }
            lastSheet = sheet;
            String cell = escaped(packed, t4 + 1, t5) ? unescape(packed.substring(t4 + 1, t5)) // escaped, or null
                    : canonical.of(packed, t4 + 1, t5);
            ParsedValue.UnitNote note = t5 + 1 == end ? null : ParsedValue.UnitNote.valueOf(packed.substring(t5 + 1, end));
            String label = null;
            if (labels != null) {
                int labelEnd = labels.indexOf('\n', labelStart);
                label = unescape(labels.substring(labelStart, labelEnd));
                labelStart = labelEnd + 1;
            }
            sink.accept(new Datapoint(id, value, blank, new SourceCell(sheet, cell, label)), note);
            start = end + 1;
        }
    }

    /**
     * The decimal written at {@code text[from, to)}: a whole number of up to 18 digits (nearly every value) without
     * cutting the text or parsing it twice; anything else through {@link BigDecimal#BigDecimal(String)}.
     */
    static BigDecimal decimal(String text, int from, int to) {
        int i = from;
        boolean negative = text.charAt(i) == '-';
        if (negative) {
            i++;
        }
        if (to - i > 0 && to - i <= 18) {
            long n = 0;
            for (; i < to; i++) {
                char ch = text.charAt(i);
                if (ch < '0' || ch > '9') {
                    return new BigDecimal(text.substring(from, to));
                }
                n = n * 10 + (ch - '0');
            }
            return BigDecimal.valueOf(negative ? -n : n);
        }
        return new BigDecimal(text.substring(from, to));
    }

    /** Whether {@code text[from, to)} holds an escape (or is the null marker). */
    private static boolean escaped(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\\') {
                return true;
            }
        }
        return false;
    }

    private static void escape(StringBuilder b, String s) {
        if (s == null) {
            b.append("\\0");
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                default -> b.append(ch);
            }
        }
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        if (s.equals("\\0")) {
            return null;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < s.length()) {
                char next = s.charAt(++i);
                b.append(next == 't' ? '\t' : next == 'n' ? '\n' : next);
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }

    /** The value as DECIMAL(24,4) keeps it, trailing zeros stripped (as ReportStore reads it back). */
    private static BigDecimal stored(BigDecimal value) {
        if (value.scale() == 0) {
            return value; // a whole number: what the rounding below gives back anyway
        }
        BigDecimal s = value.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
