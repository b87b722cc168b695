package cn.nianbao.samples;

import java.util.EnumSet;
import java.util.Set;

/**
 * How a sample workbook is laid out. The flags combine (an {@code EnumSet}); the empty set and
 * {@link #OFFICIAL} both mean the official one-sheet layout. They imitate what agencies really send.
 */
public enum Layout {
    /** One sheet, the official tables 二/三/四 with their merged headers, borders and column widths. */
    OFFICIAL,
    /** A 「填报说明」 cover sheet, then one sheet per table in the order C, A, B. */
    SHEET_PER_TABLE,
    /** Tables start at column C, row 7 or lower, with narrative paragraphs above and note rows between. */
    SHIFTED,
    /** Numbers as text: some full-width digits, thousands separators, blanks as 「—」「/」「无」, 「+19」. */
    TEXT_NUMBERS,
    /** Table B has no separate group column: 「（四）无法提供1.本机关不掌握相关政府信息」 in one cell. */
    GROUP_LABEL_IN_CELL,
    /** The group label 「（三）不予公开」 is missing altogether (as in the seed report). */
    GROUP_LABEL_MISSING,
    /** Agency-added subtotal rows （三）（四）（五）(and GOV2021 （六）) holding the sum of their sub-items. */
    SUBTOTAL_ROWS,
    /** Table B's 总计 column and （七）总计 row and table C's 总计 cells are SUM formulas (with cached values). */
    FORMULAS,
    /** Labels with line breaks and spaces inside and half-width punctuation: 「(一) 予以公开」. */
    LABEL_NOISE,
    /** Table C as 3 rows (行政复议 / 未经复议直接起诉 / 复议后起诉) × 5 columns instead of one wide row. */
    TABLE_C_VERTICAL,
    /** GOV2019 procurement amount as 「2.52万元」 (the default is 「25211 元」). */
    MONEY_WAN_TEXT,
    /** GOV2019 procurement amount as a bare number in 万元 under 「采购总金额（万元）」. */
    MONEY_WAN_HEADER,
    /** GOV2019 procurement amount as a bare number in 元 with no unit anywhere (rule A-UNIT-ASSUMED). */
    MONEY_BARE;

    public static Set<Layout> of(Layout first, Layout... rest) {
        return EnumSet.of(first, rest);
    }

    /** A short human description of a combination, e.g. 「SHIFTED+TABLE_C_VERTICAL」. */
    public static String describe(Set<Layout> layout) {
        if (layout.isEmpty()) {
            return OFFICIAL.name();
        }
        StringBuilder sb = new StringBuilder();
        for (Layout l : layout) {
            if (sb.length() > 0) {
                sb.append('+');
            }
            sb.append(l.name());
        }
        return sb.toString();
    }
}
