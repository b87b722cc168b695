package cn.nianbao.nightly;

import static cn.nianbao.nightly.NightlyFixtures.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.testing.CsvFiles;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Machines sharing one database, in different time zones and with clocks minutes apart (nianbao.clock.offset). A
 * live run's lock is not taken over by a machine whose local time makes its heartbeat look old, and a city picks
 * the district run that completed last even when the machine that ran it is hours behind in local time.
 *
 * <p>The district runs first on a machine in Shanghai (UTC+8), then, with one figure changed, on a machine in Los
 * Angeles (UTC−8): in each machine's local time the second run ended sixteen hours before the first. While the second
 * runs, a Shanghai machine whose clock is three minutes fast tries to run the same job with a one-minute stale limit.
 */
class TwoTimeZonesTest {

    private static final Map<String, String> SHANGHAI = Map.of("TZ", "Asia/Shanghai");
    private static final Map<String, String> LOS_ANGELES = Map.of("TZ", "America/Los_Angeles");

    @TempDir
    Path tmp;

    @Test
    void onH2() throws Exception {
        twoMachines(List.of(), () -> NightlyFixtures.database(tmp.resolve("out")));
    }

    @Test
    void onPostgres() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            twoMachines(List.of("--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                    "--spring.datasource.password=postgres"), () -> DriverManager.getConnection(url, "postgres", "postgres"));
        }
    }

    interface Database {
        Connection open() throws Exception;
    }

    private void twoMachines(List<String> db, Database database) throws Exception {
        Path district = NightlyFixtures.jobFile(tmp, "licheng-2020", "out");
        Path city = tmp.resolve("city.yml");
        Files.writeString(city, "name: quanzhou-2020\nyear: 2020\nfrom-jobs: [licheng-2020]\noutput: out-city\n", StandardCharsets.UTF_8);

        NianbaoProcess first = NianbaoProcess.start(SHANGHAI, args(db, "consolidate", "--job", district.toString()));
        assertThat(first.waitFor(Duration.ofMinutes(3))).as(first.output()).isZero();

        String[] fact = IncrementalRerunTest.factOf(tmp.resolve("out"), "海滨街道-2020年报.xlsx");
        BigDecimal changed = new BigDecimal(fact[5]).add(BigDecimal.TEN);
        IncrementalRerunTest.changeCell(tmp.resolve("in/海滨街道-2020年报.xlsx"), fact[9], fact[10], changed);

        NianbaoProcess second = NianbaoProcess.start(LOS_ANGELES, args(db, "consolidate", "--job", district.toString(),
                "--nianbao.ingest.chunk-size=2", "--nianbao.test.pause-after=ingest:2", "--nianbao.test.pause-for=PT20S"));
        second.awaitPause(Duration.ofMinutes(2));
        NianbaoProcess skewed = NianbaoProcess.start(SHANGHAI, args(db, "consolidate", "--job", district.toString(),
                "--nianbao.clock.offset=PT3M", "--nianbao.lock.stale-after=PT1M"));
        assertThat(skewed.waitFor(Duration.ofMinutes(2))).as(skewed.output()).isEqualTo(3);
        assertThat(skewed.stderr()).contains("作业「licheng-2020」正在运行");
        assertThat(second.waitFor(Duration.ofMinutes(3))).as(second.output()).isZero();
        assertThat(second.stdout()).doesNotContain("已接管").doesNotContain("已被其他进程接管");

        NianbaoProcess rollup = NianbaoProcess.start(SHANGHAI, args(db, "consolidate", "--job", city.toString()));
        assertThat(rollup.waitFor(Duration.ofMinutes(2))).as(rollup.output()).isZero();

        // the city holds the Los Angeles run's figure: the one that completed last
        List<Map<String, String>> facts = CsvFiles.rows(tmp.resolve("out-city/facts.csv"));
        assertThat(facts).filteredOn(f -> f.get("source_file").endsWith("海滨街道-2020年报.xlsx") && f.get("datapoint").equals(fact[4]))
                .extracting(f -> new BigDecimal(f.get("value"))).singleElement()
                .satisfies(v -> assertThat(v).isEqualByComparingTo(changed));
        try (Connection c = database.open(); Statement s = c.createStatement()) {
            assertThat(count(c, "SELECT COUNT(*) FROM nb_job_lock")).isZero();
            // the run the city took is the second, whatever local times the two machines wrote
            assertThat(count(c, "SELECT source_instance_id FROM nb_run_source")).isEqualTo(
                    count(c, "SELECT MAX(job_instance_id) FROM nb_run_definition WHERE job_name = 'licheng-2020'"));
        }
    }

    private static String[] args(List<String> db, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(db);
        return all.toArray(String[]::new);
    }
}
