package cn.nianbao.ingest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.DataFormatter;

/**
 * A cell's number format as Excel and WPS in Chinese (zh-CN) apply it: whether a number shows as a date or a time,
 * a percentage or a number, and what the agency sees. Both readers (streaming and POI's usermodel) make their cells
 * through {@link #cell}, so a number reads the same whichever way the file was read.
 *
 * @param id       the format's id in the file (0–163 built in, above that the file's own)
 * @param pattern  the format string as a zh-CN spreadsheet applies it
 * @param category how a number in this format is shown
 */
record CellFormat(int id, String pattern, Category category, boolean mayShowParentheses) {

    /** How a number in the format is shown. */
    enum Category { GENERAL, NUMBER, DATE, PERCENT }

    static final CellFormat GENERAL = new CellFormat(0, "General", Category.GENERAL, false);

    /**
     * Built-in formats whose pattern depends on the display language: the file gives only the id, and a zh-CN
     * spreadsheet shows these (ECMA-376 §18.8.30 for 27–36 and 50–58, which POI does not know; 14 and 22 follow
     * the system's short date, 2021/1/3 in zh-CN).
     */
    private static final Map<Integer, String> ZH_CN_BUILT_IN = Map.ofEntries(
            Map.entry(14, "yyyy/m/d"),
            Map.entry(22, "yyyy/m/d h:mm"),
            Map.entry(27, "yyyy\"年\"m\"月\""),
            Map.entry(28, "m\"月\"d\"日\""),
            Map.entry(29, "m\"月\"d\"日\""),
            Map.entry(30, "m-d-yy"),
            Map.entry(31, "yyyy\"年\"m\"月\"d\"日\""),
            Map.entry(32, "h\"时\"mm\"分\""),
            Map.entry(33, "h\"时\"mm\"分\"ss\"秒\""),
            Map.entry(34, "上午/下午h\"时\"mm\"分\""),
            Map.entry(35, "上午/下午h\"时\"mm\"分\"ss\"秒\""),
            Map.entry(36, "yyyy\"年\"m\"月\""),
            Map.entry(50, "yyyy\"年\"m\"月\""),
            Map.entry(51, "m\"月\"d\"日\""),
            Map.entry(52, "yyyy\"年\"m\"月\""),
            Map.entry(53, "m\"月\"d\"日\""),
            Map.entry(54, "m\"月\"d\"日\""),
            Map.entry(55, "上午/下午h\"时\"mm\"分\""),
            Map.entry(56, "上午/下午h\"时\"mm\"分\"ss\"秒\""),
            Map.entry(57, "yyyy\"年\"m\"月\""),
            Map.entry(58, "m\"月\"d\"日\""));

    /** POI's formatter for percentages and numbers in parentheses; it keeps a cache, so one per thread. */
    private static final ThreadLocal<DataFormatter> FORMATTER =
            ThreadLocal.withInitial(() -> new DataFormatter(Locale.SIMPLIFIED_CHINESE));

    /**
     * The format of id {@code id}, whose pattern the file declares as {@code declared} (null when it declares none:
     * a built-in format). A zh-CN spreadsheet applies its own pattern to the language-dependent built-in ids
     * whatever the file declares for them.
     */
    static CellFormat of(int id, String declared) {
        String pattern = ZH_CN_BUILT_IN.get(id);
        if (pattern == null) {
            pattern = declared != null && !declared.startsWith("reserved") ? declared : BuiltinFormats.getBuiltinFormat(id);
        }
        if (pattern == null || pattern.startsWith("reserved")) {
            pattern = "General";
        }
        return new CellFormat(id, pattern, categorise(pattern), mayShowParentheses(pattern));
    }

    /**
     * A number cell in this format: a DATE with what is shown, a PERCENT with what is shown, or a NUMBER (shown text
     * only where it has parentheses, 「(3)」, which reads like a negative number in an accounting format).
     */
    GridCell cell(int r, int c, double value, String formula, boolean date1904) {
        BigDecimal number = XlsxStreamingReader.number(value);
        switch (category) {
            case DATE:
                return new GridCell(r, c, CellKind.DATE, null, number, formula, DateDisplay.format(value, pattern, date1904));
            case PERCENT:
                return new GridCell(r, c, CellKind.PERCENT, null, number, formula, formatted(value));
            case NUMBER:
                NumberSection section = NumberSection.of(sections(pattern), number);
                if (section != null && section.hides(number)) {
                    String hidden = section.showsDigits() ? formatted(value) : "";
                    return new GridCell(r, c, CellKind.SHOWN_OTHERWISE, null, number, formula, hidden == null ? "" : hidden);
                }
                String shown = mayShowParentheses ? formatted(value) : null;
                return new GridCell(r, c, CellKind.NUMBER, null, number, formula, shown != null && shown.indexOf('(') >= 0 ? shown : null);
            default:
                return new GridCell(r, c, CellKind.NUMBER, null, number, formula, null);
        }
    }

