package cn.nianbao.publish;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Makes sheet names Excel accepts: at most 31 characters, none of {@code : \ / ? * [ ]}, not starting or
 * ending with an apostrophe, not blank, not the reserved 「History」, and unique ignoring case (Excel
 * compares sheet names case-insensitively). Duplicates get 「(2)」, 「(3)」 … within the 31 characters.
 */
final class SheetNames {

    static final int MAX_LENGTH = 31;

    private final Set<String> used = new HashSet<>();

    /** Reserves a name already in the workbook. */
    void reserve(String name) {
        used.add(name.toLowerCase(Locale.ROOT));
    }

    String unique(String wanted) {
        String base = sanitise(wanted);
        String name = base;
        for (int n = 2; used.contains(name.toLowerCase(Locale.ROOT)); n++) {
            String suffix = "(" + n + ")";
            name = truncate(base, MAX_LENGTH - suffix.length()) + suffix;
        }
        used.add(name.toLowerCase(Locale.ROOT));
        return name;
    }

    static String sanitise(String wanted) {
        String s = wanted == null ? "" : wanted.replaceAll("[:\\\\/?*\\[\\]\\p{Cntrl}]", "_").strip();
        while (s.startsWith("'")) {
            s = s.substring(1);
        }
        while (s.endsWith("'")) {
            s = s.substring(0, s.length() - 1);
        }
        s = truncate(s, MAX_LENGTH);
        if (s.isBlank() || s.equalsIgnoreCase("History")) {
            s = "单位" + (s.isBlank() ? "" : "_" + s);
        }
        return s;
    }

    /** Cuts to {@code max} UTF-16 units without splitting a surrogate pair. */
    static String truncate(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }
}
