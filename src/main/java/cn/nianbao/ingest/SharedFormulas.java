package cn.nianbao.ingest;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.formula.EvaluationName;
import org.apache.poi.ss.formula.EvaluationWorkbook;
import org.apache.poi.ss.formula.FormulaParser;
import org.apache.poi.ss.formula.FormulaParsingWorkbook;
import org.apache.poi.ss.formula.FormulaRenderer;
import org.apache.poi.ss.formula.FormulaRenderingWorkbook;
import org.apache.poi.ss.formula.FormulaType;
import org.apache.poi.ss.formula.SheetIdentifier;
import org.apache.poi.ss.formula.ptg.Area3DPxg;
import org.apache.poi.ss.formula.ptg.AreaPtgBase;
import org.apache.poi.ss.formula.ptg.NamePtg;
import org.apache.poi.ss.formula.ptg.NameXPtg;
import org.apache.poi.ss.formula.ptg.Ptg;
import org.apache.poi.ss.formula.ptg.Ref3DPxg;
import org.apache.poi.ss.formula.ptg.RefPtgBase;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Name;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Table;
import org.apache.poi.ss.util.AreaReference;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFChartSheet;
import org.apache.poi.xssf.usermodel.XSSFEvaluationWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTCell;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTCellFormula;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.STCellFormulaType;

/**
 * The formula text of each cell of a shared formula ({@code <f t="shared" si="0" ref="B5:D5">SUM(B1:B4)</f>} in
 * the first cell, {@code <f t="shared" si="0"/>} in the others): the first cell's formula parsed once, its relative
 * references moved to each cell, the result written back. Excel stores a formula filled across a row this way.
 *
 * <p>POI's usermodel moves them too, but turns a reference to another sheet into one on the formula's own sheet
 * (「工作!B2」 filled right reads 「C2」, and is calculated so): {@link #rewrite} puts the right texts into a
 * workbook opened with the usermodel before anything reads or calculates its formulas.
 *
 * <p>The streaming reader parses without a workbook, which is enough for what a report's formulas hold
 * (references, ranges, other sheets of the same workbook, functions). A formula with a defined name, a table or
 * another workbook needs the workbook: {@link #text} gives null and the usermodel gives the text.
 */
final class SharedFormulas {

    private record Master(Ptg[] ptgs, int firstRow, int firstCol) {
    }

    private static final int LAST_ROW = SpreadsheetVersion.EXCEL2007.getLastRowIndex();
    private static final int LAST_COLUMN = SpreadsheetVersion.EXCEL2007.getLastColumnIndex();

    private final int sheetIndex;
    private final FormulaParsingWorkbook parsing;
    private final FormulaRenderingWorkbook rendering;
    private final Map<String, Master> masters = new HashMap<>();

    /** For a sheet read without a workbook (the streaming reader). */
    SharedFormulas(int sheetIndex) {
        this(sheetIndex, NoWorkbook.INSTANCE, NoWorkbook.INSTANCE);
    }

    private SharedFormulas(int sheetIndex, FormulaParsingWorkbook parsing, FormulaRenderingWorkbook rendering) {
        this.sheetIndex = sheetIndex;
        this.parsing = parsing;
        this.rendering = rendering;
    }

    /**
     * The formula text of the cell at (r, c) that belongs to shared formula {@code si}: {@code text} is the formula
     * in the first cell (with {@code ref}, the range it is shared over), empty in the others. Cells are given in
     * the sheet's order, the first cell before the others. Null where it cannot be worked out.
     */
    String text(String si, String ref, String text, int r, int c) {
        try {
            Master master = masters.get(si);
            if (text != null && !text.isEmpty()) {
                if (ref == null) {
                    return null; // a first cell that does not say where it is shared: POI does not take it either
                }
                CellRangeAddress range = CellRangeAddress.valueOf(ref);
                Ptg[] ptgs = FormulaParser.parse(text, parsing, FormulaType.CELL, sheetIndex, r);
                master = new Master(ptgs, range.getFirstRow(), range.getFirstColumn());
                masters.put(si, master);
            }
            if (master == null) {
                return null;
            }
            return FormulaRenderer.toFormulaString(rendering, move(master.ptgs(), r - master.firstRow(), c - master.firstCol()));
        } catch (RuntimeException e) {
            return null; // a name, a table, another workbook, or a formula POI cannot parse
        }
    }

