package cn.nianbao.ingest;

import java.math.BigDecimal;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.nianbao.model.UnitNote;
import cn.nianbao.template.ValueKind;

/**
 * Turns a cell into a canonical value: numbers, numbers typed as text, full-width digits, thousands
 * separators, signed changes (「+19」), blanks (empty, 「—」, 「/」, 「无」), and money with its unit
 * (「25211 元」, 「2.52万元」, 「（万元）」 in the header). A value it cannot read is a problem, never a guess.
 */
public final class ValueParser {

    private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);
    private static final Set<String> BLANK_MARKERS = Set.of("", "-", "--", "—", "——", "―", "‐", "‑", "‒", "–",
            "/", "\\", "无", "空", "/ ", "N/A", "n/a", "NA", "不适用", "×");
    /** A number, optionally signed, with optional thousands separators, optionally followed by a unit. */
    private static final Pattern NUMBER_WITH_UNIT = Pattern.compile(
            "^([+-]?)(\\d{1,3}(?:,\\d{3})+|\\d+)?(\\.\\d+)?(万元|元|万|件|个|项|次|条)?$");

    private ValueParser() {
    }

    /**
     * @param cell       the cell as read (merged content already resolved)
     * @param kind       what the column holds
     * @param headerText the column header's text, which may carry the unit (「采购总金额（万元）」)
     */
    public static ParsedValue parse(GridCell cell, ValueKind kind, String headerText) {
        switch (cell.kind()) {
            case BLANK:
                return ParsedValue.ofBlank();
            case ERROR:
                return ParsedValue.cellType("单元格显示错误值「" + cell.text() + "」" + formulaNote(cell) + "，不是数字；请改为数字后重新报送");
            case BOOLEAN:
                return ParsedValue.cellType("单元格是逻辑值「" + ("true".equals(cell.text()) ? "TRUE" : "FALSE") + "」" + formulaNote(cell)
                        + "，不是数字；请改为数字后重新报送");
            case DATE:
                return ParsedValue.cellType("单元格显示为「" + cell.display() + "」（日期或时间格式）" + formulaNote(cell)
                        + "，不是数字；可能是输入的数字被表格软件自动转换成了日期。请把单元格格式设为「常规」或「数值」，重新输入该数后报送");
            case PERCENT:
                return ParsedValue.cellType("单元格显示为「" + cell.display() + "」（百分比格式）" + formulaNote(cell)
                        + "，本栏应填" + (kind.isAmount() ? "金额" : "件数") + "；请把单元格格式设为「常规」或「数值」，重新输入该数后报送");
            case SHOWN_OTHERWISE:
                return ParsedValue.shownValue((cell.display().isEmpty() ? "单元格显示为空白" : "单元格显示为「" + cell.display() + "」")
                        + "，实际保存的数是 " + cell.number().toPlainString() + formulaNote(cell)
                        + "（单元格的数字格式" + (cell.display().isEmpty() ? "隐藏了它" : "改变了显示的数") + "），汇总会按保存的数计算；"
                        + "请确认应填的数，把单元格格式设为「常规」或「数值」、输入该数后重新报送");
            case UNCALCULATED:
                return ParsedValue.formula("单元格的公式「=" + cell.formula() + "」没有保存计算结果，本程序也无法计算（" + cell.text()
                        + "）；请在 Excel 或 WPS 中打开、确认显示正确的数值后保存，或把该单元格改为数值后重新报送");
            case NUMBER:
                return money(cell.number(), null, kind, headerText);
            default:
                return parseText(cell.text(), kind, headerText);
        }
    }

    private static String formulaNote(GridCell cell) {
        return cell.isFormula() ? "（公式「=" + cell.formula() + "」的结果）" : "";
    }

    /**
     * Whether a text reads as a value (a number, with or without a unit, or a blank marker) rather than a label:
     * what {@code parseText(text, YUAN, null)} would not call a problem, without building the problem's message.
     * The locator asks this of every text cell of a workbook, nearly all of them labels.
     */
    static boolean readsAsValue(String text) {
        String s = LabelKey.compact(text).replace('，', ',');
        if (BLANK_MARKERS.contains(s)) {
            return true;
        }
        if (!mayBeNumber(s)) {
            return false;
        }
        Matcher m = NUMBER_WITH_UNIT.matcher(s);
        return m.matches() && (m.group(2) != null || m.group(3) != null);
    }

    /**
     * A number of NUMBER_WITH_UNIT starts with a sign, a digit or a decimal point: text that starts otherwise (most
     * labels: 「本年新收…」「（一）…」) is not one, without trying the pattern.
     */
    private static boolean mayBeNumber(String s) {
        char first = s.isEmpty() ? ' ' : s.charAt(0);
        return first == '+' || first == '-' || first == '.' || (first >= '0' && first <= '9');
    }

    static ParsedValue parseText(String text, ValueKind kind, String headerText) {
        String s = LabelKey.compact(text).replace('，', ',');
        if (BLANK_MARKERS.contains(s)) {
            return ParsedValue.ofBlank();
        }
        s = signed(s);
        boolean inParentheses = s.length() > 2 && s.charAt(0) == '(' && s.charAt(s.length() - 1) == ')';
        if (inParentheses) {
            s = s.substring(1, s.length() - 1); // accounting: (3) is −3
        }
        Matcher m = mayBeNumber(s) ? NUMBER_WITH_UNIT.matcher(s) : null;
        if (m == null || !m.matches() || (m.group(2) == null && m.group(3) == null) || (inParentheses && !m.group(1).isEmpty())) {
            return ParsedValue.problem("「" + text.strip() + "」不是数字；请填写数字（没有的填 0）后重新报送");
        }
        String digits = (m.group(2) == null ? "0" : m.group(2).replace(",", "")) + (m.group(3) == null ? "" : m.group(3));
        BigDecimal number = new BigDecimal(digits);
        if ("-".equals(m.group(1)) || inParentheses) {
            number = number.negate();
        }
        return money(number, m.group(4), kind, headerText);
    }

    /**
     * The text with the minus an agency typed as the ASCII one: NFKC already made 「－」 (full width) and 「﹣」 (small)
     * 「-」, but not the minus sign 「−」 (U+2212, what Word and WPS insert) nor the hyphens and the figure and en dashes
     * that autocorrect puts before a number. Only a mark before a digit or a point is a minus; 「—」 alone is a blank.
     */
    static String signed(String s) {
        if (s.length() < 2) {
            return s;
        }
        char first = s.charAt(0);
        boolean minus = first == '\u2212' || first == '\u2010' || first == '\u2011' || first == '\u2012' || first == '\u2013';
        char next = s.charAt(1);
        return minus && (Character.isDigit(next) || next == '.') ? "-" + s.substring(1) : s;
    }

    /** Applies the unit of money columns; other columns take the number as it is. */
    private static ParsedValue money(BigDecimal number, String unit, ValueKind kind, String headerText) {
        String header = headerText == null ? "" : LabelKey.compact(headerText);
        if (kind == ValueKind.YUAN) {
            if ("万元".equals(unit) || "万".equals(unit) || (unit == null && header.contains("万元"))) {
                return ParsedValue.of(clean(number.multiply(TEN_THOUSAND)), null);
            }
            if ("元".equals(unit) || header.contains("元")) {
                return ParsedValue.of(clean(number), null);
            }
            return ParsedValue.of(clean(number), UnitNote.YUAN_ASSUMED);
        }
        if (kind == ValueKind.WAN) {
            if ("元".equals(unit)) {
                return ParsedValue.of(clean(number.divide(TEN_THOUSAND)), UnitNote.YUAN_IN_WAN_COLUMN);
            }
            return ParsedValue.of(clean(number), null);
        }
        if ("万元".equals(unit) || "元".equals(unit) || "万".equals(unit)) {
            return ParsedValue.problem("「" + number.toPlainString() + unit + "」带有金额单位，本栏应填件数");
        }
        return ParsedValue.of(clean(number), null);
    }

    private static BigDecimal clean(BigDecimal n) {
        BigDecimal s = n.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
