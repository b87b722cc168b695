package cn.nianbao.ingest;

import java.util.regex.Pattern;

import org.apache.poi.hssf.usermodel.HSSFFormulaEvaluator;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.formula.CollaboratingWorkbooksEnvironment.WorkbookNotFoundException;
import org.apache.poi.ss.formula.FormulaParseException;
import org.apache.poi.ss.formula.IStabilityClassifier;
import org.apache.poi.ss.formula.eval.NotImplementedException;
import org.apache.poi.ss.formula.eval.NotImplementedFunctionException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellValue;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A formula cell's value calculated as a spreadsheet calculates it when the file is opened, with POI's formula
 * evaluator: for a formula the file holds no result for (written by a program that never calculated it), and for
 * every formula of a workbook that asks to be recalculated on opening. What cannot be calculated here (a function
 * POI does not implement, a link to another workbook, a circular reference, a formula that cannot be parsed) is an
 * {@link CellKind#UNCALCULATED} cell saying why, never a number; an error result (#DIV/0!, #REF!) is an ERROR cell.
 */
final class FormulaResults {

    /** A reference into another workbook as a formula's text shows it: 「[1]Sheet1!A1」, 「'[预算.xlsx]表一'!B2」. */
    private static final Pattern EXTERNAL_REFERENCE = Pattern.compile("\\[[^\\]]+\\][^!(\"]*!");

    private FormulaResults() {
    }

    /**
     * POI's evaluator for a workbook that is only read: its cells are declared final, so the evaluator does not record
     * which formulas use each value cell (which it keeps for cells that may change; a few thousand formulas summing a
     * few thousand cells make that cost seconds and hundreds of MB).
     */
    static FormulaEvaluator evaluator(Workbook wb) {
        if (wb instanceof XSSFWorkbook x) {
            return XSSFFormulaEvaluator.create(x, IStabilityClassifier.TOTALLY_IMMUTABLE, null);
        }
        if (wb instanceof HSSFWorkbook h) {
            return HSSFFormulaEvaluator.create(h, IStabilityClassifier.TOTALLY_IMMUTABLE, null);
        }
        return wb.getCreationHelper().createFormulaEvaluator();
    }

    /**
     * @param formula the cell's formula text
     * @param saved   the result the file holds for the cell, when it holds one (the workbook asked for
     *                recalculation), else null
     */
    static GridCell evaluate(Cell cell, FormulaEvaluator evaluator, String formula, CellFormat format, boolean date1904,
                             GridCell saved) {
        int r = cell.getRowIndex();
        int c = cell.getColumnIndex();
        CellValue value;
        try {
            value = evaluator.evaluate(cell);
        } catch (RuntimeException | StackOverflowError e) {
            return uncalculated(r, c, formula, why(e, formula), saved);
        }
        if (value == null) {
            return new GridCell(r, c, CellKind.BLANK, null, null, formula, null);
        }
        switch (value.getCellType()) {
            case NUMERIC:
                return format.cell(r, c, value.getNumberValue(), formula, date1904);
            case STRING:
                String s = value.getStringValue();
                return s == null || s.isEmpty() ? new GridCell(r, c, CellKind.BLANK, null, null, formula, null)
                        : new GridCell(r, c, CellKind.TEXT, s, null, formula, null);
            case BOOLEAN:
                return new GridCell(r, c, CellKind.BOOLEAN, String.valueOf(value.getBooleanValue()), null, formula, null);
            case ERROR:
                int code = value.getErrorValue();
                if (code == FormulaError.CIRCULAR_REF.getCode()) {
                    return uncalculated(r, c, formula, "公式循环引用（直接或间接引用了自身）", saved);
                }
                if (code == FormulaError.FUNCTION_NOT_IMPLEMENTED.getCode()) {
                    return uncalculated(r, c, formula, "公式使用了本程序无法计算的函数", saved);
                }
                return new GridCell(r, c, CellKind.ERROR, errorText(code), null, formula, null);
            default:
                return new GridCell(r, c, CellKind.BLANK, null, null, formula, null);
        }
    }

    /** A formula cell whose result is wanted and cannot be worked out at all (the workbook could not be opened for it). */
    static GridCell uncalculated(int r, int c, String formula, String why, GridCell saved) {
        String text = why + (saved == null ? "，文件中没有保存计算结果"
                : "；工作簿要求打开时重新计算，文件中保存的结果（" + shown(saved) + "）可能已过时");
        return new GridCell(r, c, CellKind.UNCALCULATED, text, null, formula, null);
    }

    /** Why a workbook's formulas were not calculated: it holds more cells than {@link ReadLimits#maxCellsToCalculate()}. */
    static String tooLargeToCalculate(long cells, ReadLimits limits) {
        return "工作簿共有 " + cells + " 个单元格，超过自动计算公式的上限 " + limits.maxCellsToCalculate() + " 个（年报表格约 1000 个）";
    }

    private static String why(Throwable e, String formula) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NotImplementedFunctionException f) {
                return "公式使用了本程序无法计算的函数 " + f.getFunctionName();
            }
            if (t instanceof WorkbookNotFoundException) {
                return "公式引用了其他工作簿（外部链接）";
            }
            if (t instanceof FormulaParseException) {
                return "公式无法解析";
            }
        }
        if (formula != null && EXTERNAL_REFERENCE.matcher(formula).find()) {
            return "公式引用了其他工作簿（外部链接）";
        }
        if (e instanceof StackOverflowError) {
            return "公式的引用层级过深，无法计算";
        }
        if (e instanceof NotImplementedException) {
            return "公式含有本程序无法计算的部分";
        }
        return "公式无法计算（" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : "：" + e.getMessage()) + "）";
    }

    private static String shown(GridCell saved) {
        if (saved.display() != null) {
            return saved.display();
        }
        if (saved.number() != null) {
            return saved.number().toPlainString();
        }
        return saved.text() == null ? "空白" : saved.text();
    }

    static String errorText(int code) {
        try {
            return FormulaError.forInt(code).getString();
        } catch (IllegalArgumentException e) {
            return "#ERR" + code;
        }
    }
}
