package cn.nianbao.validate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.nianbao.model.Report;

/** A history held in memory (tests, a run that loaded earlier reports itself). A later add replaces. */
public final class InMemoryReportHistory implements ReportHistory {

    private final Map<String, Report> reports = new LinkedHashMap<>();

    public InMemoryReportHistory(List<Report> reports) {
        reports.forEach(this::add);
    }

    public InMemoryReportHistory add(Report report) {
        reports.put(key(report.agency().code(), report.year()), report);
        return this;
    }

    @Override
    public Optional<Report> find(String agencyCode, int year) {
        return Optional.ofNullable(reports.get(key(agencyCode, year)));
    }

    private static String key(String code, int year) {
        return code + "|" + year;
    }
}
