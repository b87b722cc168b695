package cn.nianbao.ingest;

/** Something the locator could not place: a PARSE-* rule, where it looked, and what a person should do. */
public record LocateProblem(String rule, String sheet, String cell, String message) {
}
