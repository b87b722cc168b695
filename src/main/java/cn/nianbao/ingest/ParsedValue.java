package cn.nianbao.ingest;

import java.math.BigDecimal;

import cn.nianbao.model.UnitNote;

/**
 * A cell value after normalisation. Exactly one of: blank, a number, or a problem (a message for the
 * agency, under the PARSE-* rule in {@code problemRule}). {@code unitNote} records an assumption or conversion
 * about money units, for the rules.
 */
public record ParsedValue(boolean blank, BigDecimal number, String problemRule, String problem, UnitNote unitNote) {

    /** Text that is not a number. */
    public static final String BAD_NUMBER = "PARSE-BAD-NUMBER";
    /** A date, time, percentage, logical or error value where a number belongs. */
    public static final String CELL_TYPE = "PARSE-CELL-TYPE";
    /** A number whose format shows another number or nothing. */
    public static final String SHOWN_VALUE = "PARSE-SHOWN-VALUE";
    /** A formula with no saved result that could not be evaluated. */
    public static final String FORMULA = "PARSE-FORMULA";

    static ParsedValue ofBlank() {
        return new ParsedValue(true, null, null, null, null);
    }

    static ParsedValue of(BigDecimal number, UnitNote note) {
        return new ParsedValue(false, number, null, null, note);
    }

    static ParsedValue problem(String problem) {
        return new ParsedValue(false, null, BAD_NUMBER, problem, null);
    }

    static ParsedValue cellType(String problem) {
        return new ParsedValue(false, null, CELL_TYPE, problem, null);
    }

    static ParsedValue shownValue(String problem) {
        return new ParsedValue(false, null, SHOWN_VALUE, problem, null);
    }

    static ParsedValue formula(String problem) {
        return new ParsedValue(false, null, FORMULA, problem, null);
    }

    public boolean isProblem() {
        return problem != null;
    }
}
