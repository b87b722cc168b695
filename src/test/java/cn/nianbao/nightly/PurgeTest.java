package cn.nianbao.nightly;

import static cn.nianbao.nightly.NightlyFixtures.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import cn.nianbao.NianbaoApplication;
import cn.nianbao.nightly.NightlyDatabase.Kind;
import cn.nianbao.testing.CsvFiles;
import cn.nianbao.testing.ExceptionWorkbooks;

/**
 * purge on H2 and on PostgreSQL: two runs of a job (the second after one file changed and an auditor decided on a
 * finding) and one run of another job, all ended 100 days ago. Only the first run of the first job goes, with the content and the superseded history
 * row only it referenced; each job's latest completed run stays; --job limits it. Every table's row count before
 * and after is given in {@link #expectedRows}, worked out from what the test ran.
 */
class PurgeTest {

    /** What the test ran: the 2020 sample district, 13 workbooks, the job file's 2 units. */
    private static final int WORKBOOKS = 13;
    private static final int UNITS = 2;
    /** A district run's job parameters (job.name, fingerprint, job.file, input, output, year, started, forced) and steps. */
    private static final int PARAMETERS = 8;
    private static final int STEPS = 5;
    /** Three runs; the first run of licheng-2020 is the one purged. */
    private static final int RUNS = 3;

    @TempDir
    Path tmp;

