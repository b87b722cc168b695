package cn.nianbao.nightly;

import static cn.nianbao.nightly.NightlyFixtures.assertSameOutputs;
import static cn.nianbao.nightly.NightlyFixtures.count;
import static cn.nianbao.nightly.NightlyFixtures.packedDatapoints;
import static cn.nianbao.nightly.NightlyFixtures.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of a run, then the same command again: the run resumes (a Spring Batch restart
 * of the same job instance) and its outputs are those of a run that was never interrupted.
 */
class RestartAfterCrashTest {

    /** Small chunks so a kill in the ingest step leaves some files committed and one chunk in flight. */
    private static final String SMALL_CHUNKS = "--nianbao.ingest.chunk-size=2";

    @TempDir
    static Path tmp;
    static Path cleanOut;

    @BeforeAll
    static void cleanRun() throws Exception {
        Path job = NightlyFixtures.jobFolder(tmp.resolve("clean"));
        NianbaoProcess p = NianbaoProcess.run("consolidate", "--job", job.toString(), SMALL_CHUNKS);
        assertThat(p.exitCode()).as(p.output()).isZero();
        cleanOut = tmp.resolve("clean/out");
    }

    @Test
    void killedMidIngestResumesAndMatchesACleanRun() throws Exception {
        Path job = NightlyFixtures.jobFolder(tmp.resolve("ingest"));
        Path out = tmp.resolve("ingest/out");
        NianbaoProcess crashed = NianbaoProcess.start("consolidate", "--job", job.toString(), SMALL_CHUNKS,
                "--nianbao.test.pause-after=ingest:5");
        crashed.awaitPause(Duration.ofSeconds(60));
        crashed.kill();
        try (Connection db = NightlyFixtures.database(out)) {
            // Three chunks of two were committed before the kill; the fourth was in flight and rolled back.
            assertThat(count(db, "SELECT COUNT(*) FROM nb_run_file")).isEqualTo(6);
            assertThat(rows(db, "SELECT STATUS FROM BATCH_JOB_EXECUTION")).containsExactly("STARTED");
        }

        NianbaoProcess restarted = NianbaoProcess.run("consolidate", "--job", job.toString(), SMALL_CHUNKS);
        assertThat(restarted.exitCode()).as(restarted.output()).isZero();
        assertThat(restarted.stdout()).contains("续跑").contains("跳过这些文件");

        assertOneInstanceRestartedOnce(out);
        assertSameOutputs(cleanOut, out);
    }

    @Test
    void killedMidPublishResumesAndMatchesACleanRun() throws Exception {
        Path job = NightlyFixtures.jobFolder(tmp.resolve("publish"));
        Path out = tmp.resolve("publish/out");
        NianbaoProcess crashed = NianbaoProcess.start("consolidate", "--job", job.toString(), SMALL_CHUNKS,
                "--nianbao.test.pause-after=publish:2");
        crashed.awaitPause(Duration.ofSeconds(60));
        crashed.kill();
        assertThat(out.resolve("facts.csv")).exists();
        assertThat(out.resolve("run.json")).doesNotExist();

        NianbaoProcess restarted = NianbaoProcess.run("consolidate", "--job", job.toString(), SMALL_CHUNKS);
        assertThat(restarted.exitCode()).as(restarted.output()).isZero();

        assertOneInstanceRestartedOnce(out);
        try (Connection db = NightlyFixtures.database(out)) {
            // ingest had completed before the kill: the restart did not run it again
            assertThat(rows(db, "SELECT s.STEP_NAME || ':' || s.STATUS FROM BATCH_STEP_EXECUTION s ORDER BY s.STEP_EXECUTION_ID"))
                    .containsExactly("ingest:COMPLETED", "validate:COMPLETED", "rollup:COMPLETED", "publish:FAILED",
                            "publish:COMPLETED");
        }
        assertSameOutputs(cleanOut, out);
        try (var files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.contains(".tmp"));
        }
    }

    /** One job instance, two executions: the killed one marked FAILED with an end time, the restart COMPLETED. */
    private static void assertOneInstanceRestartedOnce(Path out) throws Exception {
        try (Connection db = NightlyFixtures.database(out); Connection clean = NightlyFixtures.database(cleanOut)) {
            assertThat(count(db, "SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).isEqualTo(1);
            assertThat(rows(db, "SELECT STATUS || ':' || (END_TIME IS NOT NULL) FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID"))
                    .containsExactly("FAILED:TRUE", "COMPLETED:TRUE");
            assertThat(count(db, "SELECT COUNT(*) FROM nb_job_lock")).isZero();
            // no file stored twice or lost, and the same datapoints as the clean run
            String files = "SELECT COUNT(*) FROM nb_run_file";
            assertThat(count(db, files)).isEqualTo(count(clean, files)).isEqualTo(13);
            // (each report's datapoints are one row keyed by its file's hash and its part)
            String points = "SELECT v.sha256, v.part, v.datapoints FROM nb_report_content v JOIN nb_run_file f ON f.sha256 = v.sha256 "
                    + "AND f.part = v.part AND f.accepted";
            assertThat(packedDatapoints(db, points)).hasSameSizeAs(packedDatapoints(clean, points)).isNotEmpty();
            List<String> all = packedDatapoints(db, "SELECT sha256, part, datapoints FROM nb_report_content");
            assertThat(all).doesNotHaveDuplicates();
            assertThat(new HashSet<>(all)).isEqualTo(new HashSet<>(packedDatapoints(clean,
                    "SELECT sha256, part, datapoints FROM nb_report_content")));
            assertThat(count(db, "SELECT COUNT(*) FROM nb_file_content")).isEqualTo(count(clean, "SELECT COUNT(*) FROM nb_file_content"));
        }
    }
}
