package cn.nianbao.nightly;

import static cn.nianbao.nightly.NightlyFixtures.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.NianbaoApplication;

/**
 * purge on a real H2 database: two runs of a job (the second after one file changed) and one run of
 * another job, all ended 100 days ago. Only the first run of the first job goes, with the content and
 * the superseded history row only it referenced; each job's latest completed run stays; --job limits it.
 */
class PurgeTest {

    @TempDir
    Path tmp;

    @Test
    void deletesOldRunsButKeepsTheLatestCompletedRunOfEachJobAndWhatItReferences() throws Exception {
        Path job = NightlyFixtures.jobFile(tmp, "licheng-2020", "out");
        Path otherJob = NightlyFixtures.jobFile(tmp, "other-2020", "out-other");
        Path out = tmp.resolve("out");
        assertThat(run("consolidate", "--job", job.toString())).isZero();
        String[] fact = IncrementalRerunTest.factOf(out, "海滨街道-2020年报.xlsx");
        IncrementalRerunTest.changeCell(tmp.resolve("in/海滨街道-2020年报.xlsx"), fact[9], fact[10],
                new BigDecimal(fact[5]).add(BigDecimal.ONE));
        assertThat(run("consolidate", "--job", job.toString())).isZero();
        assertThat(run("consolidate", "--job", otherJob.toString())).isZero();

        try (Connection db = NightlyFixtures.database(out); Statement s = db.createStatement()) {
            assertThat(count(db, "SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).isEqualTo(3);
            assertThat(count(db, "SELECT COUNT(*) FROM nb_file_content")).isEqualTo(14);
            assertThat(count(db, "SELECT COUNT(*) FROM nb_report_content")).isEqualTo(14);
            assertThat(count(db, "SELECT COUNT(*) FROM nb_submission_version")).isEqualTo(14 + 13);
            // every run a hundred days older, as the database's clock recorded their times
            s.executeUpdate("UPDATE nb_run_definition SET started_at = DATEADD('DAY', -100, started_at), "
                    + "ended_at = DATEADD('DAY', -100, ended_at)");
        }

        // too young: nothing goes
        assertThat(run("purge", "--older-than", "120d", "--out", out.toString())).isZero();
        // limited to the other job, whose only run is its latest: nothing goes
        assertThat(run("purge", "--older-than", "90d", "--job", "other-2020", "--out", out.toString())).isZero();
        try (Connection db = NightlyFixtures.database(out)) {
            assertThat(count(db, "SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).isEqualTo(3);
        }

        assertThat(run("purge", "--older-than", "90d", "--job", job.toString())).isZero();
        try (Connection db = NightlyFixtures.database(out)) {
            // the job repository: one run of each job left, every child row of the deleted one gone
            assertThat(count(db, "SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).isEqualTo(2);
            assertThat(count(db, "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")).isEqualTo(2);
            assertThat(count(db, "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION_CONTEXT")).isEqualTo(2);
            assertThat(count(db, "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION_PARAMS WHERE PARAMETER_NAME = 'job.name'")).isEqualTo(2);
            assertThat(count(db, "SELECT COUNT(*) FROM BATCH_STEP_EXECUTION")).isEqualTo(8);
            assertThat(count(db, "SELECT COUNT(*) FROM BATCH_STEP_EXECUTION_CONTEXT")).isEqualTo(8);
            // nianbao's rows: only the kept runs'
            assertThat(count(db, "SELECT COUNT(DISTINCT job_instance_id) FROM nb_run_file")).isEqualTo(2);
            assertThat(count(db, "SELECT COUNT(*) FROM nb_finding WHERE job_instance_id NOT IN (SELECT JOB_INSTANCE_ID FROM BATCH_JOB_INSTANCE)"))
                    .isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM nb_summary WHERE job_instance_id NOT IN (SELECT JOB_INSTANCE_ID FROM BATCH_JOB_INSTANCE)"))
                    .isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM nb_finding")).isPositive();
            // the original 海滨 workbook was only the purged run's: its content and superseded history row go
            assertThat(count(db, "SELECT COUNT(*) FROM nb_file_content")).isEqualTo(13);
            assertThat(count(db, "SELECT COUNT(*) FROM nb_report_content")).isEqualTo(13);
            assertThat(count(db, "SELECT COUNT(*) FROM nb_submission_version WHERE superseded_by IS NOT NULL")).isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM nb_submission_version")).isEqualTo(13 + 13);
        }

        // without --job: both remaining runs are their job's latest completed run, so both stay
        assertThat(run("purge", "--older-than", "90d", "--out", out.toString())).isZero();
        try (Connection db = NightlyFixtures.database(out)) {
            assertThat(count(db, "SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).isEqualTo(2);
        }
    }

    private static int run(String... args) {
        return NianbaoApplication.run(args);
    }
}
