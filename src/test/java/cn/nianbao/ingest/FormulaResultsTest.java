package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.function.Supplier;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.formula.eval.NotImplementedException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellValue;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * What a formula's cell becomes for each way POI's evaluator can answer or fail: the failures that no workbook built
 * in a test provokes reliably (a stack overflow, a part of a formula POI does not implement, anything unexpected) are
 * played by an evaluator that answers as POI would.
 */
class FormulaResultsTest {

    private static GridCell evaluate(String formula, Supplier<CellValue> answer) throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Cell cell = wb.createSheet("报表").createRow(2).createCell(1);
            FormulaEvaluator evaluator = (FormulaEvaluator) Proxy.newProxyInstance(FormulaResultsTest.class.getClassLoader(),
                    new Class<?>[] {FormulaEvaluator.class}, (proxy, method, args) -> {
                        if (method.getName().equals("evaluate")) {
                            return answer.get();
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
            return FormulaResults.evaluate(cell, evaluator, formula, CellFormat.GENERAL, false, null);
        }
    }

    private static String why(String formula, RuntimeException e) throws Exception {
        GridCell cell = evaluate(formula, () -> {
            throw e;
        });
        assertThat(cell).extracting(GridCell::kind, GridCell::number, GridCell::formula).containsExactly(CellKind.UNCALCULATED, null, formula);
        return cell.text();
    }

    @Test
    void eachFailureSaysWhy() throws Exception {
        assertThat(why("[1]Sheet1!A1+1", new IllegalArgumentException("no such book")))
                .isEqualTo("公式引用了其他工作簿（外部链接），文件中没有保存计算结果");
        assertThat(why("'[预算.xlsx]表一'!B2", new IllegalStateException()))
                .startsWith("公式引用了其他工作簿（外部链接）");
        assertThat(why("A1+1", new NotImplementedException("3D reference")))
                .isEqualTo("公式含有本程序无法计算的部分，文件中没有保存计算结果");
        assertThat(why("A1+1", new IllegalStateException("坏了")))
                .isEqualTo("公式无法计算（IllegalStateException：坏了），文件中没有保存计算结果");
        assertThat(why("A1+1", new IllegalStateException())).isEqualTo("公式无法计算（IllegalStateException），文件中没有保存计算结果");
        // brackets that are not a link: a table's columns
        assertThat(why("SUM(表1[数量])", new IllegalStateException())).startsWith("公式无法计算（");
        GridCell deep = evaluate("A2+1", () -> {
            throw new StackOverflowError();
        });
        assertThat(deep.text()).isEqualTo("公式的引用层级过深，无法计算，文件中没有保存计算结果");
    }

    @Test
    void eachKindOfResult() throws Exception {
        assertThat(evaluate("A1", () -> null)).extracting(GridCell::kind, GridCell::formula).containsExactly(CellKind.BLANK, "A1");
        assertThat(evaluate("A1*2", () -> new CellValue(3.5))).extracting(GridCell::kind, GridCell::number, GridCell::formula)
                .containsExactly(CellKind.NUMBER, new java.math.BigDecimal("3.5"), "A1*2");
        assertThat(evaluate("A1", () -> CellValue.getError(FormulaError.NA.getCode()))).extracting(GridCell::kind, GridCell::text)
                .containsExactly(CellKind.ERROR, "#N/A");
        GridCell notImplemented = evaluate("FOO(1)", () -> CellValue.getError(FormulaError.FUNCTION_NOT_IMPLEMENTED.getCode()));
        assertThat(notImplemented).extracting(GridCell::kind, GridCell::formula).containsExactly(CellKind.UNCALCULATED, "FOO(1)");
        assertThat(notImplemented.text()).startsWith("公式使用了本程序无法计算的函数");
        assertThat(evaluate("A1", () -> CellValue.getError(99))).extracting(GridCell::kind, GridCell::text).containsExactly(CellKind.ERROR, "#ERR99");
    }

    @Test
    void anXlsWorkbookIsCalculatedByAnEvaluatorForItsOwnFormat() throws Exception {
        try (HSSFWorkbook wb = new HSSFWorkbook()) {
            Row row = wb.createSheet("报表").createRow(0);
            row.createCell(0).setCellValue(7);
            row.createCell(1).setCellValue(5);
            Cell formula = row.createCell(2);
            formula.setCellFormula("A1*B1+1");

            assertThat(FormulaResults.evaluator(wb).evaluate(formula).getNumberValue()).isEqualTo(36.0);
        }
    }
}
