package cn.nianbao.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.nianbao.ingest.ParsedWorkbook;
import cn.nianbao.model.Agency;
import cn.nianbao.model.Datapoint;
import cn.nianbao.model.Report;
import cn.nianbao.model.Scope;
import cn.nianbao.model.SourceCell;
import cn.nianbao.model.Submission;

/**
 * Content stored by older versions: before V5 only as nb_datapoint rows, between V5 and V6 also as a packed row
 * without labels. Both still read back whole (labels from nb_datapoint), as content stored now does.
 */
class OlderContentTest {

    private JdbcTemplate jdbc;
    private ReportStore store;

    @BeforeEach
    void database() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:older-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration", "classpath:db/vendor/h2").load().migrate();
        jdbc = new JdbcTemplate(ds);
        store = new ReportStore(jdbc, null);
    }

    private void oldContent(String sha) {
        jdbc.update("INSERT INTO nb_content (sha256, format, title, parsed_at, reader_version, outcome, tables_complete) "
                + "VALUES (?, 'GOV2019', 't', ?, 'v', 'LOCATED', TRUE)", sha, Timestamp.from(Instant.now()));
        jdbc.update("INSERT INTO nb_datapoint (sha256, datapoint_id, num_value, blank, sheet, cell_ref, label, unit_note) "
                + "VALUES (?, 'B.1', 12.5, FALSE, 'S', 'C3', '标签乙', NULL)", sha);
        jdbc.update("INSERT INTO nb_datapoint (sha256, datapoint_id, num_value, blank, sheet, cell_ref, label, unit_note) "
                + "VALUES (?, 'A.1', NULL, TRUE, 'S', 'C2', '标签甲', NULL)", sha);
    }

    private static Report header(String sha) {
        return new Report(new Agency("x", "X", List.of(), null, null), 2020, "GOV2019", Scope.OWN,
                new Submission(sha + ".xlsx", sha, 1, Instant.now()), "t", Map.of());
    }

    private static final List<Datapoint> EXPECTED = List.of(
            new Datapoint("A.1", null, true, new SourceCell("S", "C2", "标签甲")),
            new Datapoint("B.1", new BigDecimal("12.5"), false, new SourceCell("S", "C3", "标签乙")));

    @Test
    void contentStoredBeforePackedRowsOrTheirLabelsReadsItsDatapointRows() {
        oldContent("pre5");
        oldContent("v5");
        jdbc.update("INSERT INTO nb_content_values (sha256, packed) VALUES ('v5', ?)", "A.1\t\t1\tS\tC2\t\nB.1\t12.5\t0\tS\tC3\t\n");

        for (String sha : List.of("pre5", "v5")) {
            List<Report> full = new ArrayList<>();
            store.content().forEachFull(List.of(header(sha)), full::add);
            assertThat(full.get(0).datapoints().values()).as(sha).containsExactlyElementsOf(EXPECTED);

            List<Report> values = new ArrayList<>();
            store.content().forEachValues(List.of(header(sha)), values::add);
            assertThat(values.get(0).datapoints().values()).extracting(Datapoint::id, Datapoint::value, Datapoint::blank)
                    .as(sha).containsExactly(org.assertj.core.groups.Tuple.tuple("A.1", null, true),
                            org.assertj.core.groups.Tuple.tuple("B.1", new BigDecimal("12.5"), false));

            ParsedWorkbook stored = store.storedContent(sha, "v").orElseThrow();
            assertThat(stored.datapoints().values()).as(sha).containsExactlyInAnyOrderElementsOf(EXPECTED);
            assertThat(store.content().datapointIds(List.of(header(sha)))).containsExactlyInAnyOrder("A.1", "B.1");
        }
    }

    /**
     * Since V10 new packed rows are UTF-8 bytes in nb_content_bytes; a row stored as text by a version at V9 (values,
     * cells, notes; Chinese labels and a sheet name with an escaped tab) stays in nb_content_values and reads back the
     * same after the migration, on H2 and on PostgreSQL (each has its own V10 SQL).
     */
    @Test
    void packedTextStoredAtV9ReadsBackAfterTheByteMigration() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:v9-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        convertsV9Text(h2, "h2");
        try (io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start()) {
            convertsV9Text(pg.getPostgresDatabase(), "postgresql");
        }
    }

    private static void convertsV9Text(javax.sql.DataSource ds, String vendor) {
        String[] locations = {"classpath:db/migration", "classpath:db/vendor/" + vendor};
        Flyway.configure().dataSource(ds).locations(locations).target("9").load().migrate();
        JdbcTemplate db = new JdbcTemplate(ds);
        db.update("INSERT INTO nb_content (sha256, format, title, parsed_at, reader_version, outcome, tables_complete) "
                + "VALUES ('v9', 'GOV2019', 't', ?, 'v', 'LOCATED', TRUE)", Timestamp.from(Instant.now()));
        db.update("INSERT INTO nb_content_values (sha256, packed, labels) VALUES ('v9', ?, ?)",
                "A.1\t\t1\t表\\t一\tC2\t\nB.1\t12.5\t0\t表\\t一\tC3\tYUAN_ASSUMED\n", "标签甲\n标签乙（万元）\n");

        Flyway.configure().dataSource(ds).locations(locations).load().migrate();

        ReportStore migrated = new ReportStore(db, null);
        List<Report> full = new ArrayList<>();
        migrated.content().forEachFull(List.of(header("v9")), full::add);
        assertThat(full.get(0).datapoints().values()).as(vendor).containsExactly(
                new Datapoint("A.1", null, true, new SourceCell("表\t一", "C2", "标签甲")),
                new Datapoint("B.1", new BigDecimal("12.5"), false, new SourceCell("表\t一", "C3", "标签乙（万元）")));
        assertThat(migrated.unitNotes("v9")).as(vendor).containsEntry("B.1", cn.nianbao.ingest.ParsedValue.UnitNote.YUAN_ASSUMED);
    }
}
