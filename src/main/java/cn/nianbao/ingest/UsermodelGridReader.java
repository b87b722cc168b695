package cn.nianbao.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.poi.hssf.record.CellValueRecordInterface;
import org.apache.poi.hssf.record.DefaultRowHeightRecord;
import org.apache.poi.hssf.record.RecalcIdRecord;
import org.apache.poi.hssf.record.aggregates.FormulaRecordAggregate;
import org.apache.poi.hssf.usermodel.HSSFSheet;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Date1904Support;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFChartSheet;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTCell;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTCol;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTCols;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTRow;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTSheetFormatPr;

/**
 * Reads a workbook opened with POI's usermodel (an .xls, or an .xlsx inside an encrypted container) into a
 * {@link WorkbookGrid}: the grid the streaming .xlsx reader gives for the same workbook, cell kinds from the number
 * formats, formula texts, hidden sheets, rows and columns. A formula is calculated (see {@link FormulaResults}) where
 * the file holds no result for it, and everywhere when the workbook asks to be recalculated on opening (.xlsx
 * {@code fullCalcOnLoad}; .xls: the workbook's recalculation flag, or a formula's own "calculate on open" flag);
 * otherwise its saved result is what the agency saw.
 */
final class UsermodelGridReader {

    /** The .xls default-row-height flag saying rows are hidden unless given a height (fDyZero). */
    private static final int ROWS_HIDDEN_BY_DEFAULT = 0x0002;

    private final ReadLimits limits;
    private final Workbook wb;
    private final boolean recalculate;
    private final boolean date1904;
    private final Map<Short, CellFormat> formats = new HashMap<>();
    /** Why formulas are not calculated (the workbook is too large for it), or null. */
    private final String notCalculated;
    private FormulaEvaluator evaluator;

    private UsermodelGridReader(ReadLimits limits, Workbook wb) {
        this.limits = limits;
        this.wb = wb;
        this.recalculate = recalculatedOnOpening(wb);
        this.date1904 = wb instanceof Date1904Support d && d.isDate1904();
        long cells = cells(wb);
        this.notCalculated = cells > limits.maxCellsToCalculate() ? FormulaResults.tooLargeToCalculate(cells, limits) : null;
    }

    private static long cells(Workbook wb) {
        long cells = 0;
        for (Sheet sheet : wb) {
            for (Row row : sheet) {
                cells += row.getPhysicalNumberOfCells();
            }
        }
        return cells;
    }

    /**
     * Whether the workbook asks to be recalculated when opened: .xlsx {@code <calcPr fullCalcOnLoad="1">}; .xls a
     * recalculation id of 0 (what "force formula recalculation" writes: calculated by no engine). POI's own getter
     * reads the .xls id the other way round, so it is read here.
     */
    private static boolean recalculatedOnOpening(Workbook wb) {
        if (wb instanceof HSSFWorkbook h) {
            return h.getInternalWorkbook().findFirstRecordBySid(RecalcIdRecord.sid) instanceof RecalcIdRecord id && id.getEngineId() == 0;
        }
        return wb.getForceFormulaRecalculation();
    }

    static WorkbookGrid read(Workbook wb, ReadLimits limits) throws UnreadableWorkbookException {
        if (wb instanceof XSSFWorkbook x) {
            SharedFormulas.rewrite(x);
        }
        return new UsermodelGridReader(limits, wb).read();
    }

