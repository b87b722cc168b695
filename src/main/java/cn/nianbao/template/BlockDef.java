package cn.nianbao.template;

import java.util.List;

/**
 * A header with its rows and columns. Table A has one block per 第二十条 item; tables B and C one each.
 * {@code rowsAreColumnGroups}: the official form draws each row as a group of columns (table C).
 */
public record BlockDef(String header, String corner, List<ColumnDef> columns, List<RowDef> rows,
                       boolean rowsAreColumnGroups) {

    /** Keys the catalogue leaves out are empty lists. */
    public BlockDef {
        columns = columns == null ? List.of() : List.copyOf(columns);
        rows = rows == null ? List.of() : List.copyOf(rows);
    }
}
