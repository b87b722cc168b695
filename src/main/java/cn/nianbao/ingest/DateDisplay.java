package cn.nianbao.ingest;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.DateUtil;

/**
 * A date or time serial as Excel and WPS in Chinese show it in a given format: 「1月3日」 for {@code m"月"d"日"},
 * 「2021/1/3」, 「下午3时05分」. POI's formatter leaves the quotes of {@code yyyy"年"m"月"} in its output and does
 * not take {@code h"时"mm"分"} or 上午/下午 for times, so the codes are applied here: y, m, d, h, s (m is minutes
 * next to h or s), e (the year), mmm/mmmm and ddd/dddd/aaa/aaaa in Chinese, AM/PM and 上午/下午, elapsed [h] [m] [s],
 * fractions of a second, quoted and escaped text. Bracketed codes other than elapsed time (locale, colour, [DBNum])
 * are not applied: digits stay Arabic.
 */
final class DateDisplay {

    private static final String[] WEEKDAY = {"日", "一", "二", "三", "四", "五", "六"};
    private static final String[] MONTH = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"};
    /** The largest serial Excel shows as a date: 9999-12-31. */
    private static final double LAST_DATE = 2958465.99999;
    /** What Excel shows for a number that is no date (negative, or past 9999). */
    static final String NOT_A_DATE = "########";

    private enum Kind { LITERAL, YEAR, MONTH_OR_MINUTE, DAY, HOUR, SECOND, FRACTION, AM_PM, A_P, WEEKDAY_AAA, ELAPSED_H, ELAPSED_M, ELAPSED_S }

    private record Token(Kind kind, String text) {
        int length() {
            return text.length();
        }
    }

    private DateDisplay() {
    }

