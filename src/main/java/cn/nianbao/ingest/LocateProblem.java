package cn.nianbao.ingest;

/**
 * Something the locator could not place: a PARSE-* rule, the table it concerns (its id, e.g. "B"), where it looked,
 * and what a person should do.
 */
public record LocateProblem(String table, String rule, String sheet, String cell, String message) {
}
