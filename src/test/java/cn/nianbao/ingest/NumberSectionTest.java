package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whether a number format shows the number a cell holds, worked out by hand from what Excel shows: 「0」 over 3.6 shows
 * 4, 「;;;」 shows nothing, 「0,」 shows thousands, and the section chosen by the number's sign or a condition.
 */
class NumberSectionTest {

    private static boolean hides(String pattern, String number) {
        BigDecimal n = new BigDecimal(number);
        NumberSection section = NumberSection.of(CellFormat.sections(pattern), n);
        return section != null && section.hides(n);
    }

    @ParameterizedTest(name = "{0} over {1}: hides {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // rounding to the decimals shown
            "0|3.6|true",
            "0|4|false",
            "0|0.4|true",
            "0.0|2.25|true",
            "0.0|2.5|false",
            "0.00|2.25|false",
            "#,##0|1234|false",
            "#,##0|1234.5|true",
            "#,##0.00|1234.5|false",
            "0.0#|1.234|true",
            "0.0#|1.23|false",
            "?.??|1.25|false",
            // nothing shown; a zero shown as nothing reads as a blank (0)
            ";;;|7|true",
            ";;;|-7|true",
            ";;;|0|false",
            "`\"无\"`|3|true",
            "`0;-0;`|0|false",
            "`0;-0;`|-2|false",
            "`0;;0`|-2|true",
            // thousands: a comma after the last digit placeholder
            "`0,`|3000|true",
            "`#,##0,`|3000|true",
            "`0.0,`|3000|true",
            "`0,.0`|3000|true",
            "`#,##0`|3000|false",
            // the section by sign: two sections (≥ 0; < 0), three (> 0; < 0; 0)
            "`0.0;0`|-2.5|true",
            "`0.0;0`|2.5|false",
            "`0;0.0`|0.5|true",
            "`0;0.0`|-0.5|false",
            "`0.0;0;0`|-1.5|true",
            "`0;0;0.0`|1.5|true",
            "`0;0;0.0`|-1.5|true",
            "`0;0.0;0`|-1.5|false",
            // conditions: the first that holds, else the first without one
            "`[>100]0;0.0`|2.5|false",
            "`[>100]0;0.0`|100.5|true",
            "`[>=100]0;0.0`|100.5|true",
            "`[>=100]0;0.0`|99.5|false",
            "`[<10]0;0.0`|9.5|true",
            "`[<10]0;0.0`|10.5|false",
            "`[<=10]0;0.0`|9.5|true",
            "`[<=10]0;0.0`|10.5|false",
            "`[=1.5]0;0.0`|1.5|true",
            "`[=1.5]0;0.0`|2.5|false",
            "`[<>1.5]0;0.0`|2.5|true",
            "`[<>1.5]0;0.0`|1.5|false",
            "`[>-1]0;0.0`|-0.5|true",
            // at exactly the condition's number
            "`[<10.5]0;0.0`|10.5|false",
            "`[<=10.5]0;0.0`|10.5|true",
            "`[>10.5]0;0.0`|10.5|false",
            "`[>=10.5]0;0.0`|10.5|true",
            "`[>100]0;[<0]0;0.0`|-0.5|true",
            "`[>100]0;[<0]0;0.0`|0.5|false",
            // colours and literal text are not digits
            "`[Red]0.0`|2.5|false",
            "`[红色]0`|2.5|true",
            "`0\"件\"`|2.5|true",
            "`\"第\"0.0\"项\"`|2.5|false",
            "`0_);(0)`|2.5|true",
    })
    void whetherTheFormatShowsTheNumber(String pattern, String number, boolean hides) {
        assertThat(hides(pattern, number)).isEqualTo(hides);
    }

    @ParameterizedTest(name = "{0} over {1}: not judged")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "0.00E+00|123456",
            "0.0e-0|123456",
            "# ?/?|1.25",
            "/0|1.5",
            "`[>100]0;[>50]0.0`|10",
    })
    void scientificFractionsAndNoSectionAreNotJudged(String pattern, String number) {
        assertThat(NumberSection.of(CellFormat.sections(pattern), new BigDecimal(number))).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "0|true|0|0",
            "#,##0.00|true|2|0",
            "`0,,`|true|0|2",
            "`#,##0.0,`|true|1|1",
            "`0,.00`|true|2|1",
            "`0,.`|true|0|1",
            ";;;|false|0|0",
            "`\"0\"`|false|0|0",
            "`\\0.0`|true|1|0",
    })
    void theDigitsDecimalsAndThousandsOfASection(String pattern, boolean digits, int decimals, int thousands) {
        assertThat(NumberSection.of(CellFormat.sections(pattern), BigDecimal.ONE))
                .isEqualTo(new NumberSection(digits, decimals, thousands));
    }
}
