package cn.nianbao.ingest;

import java.util.List;
import java.util.Map;

import cn.nianbao.model.Datapoint;

/**
 * What reading a workbook's bytes gave, before anything about the run is known: no agency, no year, no
 * file name. It depends only on the content (and the reader), so it is stored by SHA-256 and reused by
 * later runs; {@link WorkbookIngester#resolve} attaches agency, year and findings for a given run.
 *
 * @param outcome         whether the workbook opened and its report tables were found
 * @param failureRule     for UNREADABLE, the PARSE-* rule the reader refused it under
 * @param failureMessage  for UNREADABLE, the message for the auditor
 * @param titles          report titles found in the first rows (agency and year resolution use them)
 * @param format          the report format located (LOCATED only)
 * @param tablesComplete  whether every table of that format was found
 * @param problems        layout and number problems, in the order the reader found them
 * @param datapoints      every value read, by datapoint id
 * @param unitNotes       what the reader assumed about money units, by datapoint id
 */
public record ParsedWorkbook(Outcome outcome, String failureRule, String failureMessage, List<ReportTitle> titles,
                             String format, boolean tablesComplete, List<ContentProblem> problems,
                             Map<String, Datapoint> datapoints, Map<String, ParsedValue.UnitNote> unitNotes) {

    public enum Outcome { LOCATED, NO_TABLE, UNREADABLE }

    /** A problem in the content alone; LOCATE problems always become findings, BAD_NUMBER ones for accepted reports. */
    public record ContentProblem(Kind kind, String rule, String sheet, String cell, String message) {
        public enum Kind { LOCATE, BAD_NUMBER }
    }

    public ParsedWorkbook {
        titles = titles == null ? List.of() : List.copyOf(titles);
        problems = problems == null ? List.of() : List.copyOf(problems);
        datapoints = datapoints == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(datapoints));
        unitNotes = unitNotes == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(unitNotes));
    }

    static ParsedWorkbook unreadable(String rule, String message) {
        return new ParsedWorkbook(Outcome.UNREADABLE, rule, message, List.of(), null, false, List.of(), Map.of(), Map.of());
    }

    static ParsedWorkbook noTable(List<ReportTitle> titles) {
        return new ParsedWorkbook(Outcome.NO_TABLE, null, null, titles, null, false, List.of(), Map.of(), Map.of());
    }
}
