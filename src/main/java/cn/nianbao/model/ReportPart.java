package cn.nianbao.model;

/**
 * Which report of a file a report is. A workbook or Word document normally holds one report, read from all its
 * sheets ({@link #WHOLE}); a workbook with a complete report on each of several sheets (a sheet per year, or per
 * agency) holds one per such sheet, numbered from 0 in sheet order.
 *
 * @param index the report's number within the file
 * @param sheet the sheet the report was read from, or null when it was read from the whole file
 */
public record ReportPart(int index, String sheet) {

    public static final ReportPart WHOLE = new ReportPart(0, null);

    public boolean isWhole() {
        return sheet == null;
    }

    /** How messages name the report within its file: 「」, or 「（工作表「2021年」）」. */
    public String describe() {
        return sheet == null ? "" : "（工作表「" + sheet + "」）";
    }
}
