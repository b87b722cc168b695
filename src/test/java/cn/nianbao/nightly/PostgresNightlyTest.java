package cn.nianbao.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.NianbaoApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The V3 migration and the nightly SQL (lock, content reuse, history, purge) on a real PostgreSQL. */
class PostgresNightlyTest {

    @TempDir
    Path tmp;

    @Test
    void nightlyRunsAndPurgeWorkOnPostgres() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            String[] db = {"--spring.datasource.url=" + pg.getJdbcUrl("postgres", "postgres"), "--spring.datasource.username=postgres"};
            Path job = NightlyFixtures.jobFolder(tmp);
            assertThat(run(job, db)).isZero();
            IncrementalRerunTest.touchAll(tmp.resolve("in"));
            assertThat(run(job, db)).isZero();
            String runJson = Files.readString(tmp.resolve("out/run.json"), StandardCharsets.UTF_8);
            assertThat(runJson).contains("\"files_parsed\": 0,").contains("\"files_reused\": 13");
            assertThat(NianbaoApplication.run(new String[] {"purge", "--older-than", "0d", "--job", "licheng-2020", db[0], db[1]}))
                    .isZero();
        }
    }

    private static int run(Path job, String[] db) {
        return NianbaoApplication.run(new String[] {"consolidate", "--job", job.toString(), db[0], db[1]});
    }
}
