package cn.nianbao.template;

/** A datapoint of a format: the id TABLE.ROW.COLUMN with the table, block, row and column that define it. */
public record DatapointDef(String id, TableDef table, BlockDef block, RowDef row, ColumnDef column) {

    public ValueKind kind() {
        return column.kind();
    }

    /** A human label, e.g. 「行政许可 · 处理决定数量」. */
    public String label() {
        return row.label() + " · " + column.label();
    }
}