    private String formatted(double value) {
        try {
            return FORMATTER.get().formatRawCellContents(value, id, withoutChineseColours(pattern)).strip();
        } catch (RuntimeException e) {
            // a pattern POI's formatter cannot apply: the percentage as Excel's plain 0% would show it
            return category == Category.PERCENT ? XlsxStreamingReader.number(value * 100).toPlainString() + "%" : null;
        }
    }

    private static Category categorise(String pattern) {
        String p = pattern.strip();
        if (p.isEmpty() || p.equalsIgnoreCase("General") || p.equals("@") || p.equals("G/通用格式") || p.equals("通用格式")) {
            return Category.GENERAL;
        }
        String first = sections(p).get(0);
        if (isDate(first)) {
            return Category.DATE;
        }
        return withoutLiterals(first).indexOf('%') >= 0 ? Category.PERCENT : Category.NUMBER;
    }

    /**
     * Whether a format section shows a date or a time: once its literal text is taken out, it has date or time
     * codes (y m d h s e, elapsed [h] [m] [s], AM/PM) and no digit placeholders other than fractions of a second.
     */
    static boolean isDate(String section) {
        String s = withoutLiterals(section).replaceAll("(?i)\\[(h+|m+|s+)]", "$1").replaceAll("\\[[^]]*]", "")
                .replaceAll("(?i)AM/PM|A/P", "").replace("上午/下午", "");
        boolean dateCode = false;
        char previous = ' ';
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            char lower = Character.toLowerCase(ch);
            if (ch > 0x7f) {
                // a character such as 年 or 月 written without quotes: shown as it is
            } else if ("ymdhse".indexOf(lower) >= 0) {
                dateCode = true;
            } else if (ch == '0') {
                if (previous != '.' && previous != '0') {
                    return false; // a digit placeholder, not a fraction of a second
                }
            } else if ("abg-/:., ".indexOf(lower) < 0) {
                return false;
            }
            previous = ch;
        }
        return dateCode;
    }

    /** The format's sections (positive; negative; zero; text), split at semicolons outside quotes and brackets. */
    static List<String> sections(String pattern) {
        List<String> out = new ArrayList<>(4);
        int start = 0;
        boolean quoted = false;
        boolean bracket = false;
        for (int i = 0; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            if (quoted) {
                quoted = ch != '"';
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == '\\' || ch == '_' || ch == '*') {
                i++;
            } else if (ch == '[') {
                bracket = true;
            } else if (ch == ']') {
                bracket = false;
            } else if (ch == ';' && !bracket) {
                out.add(pattern.substring(start, i));
                start = i + 1;
            }
        }
        out.add(pattern.substring(start));
        return out;
    }

    /** The section without its literal text: quoted strings, backslash escapes, padding (_x) and fill (*x). */
    static String withoutLiterals(String section) {
        StringBuilder b = new StringBuilder(section.length());
        for (int i = 0; i < section.length(); i++) {
            char ch = section.charAt(i);
            if (ch == '"') {
                int end = section.indexOf('"', i + 1);
                i = end < 0 ? section.length() : end;
            } else if (ch == '\\' || ch == '_' || ch == '*') {
                i++;
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }

    /** Whether some section shows a parenthesis (not the padding 「_(」 that only leaves its width blank). */
    private static boolean mayShowParentheses(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            if (ch == '_' || ch == '*') {
                i++;
            } else if (ch == '(') {
                return true;
            }
        }
        return false;
    }

    /** WPS writes colour codes in Chinese (「[红色]」), which POI's formatter would show as text. */
    private static String withoutChineseColours(String pattern) {
        return pattern.indexOf('[') < 0 ? pattern : pattern.replaceAll("\\[(红色|黑色|蓝色|绿色|白色|黄色|洋红|青色)]", "");
    }
}
