package cn.nianbao.validate;

/**
 * Something the reader noticed about one datapoint that the value alone does not show, for checks
 * such as A-UNIT-ASSUMED and A-FEES-UNIT. {@code detail} is what was seen (e.g. the cell text 「3.5元」).
 */
public record ReaderNote(String datapointId, Kind kind, String detail) {

    public enum Kind {
        /** A money amount had no unit anywhere (cell, header) and was taken as 元. */
        UNIT_ASSUMED,
        /** An amount in a 万元 column was written with 「元」. */
        YUAN_IN_WAN_COLUMN
    }
}
