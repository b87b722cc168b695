package cn.nianbao.ingest;

/**
 * What a spreadsheet or Word table cell holds as the agency sees it, after a formula is replaced by its
 * saved (or evaluated) result.
 */
public enum CellKind {
    TEXT,
    NUMBER,
    BOOLEAN,
    /** An error value (#REF!, #DIV/0!, …): {@code text} is the code as Excel shows it. */
    ERROR,
    BLANK,
    /** A number shown as a date or a time (an agency typed 1-3 and Excel made it 1月3日): {@code display} is what is shown. */
    DATE,
    /** A number shown as a percentage: {@code display} is what is shown (「50%」). */
    PERCENT,
    /**
     * A number its format shows as another number or not at all (「0」 over 3.6 shows 4, 「;;;」 shows nothing):
     * {@code number} is what the cell holds, {@code display} what is shown (empty where nothing is).
     */
    SHOWN_OTHERWISE,
    /**
     * A formula with no saved result that could not be evaluated (an unsupported function, a link to another
     * workbook, a circular reference): {@code text} says why, in Chinese; {@code formula} is the formula.
     */
    UNCALCULATED
}
