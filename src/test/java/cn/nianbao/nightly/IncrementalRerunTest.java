package cn.nianbao.nightly;

import static cn.nianbao.nightly.NightlyFixtures.count;
import static cn.nianbao.nightly.NightlyFixtures.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.testing.CsvFiles;
import cn.nianbao.NianbaoApplication;

/**
 * Nightly re-runs over the same folder: unchanged workbooks are not reopened (their stored content is
 * reused), a changed one is read again, supersedes the agency's earlier version and is reported with the
 * totals it moved, a removed one makes its agency missing, and a reader change invalidates stored content.
 */
class IncrementalRerunTest {

    private static final String CHANGED_FILE = "海滨街道-2020年报.xlsx";
    private static final String REMOVED_FILE = "江南街道-2020年报.xlsx";

    @TempDir
    Path tmp;

    @Test
    void unchangedFilesAreReusedAndAChangedFileIsReadWithItsHistory() throws Exception {
        Path job = NightlyFixtures.jobFolder(tmp);
        Path in = tmp.resolve("in");
        Path out = tmp.resolve("out");

        // night 1: everything is read
        assertThat(run(job)).isZero();
        String first = runJson(out);
        assertThat(counts(first)).containsExactly(13, 0);
        assertThat(first).contains("\"previous_job_execution_id\": null");

        // night 2: the same bytes copied again (new modification times, so a new run): nothing is reopened
        touchAll(in);
        assertThat(run(job)).isZero();
        String second = runJson(out);
        assertThat(counts(second)).containsExactly(0, 13);
        assertThat(second).contains("\"reused\": true").doesNotContain("\"reused\": false")
                .contains("\"agencies\": [],").contains("\"totals\": []");

        // night 3: one agency resubmits with one value changed by 7
        String[] fact = factOf(out, CHANGED_FILE);
        BigDecimal oldValue = new BigDecimal(fact[5]);
        changeCell(in.resolve(CHANGED_FILE), fact[9], fact[10], oldValue.add(BigDecimal.valueOf(7)));
        assertThat(run(job)).isZero();
        String third = runJson(out);
        assertThat(counts(third)).containsExactly(1, 12);
        tools.jackson.databind.JsonNode changes = cn.nianbao.testing.RunJson.parse(third).get("changes");
        assertThat(changes.get("agencies")).anyMatch(a -> a.get("path").asString().equals(CHANGED_FILE)
                && a.get("change").asString().equals("CHANGED") && a.get("sha256").isString());
        assertThat(changes.get("totals")).anyMatch(t -> t.get("unit_code").asString().equals("350502") && t.get("year").asInt() == 2020
                && t.get("datapoint").asString().equals(fact[4]) && t.get("previous").isNumber() && t.get("current").isNumber());
        try (Connection db = NightlyFixtures.database(out)) {
            List<String> history = rows(db, "SELECT superseded_by IS NULL, first_seen_run = last_seen_run FROM nb_submission_version "
                    + "WHERE agency_code = '350502-HB' ORDER BY first_seen_run");
            assertThat(history).containsExactly("FALSE|FALSE", "TRUE|TRUE"); // the old version seen twice, superseded by the new
            assertThat(count(db, "SELECT COUNT(*) FROM nb_submission_version v WHERE agency_code = '350502-HB' AND superseded_by = "
                    + "(SELECT sha256 FROM nb_submission_version WHERE agency_code = '350502-HB' AND superseded_by IS NULL)")).isEqualTo(1);
            assertThat(count(db, "SELECT COUNT(*) FROM nb_submission_version WHERE superseded_by IS NULL")).isEqualTo(13);
        }
        String summary = Files.readString(out.resolve("summary.csv"), StandardCharsets.UTF_8);
        assertThat(summary).contains("350502,");

        // night 4: one agency's file is gone: its agency is missing again; the rest is still reused
        Files.delete(in.resolve(REMOVED_FILE));
        assertThat(run(job)).isZero();
        String fourth = runJson(out);
        assertThat(counts(fourth)).containsExactly(0, 12);
        assertThat(fourth).contains("\"change\": \"REMOVED\"");
        assertThat(Files.readString(out.resolve("exceptions.csv"), StandardCharsets.UTF_8))
                .containsPattern("MISSING-SUBMISSION,350502-JN,");

        // a new reader version: content stored by the old reader is read again
        try (Connection db = NightlyFixtures.database(out); Statement s = db.createStatement()) {
            s.executeUpdate("UPDATE nb_file_content SET program = 'reader-0/old' WHERE sha256 IN "
                    + "(SELECT sha256 FROM nb_run_file WHERE path = '卫健局-2020年报.xlsx')");
        }
        touchAll(in);
        assertThat(run(job)).isZero();
        assertThat(counts(runJson(out))).containsExactly(1, 11);
    }

    private static int run(Path job) {
        return NianbaoApplication.run(new String[] {"consolidate", "--job", job.toString()});
    }

    private static String runJson(Path out) throws Exception {
        return Files.readString(out.resolve("run.json"), StandardCharsets.UTF_8);
    }

    /** files_parsed, files_reused */
    private static List<Integer> counts(String runJson) {
        return List.of(number(runJson, "files_parsed"), number(runJson, "files_reused"));
    }

    private static int number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": (\\d+)").matcher(json);
        assertThat(m.find()).as(key).isTrue();
        return Integer.parseInt(m.group(1));
    }

    static void touchAll(Path in) throws Exception {
        FileTime later = FileTime.from(Instant.now().plusSeconds(60 + (System.nanoTime() % 1000)));
        try (Stream<Path> files = Files.list(in)) {
            for (Path f : files.toList()) {
                Files.setLastModifiedTime(f, later);
            }
        }
    }

    /** A facts.csv row of the file with a positive number in it (columns as in outputs.md). */
    static String[] factOf(Path out, String file) throws Exception {
        for (List<String> row : CsvFiles.records(out.resolve("facts.csv"))) {
            if (row.get(7).equals(file) && !row.get(5).isEmpty() && new BigDecimal(row.get(5)).signum() > 0
                    && !row.get(4).endsWith("TOTAL")) {
                return row.toArray(String[]::new);
            }
        }
        throw new AssertionError("no positive fact of " + file);
    }

    static void changeCell(Path file, String sheet, String address, BigDecimal value) throws Exception {
        Workbook wb;
        try (InputStream inStream = Files.newInputStream(file)) {
            wb = WorkbookFactory.create(inStream);
        }
        CellReference ref = new CellReference(address);
        Cell cell = wb.getSheet(sheet).getRow(ref.getRow()).getCell(ref.getCol());
        if (cell.getCellType() == CellType.STRING) {
            cell.setCellValue(value.toPlainString());
        } else {
            cell.setCellValue(value.doubleValue());
        }
        try (OutputStream o = Files.newOutputStream(file)) {
            wb.write(o);
        }
        wb.close();
    }
}