    /**
     * The formula moved by (rows, columns): relative references move, absolute ones stay, and a reference keeps its
     * sheet (POI's SharedFormula would drop it).
     */
    private static Ptg[] move(Ptg[] ptgs, int rows, int columns) {
        Ptg[] out = new Ptg[ptgs.length];
        for (int i = 0; i < ptgs.length; i++) {
            Ptg p = ptgs[i];
            if (p instanceof RefPtgBase ref) {
                RefPtgBase moved = (RefPtgBase) ref.copy();
                if (moved.isRowRelative()) {
                    moved.setRow((moved.getRow() + rows) & LAST_ROW);
                }
                if (moved.isColRelative()) {
                    moved.setColumn((moved.getColumn() + columns) & LAST_COLUMN);
                }
                out[i] = moved;
            } else if (p instanceof AreaPtgBase area) {
                AreaPtgBase moved = (AreaPtgBase) area.copy();
                if (moved.isFirstRowRelative()) {
                    moved.setFirstRow((moved.getFirstRow() + rows) & LAST_ROW);
                }
                if (moved.isLastRowRelative()) {
                    moved.setLastRow((moved.getLastRow() + rows) & LAST_ROW);
                }
                if (moved.isFirstColRelative()) {
                    moved.setFirstColumn((moved.getFirstColumn() + columns) & LAST_COLUMN);
                }
                if (moved.isLastColRelative()) {
                    moved.setLastColumn((moved.getLastColumn() + columns) & LAST_COLUMN);
                }
                out[i] = moved;
            } else {
                out[i] = p;
            }
        }
        return out;
    }

    /**
     * Rewrites every shared formula of a workbook opened with the usermodel (read-only, never saved) as a formula of
     * its own with the text {@link #text} gives, so that POI reads and calculates what the spreadsheet does. A formula
     * whose text cannot be worked out is left to POI.
     */
    static void rewrite(XSSFWorkbook wb) {
        XSSFEvaluationWorkbook book = XSSFEvaluationWorkbook.create(wb);
        for (int i = 0; i < wb.getNumberOfSheets(); i++) {
            if (wb.getSheetAt(i) instanceof XSSFChartSheet) {
                continue;
            }
            SharedFormulas shared = new SharedFormulas(i, book, book);
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

    /**
     * The workbook a shared formula is parsed against: references to other sheets are kept by name, as POI does for
     * .xlsx; anything that needs the workbook's content (names, tables, links to other workbooks) is refused.
     */
    private enum NoWorkbook implements FormulaParsingWorkbook, FormulaRenderingWorkbook {
        INSTANCE;

        @Override
        public EvaluationName getName(String name, int sheetIndex) {
            throw new UnsupportedOperationException("defined name " + name);
        }

        @Override
        public Name createName() {
            throw new UnsupportedOperationException("defined name");
        }

        @Override
        public Table getTable(String name) {
            throw new UnsupportedOperationException("table " + name);
        }

        @Override
        public Ptg getNameXPtg(String name, SheetIdentifier sheet) {
            throw new UnsupportedOperationException("name " + name);
        }

        @Override
        public Ptg get3DReferencePtg(CellReference cell, SheetIdentifier sheet) {
            if (sheet.getBookName() != null) {
                throw new UnsupportedOperationException("another workbook");
            }
            return new Ref3DPxg(sheet, cell);
        }

        @Override
        public Ptg get3DReferencePtg(AreaReference area, SheetIdentifier sheet) {
            if (sheet.getBookName() != null) {
                throw new UnsupportedOperationException("another workbook");
            }
            return new Area3DPxg(sheet, area);
        }

        @Override
        public int getExternalSheetIndex(String sheetName) {
            throw new UnsupportedOperationException("external sheet");
        }

        @Override
        public int getExternalSheetIndex(String workbookName, String sheetName) {
            throw new UnsupportedOperationException("external sheet");
        }

        @Override
        public SpreadsheetVersion getSpreadsheetVersion() {
            return SpreadsheetVersion.EXCEL2007;
        }

        @Override
        public EvaluationWorkbook.ExternalSheet getExternalSheet(int externSheetIndex) {
            throw new UnsupportedOperationException("external sheet");
        }

        @Override
        public String getSheetFirstNameByExternSheet(int externSheetIndex) {
            throw new UnsupportedOperationException("external sheet");
        }

        @Override
        public String getSheetLastNameByExternSheet(int externSheetIndex) {
            throw new UnsupportedOperationException("external sheet");
        }

        @Override
        public String resolveNameXText(NameXPtg ptg) {
            throw new UnsupportedOperationException("name");
        }

        @Override
        public String getNameText(NamePtg namePtg) {
            throw new UnsupportedOperationException("name");
        }
    }
}
