package cn.nianbao.nightly;

import static cn.nianbao.nightly.NightlyFixtures.count;
import static cn.nianbao.nightly.NightlyFixtures.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes on one (default, H2 file) database: a second run of the same job is refused with exit
 * 3 and a Chinese message (or waits with --nianbao.lock.wait), the first is unharmed, and another job
 * runs alongside.
 */
class OneRunPerJobTest {

    @TempDir
    Path tmp;

    @Test
    void aSecondRunOfTheSameJobIsRefusedOrWaitsAndAnotherJobRunsAlongside() throws Exception {
        Path job = NightlyFixtures.jobFile(tmp, "licheng-2020", "out");
        Path otherJob = NightlyFixtures.jobFile(tmp, "other-2020", "out-other");

        NianbaoProcess first = NianbaoProcess.start("consolidate", "--job", job.toString(),
                "--nianbao.ingest.chunk-size=2", "--nianbao.test.pause-after=ingest:2", "--nianbao.test.pause-for=PT25S");
        first.awaitPause(Duration.ofSeconds(60));

        NianbaoProcess refused = NianbaoProcess.start("consolidate", "--job", job.toString());
        NianbaoProcess waiting = NianbaoProcess.start("consolidate", "--job", job.toString(), "--nianbao.lock.wait=PT2M");
        NianbaoProcess other = NianbaoProcess.start("consolidate", "--job", otherJob.toString());

        assertThat(refused.waitFor(Duration.ofSeconds(60))).as(refused.output()).isEqualTo(3);
        assertThat(refused.stderr()).contains("作业「licheng-2020」正在运行").contains("同一作业同一时间只能运行一次")
                .doesNotContain("Database may be already in use");
        assertThat(other.waitFor(Duration.ofSeconds(90))).as(other.output()).isZero();

        assertThat(first.waitFor(Duration.ofSeconds(90))).as(first.output()).isZero();
        assertThat(waiting.waitFor(Duration.ofSeconds(90))).as(waiting.output()).isZero();
        // it waited for the first, then found the same inputs already consolidated
        assertThat(waiting.stdout()).contains("最多等待").contains("输入与上次运行完全相同");

        try (Connection db = NightlyFixtures.database(tmp.resolve("out"))) {
            assertThat(count(db, "SELECT COUNT(*) FROM nb_job_lock")).isZero();
            assertThat(rows(db, "SELECT p.PARAMETER_VALUE || ':' || e.STATUS FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_EXECUTION_PARAMS p "
                    + "ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'job.name' ORDER BY 1"))
                    .containsExactly("licheng-2020:COMPLETED", "other-2020:COMPLETED");
            assertThat(count(db, "SELECT COUNT(*) FROM nb_run_file")).isEqualTo(26);
        }
    }
}
