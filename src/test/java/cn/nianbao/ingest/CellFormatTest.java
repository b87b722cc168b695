package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Number formats read as a zh-CN spreadsheet reads them: which show a date, a percentage or a number, and what shows. */
class CellFormatTest {

    @ParameterizedTest(name = "{0} {1} → {2} {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // built-in ids: zh-CN's own patterns for the language-dependent ones, whatever the file declares
            "14|m/d/yy|yyyy/m/d|DATE",
            "31||yyyy\"年\"m\"月\"d\"日\"|DATE",
            "0||General|GENERAL",
            "3||#,##0|NUMBER",
            "9||0%|PERCENT",
            "10|reserved-0x0A|0.00%|PERCENT",
            "200||General|GENERAL",
            "165|reserved-0xA5|General|GENERAL",
            // the file's own formats
            "176|`0.00_ `|`0.00_ `|NUMBER",
            "177|@|@|GENERAL",
            "178|G/通用格式|G/通用格式|GENERAL",
            "179|通用格式|通用格式|GENERAL",
            "180|general|general|GENERAL",
            "181|`  `|`  `|GENERAL",
            "182|%0|%0|PERCENT",
            "183|\"率\"0%|\"率\"0%|PERCENT",
            "184|0\"%\"|0\"%\"|NUMBER",
            "185|yyyy\"年\"m\"月\";@|yyyy\"年\"m\"月\";@|DATE",
            "186|0;yyyy|0;yyyy|NUMBER",
    })
    void theCategoryOfAFormat(int id, String declared, String pattern, CellFormat.Category category) {
        CellFormat format = CellFormat.of(id, declared);
        assertThat(format.id()).isEqualTo(id);
        assertThat(format.pattern()).isEqualTo(pattern);
        assertThat(format.category()).isEqualTo(category);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "yyyy-mm-dd|true",
            "h:mm:ss|true",
            "[h]:mm|true",
            "[ss]|true",
            "mm:ss.0|true",
            "ss.00|true",
            "e|true",
            "d-mmm|true",
            "yyyy年m月|true",
            "yyyy\"年\"|true",
            "AM/PM h|true",
            "h A/P|true",
            "上午/下午h\"时\"|true",
            "[$-804]yyyy|true",
            "[红色]yyyy|true",
            "y.m.d|true",
            "0.00|false",
            "#,##0|false",
            "0|false",
            ".0|false",
            "@|false",
            "\"年\"0|false",
            "hh:mm 0|false",
            "0\"天\"|false",
            "\"日期\"|false",
            "yyyy+|false",
    })
    void whetherASectionShowsADateOrATime(String section, boolean date) {
        assertThat(CellFormat.isDate(section)).isEqualTo(date);
    }

    @Test
    void sectionsAreSplitAtSemicolonsOutsideQuotesBracketsAndEscapes() {
        assertThat(CellFormat.sections("0;(0);\"零\";@")).containsExactly("0", "(0)", "\"零\"", "@");
        assertThat(CellFormat.sections("\"a;b\"0;0")).containsExactly("\"a;b\"0", "0");
        assertThat(CellFormat.sections("[红色;]0;0")).containsExactly("[红色;]0", "0");
        assertThat(CellFormat.sections("0\\;0;1")).containsExactly("0\\;0", "1");
        assertThat(CellFormat.sections("0_;0;1")).containsExactly("0_;0", "1");
        assertThat(CellFormat.sections("0*;0;1")).containsExactly("0*;0", "1");
        assertThat(CellFormat.sections("0;")).containsExactly("0", "");
        assertThat(CellFormat.sections("[h]:mm;[红色]0")).containsExactly("[h]:mm", "[红色]0");
        assertThat(CellFormat.sections("")).containsExactly("");
    }

    @Test
    void literalsAreTakenOutOfASection() {
        assertThat(CellFormat.withoutLiterals("\"元\"0.00\\x_)*-")).isEqualTo("0.00");
        assertThat(CellFormat.withoutLiterals("0\"件")).isEqualTo("0");
        assertThat(CellFormat.withoutLiterals("0.0\"%\"%")).isEqualTo("0.0%");
        assertThat(CellFormat.withoutLiterals("0\\")).isEqualTo("0");
        assertThat(CellFormat.withoutLiterals("")).isEmpty();
    }

    @Test
    void aNumberCellShowsAsItsFormatShowsIt() {
        GridCell date = CellFormat.of(14, null).cell(2, 3, 44199, "A1+1", false);
        assertThat(date).extracting(GridCell::row, GridCell::col, GridCell::kind, GridCell::display, GridCell::formula)
                .containsExactly(2, 3, CellKind.DATE, "2021/1/3", "A1+1");
        assertThat(date.number()).isEqualByComparingTo("44199");
        assertThat(CellFormat.of(14, null).cell(0, 0, 42737, null, true).display()).isEqualTo("2021/1/3");

        GridCell percent = CellFormat.of(10, null).cell(0, 0, 0.125, null, false);
        assertThat(percent).extracting(GridCell::kind, GridCell::display).containsExactly(CellKind.PERCENT, "12.50%");
        assertThat(percent.number()).isEqualByComparingTo("0.125");

        // a negative number in parentheses, whatever colour WPS names in Chinese
        GridCell negative = CellFormat.of(176, "0.00;[红色](0.00)").cell(0, 0, -3, null, false);
        assertThat(negative).extracting(GridCell::kind, GridCell::display).containsExactly(CellKind.NUMBER, "(3.00)");
        assertThat(negative.number()).isEqualByComparingTo("-3");
        assertThat(CellFormat.of(176, "0.00;[红色](0.00)").cell(0, 0, 2.5, null, false).display()).isNull();
        assertThat(CellFormat.of(177, "#,##0.00_);(#,##0.00)").cell(0, 0, 1234.5, null, false).display()).isNull();
        assertThat(CellFormat.of(177, "#,##0.00_);(#,##0.00)").cell(0, 0, -1234.5, null, false).display()).isEqualTo("(1,234.50)");
        // padding 「_(」 and fill 「*(」 show no parenthesis
        assertThat(CellFormat.of(178, "_(0_)").mayShowParentheses()).isFalse();
        assertThat(CellFormat.of(179, "*(0").mayShowParentheses()).isFalse();
        assertThat(CellFormat.of(180, "0 (件)").mayShowParentheses()).isTrue();

        GridCell number = CellFormat.of(0, null).cell(1, 1, 7, "B1", false);
        assertThat(number).extracting(GridCell::kind, GridCell::display, GridCell::formula).containsExactly(CellKind.NUMBER, null, "B1");
        assertThat(number.number()).isEqualByComparingTo("7");
        assertThat(CellFormat.of(3, null).cell(1, 1, -7, null, false).display()).isNull();
        assertThat(CellFormat.GENERAL.category()).isEqualTo(CellFormat.Category.GENERAL);
        assertThat(List.of(CellFormat.GENERAL.pattern(), CellFormat.GENERAL.id())).containsExactly("General", 0);
    }
}
