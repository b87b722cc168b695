package cn.nianbao.ingest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The section of a number format that shows a given number, and how it shows it: with how many decimals, scaled down
 * by how many thousands (「0,」), or with no digits at all (「;;;」, a section of text only). From it the reader tells
 * whether what the agency sees is the number the cell holds: 「0」 over 3.6 shows 4, and the sums would count 3.6.
 *
 * @param showsDigits whether the section shows the number's digits at all
 * @param decimals    how many decimals it shows
 * @param thousands   how many times it divides the number by 1000 before showing it
 */
record NumberSection(boolean showsDigits, int decimals, int thousands) {

    private static final Pattern CONDITION = Pattern.compile("\\[(<=|>=|<>|<|>|=)\\s*(-?[0-9]*\\.?[0-9]+)]");

    /**
     * The section of {@code sections} that shows {@code number}, as Excel chooses it: where sections carry conditions
     * (「[>100]」), the first whose condition holds or the first without one; otherwise one section shows every number,
     * two show ≥ 0 and < 0, three or four show > 0, < 0 and 0 (the fourth is for text). Null where the section shows
     * the number in a way this does not judge: in scientific notation or as a fraction.
     */
    static NumberSection of(List<String> sections, BigDecimal number) {
        String section = choose(sections, number);
        return section == null ? null : parse(section);
    }

    /**
     * Whether the agency sees something other than {@code number}: nothing, a number rounded to fewer decimals, or one
     * scaled down by thousands. A zero shown as nothing or as a dash is not: it reads as a blank, which counts as 0.
     */
    boolean hides(BigDecimal number) {
        if (number.signum() == 0) {
            return false;
        }
        if (!showsDigits || thousands > 0) {
            return true;
        }
        BigDecimal magnitude = number.abs();
        return magnitude.setScale(decimals, RoundingMode.HALF_UP).compareTo(magnitude) != 0;
    }

    private static String choose(List<String> sections, BigDecimal number) {
        int numeric = Math.min(sections.size(), 3);
        boolean conditional = false;
        for (int i = 0; i < numeric; i++) {
            conditional |= CONDITION.matcher(sections.get(i)).find();
        }
        if (conditional) {
            for (int i = 0; i < numeric; i++) {
                Matcher m = CONDITION.matcher(sections.get(i));
                if (!m.find() || holds(m.group(1), number.compareTo(new BigDecimal(m.group(2))))) {
                    return sections.get(i);
                }
            }
            return null;
        }
        int sign = number.signum();
        if (numeric == 1 || (sign > 0) || (numeric == 2 && sign == 0)) {
            return sections.get(0);
        }
        return sign < 0 ? sections.get(1) : sections.get(2);
    }

    private static boolean holds(String operator, int comparison) {
        return switch (operator) {
            case "<" -> comparison < 0;
            case "<=" -> comparison <= 0;
            case ">" -> comparison > 0;
            case ">=" -> comparison >= 0;
            case "=" -> comparison == 0;
            default -> comparison != 0;
        };
    }

    private static NumberSection parse(String section) {
        String s = CellFormat.withoutLiterals(section).replaceAll("\\[[^]]*]", "");
        if (s.matches("(?s).*[0#?][Ee][+-].*") || s.indexOf('/') >= 0) {
            return null;
        }
        int point = s.indexOf('.');
        int decimals = 0;
        int last = -1;
        int lastInteger = -1;
        for (int i = 0; i < s.length(); i++) {
            if (isDigit(s.charAt(i))) {
                last = i;
                if (point < 0 || i < point) {
                    lastInteger = i;
                } else {
                    decimals++;
                }
            }
        }
        if (last < 0) {
            return new NumberSection(false, 0, 0);
        }
        int thousands = commasAfter(s, last) + (point > lastInteger && lastInteger >= 0 && lastInteger < last ? commasAfter(s, lastInteger) : 0);
        return new NumberSection(true, decimals, thousands);
    }

    /** Commas right after position {@code i}: each divides the number shown by 1000 (「#,##0,」 shows 1234567 as 1,235). */
    private static int commasAfter(String s, int i) {
        int n = 0;
        while (i + 1 + n < s.length() && s.charAt(i + 1 + n) == ',') {
            n++;
        }
        return n;
    }

    private static boolean isDigit(char ch) {
        return ch == '0' || ch == '#' || ch == '?';
    }
}
