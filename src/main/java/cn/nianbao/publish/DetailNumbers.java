package cn.nianbao.publish;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

import org.apache.poi.ss.usermodel.CellStyle;

/**
 * How the detail sheet shows a number, and how wide that is. Counts as they are; an amount with thousands separators
 * and as many decimals as it has (none for whole 元, two for 元角分, every one beyond: a 万元 amount of 0.00015 must
 * not print as 0.00). The column widths follow the widest number, so that none prints as ###.
 */
final class DetailNumbers {

    private DetailNumbers() {
    }

    static CellStyle style(SummaryStyles styles, BigDecimal value, boolean amount, boolean total) {
        int scale = value == null ? 0 : scale(value);
        if (!amount || scale > 2) {
            return total ? styles.detailTotalCount : styles.detailCount;
        }
        if (scale == 0) {
            return total ? styles.detailTotalAmountWhole : styles.detailAmountWhole;
        }
        return total ? styles.detailTotalAmount : styles.detailAmount;
    }

    /** The text a cell shows for {@code value}. */
    static String text(BigDecimal value, boolean amount) {
        int scale = scale(value);
        if (!amount || scale > 2) {
            return value.stripTrailingZeros().toPlainString();
        }
        DecimalFormat f = new DecimalFormat(scale == 0 ? "#,##0" : "#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f.format(value);
    }

    /** Points the shown text takes in a font of {@code size} points: digits about 0.56 of it, separators half that. */
    static double width(BigDecimal value, boolean amount, double size) {
        double width = 0;
        for (char c : text(value, amount).toCharArray()) {
            width += Character.isDigit(c) ? 0.56 * size : c == ',' || c == '.' ? 0.28 * size : 0.6 * size;
        }
        return width;
    }

    private static int scale(BigDecimal value) {
        return Math.max(0, value.stripTrailingZeros().scale());
    }
}
