package cn.nianbao.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The canonical form of one agency's annual report: who, which year, which format, the file (and, for a workbook
 * holding several reports, the sheet) it came from, and every datapoint with the cell it came from.
 */
public record Report(Agency agency, int year, String format, Scope scope, Submission submission, ReportPart part,
                     String title, Map<String, Datapoint> datapoints) {

    /** A report that is its whole file. */
    public Report(Agency agency, int year, String format, Scope scope, Submission submission, String title,
                  Map<String, Datapoint> datapoints) {
        this(agency, year, format, scope, submission, ReportPart.WHOLE, title, datapoints);
    }

    public Report {
        part = part == null ? ReportPart.WHOLE : part;
        // a report's datapoints never change: copied once, and not again when a report is made from another's
        datapoints = datapoints instanceof Fixed ? datapoints
                : datapoints.isEmpty() ? Fixed.NONE : new Fixed(new LinkedHashMap<>(datapoints));
    }

    /**
     * This report's header (agency, year, file…) with {@code datapoints}, which the caller hands over: it made the
     * map for this report and will not change it, so it is not copied. Reading a run back from the database makes
     * millions of datapoints a pass; a copy of each report's map doubled that.
     */
    public Report withContent(Map<String, Datapoint> datapoints) {
        return new Report(agency, year, format, scope, submission, part, title,
                datapoints instanceof Fixed ? datapoints : new Fixed(datapoints));
    }

    /** A report's datapoints: a read-only view of a map no one changes any more. */
    private static final class Fixed extends java.util.AbstractMap<String, Datapoint> {
        /** No datapoints: a report known by its header only (there are 100,000 of them in a large run). */
        static final Fixed NONE = new Fixed(Map.of());

        private final Map<String, Datapoint> map;

        Fixed(Map<String, Datapoint> map) {
            this.map = Collections.unmodifiableMap(map);
        }

        @Override
        public Datapoint get(Object key) {
            return map.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return map.containsKey(key);
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public java.util.Set<String> keySet() {
            return map.keySet();
        }

        @Override
        public java.util.Collection<Datapoint> values() {
            return map.values();
        }

        @Override
        public java.util.Set<Map.Entry<String, Datapoint>> entrySet() {
            return map.entrySet();
        }
    }

    public Optional<Datapoint> datapoint(String id) {
        return Optional.ofNullable(datapoints.get(id));
    }
}
