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
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import cn.nianbao.nightly.NightlyDatabase.Kind;

/**
 * kill -9 in the middle of a run, then the same command again: the run resumes (a Spring Batch restart
 * of the same job instance) and its outputs are those of a run that was never interrupted on the same kind of
 * database. Each scenario runs on H2's default file and on PostgreSQL.
 */
class RestartAfterCrashTest {

    /** Small chunks so a kill in the ingest step leaves some files committed and one chunk in flight. */
    private static final String SMALL_CHUNKS = "--nianbao.ingest.chunk-size=2";

    /** A bound against a hang, never an expectation of speed. */
    private static final Duration HANG = Duration.ofMinutes(4);

    @TempDir
    static Path tmp;

    /** A run that was never interrupted, and its database. */
    private record Clean(Path out, NightlyDatabase db) {
    }

    private static final Map<Kind, Clean> CLEAN = new EnumMap<>(Kind.class);

    private static synchronized Clean cleanRun(Kind kind) throws Exception {
        Clean clean = CLEAN.get(kind);
        if (clean == null) {
            Path dir = tmp.resolve("clean-" + kind);
            Path job = NightlyFixtures.jobFolder(dir);
            NightlyDatabase db = NightlyDatabase.of(kind, dir.resolve("out"));
            NianbaoProcess p = NianbaoProcess.run(db.args("consolidate", "--job", job.toString(), SMALL_CHUNKS));
            assertThat(p.exitCode()).as(p.output()).isZero();
            clean = new Clean(dir.resolve("out"), db);
            CLEAN.put(kind, clean);
        }
        return clean;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void killedMidIngestResumesAndMatchesACleanRun(Kind kind) throws Exception {
        Clean clean = cleanRun(kind);
        Path job = NightlyFixtures.jobFolder(tmp.resolve("ingest-" + kind));
        Path out = tmp.resolve("ingest-" + kind + "/out");
        NightlyDatabase db = NightlyDatabase.of(kind, out);
        NianbaoProcess crashed = NianbaoProcess.start(db.args("consolidate", "--job", job.toString(), SMALL_CHUNKS,
                "--nianbao.test.pause-after=ingest:5"));
        crashed.awaitPause(HANG);
        crashed.kill();
        try (Connection c = db.connect()) {
            // Three chunks of two were committed before the kill; the fourth was in flight and rolled back.
            assertThat(count(c, "SELECT COUNT(*) FROM nb_run_file")).isEqualTo(6);
            assertThat(rows(c, "SELECT STATUS FROM BATCH_JOB_EXECUTION")).containsExactly("STARTED");
            assertThat(count(c, "SELECT COUNT(*) FROM nb_job_lock")).as("the dead run's lock is still there").isEqualTo(1);
        }

        NianbaoProcess restarted = NianbaoProcess.run(db.args("consolidate", "--job", job.toString(), SMALL_CHUNKS));
        assertThat(restarted.exitCode()).as(restarted.output()).isZero();
        assertThat(restarted.stdout()).contains("续跑").contains("跳过这些文件");

        assertOneInstanceRestartedOnce(db, clean.db());
        assertSameOutputs(clean.out(), out);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void killedMidPublishResumesAndMatchesACleanRun(Kind kind) throws Exception {
        Clean clean = cleanRun(kind);
        Path job = NightlyFixtures.jobFolder(tmp.resolve("publish-" + kind));
        Path out = tmp.resolve("publish-" + kind + "/out");
        NightlyDatabase db = NightlyDatabase.of(kind, out);
        NianbaoProcess crashed = NianbaoProcess.start(db.args("consolidate", "--job", job.toString(), SMALL_CHUNKS,
                "--nianbao.test.pause-after=publish:2"));
        crashed.awaitPause(HANG);
        crashed.kill();
        assertThat(out.resolve("facts.csv")).exists();
        assertThat(out.resolve("run.json")).doesNotExist();

        NianbaoProcess restarted = NianbaoProcess.run(db.args("consolidate", "--job", job.toString(), SMALL_CHUNKS));
        assertThat(restarted.exitCode()).as(restarted.output()).isZero();

        assertOneInstanceRestartedOnce(db, clean.db());
        try (Connection c = db.connect()) {
            // ingest had completed before the kill: the restart did not run it again
            assertThat(rows(c, "SELECT s.STEP_NAME || ':' || s.STATUS FROM BATCH_STEP_EXECUTION s ORDER BY s.STEP_EXECUTION_ID"))
                    .containsExactly("ingest:COMPLETED", "validate:COMPLETED", "rollup:COMPLETED", "dispositions:COMPLETED",
                            "publish:FAILED", "publish:COMPLETED");
        }
        assertSameOutputs(clean.out(), out);
        try (var files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.contains(".tmp"));
        }
    }

    /** One job instance, two executions: the killed one marked FAILED with an end time, the restart COMPLETED. */
    private static void assertOneInstanceRestartedOnce(NightlyDatabase restartedDb, NightlyDatabase cleanDb) throws Exception {
        try (Connection db = restartedDb.connect(); Connection clean = cleanDb.connect()) {
            assertThat(count(db, "SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).isEqualTo(1);
            assertThat(rows(db, "SELECT STATUS || ':' || CASE WHEN END_TIME IS NULL THEN 'open' ELSE 'ended' END "
                    + "FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID"))
                    .containsExactly("FAILED:ended", "COMPLETED:ended");
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
