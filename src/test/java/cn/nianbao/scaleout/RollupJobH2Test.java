package cn.nianbao.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.NianbaoApplication;
import cn.nianbao.testing.CsvFiles;

/**
 * The city roll-up on the default kind of database (an H2 file), in one JVM: two district jobs, then the city job
 * from their stored runs. District and city jobs name the same database explicitly (the default database is
 * beside each job's output folder, which differ).
 */
class RollupJobH2Test {

    @TempDir
    Path tmp;

    @Test
    void cityRollsUpTheDistrictsStoredRuns() throws Exception {
        TwoDistricts d = TwoDistricts.create(tmp);
        String db = "--spring.datasource.url=jdbc:h2:file:" + tmp.resolve("db/nianbao") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";

        // The city before any district ran: nothing to roll up, the job named, exit 3, no output.
        Run early = run("consolidate", "--job", d.job(TwoDistricts.CITY).toString(), db);
        assertThat(early.exit).as(early.err).isEqualTo(3);
        assertThat(early.err).contains("作业「licheng-2020」在数据库中没有已完成的运行");
        assertThat(d.out(TwoDistricts.CITY).resolve("run.json")).doesNotExist();

        assertThat(run("consolidate", "--job", d.job(TwoDistricts.LICHENG).toString(), db).exit).isZero();
        Run onlyOne = run("consolidate", "--job", d.job(TwoDistricts.CITY).toString(), db);
        assertThat(onlyOne.exit).isEqualTo(3);
        assertThat(onlyOne.err).contains("作业「fengze-2020」在数据库中没有已完成的运行").doesNotContain("licheng-2020」在数据库中");
        assertThat(run("consolidate", "--job", d.job(TwoDistricts.FENGZE).toString(), db).exit).isZero();

        d.deleteDistrictInputs();
        Run city = run("consolidate", "--job", d.job(TwoDistricts.CITY).toString(), db);
        assertThat(city.exit).as(city.err).isZero();
        Path out = d.out(TwoDistricts.CITY);

        // The city's district rows are the districts' own roll-ups, and the city row is their sum.
        List<Map<String, String>> summary = CsvFiles.rows(out.resolve("summary.csv"));
        assertThat(rowsOf(summary, "350502")).isEqualTo(rowsOf(CsvFiles.rows(d.out(TwoDistricts.LICHENG).resolve("summary.csv")), "350502"));
        assertThat(rowsOf(summary, "350503")).isEqualTo(rowsOf(CsvFiles.rows(d.out(TwoDistricts.FENGZE).resolve("summary.csv")), "350503"));
        List<Map<String, String>> cityRows = summary.stream().filter(r -> r.get("unit_code").equals("350500")).toList();
        assertThat(cityRows).isNotEmpty().allSatisfy(r -> {
            assertThat(r.get("reports_included")).isEqualTo("18"); // 13 鲤城区 + 5 丰泽区
            assertThat(r.get("reports_expected")).isEqualTo("19"); // + 丰泽区住建局, which submitted nothing
        });
        for (Map<String, String> r : cityRows) {
            java.math.BigDecimal sum = valueOf(summary, "350502", r.get("datapoint")).add(valueOf(summary, "350503", r.get("datapoint")));
            assertThat(CsvFiles.number(r.get("value"))).as(r.get("datapoint")).isEqualByComparingTo(sum);
        }
        assertThat(out.resolve("summary-350500-2020.xlsx")).exists();
        assertThat(out.resolve("summary-350503-2020.xlsx")).exists();

        // Completeness comes from the districts' rosters; ingest's findings come along with the district's path.
        List<Map<String, String>> exceptions = CsvFiles.rows(out.resolve("exceptions.csv"));
        assertThat(exceptions).anyMatch(f -> f.get("rule").equals("MISSING-SUBMISSION") && f.get("agency_code").equals("350503-ZJ"));
        assertThat(exceptions).anyMatch(f -> f.get("source_file").equals("fengze-2020/东海街道-2020年报（损坏）.xlsx")
                && f.get("rule").startsWith("PARSE"));
        // Every fact names the district folder its file came from.
        assertThat(CsvFiles.rows(out.resolve("facts.csv"))).allMatch(f -> f.get("source_file").startsWith("licheng-2020/")
                || f.get("source_file").startsWith("fengze-2020/"));

        // run.json: no workbook read, and which district runs it was built from.
        String runJson = Files.readString(out.resolve("run.json"), StandardCharsets.UTF_8);
        assertThat(runJson).contains("\"files_parsed\": 0,").contains("\"files_reused\": 20"); // 19 workbooks and a 说明.txt
        tools.jackson.databind.JsonNode sources = cn.nianbao.testing.RunJson.parse(runJson).get("sources");
        assertThat(sources).extracting(s -> s.get("job_name").asString()).containsExactly("licheng-2020", "fengze-2020");
        assertThat(sources).allMatch(s -> s.get("job_execution_id").isIntegralNumber() && !s.get("job_running").asBoolean());

        // The same command again, no district ran since: the roll-up is complete already, nothing new runs.
        Run again = run("consolidate", "--job", d.job(TwoDistricts.CITY).toString(), db);
        assertThat(again.exit).isZero();
        assertThat(again.out).contains("已完成，输出仍然有效");
        assertThat(Files.readString(out.resolve("run.json"), StandardCharsets.UTF_8)).isEqualTo(runJson);

        // 鲤城区 running again (its lock held, heartbeat fresh): the city takes its last completed run and says so.
        try (Connection c = DriverManager.getConnection(db.substring(db.indexOf('=') + 1), "sa", "");
             PreparedStatement lock = c.prepareStatement(
                     "INSERT INTO nb_job_lock (job_name, owner, acquired_at, heartbeat) VALUES (?, ?, ?, ?)")) {
            Timestamp now = Timestamp.from(Instant.now());
            lock.setString(1, TwoDistricts.LICHENG);
            lock.setString(2, "4242@other-node#1");
            lock.setTimestamp(3, now);
            lock.setTimestamp(4, now);
            lock.executeUpdate();
            Run whileRunning = run("consolidate", "--job", d.job(TwoDistricts.CITY).toString(), "--force", db);
            assertThat(whileRunning.exit).as(whileRunning.err).isZero();
            assertThat(whileRunning.out).contains("作业「licheng-2020」正在运行（进程 4242@other-node#1");
            tools.jackson.databind.JsonNode taken = cn.nianbao.testing.RunJson.read(out.resolve("run.json")).get("sources");
            assertThat(taken).extracting(s -> s.get("job_name").asString(), s -> s.get("job_running").asBoolean())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("licheng-2020", true),
                            org.assertj.core.groups.Tuple.tuple("fengze-2020", false));
            assertThat(taken).allMatch(s -> s.get("job_execution_id").isIntegralNumber() && s.get("end_time").isString());
            assertThat(CsvFiles.rows(out.resolve("summary.csv"))).isEqualTo(summary);
            c.createStatement().executeUpdate("DELETE FROM nb_job_lock WHERE job_name = 'licheng-2020'");
        }

