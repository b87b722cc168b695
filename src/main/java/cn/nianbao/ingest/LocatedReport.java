package cn.nianbao.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.nianbao.template.ReportFormat;

/**
 * The result of locating one format's tables in a workbook: every datapoint's cell, the problems, and which of
 * the format's tables (their ids) were found.
 */
public record LocatedReport(ReportFormat format, Map<String, LocatedCell> cells, List<LocateProblem> problems,
                            Set<String> tables) {

    public LocatedReport {
        tables = Set.copyOf(new LinkedHashSet<>(tables));
    }

    public int tablesFound() {
        return tables.size();
    }

    public boolean complete() {
        return tables.size() >= format.tables().size();
    }

    /**
     * This report with the tables it lacks taken from {@code other} (the same format located elsewhere, e.g. in the
     * hidden rows of the sheet): their cells, and their problems instead of the "table not found" ones.
     */
    LocatedReport withMissingTablesFrom(LocatedReport other, Set<String> taken) {
        Map<String, LocatedCell> merged = new LinkedHashMap<>(cells);
        List<LocateProblem> mergedProblems = new ArrayList<>();
        for (LocateProblem p : problems) {
            if (!taken.contains(p.table())) {
                mergedProblems.add(p);
            }
        }
        for (Map.Entry<String, LocatedCell> e : other.cells().entrySet()) {
            if (taken.contains(table(e.getKey()))) {
                merged.put(e.getKey(), e.getValue());
            }
        }
        for (LocateProblem p : other.problems()) {
            if (taken.contains(p.table())) {
                mergedProblems.add(p);
            }
        }
        Set<String> all = new LinkedHashSet<>(tables);
        all.addAll(taken);
        return new LocatedReport(format, merged, mergedProblems, all);
    }

    private static String table(String datapointId) {
        return datapointId.substring(0, datapointId.indexOf('.'));
    }
}
