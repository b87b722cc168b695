package cn.nianbao.publish;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.nianbao.model.Datapoint;
import cn.nianbao.model.ReportContent;
import cn.nianbao.model.ReportHeader;
import cn.nianbao.template.DatapointDef;
import cn.nianbao.template.ReportFormat;

/**
 * The values of a unit's reports for every datapoint of its format, read from the store in one pass and held as a
 * grid (a row per report, a column per datapoint), for a sheet that lays them out several times over (a block per
 * table, a page of agencies at a time).
 *
 * <p>Each cell is kept as an int and a scale, the exact decimal it was stored as: about 5 bytes a value, so a unit of
 * 50,000 reports of 150 datapoints takes some 40 MB, where the stored content's objects would take ten times that. A
 * value that does not fit (more than nine digits, or an odd scale) is kept as it is, beside the grid.
 */
final class UnitValues {

    /** The scale of a cell with no value: the report has no such datapoint, or left it blank. */
    private static final byte NONE = Byte.MIN_VALUE;
    /** The scale of a cell whose value is in {@link #large}. */
    private static final byte LARGE = Byte.MIN_VALUE + 1;

    private final Map<String, Integer> columns = new HashMap<>();
    private final int width;
    private final int[] unscaled;
    private final byte[] scales;
    private final Map<Integer, BigDecimal> large = new HashMap<>();
    /** Whether any report has the datapoint at all (blank or not). */
    private final boolean[] present;

    private UnitValues(ReportFormat format, int reports) {
        for (DatapointDef def : format.datapoints().values()) {
            columns.put(def.id(), columns.size());
        }
        width = columns.size();
        unscaled = new int[Math.multiplyExact(reports, width)];
        scales = new byte[unscaled.length];
        Arrays.fill(scales, NONE);
        present = new boolean[width];
    }

    /** The heap the grid of {@code reports} reports of {@code datapoints} datapoints takes (its large values aside). */
    static long bytes(int reports, int datapoints) {
        return (long) reports * datapoints * (Integer.BYTES + Byte.BYTES);
    }

    /** Reads the values of {@code reports} (in that order) for the datapoints of {@code format}. */
    static UnitValues read(ReportContent content, List<ReportHeader> reports, ReportFormat format) {
        UnitValues values = new UnitValues(format, reports.size());
        int[] row = {0};
        content.forEachValues(reports, report -> {
            for (Datapoint dp : report.datapoints().values()) {
                Integer column = values.columns.get(dp.id());
                if (column != null) {
                    values.put(row[0], column, dp.blank() ? null : dp.value());
                }
            }
            row[0]++;
        });
        return values;
    }

    private void put(int row, int column, BigDecimal value) {
        present[column] = true;
        if (value == null) {
            return;
        }
        int at = row * width + column;
        int scale = value.scale();
        if (scale >= 0 && scale < Byte.MAX_VALUE && value.precision() <= 9) {
            unscaled[at] = value.unscaledValue().intValueExact();
            scales[at] = (byte) scale;
        } else {
            large.put(at, value);
            scales[at] = LARGE;
        }
    }

    /** The value of report {@code row} (its place in the list read) for a datapoint; null when missing or blank. */
    BigDecimal value(int row, String datapoint) {
        Integer column = columns.get(datapoint);
        if (column == null) {
            return null;
        }
        int at = row * width + column;
        byte scale = scales[at];
        if (scale == NONE) {
            return null;
        }
        return scale == LARGE ? large.get(at) : BigDecimal.valueOf(unscaled[at], scale);
    }

    /** Whether any of the reports has the datapoint (a blank one too). */
    boolean present(String datapoint) {
        Integer column = columns.get(datapoint);
        return column != null && present[column];
    }
}
