package cn.nianbao.validate;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import cn.nianbao.model.Severity;

/**
 * One rule of the rule book, after the default file and the override were merged. An arithmetic rule
 * has {@code relations}; any other rule names a {@code check} (see {@link Checks}) and its
 * {@code params}. {@code formats} empty means every format; {@code yearFrom}/{@code yearTo} null mean open.
 * {@code name} is what auditors read beside the id (「总计与分项之和」), editable in the rule book like the rest.
 */
public record Rule(String id, Severity severity, List<String> formats, Integer yearFrom, Integer yearTo,
                   BigDecimal tolerance, boolean enabled, String message, List<RelationSpec> relations,
                   String check, Map<String, Object> params, String origin, String name) {

    /** A rule whose Chinese name is its id (built by hand, in tests). */
    public Rule(String id, Severity severity, List<String> formats, Integer yearFrom, Integer yearTo, BigDecimal tolerance,
                boolean enabled, String message, List<RelationSpec> relations, String check, Map<String, Object> params,
                String origin) {
        this(id, severity, formats, yearFrom, yearTo, tolerance, enabled, message, relations, check, params, origin, id);
    }

    public Rule {
        name = name == null || name.isBlank() ? id : name;
        formats = List.copyOf(formats);
        relations = List.copyOf(relations);
        params = Map.copyOf(params);
    }

    /** One relation of a rule, optionally for some formats only and with its own message. */
    public record RelationSpec(Relation relation, List<String> formats, String message) {
        public RelationSpec {
            formats = List.copyOf(formats);
        }

        public boolean appliesTo(String format) {
            return formats.isEmpty() || formats.contains(format);
        }
    }

    public boolean isArithmetic() {
        return check == null;
    }

    /** Whether the rule is enabled and in force for a report of this format and year. */
    public boolean appliesTo(String format, int year) {
        return enabled
                && (formats.isEmpty() || formats.contains(format))
                && (yearFrom == null || year >= yearFrom)
                && (yearTo == null || year <= yearTo);
    }

    /** Whether the rule is enabled and in force for a year, whatever the format (checks with no report to look at). */
    public boolean appliesTo(int year) {
        return enabled && (yearFrom == null || year >= yearFrom) && (yearTo == null || year <= yearTo);
    }

    public BigDecimal decimalParam(String name) {
        Object value = params.get(name);
        return value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
    }

    @SuppressWarnings("unchecked")
    public List<String> listParam(String name) {
        return (List<String>) params.get(name);
    }

    public String stringParam(String name) {
        Object value = params.get(name);
        return value == null ? null : value.toString();
    }
}
