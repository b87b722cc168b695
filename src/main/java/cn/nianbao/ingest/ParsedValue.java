package cn.nianbao.ingest;

import java.math.BigDecimal;

/**
 * A cell value after normalisation. Exactly one of: blank, a number, or a problem (a message for the
 * agency). {@code unitNote} records an assumption or conversion about money units, for the rules.
 */
public record ParsedValue(boolean blank, BigDecimal number, String problem, UnitNote unitNote) {

    /** What the reader did about a money unit. */
    public enum UnitNote {
        /** No unit anywhere: taken as 元 (rule A-UNIT-ASSUMED). */
        YUAN_ASSUMED,
        /** Written in 元 in a 万元 column and converted (rule A-FEES-UNIT). */
        YUAN_IN_WAN_COLUMN
    }

    static ParsedValue ofBlank() {
        return new ParsedValue(true, null, null, null);
    }

    static ParsedValue of(BigDecimal number, UnitNote note) {
        return new ParsedValue(false, number, null, note);
    }

    static ParsedValue problem(String problem) {
        return new ParsedValue(false, null, problem, null);
    }

    public boolean isProblem() {
        return problem != null;
    }
}
