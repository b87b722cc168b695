package cn.nianbao.ingest;

import java.math.BigDecimal;

/**
 * One cell as read from a sheet, independent of POI. {@code text} holds the string of a TEXT cell or the
 * error code of an ERROR cell; {@code number} the value of a NUMBER cell. {@code formula} is true when
 * the value is a formula's cached result.
 */
public record GridCell(int row, int col, CellKind kind, String text, BigDecimal number, boolean formula) {

    public static GridCell blank(int row, int col) {
        return new GridCell(row, col, CellKind.BLANK, null, null, false);
    }

    /** The cell's A1 address, e.g. "C12". */
    public String address() {
        return CellAddresses.a1(row, col);
    }

    public boolean isText() {
        return kind == CellKind.TEXT && text != null && !text.isBlank();
    }

    /** The same content as seen from another cell of its merged region. */
    GridCell at(int r, int c) {
        return new GridCell(r, c, kind, text, number, formula);
    }
}
