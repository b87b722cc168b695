package cn.nianbao.model;

import java.math.BigDecimal;

/**
 * One canonical value of a report. A blank cell (empty, 「—」, 「/」, 「无」) has {@code value == null} and
 * {@code blank == true}: it is kept distinct from 0, and arithmetic treats it as 0. {@code unitNote} says what the
 * reader assumed or converted about a money amount's unit (null for nearly every datapoint).
 */
public record Datapoint(String id, BigDecimal value, boolean blank, SourceCell source, UnitNote unitNote) {

    public Datapoint(String id, BigDecimal value, boolean blank, SourceCell source) {
        this(id, value, blank, source, null);
    }

    public static Datapoint blank(String id, SourceCell source) {
        return new Datapoint(id, null, true, source, null);
    }

    public static Datapoint of(String id, BigDecimal value, SourceCell source) {
        return new Datapoint(id, value, false, source, null);
    }

    /** The same datapoint with its source (sheet, cell, label) left out: what arithmetic needs. */
    public Datapoint withoutSource() {
        return source == null ? this : new Datapoint(id, value, blank, null, unitNote);
    }

    /** The value for arithmetic: blank counts as 0. */
    public BigDecimal valueOrZero() {
        return value == null ? BigDecimal.ZERO : value;
    }

    /** The table id, e.g. "B" of "B.NEW.TOTAL". */
    public String table() {
        return id.substring(0, id.indexOf('.'));
    }

    /** The row id, e.g. "NEW" of "B.NEW.TOTAL". */
    public String row() {
        return id.substring(id.indexOf('.') + 1, id.lastIndexOf('.'));
    }

    /** The column id, e.g. "TOTAL" of "B.NEW.TOTAL". */
    public String column() {
        return id.substring(id.lastIndexOf('.') + 1);
    }

    /** Whether {@link #table()} is {@code table}, without cutting the id (checks run over millions of datapoints). */
    public boolean inTable(String table) {
        return id.length() > table.length() && id.charAt(table.length()) == '.' && id.startsWith(table);
    }

    /** Whether {@link #column()} is {@code column}, without cutting the id. */
    public boolean inColumn(String column) {
        int start = id.lastIndexOf('.') + 1;
        return id.length() - start == column.length() && id.startsWith(column, start);
    }
}
