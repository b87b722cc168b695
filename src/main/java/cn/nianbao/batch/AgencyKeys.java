package cn.nianbao.batch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;

import cn.nianbao.model.Agency;
import cn.nianbao.model.ReportHeader;
import cn.nianbao.model.Sha256;
import cn.nianbao.model.Submission;
import cn.nianbao.validate.MissingSubmissionCheck;

/**
 * The key of each agency's checks across reports: every such check compares an agency only with itself
 * ({@link cn.nianbao.validate.AgencyPartitions}), so an agency whose key a previous run checked has the findings that
 * run stored for it. The key covers everything those checks read for the agency:
 * <ul>
 * <li>the keys of its counted reports of its own (本级) ({@link RunReuse#reportKey}: file, content, part, agency,
 * year, format, scope, the basis: program, job definition with the roster, rule file) — carry-over, continuity and
 * year-on-year compare them, UNKNOWN-AGENCY names them;</li>
 * <li>for each of those reports whose year before is not among them, what the run's history look-up
 * ({@code RunStore.latestReport}) finds for that year: an earlier run's report, which can change between nights;</li>
 * <li>the years the run checks (the job's and those of every counted report): MISSING-SUBMISSION for each year the
 * agency has no report of;</li>
 * <li>whether there is a roster, and the agency's entries on it (UNKNOWN-AGENCY, MISSING-SUBMISSION);</li>
 * <li>when the agency misses a year, the run's unused files whose names carry its name or an alias, in order
 * (MISSING-SUBMISSION names them).</li>
 * </ul>
 * DUPLICATE-SUBMISSION is decided on the run's headers, without values, and is not keyed: validate makes it every run.
 * The roster's agencies without a report of their own need no values either and are checked every run.
 */
final class AgencyKeys {

    private AgencyKeys() {
    }

    /**
     * @param own        the counted reports of the agencies' own (scope OWN), grouped by agency code
     * @param reportKey  the key of each of them
     * @param roster     the roster, or null when the job has none
     * @param unused     the run's files that gave no counted report, in the run's order
     * @param history    for a year and some agency codes, the key of the report the history look-up finds for each
     * @return each agency's key, by code, in the order of {@code own}
     */
    static Map<String, String> of(String basis, Set<Integer> years, Map<String, List<ReportHeader>> own,
                                  Function<ReportHeader, String> reportKey, List<Agency> roster, List<Submission> unused,
                                  BiFunction<Integer, Collection<String>, Map<String, String>> history) {
        Map<Integer, List<String>> lookUps = new TreeMap<>();
        own.forEach((code, reports) -> {
            for (int year : earlierYearsLookedUp(reports)) {
                lookUps.computeIfAbsent(year, y -> new ArrayList<>()).add(code);
            }
        });
        Map<Integer, Map<String, String>> earlier = new TreeMap<>();
        lookUps.forEach((year, codes) -> earlier.put(year, history.apply(year, codes)));
        Map<String, List<Agency>> entries = new LinkedHashMap<>();
        if (roster != null) {
            roster.forEach(a -> entries.computeIfAbsent(a.code(), c -> new ArrayList<>()).add(a));
        }
        String yearList = new TreeSet<>(years).toString();
        Map<String, String> keys = new LinkedHashMap<>();
        own.forEach((code, reports) -> {
            List<Object> fields = new ArrayList<>();
            fields.add(basis);
            fields.add(yearList);
            List<Agency> onRoster = roster == null ? null : entries.getOrDefault(code, List.of());
            fields.add(onRoster == null ? "no roster" : onRoster.toString());
            fields.add("reports " + reports.size()); // each section's length: no two inputs give the same fields
            for (ReportHeader r : reports) {
                fields.add(reportKey.apply(r));
            }
            Set<Integer> looked = earlierYearsLookedUp(reports);
            fields.add("earlier " + looked.size());
            for (int year : looked) {
                fields.add(year);
                fields.add(earlier.get(year).get(code));
            }
            fields.add("unused files");
            if (onRoster != null && !onRoster.isEmpty() && !reportYears(reports).containsAll(years)) {
                for (Submission s : unused) {
                    if (onRoster.stream().anyMatch(a -> MissingSubmissionCheck.mentions(s.fileName(), a))) {
                        fields.add(s.path());
                    }
                }
            }
            keys.put(code, Sha256.keyOf(fields.toArray()));
        });
        return keys;
    }

    /** The years before those of an agency's reports that are not among them: the checks across years look them up. */
    private static Set<Integer> earlierYearsLookedUp(List<ReportHeader> reports) {
        Set<Integer> have = reportYears(reports);
        Set<Integer> looked = new TreeSet<>();
        for (int year : have) {
            if (!have.contains(year - 1)) {
                looked.add(year - 1);
            }
        }
        return looked;
    }

    private static Set<Integer> reportYears(List<ReportHeader> reports) {
        Set<Integer> years = new TreeSet<>();
        reports.forEach(r -> years.add(r.year()));
        return years;
    }
}
