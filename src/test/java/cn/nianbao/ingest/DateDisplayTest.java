package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A date or time serial shown in a number format as a zh-CN spreadsheet shows it. The serials are worked out here from
 * the calendar (days since 1899-12-30, the day as a fraction), the expected texts by hand from the format codes.
 */
class DateDisplayTest {

    /** The serial of a date and time in the 1900 date system (from 1900-03-01 on, days since 1899-12-30). */
    private static double serial(String dateTime) {
        LocalDateTime t = LocalDateTime.parse(dateTime);
        long days = ChronoUnit.DAYS.between(LocalDate.of(1899, 12, 30), t.toLocalDate());
        return days + Duration.between(t.toLocalDate().atStartOfDay(), t).toNanos() / 86_400e9;
    }

    @ParameterizedTest(name = "{0} in {1} → {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // years, months, days
            "2021-01-03T15:05|yyyy/m/d h:mm|2021/1/3 15:05",
            "2021-01-03T15:05:07|yy-mm-dd hh:mm:ss|21-01-03 15:05:07",
            "2005-07-09T00:00|y/yyy|05/2005",
            "2021-01-03T00:00|e年|2021年",
            "2021-12-25T00:00|mmm mmmm mmmmm|12月 十二月 十二",
            "2021-01-03T00:00|mmm mmmm mmmmm|1月 一月 一",
            "2021-01-03T00:00|d dd ddd dddd|3 03 周日 星期日",
            "2021-01-06T00:00|ddd dddd aaa aaaa|周三 星期三 三 星期三",
            "2021-01-03T00:00|a aa|a aa",
            // m is minutes right after an hour or right before a second, else the month
            "2021-01-03T15:05:07|h:m|15:5",
            "2021-01-03T15:05:07|mm:ss|05:07",
            "2021-01-03T15:05:07|m:s|5:7",
            "2021-01-03T15:05:07|hh\"时\"mm\"分\"|15时05分",
            "2021-01-03T15:05:07|d m|3 1",
            "2021-01-03T15:05:07|yyyy-mm|2021-01",
            "2021-01-03T15:05:07|mm|01",
            "2021-01-03T15:05:07|m d h|1 3 15",
            // twelve-hour clocks
            "2021-01-03T15:05|h:mm AM/PM|3:05 下午",
            "2021-01-03T09:05|hh:mm am/pm|09:05 上午",
            "2021-01-03T00:30|h:mm AM/PM|12:30 上午",
            "2021-01-03T12:00|h:mm AM/PM|12:00 下午",
            "2021-01-03T15:05|h:mm A/P|3:05 P",
            "2021-01-03T09:05|h:mm a/p|9:05 a",
            "2021-01-03T09:05|上午/下午h\"时\"mm\"分\"|上午9时05分",
            "2021-01-03T21:05|上午/下午h\"时\"mm\"分\"ss\"秒\"|下午9时05分00秒",
            // fractions of a second, rounded to what is shown
            "2021-01-03T15:05:07.256|hh:mm:ss.00|15:05:07.26",
            "2021-01-03T15:05:07.256|hh:mm:ss.0|15:05:07.3",
            "2021-01-03T15:05:07.256|hh:mm:ss|15:05:07",
            "2021-01-03T15:05:59.6|h:mm:ss|15:06:00",
            "2021-01-03T23:59:59.7|yyyy/m/d h:mm:ss|2021/1/4 0:00:00",
            // literal text: quoted, escaped, padding, fill, other bracketed codes, era codes
            "2021-01-03T00:00|yyyy\\年m\\月|2021年1月",
            "2021-01-03T00:00|yyyy年m月d日|2021年1月3日",
            "2021-01-03T00:00|_(yyyy_)|␣2021␣",
            "2021-01-03T00:00|*-yyyy|2021",
            "2021-01-03T00:00|[DBNum1][$-804]yyyy\"年\"|2021年",
            "2021-01-03T00:00|[Red]m/d;@|1/3",
            "2021-01-03T00:00|gggyyyy bb|2021␣",
            "2021-01-03T00:00|yyyy\"年|2021年",
            "2021-01-03T00:00|yyyy\\|2021",
            "2021-01-03T00:00|yyyy-[h|2021-",
            // the system's long date and time, named by a locale code
            "2021-01-03T15:05:07|[$-F800]dddd, mmmm dd, yyyy|2021年1月3日",
            "2021-01-03T15:05:07|[$-f800]dddd|2021年1月3日",
            "2021-01-03T15:05:07|[$-F400]h:mm:ss AM/PM|15:05:07",
    })
    void showsADateAsTheSpreadsheetDoes(String dateTime, String pattern, String shown) {
        assertThat(DateDisplay.format(serial(dateTime), pattern, false)).isEqualTo(shown.replace('␣', ' '));
    }

    @ParameterizedTest(name = "{0} in {1} → {2}")
    @CsvSource(delimiter = '|', value = {
            // elapsed time: 1 day 2:03:04 is 26 hours, 1563 minutes, 93784 seconds
            "1.0854629629629630|[h]:mm:ss|26:03:04",
            "1.0854629629629630|[mm]:ss|1563:04",
            "1.0854629629629630|[s]|93784",
            "1.0854629629629630|[hhh]|026",
            "0.2083333333333333|[h]:mm|5:00",
            // a bare time is on Excel's day 0, 1900/1/0, a Saturday
            "0.5|yyyy/m/d h:mm|1900/1/0 12:00",
            "0.5|dddd aaa|星期六 六",
            "0|yyyy/m/d|1900/1/0",
            // no date: Excel shows a column of #
            "-1|yyyy/m/d|########",
            "2958466|yyyy/m/d|########",
            "2958465.5|yyyy/m/d h:mm|9999/12/31 12:00",
    })
    void showsTimesAndNumbersThatAreNoDate(double serial, String pattern, String shown) {
        assertThat(DateDisplay.format(serial, pattern, false)).isEqualTo(shown);
    }

    @ParameterizedTest(name = "{0} (1904 system) in {1} → {2}")
    @CsvSource(delimiter = '|', value = {
            "0|yyyy/m/d|1904/1/1",
            "0|dddd|星期五",
            "42737|yyyy/m/d dddd|2021/1/3 星期日",
    })
    void aWorkbookCountingFrom1904(double serial, String pattern, String shown) {
        assertThat(DateDisplay.format(serial, pattern, true)).isEqualTo(shown);
    }
}
