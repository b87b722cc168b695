package cn.nianbao.validate;

import java.util.LinkedHashMap;
import java.util.Map;

import cn.nianbao.model.Report;
import cn.nianbao.model.ReportHeader;
import cn.nianbao.template.TemplateCatalogue;

/** The placeholder values shared by many messages. */
final class Placeholders {

    private Placeholders() {
    }

    /** {agency} and {year} of a report. */
    static Map<String, Object> of(Report report) {
        return of(report.header());
    }

    /** {agency} and {year} of a report known by its header. */
    static Map<String, Object> of(ReportHeader report) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("agency", report.agency().name());
        values.put("year", report.year());
        return values;
    }

    /** {agency} {year} and {target} {row} {column} for one datapoint of the report. */
    static Map<String, Object> of(Report report, TemplateCatalogue catalogue, String datapointId) {
        Map<String, Object> values = of(report.header());
        values.put("target", Labels.datapoint(catalogue, report.format(), datapointId));
        values.put("row", Labels.row(catalogue, report.format(), datapointId));
        values.put("column", Labels.column(catalogue, report.format(), datapointId));
        return values;
    }
}
