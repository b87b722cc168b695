package cn.nianbao.ingest;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;

import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;

import cn.nianbao.template.TemplateCatalogue;

/** A sheet grid written cell by cell in a test, by A1 address: what a reader would have made of a sheet. */
final class GridBuilder {

    final SheetGrid grid;

    GridBuilder(String name) {
        this.grid = new SheetGrid(name);
    }

    GridBuilder text(String a1, String text) {
        CellReference at = new CellReference(a1);
        grid.put(new GridCell(at.getRow(), at.getCol(), CellKind.TEXT, text, null));
        return this;
    }

    GridBuilder number(String a1, long n) {
        CellReference at = new CellReference(a1);
        grid.put(new GridCell(at.getRow(), at.getCol(), CellKind.NUMBER, null, BigDecimal.valueOf(n)));
        return this;
    }

    /** Numbers in consecutive cells of a row from {@code a1} rightwards. */
    GridBuilder numbers(String a1, long... values) {
        CellReference at = new CellReference(a1);
        for (int i = 0; i < values.length; i++) {
            grid.put(new GridCell(at.getRow(), at.getCol() + i, CellKind.NUMBER, null, BigDecimal.valueOf(values[i])));
        }
        return this;
    }

    GridBuilder merge(String range) {
        CellRangeAddress r = CellRangeAddress.valueOf(range);
        grid.addMerged(new SheetGrid.Region(r.getFirstRow(), r.getLastRow(), r.getFirstColumn(), r.getLastColumn()));
        return this;
    }

    static WorkbookGrid workbook(GridBuilder... sheets) {
        return new WorkbookGrid(java.util.Arrays.stream(sheets).map(s -> s.grid).toList());
    }

    static WorkbookGrid workbook(List<SheetGrid> sheets) {
        return new WorkbookGrid(sheets);
    }

    /** A catalogue written in the test, in the catalogue's YAML. */
    static TemplateCatalogue catalogue(String yaml) {
        return TemplateCatalogue.parse(new StringReader(yaml));
    }
}
