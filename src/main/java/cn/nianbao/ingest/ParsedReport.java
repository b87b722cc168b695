package cn.nianbao.ingest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.nianbao.model.Datapoint;
import cn.nianbao.model.ReportPart;

/**
 * One report as read from a file, before the run names its agency and year.
 *
 * @param part           which report of the file (the whole file, or one sheet of several)
 * @param titles         report titles found in its first rows (and a Word report's title paragraph)
 * @param format         the report format located
 * @param tablesComplete whether every table of that format was found
 * @param problems       layout and number problems, in the order the reader found them
 * @param datapoints     every value read, by datapoint id
 */
public record ParsedReport(ReportPart part, List<ReportTitle> titles, String format, boolean tablesComplete,
                           List<ParsedWorkbook.ContentProblem> problems, Map<String, Datapoint> datapoints) {

    public ParsedReport {
        titles = titles == null ? List.of() : List.copyOf(titles);
        problems = problems == null ? List.of() : List.copyOf(problems);
        datapoints = datapoints == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(datapoints));
    }
}