    private WorkbookGrid read() throws UnreadableWorkbookException {
        int sheets = wb.getNumberOfSheets();
        if (sheets > limits.maxSheets()) {
            throw XlsxPackage.tooManySheets(sheets, limits.maxSheets());
        }
        List<SheetGrid> grids = new ArrayList<>(sheets);
        for (int i = 0; i < sheets; i++) {
            Sheet sheet = wb.getSheetAt(i);
            if (sheet instanceof XSSFChartSheet) {
                continue; // a chart on a tab of its own: no cells (the streaming reader lists worksheets only)
            }
            if (sheet.getLastRowNum() >= limits.maxRowsPerSheet()) {
                throw new UnreadableWorkbookException("PARSE-TOO-LARGE",
                        "工作表「" + sheet.getSheetName() + "」有 " + (sheet.getLastRowNum() + 1) + " 行，超过上限 "
                                + limits.maxRowsPerSheet() + " 行；请删除与年报无关的数据后重新报送", null);
            }
            grids.add(sheet(sheet, i));
        }
        return new WorkbookGrid(grids);
    }

    private SheetGrid sheet(Sheet sheet, int index) throws UnreadableWorkbookException {
        SheetGrid grid = new SheetGrid(sheet.getSheetName());
        grid.setVisibility(wb.isSheetVeryHidden(index) ? SheetGrid.Visibility.VERY_HIDDEN
                : wb.isSheetHidden(index) ? SheetGrid.Visibility.HIDDEN : SheetGrid.Visibility.VISIBLE);
        Set<Long> calcOnLoad = recalculate ? Set.of() : formulasCalculatedOnLoad(sheet);
        RowVisibility rows = new RowVisibility(grid, rowsHiddenByDefault(sheet));
        for (Row row : sheet) {
            rows.row(row.getRowNum(), row.getZeroHeight(), height(row));
            for (Cell cell : row) {
                if (cell.getColumnIndex() >= limits.maxColumns()) {
                    break;
                }
                GridCell g = cell(cell, calcOnLoad);
                if (g.kind() != CellKind.BLANK) {
                    grid.put(g);
                }
            }
        }
        List<SheetGrid.Region> merged = new ArrayList<>();
        for (CellRangeAddress range : sheet.getMergedRegions()) {
            merged.add(new SheetGrid.Region(range.getFirstRow(), range.getLastRow(), range.getFirstColumn(), range.getLastColumn()));
        }
        XlsxStreamingReader.addMerged(grid, merged, limits);
        rows.finish();
        hideColumns(sheet, grid);
        return grid;
    }

    private GridCell cell(Cell cell, Set<Long> calcOnLoad) {
        int r = cell.getRowIndex();
        int c = cell.getColumnIndex();
        CellFormat format = format(cell.getCellStyle());
        CellType type = cell.getCellType();
        if (type == CellType.FORMULA) {
            String formula = formulaText(cell);
            GridCell saved = savedResult(cell, formula, format);
            if (saved == null || recalculate || calcOnLoad.contains(key(r, c))) {
                return notCalculated != null ? FormulaResults.uncalculated(r, c, formula, notCalculated, saved)
                        : FormulaResults.evaluate(cell, evaluator(), formula, format, date1904, saved);
            }
            return saved;
        }
        return value(cell, type, null, format);
    }

    /** The result the file holds for a formula cell, or null where it holds none (an .xlsx cell without {@code <v>}). */
    private GridCell savedResult(Cell cell, String formula, CellFormat format) {
        CellType type = cell.getCachedFormulaResultType();
        if (cell instanceof XSSFCell x) {
            CTCell ct = x.getCTCell();
            if (!ct.isSetV() || (type != CellType.STRING && ct.getV().isEmpty())) {
                return null;
            }
        }
        return value(cell, type, formula, format);
    }

    private GridCell value(Cell cell, CellType type, String formula, CellFormat format) {
        int r = cell.getRowIndex();
        int c = cell.getColumnIndex();
        switch (type) {
            case NUMERIC:
                return format.cell(r, c, cell.getNumericCellValue(), formula, date1904);
            case STRING:
                String s = cell.getStringCellValue();
                return s == null || s.isEmpty() ? new GridCell(r, c, CellKind.BLANK, null, null, formula, null)
                        : new GridCell(r, c, CellKind.TEXT, s, null, formula, null);
            case BOOLEAN:
                return new GridCell(r, c, CellKind.BOOLEAN, String.valueOf(cell.getBooleanCellValue()), null, formula, null);
            case ERROR:
                return new GridCell(r, c, CellKind.ERROR, FormulaResults.errorText(cell.getErrorCellValue()), null, formula, null);
            default:
                return new GridCell(r, c, CellKind.BLANK, null, null, formula, null);
        }
    }

