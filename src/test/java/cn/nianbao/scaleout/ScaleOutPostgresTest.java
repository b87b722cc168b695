package cn.nianbao.scaleout;

import cn.nianbao.testing.WorkbookCells;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.NianbaoApplication;
import cn.nianbao.nightly.NianbaoProcess;
import cn.nianbao.testing.CsvFiles;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Issue 5, part 3, shown: two district jobs run as two processes at the same time against one PostgreSQL server,
 * then the city job rolls up their stored runs without a workbook (the districts' input folders are deleted
 * first); its outputs equal those of one run over all the files (the union roster, both districts' files in one
 * folder) in another database.
 */
class ScaleOutPostgresTest {

    /** A bound against a hang, never an expectation of speed. */
    private static final Duration HANG = Duration.ofMinutes(4);

    @TempDir
    Path tmp;

    @Test
    void twoConcurrentDistrictProcessesThenTheCityEqualOneRunOverAllFiles() throws Exception {
        TwoDistricts d = TwoDistricts.create(tmp);
        d.copyInputsForSingleRun();
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE shared");
                s.execute("CREATE DATABASE single");
            }
            String[] shared = {"--spring.datasource.url=" + pg.getJdbcUrl("postgres", "shared"), "--spring.datasource.username=postgres"};
            String[] single = {"--spring.datasource.url=" + pg.getJdbcUrl("postgres", "single"), "--spring.datasource.username=postgres"};

            // Both districts at once, each its own JVM, one database (what each pod of the Indexed Job does). 鲤城区
            // is held at the start of its ingest (the test hook) until 丰泽区's whole run is over, so the two runs
            // overlap however slowly either JVM starts.
            Path release = tmp.resolve("release-licheng");
            NianbaoProcess licheng = NianbaoProcess.start(with(args(d.job(TwoDistricts.LICHENG), shared),
                    "--nianbao.test.pause-after=ingest:0", "--nianbao.test.pause-until=" + release));
            licheng.awaitPause(HANG);
            NianbaoProcess fengze = NianbaoProcess.start(args(d.job(TwoDistricts.FENGZE), shared));
            assertThat(fengze.waitFor(HANG)).as(fengze.output()).isZero();
            Files.createFile(release);
            assertThat(licheng.waitFor(HANG)).as(licheng.output()).isZero();
            // They did run at the same time: each job execution started before the other's ended.
            try (Connection c = DriverManager.getConnection(pg.getJdbcUrl("postgres", "shared"), "postgres", "");
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT p.PARAMETER_VALUE, e.START_TIME, e.END_TIME FROM BATCH_JOB_EXECUTION e "
                         + "JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID "
                         + "WHERE p.PARAMETER_NAME = 'job.name' ORDER BY p.PARAMETER_VALUE")) {
                Map<String, Timestamp[]> times = new java.util.HashMap<>();
                while (rs.next()) {
                    times.put(rs.getString(1), new Timestamp[] {rs.getTimestamp(2), rs.getTimestamp(3)});
                }
                assertThat(times).containsOnlyKeys(TwoDistricts.LICHENG, TwoDistricts.FENGZE);
                Timestamp[] l = times.get(TwoDistricts.LICHENG);
                Timestamp[] f = times.get(TwoDistricts.FENGZE);
                assertThat(l[0].before(f[1]) && f[0].before(l[1])).as("licheng %s..%s, fengze %s..%s", l[0], l[1], f[0], f[1]).isTrue();
            }

            // The city: no workbook left to read.
            d.deleteDistrictInputs();
            NianbaoProcess city = NianbaoProcess.start(args(d.job(TwoDistricts.CITY), shared));
            assertThat(city.waitFor(HANG)).as(city.output()).isZero();
            assertThat(city.stdout()).contains("未打开任何报表文件");

            // One run over all the files, in another database.
            assertThat(NianbaoApplication.run(args(d.singleJob(), single))).isZero();
        }
        Path cityOut = d.out(TwoDistricts.CITY);
        Path singleOut = d.singleOut();

        String runJson = Files.readString(cityOut.resolve("run.json"), StandardCharsets.UTF_8);
        // 19 workbooks and 丰泽区's 说明.txt (a finding: not a report), every one read by its district, none by the city
        assertThat(runJson).contains("\"files_parsed\": 0,").contains("\"workbooks_read\": 20,").contains("\"files_reused\": 20")
;
        assertThat(cn.nianbao.testing.RunJson.parse(runJson).get("sources")).extracting(s -> s.get("job_name").asString())
                .containsExactly("licheng-2020", "fengze-2020");
        assertThat(Files.readString(singleOut.resolve("run.json"), StandardCharsets.UTF_8)).contains("\"files_parsed\": 20,");

        // Byte for byte: the three CSV files (summary: city and district rows; facts; exceptions with fingerprints).
        for (String csv : List.of("summary.csv", "facts.csv", "exceptions.csv")) {
            assertThat(Files.readAllBytes(cityOut.resolve(csv))).as(csv).isEqualTo(Files.readAllBytes(singleOut.resolve(csv)));
        }
        List<Map<String, String>> summary = CsvFiles.rows(cityOut.resolve("summary.csv"));
        assertThat(summary.stream().map(r -> r.get("unit_code")).distinct()).containsExactly("350500", "350502", "350503");
        List<Map<String, String>> exceptions = CsvFiles.rows(cityOut.resolve("exceptions.csv"));
        assertThat(exceptions).anyMatch(f -> f.get("rule").equals("MISSING-SUBMISSION") && f.get("agency_code").equals("350503-ZJ"));
        assertThat(exceptions).extracting(f -> f.get("fingerprint")).doesNotHaveDuplicates()
                .containsExactlyElementsOf(CsvFiles.rows(singleOut.resolve("exceptions.csv")).stream().map(f -> f.get("fingerprint")).toList());

        // The official summary workbooks, cell by cell, for every unit.
        List<String> workbooks;
        try (Stream<Path> files = Files.list(singleOut)) {
            workbooks = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("summary-") && n.endsWith(".xlsx")).sorted().toList();
        }
        assertThat(workbooks).containsExactly("summary-350500-2020.xlsx", "summary-350502-2020.xlsx", "summary-350503-2020.xlsx");
        for (String name : workbooks) {
            assertThat(WorkbookCells.cellValues(cityOut.resolve(name))).as(name).isEqualTo(WorkbookCells.cellValues(singleOut.resolve(name)));
        }
    }

    private static String[] with(String[] args, String... more) {
        return Stream.concat(Stream.of(args), Stream.of(more)).toArray(String[]::new);
    }

    private static String[] args(Path job, String[] db) {
        return new String[] {"consolidate", "--job", job.toString(), db[0], db[1]};
    }
}