    /**
     * Rows per table before the purge and after it. Every table of the schema must be here (a new table makes this
     * test fail until its rows are accounted for). {@code findings} and {@code summaryRows} are each run's rows of
     * exceptions.csv and summary.csv, which the database holds per run.
     */
    private static Map<String, int[]> expectedRows(int[] findings, int summaryRows) {
        Map<String, int[]> rows = new LinkedHashMap<>();
        // the job repository: everything of one run goes
        rows.put("batch_job_instance", new int[] {RUNS, RUNS - 1});
        rows.put("batch_job_execution", new int[] {RUNS, RUNS - 1});
        rows.put("batch_job_execution_context", new int[] {RUNS, RUNS - 1});
        rows.put("batch_job_execution_params", new int[] {RUNS * PARAMETERS, (RUNS - 1) * PARAMETERS});
        rows.put("batch_step_execution", new int[] {RUNS * STEPS, (RUNS - 1) * STEPS});
        rows.put("batch_step_execution_context", new int[] {RUNS * STEPS, (RUNS - 1) * STEPS});
        // a run's own rows
        rows.put("nb_run_file", new int[] {RUNS * WORKBOOKS, (RUNS - 1) * WORKBOOKS});
        rows.put("nb_run_basis", new int[] {RUNS, RUNS - 1});
        rows.put("nb_run_definition", new int[] {RUNS, RUNS - 1});
        rows.put("nb_run_unit", new int[] {RUNS * (UNITS + WORKBOOKS), (RUNS - 1) * (UNITS + WORKBOOKS)}); // units + roster
        rows.put("nb_run_source", new int[] {0, 0});                                   // roll-up runs only
        // facts.csv, exceptions.xlsx and a workbook per unit
        rows.put("nb_output", new int[] {RUNS * (2 + UNITS), (RUNS - 1) * (2 + UNITS)});
        // where each report's rows lie in facts.csv
        rows.put("nb_output_piece", new int[] {RUNS * WORKBOOKS, (RUNS - 1) * WORKBOOKS});
        // the reports validate checked, for the next run to copy the findings of those unchanged
        rows.put("nb_checked_report", new int[] {RUNS * WORKBOOKS, (RUNS - 1) * WORKBOOKS});
        // and the agencies whose reports it checked across (one workbook each), for the same
        rows.put("nb_checked_agency", new int[] {RUNS * WORKBOOKS, (RUNS - 1) * WORKBOOKS});
        rows.put("nb_finding", new int[] {findings[0] + findings[1] + findings[2], findings[1] + findings[2]});
        rows.put("nb_summary", new int[] {RUNS * summaryRows, (RUNS - 1) * summaryRows});
        // each unit's roll-up includes every agency of the roster (all are under the district, which is under the city)
        rows.put("nb_summary_member", new int[] {RUNS * UNITS * WORKBOOKS, (RUNS - 1) * UNITS * WORKBOOKS});
        rows.put("nb_summary_unit", new int[] {RUNS * UNITS, (RUNS - 1) * UNITS});        // one year: a row per unit
        rows.put("nb_summary_previous", new int[] {0, 0});                               // no run has 2019's sums
        rows.put("nb_run_skipped", new int[] {0, 0});                                    // the input holds report files only
        // content by hash: the 13 workbooks and 海滨's first version, which only the purged run read
        rows.put("nb_file_content", new int[] {WORKBOOKS + 1, WORKBOOKS});
        rows.put("nb_report_content", new int[] {WORKBOOKS + 1, WORKBOOKS});             // one report each
        // history: licheng-2020's 13 + 海滨's new version, other-2020's 13; the superseded version goes with its content
        rows.put("nb_submission_version", new int[] {WORKBOOKS + 1 + WORKBOOKS, WORKBOOKS + WORKBOOKS});
        rows.put("nb_job_lock", new int[] {0, 0});
        // the decision an auditor made in the first run's exceptions.xlsx is the job's, not the run's: it stays
        rows.put("nb_disposition", new int[] {1, 1});
        return rows;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void deletesOldRunsButKeepsTheLatestCompletedRunOfEachJobAndWhatItReferences(Kind kind) throws Exception {
        Path job = NightlyFixtures.jobFile(tmp, "licheng-2020", "out");
        Path otherJob = NightlyFixtures.jobFile(tmp, "other-2020", "out-other");
        Path out = tmp.resolve("out");
        NightlyDatabase db = NightlyDatabase.of(kind, out);
        int[] findings = new int[RUNS];

        assertThat(run(db.args("consolidate", "--job", job.toString()))).isZero();
        findings[0] = CsvFiles.rows(out.resolve("exceptions.csv")).size();
        int summaryRows = CsvFiles.rows(out.resolve("summary.csv")).size();
        String decided = CsvFiles.rows(out.resolve("exceptions.csv")).get(0).get("fingerprint");
        ExceptionWorkbooks.decide(out.resolve("exceptions.xlsx"), "问题清单", decided, "待整改", "已通知该单位");
        String[] fact = IncrementalRerunTest.factOf(out, "海滨街道-2020年报.xlsx");
        IncrementalRerunTest.changeCell(tmp.resolve("in/海滨街道-2020年报.xlsx"), fact[9], fact[10],
                new BigDecimal(fact[5]).add(BigDecimal.ONE));
        assertThat(run(db.args("consolidate", "--job", job.toString()))).isZero();
        findings[1] = CsvFiles.rows(out.resolve("exceptions.csv")).size();
        assertThat(CsvFiles.rows(out.resolve("summary.csv"))).hasSize(summaryRows);
        assertThat(run(db.args("consolidate", "--job", otherJob.toString()))).isZero();
        findings[2] = CsvFiles.rows(tmp.resolve("out-other/exceptions.csv")).size();
        assertThat(CsvFiles.rows(tmp.resolve("out-other/summary.csv"))).hasSize(summaryRows);
        assertThat(java.util.Arrays.stream(findings).min().getAsInt()).as("each run has findings").isPositive();

        Map<String, int[]> expected = expectedRows(findings, summaryRows);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            assertThat(tables(c)).containsExactlyInAnyOrderElementsOf(expected.keySet());
            assertRows(c, expected, 0);
            // every run a hundred days older, as the database's clock recorded its times
            s.executeUpdate("UPDATE nb_run_definition SET started_at = started_at - INTERVAL '100' DAY, "
                    + "ended_at = ended_at - INTERVAL '100' DAY");
        }

        // too young: nothing goes
        assertThat(run(purge(db, out, "120d"))).isZero();
        // limited to the other job, whose only run is its latest: nothing goes
        assertThat(run(purge(db, out, "90d", "--job", "other-2020"))).isZero();
        try (Connection c = db.connect()) {
            assertRows(c, expected, 0);
        }

        assertThat(run(db.args("purge", "--older-than", "90d", "--job", job.toString()))).isZero();
        try (Connection c = db.connect()) {
            assertRows(c, expected, 1);
            // what stays is the kept runs' and nothing else
            assertThat(count(c, "SELECT COUNT(*) FROM nb_finding WHERE job_instance_id NOT IN (SELECT JOB_INSTANCE_ID FROM BATCH_JOB_INSTANCE)"))
                    .isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM nb_report_content WHERE sha256 NOT IN (SELECT sha256 FROM nb_run_file)")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM nb_submission_version WHERE superseded_by IS NOT NULL")).isZero();
        }

        assertThat(CsvFiles.rows(out.resolve("exceptions.csv"))).filteredOn(f -> f.get("fingerprint").equals(decided))
                .singleElement().satisfies(f -> assertThat(f.get("disposition")).isEqualTo("待整改"));

        // without --job: both remaining runs are their job's latest completed run, so both stay
        assertThat(run(purge(db, out, "90d"))).isZero();
        try (Connection c = db.connect()) {
            assertRows(c, expected, 1);
        }
    }

    /** purge with a database named: H2's default file by the output folder, PostgreSQL by its URL. */
    private static String[] purge(NightlyDatabase db, Path out, String age, String... more) {
        List<String> args = new ArrayList<>(List.of("purge", "--older-than", age));
        args.addAll(List.of(more));
        if (db.kind() == Kind.H2) {
            args.addAll(List.of("--out", out.toString()));
        }
        return db.args(args.toArray(String[]::new));
    }

    private static void assertRows(Connection c, Map<String, int[]> expected, int when) throws Exception {
        Map<String, Long> actual = new LinkedHashMap<>();
        Map<String, Long> wanted = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : expected.entrySet()) {
            actual.put(e.getKey(), count(c, "SELECT COUNT(*) FROM " + e.getKey()));
            wanted.put(e.getKey(), (long) e.getValue()[when]);
        }
        assertThat(actual).as(when == 0 ? "rows before the purge" : "rows after the purge").isEqualTo(wanted);
    }

    /** The schema's tables, lower case, but Flyway's own history. */
    private static List<String> tables(Connection c) throws Exception {
        TreeSet<String> names = new TreeSet<>();
        try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                if (schema != null && schema.equalsIgnoreCase("public")) {
                    names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        names.remove("flyway_schema_history");
        return new ArrayList<>(names);
    }

    private static int run(String... args) {
        return NianbaoApplication.run(args);
    }
}
