package cn.nianbao.ingest;

import java.util.List;

import cn.nianbao.model.Severity;

/**
 * What reading a file's bytes gave, before anything about the run is known: no agency, no year, no file name. It
 * depends only on the content (and the program), so it is stored by SHA-256 and reused by later runs;
 * {@link WorkbookIngester#resolve} attaches agencies, years and findings for a given run.
 *
 * @param outcome        whether the file opened and report tables were found in it
 * @param failureRule    for UNREADABLE, the PARSE-* rule the reader refused it under
 * @param failureMessage for UNREADABLE, the message for the auditor
 * @param source         a workbook or a Word document (null when unreadable)
 * @param titles         report titles found anywhere in the file (agency and year of a file without tables)
 * @param reports        the reports located: one for the whole file, or one per sheet holding a complete report
 * @param problems       what the file as a whole has that a person must know (hidden tables left out, a sheet that
 *                       looks like a report but is not complete), in the order found
 */
public record ParsedWorkbook(Outcome outcome, String failureRule, String failureMessage, WorkbookGrid.Source source,
                             List<ReportTitle> titles, List<ParsedReport> reports, List<ContentProblem> problems) {

    public enum Outcome { LOCATED, NO_TABLE, UNREADABLE }

    /**
     * A problem in the content alone. LOCATE problems always become findings; BAD_NUMBER ones (a cell that is not a
     * number) only for an accepted report. {@code sheet} and {@code cell} say where, as the file names them.
     */
    public record ContentProblem(Kind kind, Severity severity, String rule, String sheet, String cell, String message) {
        public enum Kind { LOCATE, BAD_NUMBER }
    }

    public ParsedWorkbook {
        titles = titles == null ? List.of() : List.copyOf(titles);
        reports = reports == null ? List.of() : List.copyOf(reports);
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    static ParsedWorkbook unreadable(String rule, String message) {
        return new ParsedWorkbook(Outcome.UNREADABLE, rule, message, null, List.of(), List.of(), List.of());
    }
}
