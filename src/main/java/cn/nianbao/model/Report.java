package cn.nianbao.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The canonical form of one agency's annual report: who, which year, which format, and every datapoint
 * with the cell it came from.
 */
public record Report(Agency agency, int year, String format, Scope scope, Submission submission,
                     String title, Map<String, Datapoint> datapoints) {

    public Report {
        datapoints = Collections.unmodifiableMap(new LinkedHashMap<>(datapoints));
    }

    public Optional<Datapoint> datapoint(String id) {
        return Optional.ofNullable(datapoints.get(id));
    }
}
