package cn.nianbao.nightly;

import static cn.nianbao.nightly.NightlyFixtures.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose process died (kill -9) and whose job never ran again stays STARTED in the job repository forever; purge
 * removes it, with every row it stored, once it started longer ago than the retention, and not before.
 */
class PurgeUnfinishedRunTest {

    @TempDir
    Path tmp;

    @Test
    void aRunLeftStartedLongerThanTheRetentionIsPurged() throws Exception {
        Path job = NightlyFixtures.jobFolder(tmp);
        Path out = tmp.resolve("out");
        NianbaoProcess killed = NianbaoProcess.start("consolidate", "--job", job.toString(), "--nianbao.ingest.chunk-size=2",
                "--nianbao.test.pause-after=ingest:4", "--nianbao.test.pause-for=PT1M");
        killed.awaitPause(Duration.ofMinutes(2));
        killed.kill();
        try (Connection db = NightlyFixtures.database(out)) {
            assertThat(count(db, "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'STARTED' AND END_TIME IS NULL")).isEqualTo(1);
            assertThat(count(db, "SELECT COUNT(*) FROM nb_run_file")).isEqualTo(4);
        }

        NianbaoProcess young = NianbaoProcess.run("purge", "--older-than", "90d", "--job", job.toString());
        assertThat(young.exitCode()).as(young.output()).isZero();
        try (Connection db = NightlyFixtures.database(out); Statement s = db.createStatement()) {
            assertThat(count(db, "SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).as("started today: kept").isEqualTo(1);
            s.executeUpdate("UPDATE nb_run_definition SET started_at = DATEADD('DAY', -100, started_at)");
        }

        NianbaoProcess old = NianbaoProcess.run("purge", "--older-than", "90d", "--job", job.toString());
        assertThat(old.exitCode()).as(old.output()).isZero();
        assertThat(old.stdout()).contains("已清理 1 次运行");
        try (Connection db = NightlyFixtures.database(out)) {
            for (String table : java.util.List.of("BATCH_JOB_INSTANCE", "BATCH_JOB_EXECUTION", "BATCH_STEP_EXECUTION", "nb_run_file",
                    "nb_finding", "nb_run_definition", "nb_run_unit", "nb_file_content", "nb_report_content", "nb_job_lock")) {
                assertThat(count(db, "SELECT COUNT(*) FROM " + table)).as(table).isZero();
            }
        }
    }
}