    /** The formula as POI writes it (a shared formula's text moved to this cell), or the text as stored when POI cannot. */
    static String formulaText(Cell cell) {
        try {
            return cell.getCellFormula();
        } catch (RuntimeException e) {
            if (cell instanceof XSSFCell x && x.getCTCell().isSetF()) {
                return x.getCTCell().getF().getStringValue();
            }
            return "";
        }
    }

    private CellFormat format(CellStyle style) {
        if (style == null) {
            return CellFormat.GENERAL;
        }
        return formats.computeIfAbsent(style.getIndex(), k -> CellFormat.of(style.getDataFormat(), style.getDataFormatString()));
    }

    private FormulaEvaluator evaluator() {
        if (evaluator == null) {
            evaluator = FormulaResults.evaluator(wb);
        }
        return evaluator;
    }

    /**
     * The .xls formulas flagged "calculate on open": a spreadsheet recalculates them when it opens the file, so the
     * result stored with them is not necessarily what the agency saw (POI writes every formula so, with result 0
     * until it is evaluated).
     */
    private static Set<Long> formulasCalculatedOnLoad(Sheet sheet) {
        if (!(sheet instanceof HSSFSheet hssf)) {
            return Set.of();
        }
        Set<Long> keys = new HashSet<>();
        Iterator<CellValueRecordInterface> records = hssf.getSheet().getCellValueIterator();
        while (records.hasNext()) {
            if (records.next() instanceof FormulaRecordAggregate f && f.getFormulaRecord().isCalcOnLoad()) {
                keys.add(key(f.getRow(), f.getColumn()));
            }
        }
        return keys;
    }

    private static long key(int r, int c) {
        return ((long) r << 20) | c;
    }

    private static boolean rowsHiddenByDefault(Sheet sheet) {
        if (sheet instanceof XSSFSheet x) {
            CTSheetFormatPr pr = x.getCTWorksheet().getSheetFormatPr();
            return pr != null && pr.isSetZeroHeight() && pr.getZeroHeight();
        }
        if (sheet instanceof HSSFSheet h && h.getSheet().findFirstRecordBySid(DefaultRowHeightRecord.sid) instanceof DefaultRowHeightRecord d) {
            return (d.getOptionFlags() & ROWS_HIDDEN_BY_DEFAULT) != 0;
        }
        return false;
    }

    /** The row's height in points where the file gives one (every .xls row record has one), else null. */
    private static Double height(Row row) {
        if (row instanceof XSSFRow x) {
            CTRow ct = x.getCTRow();
            return ct.isSetHt() ? ct.getHt() : null;
        }
        return (double) row.getHeightInPoints();
    }

    private void hideColumns(Sheet sheet, SheetGrid grid) {
        int last = limits.maxColumns() - 1;
        if (sheet instanceof XSSFSheet x) {
            // as the file declares them (<col min max hidden width>), which is what the streaming reader sees
            for (CTCols cols : x.getCTWorksheet().getColsArray()) {
                for (CTCol col : cols.getColArray()) {
                    if ((col.isSetHidden() && col.getHidden()) || (col.isSetWidth() && col.getWidth() == 0)) {
                        grid.hideColumns((int) col.getMin() - 1, (int) Math.min(col.getMax(), last + 1) - 1);
                    }
                }
            }
            return;
        }
        for (int c = 0; c <= last; c++) {
            if (sheet.isColumnHidden(c) || sheet.getColumnWidth(c) == 0) {
                grid.hideColumn(c);
            }
        }
    }
}
