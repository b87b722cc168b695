package cn.nianbao.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One national report format (GOV2019, GOV2021) with its tables and canonical datapoint ids. */
public final class ReportFormat {

    private final String id;
    private final String name;
    private final int firstYear;
    private final int lastYear;
    private final List<String> markers;
    private final List<TableDef> tables;
    private final Map<String, DatapointDef> datapoints;

    public ReportFormat(String id, String name, int firstYear, int lastYear, List<String> markers, List<TableDef> tables) {
        this.id = id;
        this.name = name;
        this.firstYear = firstYear;
        this.lastYear = lastYear;
        this.markers = List.copyOf(markers);
        this.tables = List.copyOf(tables);
        Map<String, DatapointDef> ids = new LinkedHashMap<>();
        for (TableDef table : tables) {
            for (BlockDef block : table.blocks()) {
                for (RowDef row : block.rows()) {
                    for (ColumnDef column : block.columns()) {
                        String dp = table.id() + "." + row.id() + "." + column.id();
                        if (ids.put(dp, new DatapointDef(dp, table, block, row, column)) != null) {
                            throw new IllegalStateException("duplicate datapoint " + dp + " in format " + id);
                        }
                    }
                }
            }
        }
        this.datapoints = Collections.unmodifiableMap(ids);
    }

    public String id() { return id; }
    public String name() { return name; }
    public int firstYear() { return firstYear; }
    public int lastYear() { return lastYear; }
    public List<String> markers() { return markers; }
    public List<TableDef> tables() { return tables; }

    public boolean inForce(int year) {
        return year >= firstYear && year <= lastYear;
    }

    /** All datapoints in the official order (table, block, row, column). */
    public Map<String, DatapointDef> datapoints() { return datapoints; }

    /** The datapoints a report must have: those of non-optional rows. */
    public List<DatapointDef> requiredDatapoints() {
        List<DatapointDef> result = new ArrayList<>();
        for (DatapointDef dp : datapoints.values()) {
            if (!dp.row().optional()) {
                result.add(dp);
            }
        }
        return result;
    }

    public Optional<DatapointDef> datapoint(String id) {
        return Optional.ofNullable(datapoints.get(id));
    }

    public Optional<TableDef> table(String tableId) {
        return tables.stream().filter(t -> t.id().equals(tableId)).findFirst();
    }

    @Override
    public String toString() { return id; }
}
