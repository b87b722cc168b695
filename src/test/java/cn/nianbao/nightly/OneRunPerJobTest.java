package cn.nianbao.nightly;

import static cn.nianbao.nightly.NightlyFixtures.count;
import static cn.nianbao.nightly.NightlyFixtures.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two processes on one database (H2's default file, or PostgreSQL): while a run of a job holds its lock, a second
 * run of the same job is refused with exit 3 and a Chinese message, or waits with --nianbao.lock.wait and then
 * finds the inputs consolidated; another job runs alongside. The first run is held at a known point (after two
 * files) until the test lets it go, so nothing depends on how fast the other processes start.
 */
class OneRunPerJobTest {

    /** A bound against a hang, never an expectation of speed. */
    private static final Duration HANG = Duration.ofMinutes(4);

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(NightlyDatabase.Kind.class)
    void aSecondRunOfTheSameJobIsRefusedOrWaitsAndAnotherJobRunsAlongside(NightlyDatabase.Kind kind) throws Exception {
        Path job = NightlyFixtures.jobFile(tmp, "licheng-2020", "out");
        Path otherJob = NightlyFixtures.jobFile(tmp, "other-2020", "out-other");
        NightlyDatabase db = NightlyDatabase.of(kind, tmp.resolve("out"));
        Path release = tmp.resolve("release-the-first-run");

        NianbaoProcess first = NianbaoProcess.start(db.args("consolidate", "--job", job.toString(),
                "--nianbao.ingest.chunk-size=2", "--nianbao.test.pause-after=ingest:2", "--nianbao.test.pause-until=" + release));
        first.awaitPause(HANG);
        try (Connection c = db.connect()) {
            assertThat(rows(c, "SELECT job_name FROM nb_job_lock")).containsExactly("licheng-2020");
        }

        NianbaoProcess refused = NianbaoProcess.start(db.args("consolidate", "--job", job.toString()));
        assertThat(refused.waitFor(HANG)).as(refused.output()).isEqualTo(3);
        assertThat(refused.stderr()).contains("作业「licheng-2020」正在运行").contains("同一作业同一时间只能运行一次")
                .doesNotContain("Database may be already in use");

        // another job is not held up by the first one's lock
        NianbaoProcess other = NianbaoProcess.start(db.args("consolidate", "--job", otherJob.toString()));
        assertThat(other.waitFor(HANG)).as(other.output()).isZero();

        NianbaoProcess waiting = NianbaoProcess.start(db.args("consolidate", "--job", job.toString(), "--nianbao.lock.wait=PT10M"));
        waiting.awaitOutput("最多等待", HANG);
        assertThat(first.stdout()).as("the first run is still held").doesNotContain("读取完成");

        Files.createFile(release);
        assertThat(first.waitFor(HANG)).as(first.output()).isZero();
        assertThat(waiting.waitFor(HANG)).as(waiting.output()).isZero();
        // it waited for the first, then found the same inputs already consolidated
        assertThat(waiting.stdout()).contains("输入与上次运行完全相同");

        try (Connection c = db.connect()) {
            assertThat(count(c, "SELECT COUNT(*) FROM nb_job_lock")).isZero();
            assertThat(rows(c, "SELECT p.PARAMETER_VALUE || ':' || e.STATUS FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_EXECUTION_PARAMS p "
                    + "ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'job.name' ORDER BY 1"))
                    .containsExactly("licheng-2020:COMPLETED", "other-2020:COMPLETED");
            assertThat(count(c, "SELECT COUNT(*) FROM nb_run_file")).isEqualTo(13 + 13);
        }
    }
}