        // A province above the city: a roll-up of a roll-up, the same totals.
        Files.writeString(tmp.resolve("fujian-2020.yml"), String.join("\n", "name: fujian-2020", "year: 2020",
                "from-jobs: [quanzhou-2020]", "output: out/fujian-2020",
                "units:", "  - { code: \"350000\", name: 福建省, kind: 省 }",
                "  - { code: \"350500\", name: 泉州市, kind: 市, parent: \"350000\" }") + "\n", StandardCharsets.UTF_8);
        Run province = run("consolidate", "--job", tmp.resolve("fujian-2020.yml").toString(), db);
        assertThat(province.exit).as(province.err).isZero();
        List<Map<String, String>> provinceSummary = CsvFiles.rows(tmp.resolve("out/fujian-2020/summary.csv"));
        assertThat(rowsOf(provinceSummary, "350500")).isEqualTo(rowsOf(summary, "350500"));
        assertThat(provinceSummary.stream().filter(r -> r.get("unit_code").equals("350000")).map(r -> r.get("value")).toList())
                .isEqualTo(cityRows.stream().map(r -> r.get("value")).toList());
        assertThat(CsvFiles.rows(tmp.resolve("out/fujian-2020/facts.csv")))
                .allMatch(f -> f.get("source_file").startsWith("quanzhou-2020/"));
    }

    @Test
    void districtsWhoseRostersOverlapAreRefused() throws Exception {
        TwoDistricts d = TwoDistricts.create(tmp);
        String db = "--spring.datasource.url=jdbc:h2:file:" + tmp.resolve("db/nianbao") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
        // A second job over 鲤城区's files with 鲤城区's roster: its agencies would be counted twice.
        String copy = Files.readString(d.job(TwoDistricts.LICHENG), StandardCharsets.UTF_8).replace("name: licheng-2020", "name: licheng-copy");
        Files.writeString(tmp.resolve("licheng-copy.yml"), copy, StandardCharsets.UTF_8);
        assertThat(run("consolidate", "--job", d.job(TwoDistricts.LICHENG).toString(), db).exit).isZero();
        assertThat(run("consolidate", "--job", tmp.resolve("licheng-copy.yml").toString(), db).exit).isZero();
        Files.writeString(tmp.resolve("twice.yml"), "name: twice\nyear: 2020\nfrom-jobs: [licheng-2020, licheng-copy]\noutput: out/twice\n",
                StandardCharsets.UTF_8);
        Run twice = run("consolidate", "--job", tmp.resolve("twice.yml").toString(), db);
        assertThat(twice.exit).isEqualTo(2);
        assertThat(twice.err).contains("同时在作业「licheng-2020」和「licheng-copy」的名册中");
        assertThat(tmp.resolve("out/twice/run.json")).doesNotExist();
    }

    private static List<Map<String, String>> rowsOf(List<Map<String, String>> summary, String unit) {
        return summary.stream().filter(r -> r.get("unit_code").equals(unit)).toList();
    }

    private static java.math.BigDecimal valueOf(List<Map<String, String>> summary, String unit, String datapoint) {
        return summary.stream().filter(r -> r.get("unit_code").equals(unit) && r.get("datapoint").equals(datapoint))
                .map(r -> CsvFiles.number(r.get("value"))).findFirst().orElse(java.math.BigDecimal.ZERO);
    }

    record Run(int exit, String out, String err) {
    }

    /** Runs the command line in this JVM, capturing what it prints (the log goes to stdout). */
    private static synchronized Run run(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = NianbaoApplication.run(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }
}
