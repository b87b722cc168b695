package cn.nianbao.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The roll-up of one unit (district, city …) for one year: the cell-wise sums over the reports of the
 * agencies below it, which reports went in and which expected agencies are missing, and what a reader of the sums
 * must know with them: which of the unit's reports have ERROR findings (in the sums, or left out of them when the
 * job says so) and, where an earlier run has them, the unit's sums of the year before.
 *
 * @param included       the reports in the sums
 * @param withErrors     the unit's reports of the year that have ERROR findings, included or left out, in the order of
 *                       {@code included}, the left-out ones after them
 * @param leaveOutErrors whether the job leaves reports with ERROR findings out of the sums
 * @param previous       the unit's sums of {@code year - 1} from the latest completed run that has them, or null
 */
public record UnitTotal(Agency unit, int year, String format, Map<String, BigDecimal> values,
                        List<ReportHeader> included, List<Agency> expected, List<Agency> missing,
                        List<ReportErrors> withErrors, boolean leaveOutErrors, PreviousYear previous) {

    /** A report of the unit with {@code errors} ERROR findings; {@code leftOut}: not in the sums (the job's setting). */
    public record ReportErrors(ReportHeader report, int errors, boolean leftOut) {
    }

    /**
     * The unit's sums of the year before, as run {@code jobExecutionId} of job {@code jobName} stored them (in format
     * {@code format}, which may differ from this year's: ids it does not have are absent from {@code values}).
     */
    public record PreviousYear(String jobName, long jobExecutionId, int year, String format, Map<String, BigDecimal> values) {

        public PreviousYear {
            values = Map.copyOf(values);
        }
    }

    public UnitTotal {
        withErrors = withErrors == null ? List.of() : List.copyOf(withErrors);
    }

    /** A roll-up with no report that has errors and no year before to compare with. */
    public UnitTotal(Agency unit, int year, String format, Map<String, BigDecimal> values, List<ReportHeader> included,
                     List<Agency> expected, List<Agency> missing) {
        this(unit, year, format, values, included, expected, missing, List.of(), false, null);
    }

    /** The reports left out of the sums because they have ERROR findings. */
    public List<ReportErrors> leftOut() {
        return withErrors.stream().filter(ReportErrors::leftOut).toList();
    }

    /** The included reports that have ERROR findings. */
    public List<ReportErrors> includedWithErrors() {
        return withErrors.stream().filter(e -> !e.leftOut()).toList();
    }

    /** This roll-up compared with the year before. */
    public UnitTotal withPrevious(PreviousYear earlier) {
        return new UnitTotal(unit, year, format, values, included, expected, missing, withErrors, leaveOutErrors, earlier);
    }
}
