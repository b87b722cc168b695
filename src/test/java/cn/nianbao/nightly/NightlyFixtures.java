package cn.nianbao.nightly;

import cn.nianbao.testing.WorkbookCells;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;


import cn.nianbao.NianbaoApplication;

/** A job folder for nightly tests: the 2020 sample workbooks (mtimes kept), a job file, an output folder. */
final class NightlyFixtures {

    private NightlyFixtures() {
    }

    /** {@code dir/in} with copies of sample-input/2020, {@code dir/job.yml} (licheng-2020's roster), output {@code dir/out}. */
    static Path jobFolder(Path dir) throws IOException {
        return jobFile(dir, "licheng-2020", "out");
    }

    /**
     * A job file {@code dir/<name>.yml} over {@code dir/in} (the 2020 samples, copied once) writing to
     * {@code dir/<out>}; jobs in one folder share the default database {@code dir/.nianbao-db}.
     */
    static Path jobFile(Path dir, String name, String out) throws IOException {
        Path in = dir.resolve("in");
        if (!Files.isDirectory(in)) {
            Files.createDirectories(in);
            try (Stream<Path> files = Files.list(Path.of("sample-input/2020"))) {
                for (Path f : files.toList()) {
                    Files.copy(f, in.resolve(f.getFileName().toString()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        String job = Files.readString(Path.of("jobs/licheng-2020.yml"), StandardCharsets.UTF_8)
                .replace("name: licheng-2020", "name: " + name)
                .replace("input: ../sample-input/2020", "input: in")
                .replace("output: ../out/licheng-2020", "output: " + out);
        assertThat(job).contains("input: in").contains("output: " + out);
        Path jobFile = dir.resolve(name.equals("licheng-2020") && out.equals("out") ? "job.yml" : name + ".yml");
        Files.writeString(jobFile, job, StandardCharsets.UTF_8);
        return jobFile;
    }

    static Connection database(Path out) throws Exception {
        return DriverManager.getConnection(NianbaoApplication.defaultDatabaseUrl(out), "sa", "");
    }

    static long count(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The datapoints of the stored report rows a query selects ({@code sha256, part, datapoints}), one
     * {@code sha256|part|datapoint_id} per datapoint; asserts every datapoint carries its cell and label.
     */
    static List<String> packedDatapoints(Connection db, String sql) throws Exception {
        List<String> points = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                String key = rs.getString(1) + "|" + rs.getInt(2);
                for (cn.nianbao.model.Datapoint d : cn.nianbao.store.StoredDatapoints.read(rs.getBytes(3), true).values()) {
                    org.assertj.core.api.Assertions.assertThat(d.source().cell()).as("cell of %s %s", key, d.id()).isNotNull();
                    org.assertj.core.api.Assertions.assertThat(d.source().label()).as("label of %s %s", key, d.id()).isNotNull();
                    points.add(key + "|" + d.id());
                }
            }
        }
        return points;
    }

    static List<String> rows(Connection db, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i == 1 ? "" : "|").append(rs.getString(i));
                }
                rows.add(b.toString());
            }
        }
        return rows;
    }

    /** run.json without the lines that differ between any two runs: execution id and times. */
    static List<String> runJsonWithoutTimes(Path out) throws IOException {
        return Files.readAllLines(out.resolve("run.json")).stream()
                .filter(l -> !l.contains("\"job_execution_id\"") && !l.contains("\"start_time\"") && !l.contains("\"end_time\"")
                        && !l.contains("\"previous_job_execution_id\""))
                .toList();
    }

    /** Asserts two output folders hold the same results (see RestartAfterCrashTest). */
    static void assertSameOutputs(Path expected, Path actual) throws IOException {
        for (String csv : List.of("facts.csv", "summary.csv", "exceptions.csv")) {
            assertThat(Files.readAllBytes(actual.resolve(csv))).as(csv).isEqualTo(Files.readAllBytes(expected.resolve(csv)));
        }
        for (String name : summaryWorkbooks(expected)) {
            assertThat(WorkbookCells.cellValues(actual.resolve(name))).as(name).isEqualTo(WorkbookCells.cellValues(expected.resolve(name)));
        }
        assertThat(runJsonWithoutTimes(actual)).isEqualTo(runJsonWithoutTimes(expected));
    }

    /** The names of the summary workbooks in an output folder, sorted; there is at least one. */
    static List<String> summaryWorkbooks(Path out) throws IOException {
        List<String> summaries;
        try (Stream<Path> files = Files.list(out)) {
            summaries = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("summary-") && n.endsWith(".xlsx"))
                    .sorted().toList();
        }
        assertThat(summaries).isNotEmpty();
        return summaries;
    }


}
