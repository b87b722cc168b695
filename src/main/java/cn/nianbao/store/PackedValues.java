package cn.nianbao.store;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import cn.nianbao.model.Datapoint;

/**
 * A workbook's datapoint values as one text: {@code id \t value \t blank} lines in id order, values as
 * nb_datapoint stores them (DECIMAL(24,4): four decimals, rounded half up) so that both read back the same.
 */
final class PackedValues {

    private PackedValues() {
    }

    static String pack(Collection<Datapoint> datapoints) {
        Map<String, Datapoint> sorted = new TreeMap<>();
        for (Datapoint d : datapoints) {
            sorted.put(d.id(), d);
        }
        StringBuilder b = new StringBuilder(sorted.size() * 24);
        for (Datapoint d : sorted.values()) {
            b.append(d.id()).append('\t');
            if (d.value() != null) {
                b.append(stored(d.value()).toPlainString());
            }
            b.append('\t').append(d.blank() ? '1' : '0').append('\n');
        }
        return b.toString();
    }

    /** Datapoints (no source) by id, in id order. */
    static Map<String, Datapoint> unpack(String packed) {
        Map<String, Datapoint> points = new LinkedHashMap<>();
        int start = 0;
        while (start < packed.length()) {
            int end = packed.indexOf('\n', start);
            if (end < 0) {
                end = packed.length();
            }
            int tab1 = packed.indexOf('\t', start);
            int tab2 = packed.indexOf('\t', tab1 + 1);
            String id = packed.substring(start, tab1);
            BigDecimal value = tab2 == tab1 + 1 ? null : new BigDecimal(packed.substring(tab1 + 1, tab2));
            boolean blank = packed.charAt(tab2 + 1) == '1';
            points.put(id, new Datapoint(id, value, blank, null));
            start = end + 1;
        }
        return points;
    }

    /** The value as DECIMAL(24,4) keeps it, trailing zeros stripped (as ReportStore reads it back). */
    private static BigDecimal stored(BigDecimal value) {
        BigDecimal s = value.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
