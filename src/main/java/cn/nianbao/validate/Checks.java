package cn.nianbao.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The built-in checks a rule can name with {@code check:}. */
public final class Checks {

    private static final Map<String, ReportCheck> REPORT = new LinkedHashMap<>();
    private static final Map<String, CrossReportCheck> CROSS = new LinkedHashMap<>();

    static {
        REPORT.put("blank-total", new BlankTotalCheck());
        REPORT.put("non-negative", new NonNegativeCheck());
        REPORT.put("integer", new IntegerCheck());
        REPORT.put("procurement-pair", new ProcurementPairCheck());
        REPORT.put("regulation-scope", new RegulationScopeCheck());
        REPORT.put("items-as-decisions", new ItemsAsDecisionsCheck());
        REPORT.put("unit-assumed", new UnitAssumedCheck());
        REPORT.put("fees-unit", new FeesUnitCheck());
        REPORT.put("format-year", new FormatYearCheck());
        CROSS.put("carry-over", new CarryOverCheck());
        CROSS.put("items-continuity", new ItemsContinuityCheck());
        CROSS.put("in-force-continuity", new InForceContinuityCheck());
        CROSS.put("missing-submission", new MissingSubmissionCheck());
        CROSS.put("unknown-agency", new UnknownAgencyCheck());
        CROSS.put("duplicate-submission", new DuplicateSubmissionCheck());
        CROSS.put("outlier-yoy", new OutlierYoyCheck());
        CROSS.put("rollup-mismatch", new RollupMismatchCheck());
    }

    /**
     * Rules whose findings the pipeline makes itself, not a check of the rule book: {@code reader} while reading a
     * file (PARSE-*), {@code run} about the run as a whole (an input with no report, a roll-up of mixed formats).
     * Their severity, {@code enabled} and years apply as to any rule, and their message frames the pipeline's
     * own text, {@code {detail}} (see {@link RuleBook#apply}).
     */
    static final Set<String> BUILT_IN = Set.of("reader", "run");

    private Checks() {
    }

    public static boolean exists(String name) {
        return REPORT.containsKey(name) || CROSS.containsKey(name) || BUILT_IN.contains(name);
    }

    public static List<String> names() {
        List<String> names = new ArrayList<>(REPORT.keySet());
        names.addAll(CROSS.keySet());
        names.addAll(new java.util.TreeSet<>(BUILT_IN));
        return names;
    }

    static ReportCheck report(String name) {
        return REPORT.get(name);
    }

    static CrossReportCheck cross(String name) {
        return CROSS.get(name);
    }

    static Map<String, Object> defaultParams(String name) {
        if (BUILT_IN.contains(name)) {
            return Map.of();
        }
        return REPORT.containsKey(name) ? REPORT.get(name).defaultParams() : CROSS.get(name).defaultParams();
    }

    static Set<String> placeholders(String name) {
        if (BUILT_IN.contains(name)) {
            return Set.of("detail");
        }
        return REPORT.containsKey(name) ? REPORT.get(name).placeholders() : CROSS.get(name).placeholders();
    }
}
