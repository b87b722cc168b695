package cn.nianbao.publish;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import cn.nianbao.model.Finding;
import cn.nianbao.model.Severity;

/** The one order findings are listed in everywhere, so files from two runs can be compared line by line. */
final class FindingOrder {

    static final Comparator<Finding> ORDER = Comparator
            .comparing((Finding f) -> f.agencyCode() == null ? 1 : 0) // findings of unknown files last
            .thenComparing(f -> nullToEmpty(f.agencyCode()))
            .thenComparing(f -> f.year() == null ? Integer.MAX_VALUE : f.year())
            .thenComparing(Finding::severity)
            .thenComparing(Finding::rule, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(f -> nullToEmpty(f.sourceFile()))
            .thenComparing(f -> nullToEmpty(f.sheet()))
            .thenComparing(f -> String.join(" ", f.cells()))
            .thenComparing(f -> nullToEmpty(f.message()));

    private FindingOrder() {
    }

    static List<Finding> sorted(List<Finding> findings) {
        List<Finding> copy = new ArrayList<>(findings == null ? List.of() : findings);
        copy.sort(ORDER);
        return copy;
    }

    /** Counts per severity, every severity present (0 when none). */
    static Map<Severity, Integer> countBySeverity(List<Finding> findings) {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0);
        }
        for (Finding f : findings) {
            counts.merge(f.severity(), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * The key findings are grouped by "who": the agency code, or for a file no agency is known for, its
     * file name (the same choice {@link Finding#fingerprint()} makes).
     */
    static String whoKey(Finding f) {
        return f.agencyCode() != null ? f.agencyCode() : "file:" + nullToEmpty(f.sourceFile());
    }

    /** The name shown for "who": agency name, else code, else the file. */
    static String whoName(Finding f) {
        if (f.agencyName() != null && !f.agencyName().isBlank()) {
            return f.agencyName();
        }
        if (f.agencyCode() != null) {
            return f.agencyCode();
        }
        return f.sourceFile() == null ? "（未知）" : f.sourceFile();
    }

    static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
