package cn.nianbao.model;

/** Where a value was read: sheet, A1 address and the label text it was matched by. */
public record SourceCell(String sheet, String cell, String label) {
}
