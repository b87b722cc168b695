package cn.nianbao.ingest;

import java.util.List;
import java.util.Map;

import cn.nianbao.template.ReportFormat;

/** The result of locating one format's tables in a workbook. */
public record LocatedReport(ReportFormat format, Map<String, LocatedCell> cells, List<LocateProblem> problems,
                            int tablesFound) {
}
