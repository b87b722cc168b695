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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import cn.nianbao.NianbaoApplication;
import cn.nianbao.nightly.NightlyDatabase.Kind;
import cn.nianbao.testing.CsvFiles;

/**
 * Nightly re-runs over the same folder: unchanged workbooks are not reopened (their stored content is
 * reused), a changed one is read again, supersedes the agency's earlier version and is reported with the
 * totals it moved, a removed one makes its agency missing, and a reader change invalidates stored content. On H2
 * and on PostgreSQL.
 */
class IncrementalRerunTest {

    private static final String CHANGED_FILE = "海滨街道-2020年报.xlsx";
    private static final String REMOVED_FILE = "江南街道-2020年报.xlsx";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void unchangedFilesAreReusedAndAChangedFileIsReadWithItsHistory(Kind kind) throws Exception {
        Path job = NightlyFixtures.jobFolder(tmp);
        Path in = tmp.resolve("in");
        Path out = tmp.resolve("out");
        NightlyDatabase db = NightlyDatabase.of(kind, out);

        // night 1: everything is read
        assertThat(run(db, job)).isZero();
        String first = runJson(out);
        assertThat(counts(first)).containsExactly(13, 0);
        assertThat(first).contains("\"previous_job_execution_id\": null");

        // night 2: the same bytes copied again (new modification times, so a new run): nothing is reopened
        touchAll(in);
        assertThat(run(db, job)).isZero();
        String second = runJson(out);
        assertThat(counts(second)).containsExactly(0, 13);
        assertThat(second).contains("\"reused\": true").doesNotContain("\"reused\": false")
                .contains("\"agencies\": [],").contains("\"totals\": []");
        List<Map<String, String>> summaryBefore = CsvFiles.rows(out.resolve("summary.csv"));

        // night 3: 海滨街道 (under 鲤城区 350502, under 泉州市 350500) resubmits with one value raised by 7
        String[] fact = factOf(out, CHANGED_FILE);
        String datapoint = fact[4];
        BigDecimal oldValue = new BigDecimal(fact[5]);
        changeCell(in.resolve(CHANGED_FILE), fact[9], fact[10], oldValue.add(BigDecimal.valueOf(7)));
        assertThat(run(db, job)).isZero();
        String third = runJson(out);
        assertThat(counts(third)).containsExactly(1, 12);
        tools.jackson.databind.JsonNode changes = cn.nianbao.testing.RunJson.parse(third).get("changes");
        assertThat(changes.get("agencies")).anyMatch(a -> a.get("path").asString().equals(CHANGED_FILE)
                && a.get("change").asString().equals("CHANGED") && a.get("sha256").isString());
        // exactly that datapoint moved, by exactly 7, in the district and the city, and nothing else
        BigDecimal district = summaryValue(summaryBefore, "350502", datapoint);
        BigDecimal city = summaryValue(summaryBefore, "350500", datapoint);
        List<String> moved = List.of(
                "350502|2020|" + datapoint + "|" + plain(district) + "|" + plain(district.add(BigDecimal.valueOf(7))),
                "350500|2020|" + datapoint + "|" + plain(city) + "|" + plain(city.add(BigDecimal.valueOf(7))));
        assertThat(movedTotals(third)).containsExactlyInAnyOrderElementsOf(moved);
        List<Map<String, String>> summaryAfter = CsvFiles.rows(out.resolve("summary.csv"));
        assertThat(summaryDifferences(summaryBefore, summaryAfter)).containsExactlyInAnyOrderElementsOf(moved);
        try (Connection c = db.connect()) {
            List<String> history = rows(c, "SELECT CASE WHEN superseded_by IS NULL THEN 'current' ELSE 'superseded' END || '|' "
                    + "|| CASE WHEN first_seen_run = last_seen_run THEN 'seen once' ELSE 'seen again' END FROM nb_submission_version "
                    + "WHERE agency_code = '350502-HB' ORDER BY first_seen_run");
            // the old version seen on nights 1 and 2, superseded by the new one
            assertThat(history).containsExactly("superseded|seen again", "current|seen once");
            assertThat(count(c, "SELECT COUNT(*) FROM nb_submission_version v WHERE agency_code = '350502-HB' AND superseded_by = "
                    + "(SELECT sha256 FROM nb_submission_version WHERE agency_code = '350502-HB' AND superseded_by IS NULL)")).isEqualTo(1);
            assertThat(count(c, "SELECT COUNT(*) FROM nb_submission_version WHERE superseded_by IS NULL")).isEqualTo(13);
        }

        // night 4: one agency's file is gone: its agency is missing again; the rest is still reused
        Files.delete(in.resolve(REMOVED_FILE));
        assertThat(run(db, job)).isZero();
        String fourth = runJson(out);
        assertThat(counts(fourth)).containsExactly(0, 12);
        assertThat(fourth).contains("\"change\": \"REMOVED\"");
        assertThat(Files.readString(out.resolve("exceptions.csv"), StandardCharsets.UTF_8))
                .containsPattern("MISSING-SUBMISSION,350502-JN,");

        // a new reader version: content stored by the old reader is read again
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE nb_file_content SET program = 'reader-0/old' WHERE sha256 IN "
                    + "(SELECT sha256 FROM nb_run_file WHERE path = '卫健局-2020年报.xlsx')");
        }
        touchAll(in);
        assertThat(run(db, job)).isZero();
        assertThat(counts(runJson(out))).containsExactly(1, 11);
    }

    private static int run(NightlyDatabase db, Path job) {
        return NianbaoApplication.run(db.args("consolidate", "--job", job.toString()));
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static BigDecimal summaryValue(List<Map<String, String>> summary, String unit, String datapoint) {
        return summary.stream().filter(r -> r.get("unit_code").equals(unit) && r.get("year").equals("2020")
                && r.get("datapoint").equals(datapoint)).map(r -> new BigDecimal(r.get("value"))).findFirst().orElseThrow();
    }

    /** run.json's changes.totals as unit|year|datapoint|previous|current. */
    private static List<String> movedTotals(String runJson) {
        List<String> totals = new ArrayList<>();
        for (tools.jackson.databind.JsonNode t : cn.nianbao.testing.RunJson.parse(runJson).get("changes").get("totals")) {
            totals.add(t.get("unit_code").asString() + "|" + t.get("year").asInt() + "|" + t.get("datapoint").asString() + "|"
                    + plain(t.get("previous").decimalValue()) + "|" + plain(t.get("current").decimalValue()));
        }
        return totals;
    }

    /** The summary.csv rows whose value differs between two nights, as unit|year|datapoint|before|after. */
    private static List<String> summaryDifferences(List<Map<String, String>> before, List<Map<String, String>> after) {
        assertThat(after).hasSameSizeAs(before);
        List<String> moved = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            Map<String, String> b = before.get(i);
            Map<String, String> a = after.get(i);
            assertThat(a.get("unit_code") + a.get("year") + a.get("datapoint")).isEqualTo(b.get("unit_code") + b.get("year") + b.get("datapoint"));
            if (new BigDecimal(a.get("value")).compareTo(new BigDecimal(b.get("value"))) != 0) {
                moved.add(b.get("unit_code") + "|" + b.get("year") + "|" + b.get("datapoint") + "|" + plain(new BigDecimal(b.get("value")))
                        + "|" + plain(new BigDecimal(a.get("value"))));
            }
        }
        return moved;
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
