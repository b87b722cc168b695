package cn.nianbao.ingest;

/**
 * Where a datapoint stands in a workbook: the sheet, the cell (and its address as a person finds it: 「C12」,
 * or 「第12行第3列」 in a Word table), and the row and column labels it was found under.
 */
public record LocatedCell(String datapointId, String sheet, GridCell cell, String address, String rowLabel, String columnLabel) {

    public String label() {
        return LabelKey.compact(rowLabel) + " / " + LabelKey.compact(columnLabel);
    }
}
