package cn.nianbao.ingest;

/**
 * Bounds on what one workbook may cost to read. A report form is a few hundred cells; anything far
 * larger is refused (PARSE-TOO-LARGE) rather than allowed to exhaust memory on an unwatched server.
 *
 * @param maxFileBytes      largest input file accepted
 * @param maxSheets         sheets read per workbook
 * @param maxRowsPerSheet   rows read per sheet; a sheet with more is refused
 * @param maxColumns        columns read per row; cells beyond are ignored
 * @param maxEntryBytes     largest inflated part of an .xlsx package
 * @param minInflateRatio   smallest compressed/inflated ratio of an .xlsx part (zip-bomb guard)
 */
public record ReadLimits(long maxFileBytes, int maxSheets, int maxRowsPerSheet, int maxColumns,
                         long maxEntryBytes, double minInflateRatio) {

    public static ReadLimits defaults() {
        return new ReadLimits(20L * 1024 * 1024, 50, 5_000, 200, 100L * 1024 * 1024, 0.01);
    }
}
