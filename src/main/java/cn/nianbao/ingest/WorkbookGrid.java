package cn.nianbao.ingest;

import java.util.List;

/** All sheets of one workbook, read into grids. */
public record WorkbookGrid(List<SheetGrid> sheets) {
}
