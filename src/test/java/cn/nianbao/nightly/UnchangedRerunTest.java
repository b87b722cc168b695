package cn.nianbao.nightly;

import static cn.nianbao.nightly.NightlyFixtures.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.NianbaoApplication;

/**
 * A run whose files are content-identical to the job's previous completed run takes over that run's findings
 * and roll-up rows (copied, not recomputed): shown by marking the previous run's rows, which only a copy
 * carries over. Another run stored in between (history the checks across years may read) makes validate
 * look at each report and agency: each report's own checks, which read no history, are copied, and so are an agency's
 * checks across reports where the history it looks up is unchanged (AgencyReuseNightTest); a changed file makes its
 * own checks and those across reports recompute, and moves the stored sums by its difference.
 */
class UnchangedRerunTest {

    @TempDir
    Path tmp;

    @Test
    void identicalInputsCopyThePreviousRunsRowsAndAnyChangeRecomputes() throws Exception {
        Path job = NightlyFixtures.jobFile(tmp, "licheng-2020", "out");
        Path otherJob = NightlyFixtures.jobFile(tmp, "other-2020", "out-other");
        Path in = tmp.resolve("in");
        Path out = tmp.resolve("out");
        assertThat(run(job)).isZero();
        byte[] facts = Files.readAllBytes(out.resolve("facts.csv"));
        long validateFindings;
        long summaryRows;
        try (Connection db = NightlyFixtures.database(out); Statement s = db.createStatement()) {
            validateFindings = count(db, "SELECT COUNT(*) FROM nb_finding WHERE stage = 'VALIDATE'");
            summaryRows = count(db, "SELECT COUNT(*) FROM nb_summary");
            assertThat(validateFindings).isPositive();
            assertThat(summaryRows).isPositive();
            s.executeUpdate("UPDATE nb_finding SET message = 'MARK' WHERE stage = 'VALIDATE'");
            s.executeUpdate("UPDATE nb_summary SET num_value = num_value + 1000");
        }

        // the same bytes copied again (new modification times): a new run that copies the marked rows
        IncrementalRerunTest.touchAll(in);
        assertThat(run(job)).isZero();
        assertThat(Files.readAllBytes(out.resolve("facts.csv"))).isEqualTo(facts);
        assertThat(Files.readString(out.resolve("exceptions.csv"))).contains("MARK");
        try (Connection db = NightlyFixtures.database(out)) {
            long second = count(db, "SELECT MAX(job_instance_id) FROM nb_run_file");
            assertThat(count(db, "SELECT COUNT(*) FROM nb_finding WHERE stage = 'VALIDATE' AND message = 'MARK' "
                    + "AND job_instance_id = " + second)).isEqualTo(validateFindings);
            assertThat(count(db, "SELECT COUNT(*) FROM nb_summary WHERE job_instance_id = " + second)).isEqualTo(summaryRows);
            assertThat(count(db, "SELECT COUNT(*) FROM nb_summary a JOIN nb_summary b ON b.unit_code = a.unit_code "
                    + "AND b.report_year = a.report_year AND b.datapoint_id = a.datapoint_id AND b.num_value = a.num_value "
                    + "WHERE a.job_instance_id = 1 AND b.job_instance_id = " + second)).isEqualTo(summaryRows);
            assertThat(count(db, "SELECT COUNT(*) FROM nb_run_basis")).isEqualTo(2);
        }

        // another job stores a run: the history the checks across years see may differ, so validate does not copy the
        // run's findings whole; each report's own findings are copied (the marked ones)
        assertThat(run(otherJob)).isZero();
        IncrementalRerunTest.touchAll(in);
        assertThat(run(job)).isZero();
        long ownFindings;
        try (Connection db = NightlyFixtures.database(out)) {
            long fourth = count(db, "SELECT MAX(job_instance_id) FROM nb_run_file");
            ownFindings = count(db, "SELECT COUNT(*) FROM nb_finding WHERE report_key IS NOT NULL AND job_instance_id = 1");
            assertThat(ownFindings).isPositive(); // (the samples' findings are all within one report)
            assertThat(count(db, "SELECT COUNT(*) FROM nb_finding WHERE stage = 'VALIDATE' AND job_instance_id = " + fourth))
                    .isEqualTo(validateFindings);
            assertThat(count(db, "SELECT COUNT(*) FROM nb_finding WHERE message = 'MARK' AND report_key IS NULL "
                    + "AND job_instance_id = " + fourth)).isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM nb_finding WHERE message = 'MARK' AND report_key IS NOT NULL "
                    + "AND job_instance_id = " + fourth)).isEqualTo(ownFindings);
        }

        // a changed file: its own findings and those across reports recomputed, the other reports' own copied; the
        // stored (marked) sums moved by the one cell's change, +1, in each unit
        String[] fact = IncrementalRerunTest.factOf(out, "海滨街道-2020年报.xlsx");
        IncrementalRerunTest.changeCell(in.resolve("海滨街道-2020年报.xlsx"), fact[9], fact[10], new BigDecimal(fact[5]).add(BigDecimal.ONE));
        long changedOwn;
        try (Connection db = NightlyFixtures.database(out); Statement s = db.createStatement()) {
            s.executeUpdate("UPDATE nb_summary SET num_value = num_value + 1000");
            s.executeUpdate("UPDATE nb_finding SET message = 'MARK' WHERE stage = 'VALIDATE'");
            changedOwn = count(db, "SELECT COUNT(*) FROM nb_finding WHERE report_key IS NOT NULL AND job_instance_id = 1 "
                    + "AND source_file = '海滨街道-2020年报.xlsx'");
        }
        assertThat(run(job)).isZero();
        try (Connection db = NightlyFixtures.database(out)) {
            long fifth = count(db, "SELECT MAX(job_instance_id) FROM nb_run_file");
            assertThat(count(db, "SELECT COUNT(*) FROM nb_finding WHERE message = 'MARK' AND job_instance_id = " + fifth))
                    .isEqualTo(ownFindings - changedOwn);
            assertThat(count(db, "SELECT COUNT(*) FROM nb_finding WHERE message = 'MARK' AND job_instance_id = " + fifth
                    + " AND (report_key IS NULL OR source_file = '海滨街道-2020年报.xlsx')")).isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM nb_summary WHERE job_instance_id = " + fifth)).isEqualTo(summaryRows);
            String pairs = "FROM nb_summary a JOIN nb_summary b ON b.unit_code = a.unit_code AND b.report_year = a.report_year "
                    + "AND b.datapoint_id = a.datapoint_id WHERE a.job_instance_id = " + (fifth - 1) + " AND b.job_instance_id = " + fifth;
            assertThat(count(db, "SELECT COUNT(*) " + pairs + " AND b.num_value = a.num_value + 1 AND b.datapoint_id = '" + fact[4] + "'"))
                    .as("the changed datapoint, in the district and the city").isEqualTo(2);
            assertThat(count(db, "SELECT COUNT(*) " + pairs + " AND b.num_value <> a.num_value AND b.num_value <> a.num_value + 1"))
                    .isZero();
        }
        assertThat(Files.readString(out.resolve("exceptions.csv"))).contains("MARK");
    }

    private static int run(Path job) {
        return NianbaoApplication.run(new String[] {"consolidate", "--job", job.toString()});
    }
}
