package cn.nianbao.publish;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.nianbao.model.Finding;
import cn.nianbao.model.Severity;

/**
 * The one order findings are listed in everywhere: by severity (errors first), then agency in roster order (agencies
 * the roster does not name after, by code; findings about a file no agency is known for last), year, then where in
 * the report: findings about a whole report first, then by sheet, row and column of the first cell, so a table's
 * findings follow its rows top to bottom. Files of two runs list the same findings in the same order.
 */
public final class FindingOrder implements Comparator<Finding> {

    /** Without a roster: agencies by code. */
    static final FindingOrder BY_CODE = new FindingOrder(List.of());

    private static final Pattern A1 = Pattern.compile("\\$?([A-Za-z]{1,3})\\$?(\\d{1,7})");

    private final Map<String, Integer> rosterRank = new HashMap<>();

    FindingOrder(List<String> roster) {
        for (String code : roster) {
            rosterRank.putIfAbsent(code, rosterRank.size());
        }
    }

    private final Comparator<Finding> order = Comparator
            .comparing(Finding::severity)
            .thenComparingInt(this::whoRank)
            .thenComparing(f -> nullToEmpty(f.agencyCode() != null ? f.agencyCode() : f.sourceFile()))
            .thenComparing(f -> f.year() == null ? Integer.MAX_VALUE : f.year())
            .thenComparing(f -> f.cells().isEmpty() ? 0 : 1) // the whole report before its cells
            .thenComparing(f -> nullToEmpty(f.sheet()))
            .thenComparingLong(f -> position(f, 0))
            .thenComparingLong(f -> position(f, 1))
            .thenComparing(Finding::rule, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(f -> String.join(" ", f.cells()))
            .thenComparing(f -> nullToEmpty(f.sourceFile()))
            .thenComparing(f -> nullToEmpty(f.message()));

    /** Agencies in roster order (then by code, files last), whatever the severity: the order of counts per agency. */
    Comparator<Finding> agencies() {
        return Comparator.comparingInt(this::whoRank)
                .thenComparing(f -> nullToEmpty(f.agencyCode() != null ? f.agencyCode() : f.sourceFile()));
    }

    /** The findings grouped by agency (or file, {@link #whoKey}), agencies in roster order, each group in this order. */
    Map<String, List<Finding>> byAgency(List<Finding> findings) {
        List<Finding> ordered = inOrder(findings);
        List<Finding> byWho = new ArrayList<>(ordered);
        byWho.sort(agencies()); // stable: each agency's findings keep this order
        Map<String, List<Finding>> groups = new java.util.LinkedHashMap<>();
        byWho.forEach(f -> groups.computeIfAbsent(whoKey(f), k -> new ArrayList<>()).add(f));
        return groups;
    }

    @Override
    public int compare(Finding a, Finding b) {
        return order.compare(a, b);
    }

    /** Roster agencies by their place in it, then other agencies, then files without an agency. */
    private int whoRank(Finding f) {
        if (f.agencyCode() == null) {
            return Integer.MAX_VALUE;
        }
        return rosterRank.getOrDefault(f.agencyCode(), Integer.MAX_VALUE - 1);
    }

    /** The row (part 0) or column (part 1) of the first cell when it is an A1 address; other cells (a Word table's) 0. */
    private static long position(Finding f, int part) {
        if (f.cells().isEmpty()) {
            return 0;
        }
        Matcher m = A1.matcher(f.cells().get(0));
        if (!m.matches()) {
            return 0;
        }
        if (part == 0) {
            return Long.parseLong(m.group(2));
        }
        long column = 0;
        for (char c : m.group(1).toUpperCase(java.util.Locale.ROOT).toCharArray()) {
            column = column * 26 + (c - 'A' + 1);
        }
        return column;
    }

    /** The findings in this order, as a new list. */
    List<Finding> inOrder(List<Finding> findings) {
        List<Finding> copy = new ArrayList<>(findings == null ? List.of() : findings);
        copy.sort(this);
        return copy;
    }

    /** The findings in the order of a list that knows no roster (agencies by code). */
    static List<Finding> sorted(List<Finding> findings) {
        return BY_CODE.inOrder(findings);
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