    static String format(double serial, String pattern, boolean date1904) {
        if (serial < 0 || serial > LAST_DATE) {
            return NOT_A_DATE;
        }
        List<Token> tokens = tokens(localePattern(CellFormat.sections(pattern).get(0)));
        int fractionDigits = 0;
        boolean twelveHour = false;
        for (Token t : tokens) {
            if (t.kind() == Kind.FRACTION) {
                fractionDigits = Math.max(fractionDigits, t.length());
            } else if (t.kind() == Kind.AM_PM || t.kind() == Kind.A_P) {
                twelveHour = true;
            }
        }
        // Excel rounds the time to what is shown: to the second, or to the fraction of a second shown
        long perSecond = (long) Math.pow(10, fractionDigits);
        long units = Math.round(serial * 86_400 * perSecond);
        long perDay = 86_400 * perSecond;
        long days = units / perDay;
        long secondsInDay = units % perDay / perSecond;
        long fraction = units % perSecond;
        int hour = (int) (secondsInDay / 3600);
        int minute = (int) (secondsInDay / 60 % 60);
        int second = (int) (secondsInDay % 60);
        LocalDateTime t = DateUtil.getLocalDateTime(days, date1904, false);
        boolean dayZero = days == 0 && !date1904; // Excel's 1900/1/0, the date of a bare time
        int year = dayZero ? 1900 : t.getYear();
        int month = dayZero ? 1 : t.getMonthValue();
        int day = dayZero ? 0 : t.getDayOfMonth();

        StringBuilder out = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            Token tok = tokens.get(i);
            int n = tok.length();
            switch (tok.kind()) {
                case LITERAL -> out.append(tok.text());
                case YEAR -> out.append(n <= 2 ? pad(year % 100, 2) : String.valueOf(year));
                case MONTH_OR_MINUTE -> {
                    if (n <= 2 && isMinute(tokens, i)) {
                        out.append(n == 1 ? String.valueOf(minute) : pad(minute, 2));
                    } else if (n <= 2) {
                        out.append(n == 1 ? String.valueOf(month) : pad(month, 2));
                    } else if (n == 3) {
                        out.append(month).append('月');
                    } else {
                        out.append(MONTH[month - 1]).append(n == 4 ? "月" : "");
                    }
                }
                case DAY -> {
                    if (n <= 2) {
                        out.append(n == 1 ? String.valueOf(day) : pad(day, 2));
                    } else {
                        out.append(n == 3 ? "周" : "星期").append(WEEKDAY[weekday(t, dayZero)]);
                    }
                }
                case WEEKDAY_AAA -> out.append(n >= 4 ? "星期" : "").append(WEEKDAY[weekday(t, dayZero)]);
                case HOUR -> {
                    int h = twelveHour ? (hour % 12 == 0 ? 12 : hour % 12) : hour;
                    out.append(n == 1 ? String.valueOf(h) : pad(h, 2));
                }
                case SECOND -> out.append(n == 1 ? String.valueOf(second) : pad(second, 2));
                case FRACTION -> out.append(pad(fraction, fractionDigits).substring(0, n));
                case AM_PM -> out.append(hour < 12 ? "上午" : "下午");
                case A_P -> out.append(hour < 12 ? tok.text().charAt(0) : tok.text().charAt(2));
                case ELAPSED_H -> out.append(pad(units / perSecond / 3600, n));
                case ELAPSED_M -> out.append(pad(units / perSecond / 60, n));
                case ELAPSED_S -> out.append(pad(units / perSecond, n));
                default -> {
                }
            }
        }
        return out.toString();
    }

    /**
     * The system date and time formats a file names by a locale code ([$-F800] long date, [$-F400] time) as a zh-CN
     * system shows them.
     */
    private static String localePattern(String section) {
        String upper = section.toUpperCase();
        if (upper.contains("[$-F800]")) {
            return "yyyy\"年\"m\"月\"d\"日\"";
        }
        if (upper.contains("[$-F400]")) {
            return "h:mm:ss";
        }
        return section;
    }

    /** m or mm is minutes right after an hour (or elapsed hour) or right before a second, Excel's rule. */
    private static boolean isMinute(List<Token> tokens, int at) {
        for (int i = at - 1; i >= 0; i--) {
            Kind k = tokens.get(i).kind();
            if (k != Kind.LITERAL) {
                if (k == Kind.HOUR || k == Kind.ELAPSED_H) {
                    return true;
                }
                break;
            }
        }
        for (int i = at + 1; i < tokens.size(); i++) {
            Kind k = tokens.get(i).kind();
            if (k != Kind.LITERAL) {
                return k == Kind.SECOND || k == Kind.ELAPSED_S;
            }
        }
        return false;
    }

    private static int weekday(LocalDateTime t, boolean dayZero) {
        return dayZero ? 6 : t.getDayOfWeek().getValue() % 7; // 1900/1/0 is a Saturday in Excel
    }

    private static List<Token> tokens(String section) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < section.length()) {
            char ch = section.charAt(i);
            char lower = Character.toLowerCase(ch);
            if (ch == '"') {
                int end = section.indexOf('"', i + 1);
                end = end < 0 ? section.length() : end;
                out.add(new Token(Kind.LITERAL, section.substring(i + 1, end)));
                i = end + 1;
            } else if (ch == '\\') {
                out.add(new Token(Kind.LITERAL, i + 1 < section.length() ? String.valueOf(section.charAt(i + 1)) : ""));
                i += 2;
            } else if (ch == '_') {
                out.add(new Token(Kind.LITERAL, " "));
                i += 2;
            } else if (ch == '*') {
                i += 2; // fill: repeats a character to the cell's width, nothing a value depends on
            } else if (ch == '[') {
                int end = section.indexOf(']', i);
                end = end < 0 ? section.length() - 1 : end;
                String code = section.substring(i + 1, end).toLowerCase();
                if (!code.isEmpty() && code.chars().allMatch(c -> c == code.charAt(0)) && "hms".indexOf(code.charAt(0)) >= 0) {
                    Kind k = code.charAt(0) == 'h' ? Kind.ELAPSED_H : code.charAt(0) == 'm' ? Kind.ELAPSED_M : Kind.ELAPSED_S;
                    out.add(new Token(k, code));
                }
                i = end + 1;
            } else if (section.regionMatches(true, i, "AM/PM", 0, 5)) {
                out.add(new Token(Kind.AM_PM, section.substring(i, i + 5)));
                i += 5;
            } else if (section.startsWith("上午/下午", i)) {
                out.add(new Token(Kind.AM_PM, "上午/下午"));
                i += 5;
            } else if (section.regionMatches(true, i, "A/P", 0, 3)) {
                out.add(new Token(Kind.A_P, section.substring(i, i + 3)));
                i += 3;
            } else if (ch == '.' && i + 1 < section.length() && section.charAt(i + 1) == '0') {
                int end = i + 1;
                while (end < section.length() && section.charAt(end) == '0') {
                    end++;
                }
                out.add(new Token(Kind.LITERAL, "."));
                out.add(new Token(Kind.FRACTION, section.substring(i + 1, end)));
                i = end;
            } else if ("ymdhsea".indexOf(lower) >= 0 && ch < 0x80) {
                int end = i;
                while (end < section.length() && Character.toLowerCase(section.charAt(end)) == lower) {
                    end++;
                }
                Kind k = switch (lower) {
                    case 'y', 'e' -> Kind.YEAR;
                    case 'm' -> Kind.MONTH_OR_MINUTE;
                    case 'd' -> Kind.DAY;
                    case 'h' -> Kind.HOUR;
                    case 's' -> Kind.SECOND;
                    default -> end - i >= 3 ? Kind.WEEKDAY_AAA : Kind.LITERAL;
                };
                // 「e」 is the year in full
                out.add(new Token(k, lower == 'e' ? "yyyy" : section.substring(i, end)));
                i = end;
            } else if (lower == 'g' || lower == 'b') {
                i++; // era codes of other calendars: nothing in a zh-CN date
            } else {
                out.add(new Token(Kind.LITERAL, String.valueOf(ch)));
                i++;
            }
        }
        return out;
    }

    private static String pad(long value, int width) {
        String s = Long.toString(value);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }
}
