package cn.nianbao.ingest;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFChartSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTCell;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTCellFormula;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.STCellFormulaType;

/**
 * The formula text of each cell of a shared formula ({@code <f t="shared" si="0" ref="B5:D5">SUM(B1:B4)</f>} in
 * the first cell, {@code <f t="shared" si="0"/>} in the others): the first cell's formula moved to each cell
 * ({@link MovableFormula}). Excel stores a formula filled across a row or down a column this way.
 *
 * <p>POI's usermodel moves them too, but turns a reference to another sheet into one on the formula's own sheet
 * (「工作!B2」 filled right reads 「C2」, and is calculated so): {@link #rewrite} puts the texts given here into a
 * workbook opened with the usermodel before anything reads or calculates its formulas, so both readers give the
 * same text and the calculation uses it.
 */
final class SharedFormulas {

    private record Master(MovableFormula formula, int firstRow, int firstCol) {
    }

    private final Map<String, Master> masters = new HashMap<>();

    /**
     * The formula text of the cell at (r, c) that belongs to shared formula {@code si}: {@code text} is the formula
     * in the first cell (with {@code ref}, the range it is shared over), empty in the others. Cells are given in
     * the sheet's order, the first cell before the others. Null where it cannot be worked out.
     */
    String text(String si, String ref, String text, int r, int c) {
        Master master = masters.get(si);
        if (text != null && !text.isEmpty()) {
            if (ref == null) {
                return null; // a first cell that does not say where it is shared: POI does not take it either
            }
            // the range's first cell: the formula as written is that cell's
            String first = ref.indexOf(':') < 0 ? ref : ref.substring(0, ref.indexOf(':'));
            int firstRow = XlsxStreamingReader.rowOf(first);
            int firstCol = XlsxStreamingReader.column(first);
            MovableFormula formula = firstRow < 0 || firstCol < 0 ? null : MovableFormula.of(text);
            master = formula == null ? null : new Master(formula, firstRow, firstCol);
            masters.put(si, master);
        }
        return master == null ? null : master.formula().moved(r - master.firstRow(), c - master.firstCol());
    }

    /**
     * Rewrites every shared formula of a workbook opened with the usermodel (read-only, never saved) as a formula of
     * its own with the text {@link #text} gives. A formula whose text cannot be worked out is left to POI.
     */
    static void rewrite(XSSFWorkbook wb) {
        for (int i = 0; i < wb.getNumberOfSheets(); i++) {
            if (wb.getSheetAt(i) instanceof XSSFChartSheet) {
                continue;
            }
            SharedFormulas shared = new SharedFormulas();
            Map<CTCellFormula, String> texts = new LinkedHashMap<>();
            for (Row row : wb.getSheetAt(i)) {
                for (Cell cell : row) {
                    CTCell ct = ((XSSFCell) cell).getCTCell();
                    CTCellFormula f = ct.isSetF() ? ct.getF() : null;
                    if (f != null && f.getT() == STCellFormulaType.SHARED && f.isSetSi()) {
                        String text = shared.text(String.valueOf(f.getSi()), f.isSetRef() ? f.getRef() : null,
                                f.getStringValue(), cell.getRowIndex(), cell.getColumnIndex());
                        if (text != null) {
                            texts.put(f, text);
                        }
                    }
                }
            }
            // only once every cell's text is worked out: the first cells' formulas are what the others are made from
            texts.forEach((f, text) -> {
                f.setStringValue(text);
                f.unsetT();
                f.unsetSi();
                if (f.isSetRef()) {
                    f.unsetRef();
                }
            });
        }
    }
}
