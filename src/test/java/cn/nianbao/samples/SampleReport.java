package cn.nianbao.samples;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One report to write as a sample workbook.
 *
 * @param agencyName  the 编制主体 as the title names it
 * @param title       the title row, e.g. 「鲤城区人民政府开元街道办事处 2020年政府信息公开工作年度报告」
 * @param year        the report year
 * @param formatId    GOV2019 or GOV2021 (see templates/catalogue.yml)
 * @param values      datapoint id → value; a missing key or a null value is a blank cell. Subtotal rows
 *                    (B.DENIED.*, …) are written only when present here and the layout has SUBTOTAL_ROWS.
 * @param writtenText datapoint id → the exact text to write instead of the number, e.g. the seed's
 *                    procurement amount 「25211 元」 (the value stays the number it means)
 * @param synthetic   true for made-up data; false only for the seed report
 */
public record SampleReport(String agencyName, String title, int year, String formatId,
                           Map<String, BigDecimal> values, Map<String, String> writtenText, boolean synthetic) {

    public SampleReport {
        // LinkedHashMap, not Map.copyOf: null values (blank cells) are meaningful here.
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        writtenText = writtenText == null ? Map.of() : Map.copyOf(writtenText);
    }

    /** The value of a datapoint, or null when the cell is blank. */
    public BigDecimal value(String datapointId) {
        return values.get(datapointId);
    }

    /** The value with blank counted as 0, as the rules do. */
    public BigDecimal valueOrZero(String datapointId) {
        BigDecimal v = values.get(datapointId);
        return v == null ? BigDecimal.ZERO : v;
    }
}
