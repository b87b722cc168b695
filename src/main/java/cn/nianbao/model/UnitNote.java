package cn.nianbao.model;

/** What the reader did about a money amount's unit; the rules report on it. */
public enum UnitNote {
    /** No unit anywhere: taken as 元 (rule A-UNIT-ASSUMED). */
    YUAN_ASSUMED,
    /** Written in 元 in a 万元 column and converted (rule A-FEES-UNIT). */
    YUAN_IN_WAN_COLUMN
}
