package cn.nianbao.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The canonical form of one agency's annual report: its header (who, which year, which format, the file and, for a
 * workbook holding several reports, the sheet it came from) and every datapoint with the cell it came from.
 */
public final class Report {

    private final ReportHeader header;
    private final Map<String, Datapoint> datapoints;

    private Report(Fixed datapoints, ReportHeader header) {
        this.header = header;
        this.datapoints = datapoints;
    }

    /** A report of these datapoints (copied: a report's datapoints never change). */
    public Report(ReportHeader header, Map<String, Datapoint> datapoints) {
        this(datapoints.isEmpty() ? Fixed.NONE : new Fixed(new LinkedHashMap<>(datapoints)), header);
    }

    public Report(Agency agency, int year, String format, Scope scope, Submission submission, ReportPart part,
                  String title, Map<String, Datapoint> datapoints) {
        this(new ReportHeader(agency, year, format, scope, submission, part, title), datapoints);
    }

    /** A report that is its whole file. */
    public Report(Agency agency, int year, String format, Scope scope, Submission submission, String title,
                  Map<String, Datapoint> datapoints) {
        this(agency, year, format, scope, submission, ReportPart.WHOLE, title, datapoints);
    }

    /**
     * A report of {@code header} with {@code datapoints}, which the caller hands over: it made the map for this report
     * and will not change it, so it is not copied. Reading a run back from the database makes millions of datapoints a
     * pass; a copy of each report's map doubled that.
     */
    static Report of(ReportHeader header, Map<String, Datapoint> datapoints) {
        return new Report(datapoints instanceof Fixed f ? f : new Fixed(datapoints), header);
    }

    public ReportHeader header() {
        return header;
    }

    public Map<String, Datapoint> datapoints() {
        return datapoints;
    }

    public Agency agency() {
        return header.agency();
    }

    public int year() {
        return header.year();
    }

    public String format() {
        return header.format();
    }

    public Scope scope() {
        return header.scope();
    }

    public Submission submission() {
        return header.submission();
    }

    public ReportPart part() {
        return header.part();
    }

    public String title() {
        return header.title();
    }

    /** The same report with other datapoints (handed over, not copied). */
    public Report withContent(Map<String, Datapoint> other) {
        return of(header, other);
    }

    public Optional<Datapoint> datapoint(String id) {
        return Optional.ofNullable(datapoints.get(id));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Report r && header.equals(r.header) && datapoints.equals(r.datapoints);
    }

    @Override
    public int hashCode() {
        return header.hashCode() * 31 + datapoints.hashCode();
    }

    @Override
    public String toString() {
        return "Report[" + header + ", " + datapoints.size() + " datapoints]";
    }

    /** A report's datapoints: a read-only view of a map no one changes any more. */
    private static final class Fixed extends java.util.AbstractMap<String, Datapoint> {
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
}
