package cn.nianbao.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;

import cn.nianbao.model.Agency;
import cn.nianbao.model.ReportHeader;
import cn.nianbao.model.ReportPart;
import cn.nianbao.model.Scope;
import cn.nianbao.model.Submission;

/**
 * Each input of an agency's checks across reports changes its key, and nothing of another agency does: the key is
 * what lets a night copy the agency's findings, so a missed input would leave a stale finding.
 */
class AgencyKeysTest {

    private static final Agency HB = new Agency("HB", "海滨街道办事处", List.of("海滨街道"), "街道", "D");
    private static final Agency JN = new Agency("JN", "江南街道办事处", List.of("江南街道"), "街道", "D");
    private static final Set<Integer> YEARS = Set.of(2020, 2021);

    /** The inputs of {@link AgencyKeys#of}, changed one at a time by the tests. */
    private String basis = "basis";
    private Set<Integer> years = YEARS;
    private List<Agency> roster = List.of(HB, JN);
    private final Map<String, List<ReportHeader>> own = new LinkedHashMap<>();
    private final Map<ReportHeader, String> reportKeys = new HashMap<>();
    private List<Submission> unused = List.of();
    private final Map<String, String> history = new HashMap<>();
    private final List<String> lookedUp = new ArrayList<>();

    private void report(Agency agency, int year, String key) {
        ReportHeader r = new ReportHeader(agency, year, year < 2021 ? "GOV2019" : "GOV2021", Scope.OWN,
                new Submission(agency.code() + "-" + year + ".xlsx", "sha-" + key, 100, Instant.EPOCH), ReportPart.WHOLE, null);
        own.computeIfAbsent(agency.code(), c -> new ArrayList<>()).add(r);
        reportKeys.put(r, key);
    }

    private Map<String, String> keys() {
        lookedUp.clear();
        BiFunction<Integer, Collection<String>, Map<String, String>> lookUp = (year, codes) -> {
            Map<String, String> found = new HashMap<>();
            for (String code : codes) {
                lookedUp.add(code + " " + year);
                if (history.containsKey(code + " " + year)) {
                    found.put(code, history.get(code + " " + year));
                }
            }
            return found;
        };
        return AgencyKeys.of(basis, years, own, reportKeys::get, roster, unused, lookUp);
    }

    @Test
    void theYearBeforeTheFirstIsLookedUpAndItsReportKeyed() {
        report(HB, 2020, "hb20");
        report(HB, 2021, "hb21");
        report(JN, 2021, "jn21");
        Map<String, String> before = keys();
        assertThat(lookedUp).containsExactlyInAnyOrder("HB 2019", "JN 2020");

        history.put("JN 2020", "an earlier run's 江南 2020");
        Map<String, String> after = keys();
        assertThat(after.get("JN")).isNotEqualTo(before.get("JN"));
        assertThat(after.get("HB")).isEqualTo(before.get("HB"));

        history.put("JN 2020", "another earlier run's 江南 2020, changed");
        assertThat(keys().get("JN")).isNotEqualTo(after.get("JN"));
    }

    @Test
    void aChangedReportChangesOnlyItsAgencysKey() {
        report(HB, 2020, "hb20");
        report(HB, 2021, "hb21");
        report(JN, 2020, "jn20");
        report(JN, 2021, "jn21");
        Map<String, String> before = keys();
        assertThat(keys()).isEqualTo(before);

        reportKeys.put(own.get("HB").get(0), "hb20 resubmitted");
        Map<String, String> after = keys();
        assertThat(after.get("HB")).isNotEqualTo(before.get("HB"));
        assertThat(after.get("JN")).isEqualTo(before.get("JN"));
    }

    @Test
    void theYearsTheBasisAndTheRosterEntryAreKeyed() {
        report(HB, 2021, "hb21");
        report(JN, 2021, "jn21");
        String key = keys().get("HB");

        years = Set.of(2019, 2020, 2021);
        assertThat(keys().get("HB")).as("a year more: MISSING-SUBMISSION for it").isNotEqualTo(key);
        years = YEARS;

        basis = "another rule file";
        assertThat(keys().get("HB")).isNotEqualTo(key);
        basis = "basis";

        roster = null;
        assertThat(keys().get("HB")).as("no roster: no UNKNOWN-AGENCY, no MISSING-SUBMISSION").isNotEqualTo(key);
        roster = List.of(JN);
        assertThat(keys().get("HB")).as("off the roster: UNKNOWN-AGENCY").isNotEqualTo(key);
        roster = List.of(new Agency("HB", "海滨街道办事处", List.of("海滨街道", "海滨"), "街道", "D"), JN);
        assertThat(keys().get("HB")).as("another alias: which files MISSING-SUBMISSION names").isNotEqualTo(key);
        roster = List.of(HB, JN);
        assertThat(keys().get("HB")).isEqualTo(key);
    }

    @Test
    void anUnusedFileCarryingTheNameOfAnAgencyThatMissesAYearIsKeyed() {
        report(HB, 2021, "hb21");   // misses 2020: MISSING-SUBMISSION names the unused files that carry its name
        report(JN, 2020, "jn20");
        report(JN, 2021, "jn21");   // misses no year
        Map<String, String> before = keys();

        unused = List.of(new Submission("in/海滨街道-2020年报.xlsx", "sha", 10, Instant.EPOCH),
                new Submission("in/江南街道-2020年报（旧）.xlsx", "sha2", 10, Instant.EPOCH),
                new Submission("in/说明.docx", "sha3", 10, Instant.EPOCH));
        Map<String, String> after = keys();
        assertThat(after.get("HB")).isNotEqualTo(before.get("HB"));
        assertThat(after.get("JN")).isEqualTo(before.get("JN"));

        unused = List.of(new Submission("in/说明.docx", "sha3", 10, Instant.EPOCH));
        assertThat(keys().get("HB")).isEqualTo(before.get("HB"));
    }
}
