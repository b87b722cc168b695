package cn.nianbao.ingest;

/**
 * Where a datapoint stands in a workbook: the sheet, the cell, and the row and column labels it was
 * found under.
 */
public record LocatedCell(String datapointId, String sheet, GridCell cell, String rowLabel, String columnLabel) {

    public String label() {
        return LabelKey.compact(rowLabel) + " / " + LabelKey.compact(columnLabel);
    }
}
