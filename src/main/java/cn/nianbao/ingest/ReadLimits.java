package cn.nianbao.ingest;

/**
 * Bounds on what one workbook may cost to read. A report form is a few hundred cells; anything far
 * larger is refused (PARSE-TOO-LARGE) rather than allowed to exhaust memory on an unwatched server.
 * The .xlsx limits are checked before POI loads the workbook (see {@link XlsxPackage}); docs/limits.md
 * lists them with their properties.
 *
 * @param maxFileBytes      largest input file accepted (for .xls this is what bounds memory)
 * @param maxSheets         sheets per workbook; a workbook with more is refused
 * @param maxRowsPerSheet   rows per sheet; a sheet with a row beyond this is refused
 * @param maxColumns        columns read per row; cells beyond are ignored
 * @param maxEntryBytes     largest inflated part of an .xlsx package (a form sheet is ~40 KB)
 * @param minInflateRatio   smallest compressed/inflated ratio of an .xlsx part (zip-bomb guard)
 * @param maxCellsPerSheet  cells per .xlsx sheet; a sheet with more is refused
 * @param maxCellsToCalculate cells a workbook may hold (all sheets) for its formulas to be calculated (those without
 *                          a saved result, or all in a workbook recalculated on opening); beyond, they are
 *                          UNCALCULATED: calculating means loading the whole workbook, and its time grows with the
 *                          formulas times the ranges they sum
 */
public record ReadLimits(long maxFileBytes, int maxSheets, int maxRowsPerSheet, int maxColumns,
                         long maxEntryBytes, double minInflateRatio, int maxCellsPerSheet, int maxCellsToCalculate) {

    public static final long DEFAULT_MAX_FILE_BYTES = 20L * 1024 * 1024;
    public static final int DEFAULT_MAX_SHEETS = 50;
    public static final int DEFAULT_MAX_ROWS_PER_SHEET = 5_000;
    public static final int DEFAULT_MAX_COLUMNS = 200;
    public static final long DEFAULT_MAX_ENTRY_BYTES = 20L * 1024 * 1024;
    public static final double DEFAULT_MIN_INFLATE_RATIO = 0.01;
    public static final int DEFAULT_MAX_CELLS_PER_SHEET = 100_000;
    public static final int DEFAULT_MAX_CELLS_TO_CALCULATE = 3_000;

    /** The limits with the default bound on calculating formulas. */
    public ReadLimits(long maxFileBytes, int maxSheets, int maxRowsPerSheet, int maxColumns,
                      long maxEntryBytes, double minInflateRatio, int maxCellsPerSheet) {
        this(maxFileBytes, maxSheets, maxRowsPerSheet, maxColumns, maxEntryBytes, minInflateRatio, maxCellsPerSheet,
                DEFAULT_MAX_CELLS_TO_CALCULATE);
    }

    public static ReadLimits defaults() {
        return new ReadLimits(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_SHEETS, DEFAULT_MAX_ROWS_PER_SHEET, DEFAULT_MAX_COLUMNS,
                DEFAULT_MAX_ENTRY_BYTES, DEFAULT_MIN_INFLATE_RATIO, DEFAULT_MAX_CELLS_PER_SHEET, DEFAULT_MAX_CELLS_TO_CALCULATE);
    }
}
