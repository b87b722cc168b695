package cn.nianbao.ingest;

import java.nio.file.Path;
import java.util.List;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A cell of an .xlsx that its sheet's XML does not settle: a formula to calculate (the file holds no result for
 * it, or the workbook asks for recalculation on opening), or a shared formula whose text needs the workbook.
 * {@link #complete} opens the workbook once with POI's usermodel, read-only, and puts these cells in their grids;
 * a workbook without such cells is never opened that way.
 *
 * @param saved     the result the file holds for the cell, or null
 * @param calculate whether the value is to be calculated; otherwise only the formula's text is missing
 * @param formula   the formula's text, or null where the usermodel is to give it
 */
record DeferredCell(SheetGrid grid, String sheet, int row, int col, CellFormat format, GridCell saved, boolean calculate,
                    String formula) {

    /**
     * Opens the workbook (already checked by {@link XlsxPackage}: its zip directory, and POI's own zip-bomb guards
     * apply to whatever POI inflates) and completes every deferred cell. A workbook POI cannot open leaves the
     * formulas to calculate {@link CellKind#UNCALCULATED}; a bomb or an XML DOCTYPE found on the way refuses the file.
     */
    static void complete(Path file, List<DeferredCell> cells, boolean date1904) throws UnreadableWorkbookException {
        OPCPackage pkg = null;
        try {
            pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
            XSSFWorkbook wb = new XSSFWorkbook(pkg);
            SharedFormulas.rewrite(wb);
            FormulaEvaluator evaluator = FormulaResults.evaluator(wb);
            for (DeferredCell d : cells) {
                d.put(d.completed(wb, evaluator, date1904));
            }
        } catch (Exception | OutOfMemoryError e) {
            UnreadableWorkbookException refused = WorkbookGridReader.classify(e);
            if (!refused.rule().equals("PARSE-UNREADABLE") || refused.getMessage().equals(WorkbookGridReader.DOCTYPE_MESSAGE)) {
                throw refused;
            }
            withoutWorkbook(cells, "工作簿无法打开以计算公式（" + e.getClass().getSimpleName() + "）");
        } finally {
            if (pkg != null) {
                pkg.revert(); // opened read-only: nothing is written back
            }
        }
    }

    /** Completes the cells without the workbook: the formulas to calculate are UNCALCULATED for {@code why}. */
    static void withoutWorkbook(List<DeferredCell> cells, String why) {
        for (DeferredCell d : cells) {
            d.put(d.calculate ? FormulaResults.uncalculated(d.row, d.col, d.formula == null ? "" : d.formula, why, d.saved)
                    : d.withFormula(""));
        }
    }

    private GridCell completed(XSSFWorkbook wb, FormulaEvaluator evaluator, boolean date1904) {
        XSSFSheet s = wb.getSheet(sheet);
        Row r = s == null ? null : s.getRow(row);
        Cell cell = r == null ? null : r.getCell(col);
        String text = formula != null ? formula : cell == null ? "" : UsermodelGridReader.formulaText(cell);
        if (!calculate) {
            return withFormula(text);
        }
        if (cell == null) {
            return FormulaResults.uncalculated(row, col, text, "公式单元格在工作簿中无法定位", saved);
        }
        return FormulaResults.evaluate(cell, evaluator, text, format, date1904, saved);
    }

    private GridCell withFormula(String text) {
        return new GridCell(row, col, saved.kind(), saved.text(), saved.number(), text, saved.display());
    }

    private void put(GridCell cell) {
        if (cell.kind() != CellKind.BLANK) {
            grid.put(cell);
        }
    }
}
