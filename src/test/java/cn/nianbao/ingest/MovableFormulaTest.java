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
            // references at the start and the end, columns across one, two and three letters
            "A1|C2",
            "X1+Y1+Z1+AZ1|Z2+AA2+AB2+BB2",
            "ZX1+ZY1+ZZ1+AAA1|ZZ2+AAA2+AAB2+AAC2",
            "XFB1+ABCD1|XFD2+ABCD1",  // four letters are a name
            "a1+$b$2|C2+$B$2",
            // rows: the last row wraps; row 0 and rows past the last are names
            "A1048575+A1048576|C1048576+C1",
            "A0+A1048577|A0+A1048577",
            "Sheet1!A1+Sheet1!B$3|Sheet1!C2+Sheet1!D$3",
            // column and row ranges, and what only looks like one
            "A:A|C:C",
            "$A:$C+a:b|$A:$C+C:D",
            "SUM(Z:AA)*SUM(XFC:XFD)|SUM(AB:AC)*SUM(A:B)",
            "ABCD:B+A:B_x+B_x:A|ABCD:B+A:B_x+B_x:A",
            "A+B|A+B",
            "1:1|2:2",
            "5:$7+$1:2|6:$7+$1:3",
            "SUM(1048576:1048576)|SUM(1:1)",
            "A1:B2:C3|C2:D3:E4",
            // numbers, including a number at the end and exponents that are not cells
            "A1*2|C2*2",
            "2e-3*B1+1.5|2e-3*D2+1.5",
            "1.5:2+A1|1.5:2+C2",
            "A1*1E|C2*1E",
            "A1*1E+|C2*1E+",
            // strings, arrays and error values at the very end, escaped characters
            "A1&\"x\"|C2&\"x\"",
            "A1&\"say \"\"A1\"\"\"|C2&\"say \"\"A1\"\"\"",
            "{\"a}\",1}+A1|{\"a}\",1}+C2",
            "A1+{1,2}|C2+{1,2}",
            "A1&#N/A|C2&#N/A",
            "#NAME?+A1|#NAME?+C2",
            "#DIV/0!+A1|#DIV/0!+C2",
            "SUM(表1[数量'[件])+A1|SUM(表1[数量'[件])+C2",
            "[1]!Rate*A1|[1]!Rate*C2",
            "A:$C|C:$C",
            "z1+Z1|AB2+AB2",
            // a quote or brace last inside a table's column name or an array
            "SUM(表1[单位\"])+A1|SUM(表1[单位\"])+C2",
            "{1,\"a\"}+A1|{1,\"a\"}+C2",
    })
    void movesRelativeReferencesOnly(String formula, String moved) {
        assertThat(MovableFormula.of(formula).moved(1, 2)).isEqualTo(moved);
    }

    /**
     * Text no spreadsheet writes as a formula, as a broken or hostile file may hold it: only what is a reference moves,
     * the rest is copied as it is, and nothing fails or runs without end.
     */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "A:|A:",
            "A:+1|A:+1",
            "+:B|+:B",
            "+:5|+:5",
            "1:B|1:B",
            "5:+1|5:+1",
            "A1+5:|C2+5:",
            "#N/A\"x\"+A1|#N/A\"x\"+C2",
            "#!A1|#!C2",
            "A1&#|C2&#",
            "#\"A1\"|#\"A1\"",
            "1E+A1|1E+C2",
    })
    void textThatIsNoFormulaIsCopiedAsWritten(String formula, String moved) {
        assertThat(MovableFormula.of(formula).moved(1, 2)).isEqualTo(moved);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {"\"open", "'sheet!A1", "表1[[数量]", "{1,2", "{\"a,1}", "A1&\"x"})
    void textItCannotCutIsLeftToPoi(String formula) {
        assertThat(MovableFormula.of(formula)).isNull();
    }
}
