package cn.nianbao.model;

import java.math.BigDecimal;

/**
 * The two sides of a finding and their difference (any may be null), as a decision was made on them. Compared as the
 * doubles a spreadsheet holds: the figures come back from exceptions.xlsx, where numbers are binary doubles.
 */
public record Figures(BigDecimal expected, BigDecimal actual, BigDecimal delta) {

    public static final Figures NONE = new Figures(null, null, null);

    public static Figures of(Finding f) {
        return new Figures(f.expected(), f.actual(), f.delta());
    }

    /** Whether these are the same figures as {@code other}'s (null only equals null). */
    public boolean sameAs(Figures other) {
        return same(expected, other.expected) && same(actual, other.actual) && same(delta, other.delta);
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.doubleValue() == b.doubleValue();
    }
}
