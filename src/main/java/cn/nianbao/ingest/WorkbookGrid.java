package cn.nianbao.ingest;

import java.util.List;

/**
 * All sheets of one workbook read into grids, or the tables of a Word report (one grid per table).
 *
 * @param sheets   the sheets (or tables) in their order in the file
 * @param preamble for a Word report, the text paragraphs before its first table (the title among them), which
 *                 title and year detection read as it reads a sheet's first rows; empty for a workbook
 * @param source   what kind of file the grids came from
 */
public record WorkbookGrid(List<SheetGrid> sheets, List<String> preamble, Source source) {

    /** The kind of file, for what messages call a sheet and a cell. */
    public enum Source {
        /** .xlsx, .xlsm, .xls: sheets and A1 cells. */
        SPREADSHEET,
        /** .docx, .doc: tables 「表N」 and cells 「第R行第C列」. */
        WORD
    }

    public WorkbookGrid {
        sheets = List.copyOf(sheets);
        preamble = preamble == null ? List.of() : List.copyOf(preamble);
    }

    /** A workbook's sheets. */
    public WorkbookGrid(List<SheetGrid> sheets) {
        this(sheets, List.of(), Source.SPREADSHEET);
    }
}
