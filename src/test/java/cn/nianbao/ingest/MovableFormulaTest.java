package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A formula moved one row down and two columns right, as a spreadsheet fills it: what moves and what is kept as
 * written. The expected texts are what Excel shows in the cell the formula was filled into.
 */
class MovableFormulaTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "A1+B2|C2+D3",
            "$A$1+A$1+$A1|$A$1+C$1+$A2",
            "SUM(B5:B10)*2|SUM(D6:D11)*2",
            "工作!B2+'年报 表一'!C3|工作!D3+'年报 表一'!E4",
            "'It''s'!A1|'It''s'!C2",
            "[1]Sheet1!A1|[1]Sheet1!C2",
            "IF(A1>0,\"A1 不动\",\"\"\"B2\"\"\")|IF(C2>0,\"A1 不动\",\"\"\"B2\"\"\")",
            "LOG10(A1)+ATAN2(B1,C1)|LOG10(C2)+ATAN2(D2,E2)",
            "1E5+1.5E+3*A1|1E5+1.5E+3*C2",
            "SUM(A:A)+SUM($B:C)|SUM(C:C)+SUM($B:E)",
            "SUM(3:3)+SUM($4:5)|SUM(4:4)+SUM($4:6)",
            "IFERROR(A1,#N/A)+#REF!|IFERROR(C2,#N/A)+#REF!",
            "SUM(表1[[#This Row],[数量]])+A1|SUM(表1[[#This Row],[数量]])+C2",
            "TRUE+FALSE+Tax_2023+_xlfn.IFS(A1,1)|TRUE+FALSE+Tax_2023+_xlfn.IFS(C2,1)",
            "SUM({1,2;3,4})+a1|SUM({1,2;3,4})+C2",
            "A1 B1|C2 D2",
            "XFD1+XFE1|B2+XFE1",  // a relative reference wraps past the last column, as Excel's does; XFE1 is a name
    })
    void movesRelativeReferencesOnly(String formula, String moved) {
        assertThat(MovableFormula.of(formula).moved(1, 2)).isEqualTo(moved);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {"\"open", "'sheet!A1", "表1[[数量]"})
    void textItCannotCutIsLeftToPoi(String formula) {
        assertThat(MovableFormula.of(formula)).isNull();
    }
}
