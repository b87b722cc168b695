package cn.nianbao.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.nianbao.ingest.ParsedWorkbook;
import cn.nianbao.model.Agency;
import cn.nianbao.model.Datapoint;
import cn.nianbao.model.Report;
import cn.nianbao.model.Scope;
import cn.nianbao.model.SourceCell;
import cn.nianbao.model.Submission;
import cn.nianbao.model.UnitNote;

/**
 * A database written by an older version (at V10) holds content in each of the three formats used before: a row per
 * datapoint (nb_datapoint, before V5), packed text (nb_content_values, V5–V9) and packed UTF-8 (nb_content_bytes,
 * V10). The migration to one format (V11) converts all of them: afterwards each reads back whole, with its labels,
 * unit notes, titles and problems, through the one read path, on H2 and on PostgreSQL; and a run's file rows keep
 * their reports.
 */
class OlderContentTest {

    private static final String[] LOCATIONS = {"classpath:db/migration", "classpath:db/vendor/%s", "classpath:cn/nianbao/store/migration"};

    @Test
    void everyOlderFormatIsConvertedOnH2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:v10-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        convertsEveryOlderFormat(h2, "h2");
    }

    @Test
    void everyOlderFormatIsConvertedOnPostgres() throws Exception {
        try (io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start()) {
            convertsEveryOlderFormat(pg.getPostgresDatabase(), "postgresql");
        }
    }

    private static Flyway flyway(DataSource ds, String vendor, String target) {
        String[] locations = {LOCATIONS[0], LOCATIONS[1].formatted(vendor), LOCATIONS[2]};
        var config = Flyway.configure().dataSource(ds).locations(locations);
        return (target == null ? config : config.target(target)).load();
    }

    private static void convertsEveryOlderFormat(DataSource ds, String vendor) {
        flyway(ds, vendor, "10").migrate();
        JdbcTemplate db = new JdbcTemplate(ds);
        Timestamp now = Timestamp.from(Instant.now());
        for (String sha : List.of("rows", "text", "bytes")) {
            db.update("INSERT INTO nb_content (sha256, format, title, parsed_at, reader_version, outcome, tables_complete) "
                    + "VALUES (?, 'GOV2019', 't', ?, 'reader-2/x', 'LOCATED', TRUE)", sha, now);
            db.update("INSERT INTO nb_content_title (sha256, seq, title_text, agency_name, report_year) VALUES (?, 0, ?, ?, 2020)",
                    sha, "某街道2020年政府信息公开工作年度报告", "某街道");
            db.update("INSERT INTO nb_content_problem (sha256, seq, kind, rule_id, sheet, cell_ref, message) "
                    + "VALUES (?, 0, 'BAD_NUMBER', 'PARSE-BAD-NUMBER', '表\t一', 'C9', '「暂无」不是数字')", sha);
        }
        db.update("INSERT INTO nb_datapoint (sha256, datapoint_id, num_value, blank, sheet, cell_ref, label, unit_note) "
                + "VALUES ('rows', 'A.1', NULL, TRUE, '表\t一', 'C2', '标签甲', NULL)");
        db.update("INSERT INTO nb_datapoint (sha256, datapoint_id, num_value, blank, sheet, cell_ref, label, unit_note) "
                + "VALUES ('rows', 'B.1', 12.5, FALSE, '表\t一', 'C3', '标签乙（万元）', 'YUAN_ASSUMED')");
        String packed = "A.1\t\t1\t表\\t一\tC2\t\nB.1\t12.5\t0\t表\\t一\tC3\tYUAN_ASSUMED\n";
        String labels = "标签甲\n标签乙（万元）\n";
        db.update("INSERT INTO nb_content_values (sha256, packed, labels) VALUES ('text', ?, ?)", packed, labels);
        db.update("INSERT INTO nb_content_bytes (sha256, packed, labels) VALUES ('bytes', ?, ?)",
                packed.getBytes(java.nio.charset.StandardCharsets.UTF_8), labels.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        db.update("INSERT INTO nb_content (sha256, parsed_at, reader_version, outcome, failure_rule, failure_message) "
                + "VALUES ('broken', ?, 'reader-2/x', 'UNREADABLE', 'PARSE-ENCRYPTED', '工作簿设置了打开密码')", now);
        db.update("INSERT INTO nb_run_file (job_instance_id, path, sha256, size_bytes, modified, accepted, agency_code, agency_name, "
                + "agency_kind, agency_parent, report_year, format, scope, title, reused) VALUES (7, 'a/某街道.xlsx', 'bytes', 10, ?, TRUE, "
                + "'X', '某街道', '街道', 'D', 2020, 'GOV2019', 'OWN', 't', FALSE)", now);

        flyway(ds, vendor, null).migrate();

        ContentStore contents = new ContentStore(db);
        RunStore store = new RunStore(db, contents);
        List<Datapoint> expected = List.of(
                new Datapoint("A.1", null, true, new SourceCell("表\t一", "C2", "标签甲"), null),
                new Datapoint("B.1", new BigDecimal("12.5"), false, new SourceCell("表\t一", "C3", "标签乙（万元）"), UnitNote.YUAN_ASSUMED));
        for (String sha : List.of("rows", "text", "bytes")) {
            List<Report> full = new ArrayList<>();
            store.content().forEachFull(List.of(header(sha)), full::add);
            assertThat(full.get(0).datapoints().values()).as(vendor + " " + sha).containsExactlyElementsOf(expected);

            ParsedWorkbook stored = contents.stored(sha, "reader-2/x").orElseThrow();
            assertThat(stored.outcome()).isEqualTo(ParsedWorkbook.Outcome.LOCATED);
            assertThat(stored.reports()).hasSize(1);
            assertThat(stored.reports().get(0).format()).isEqualTo("GOV2019");
            assertThat(stored.reports().get(0).titles()).extracting(t -> t.agencyName()).containsExactly("某街道");
            assertThat(stored.reports().get(0).problems()).extracting(ParsedWorkbook.ContentProblem::rule, ParsedWorkbook.ContentProblem::cell)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("PARSE-BAD-NUMBER", "C9"));
            assertThat(contents.stored(sha, "another program")).as("read again by another program").isEmpty();
        }
        ParsedWorkbook broken = contents.stored("broken", "reader-2/x").orElseThrow();
        assertThat(broken.outcome()).isEqualTo(ParsedWorkbook.Outcome.UNREADABLE);
        assertThat(broken.failureRule()).isEqualTo("PARSE-ENCRYPTED");
        assertThat(broken.reports()).isEmpty();

        List<cn.nianbao.model.ReportHeader> headers = store.reportHeaders(7);
        assertThat(headers).hasSize(1);
        assertThat(headers.get(0).submission().path()).isEqualTo("a/某街道.xlsx");
        assertThat(headers.get(0).part().isWhole()).isTrue();
        for (String old : List.of("nb_content", "nb_datapoint", "nb_content_values", "nb_content_bytes")) {
            assertThat(tableExists(db, old)).as(vendor + " " + old + " dropped").isFalse();
        }
    }

    private static boolean tableExists(JdbcTemplate db, String table) {
        Integer n = db.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE LOWER(TABLE_NAME) = ?", Integer.class, table);
        return n != null && n > 0;
    }

    private static cn.nianbao.model.ReportHeader header(String sha) {
        return new cn.nianbao.model.ReportHeader(new Agency("x", "X", List.of(), null, null), 2020, "GOV2019", Scope.OWN,
                new Submission(sha + ".xlsx", sha, 1, Instant.now()), null, "t");
    }
}
