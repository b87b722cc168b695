package cn.nianbao.ingest;

/** What a spreadsheet cell holds after formulas are replaced by their cached results. */
public enum CellKind { TEXT, NUMBER, BOOLEAN, ERROR, BLANK }
