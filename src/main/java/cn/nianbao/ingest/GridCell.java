package cn.nianbao.ingest;

import java.math.BigDecimal;

/**
 * One cell as read from a sheet or a Word table, independent of POI.
 *
 * @param text    the string of a TEXT cell, the error code of an ERROR cell, why an UNCALCULATED cell could not be
 *                evaluated
 * @param number  the value of a NUMBER cell (and the underlying serial or fraction of a DATE or PERCENT cell)
 * @param formula the cell's formula without the leading 「=」 when the value came from one, else null
 * @param display what the agency sees where it differs from the value itself (a date, a percentage, a negative
 *                number shown in parentheses), else null
 */
public record GridCell(int row, int col, CellKind kind, String text, BigDecimal number, String formula, String display) {

    public GridCell(int row, int col, CellKind kind, String text, BigDecimal number) {
        this(row, col, kind, text, number, null, null);
    }

    public static GridCell blank(int row, int col) {
        return new GridCell(row, col, CellKind.BLANK, null, null, null, null);
    }

    /** The cell's A1 address, e.g. "C12" (a Word table's cells are addressed through {@link SheetGrid#address}). */
    public String address() {
        return CellAddresses.a1(row, col);
    }

    public boolean isText() {
        return kind == CellKind.TEXT && text != null && !text.isBlank();
    }

    /** Whether the value is a formula's result. */
    public boolean isFormula() {
        return formula != null;
    }

    /** The same content as seen from another cell of its merged region. */
    GridCell at(int r, int c) {
        return new GridCell(r, c, kind, text, number, formula, display);
    }
}
