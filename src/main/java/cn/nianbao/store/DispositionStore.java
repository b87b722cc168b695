package cn.nianbao.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.nianbao.history.DecisionMerge.Said;
import cn.nianbao.model.Disposition;
import cn.nianbao.model.DispositionStatus;
import cn.nianbao.model.Figures;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Severity;

/**
 * Auditors' decisions on findings (nb_disposition), per job and fingerprint: read by the step that reads them back
 * from the auditors' files, by publish (into every output) and by the exit status (--fail-on). Kept with the job, not
 * with a run, so purge never removes one.
 */
public class DispositionStore {

    private final JdbcTemplate jdbc;

    public DispositionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The job's decisions by fingerprint, withdrawn ones included (they say nothing, see {@link Disposition#isDecision}). */
    public Map<String, Disposition> decisions(String jobName) {
        Map<String, Disposition> out = new LinkedHashMap<>();
        jdbc.query("SELECT * FROM nb_disposition WHERE job_name = ? ORDER BY fingerprint", rs -> {
            Finding seen = rs.getString("rule_id") == null ? null : new Finding(Severity.valueOf(rs.getString("severity")),
                    rs.getString("rule_id"), rs.getString("agency_code"), rs.getString("agency_name"),
                    (Integer) rs.getObject("report_year"), rs.getString("source_file"), rs.getString("sheet"),
                    cells(rs.getString("cells")), number(rs.getString("expected")), number(rs.getString("actual")),
                    number(rs.getString("delta")), rs.getString("message"));
            String fp = rs.getString("fingerprint");
            out.put(fp, new Disposition(fp, DispositionStatus.of(rs.getString("status")).orElse(null), rs.getString("note"),
                    new Figures(number(rs.getString("decided_expected")), number(rs.getString("decided_actual")),
                            number(rs.getString("decided_delta"))),
                    rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getString("source"), seen));
        }, jobName);
        return out;
    }

    /** What the job's dispositions file said, by fingerprint, when it was last read. */
    public Map<String, Said> fileSaid(String jobName) {
        Map<String, Said> out = new HashMap<>();
        jdbc.query("SELECT fingerprint, file_status, file_note FROM nb_disposition WHERE job_name = ?",
                rs -> {
                    out.put(rs.getString(1), new Said(rs.getString(2), rs.getString(3)));
                }, jobName);
        return out;
    }

    /**
     * Records new and changed decisions of a job (read by run {@code run}), and what its dispositions file now says
     * about each finding it names.
     */
    public void save(String jobName, long run, List<Disposition> changed, Map<String, Said> fileSaid) {
        for (Disposition d : changed) {
            Object[] decision = {d.statusLabel(), d.note(), text(d.decidedOn().expected()), text(d.decidedOn().actual()),
                    text(d.decidedOn().delta()), d.recordedAt().atOffset(ZoneOffset.UTC), run, d.source()};
            Object[] key = {jobName, d.fingerprint()};
            if (jdbc.update("UPDATE nb_disposition SET status = ?, note = ?, decided_expected = ?, decided_actual = ?, "
                    + "decided_delta = ?, recorded_at = ?, recorded_run = ?, source = ? WHERE job_name = ? AND fingerprint = ?",
                    concat(decision, key)) == 0) {
                jdbc.update("INSERT INTO nb_disposition (status, note, decided_expected, decided_actual, decided_delta, recorded_at, "
                        + "recorded_run, source, job_name, fingerprint) VALUES (?,?,?,?,?,?,?,?,?,?)", concat(decision, key));
            }
            if (d.lastSeen() != null) {
                recordSeen(jobName, List.of(d.lastSeen()));
            }
        }
        List<Object[]> said = new ArrayList<>();
        fileSaid.forEach((fp, s) -> said.add(new Object[] {s.status(), s.note(), jobName, fp}));
        jdbc.batchUpdate("UPDATE nb_disposition SET file_status = ?, file_note = ? WHERE job_name = ? AND fingerprint = ?", said);
    }

    /** Records how the job's latest run saw each decided finding it has (the decision itself is unchanged). */
    public void recordSeen(String jobName, List<Finding> findings) {
        List<Object[]> rows = new ArrayList<>();
        for (Finding f : findings) {
            rows.add(new Object[] {f.severity().name(), f.rule(), f.agencyCode(), f.agencyName(), f.year(), f.sourceFile(), f.sheet(),
                    String.join(" ", f.cells()), text(f.expected()), text(f.actual()), text(f.delta()), f.message(), jobName,
                    f.fingerprint()});
        }
        jdbc.batchUpdate("UPDATE nb_disposition SET severity = ?, rule_id = ?, agency_code = ?, agency_name = ?, report_year = ?, "
                + "source_file = ?, sheet = ?, cells = ?, expected = ?, actual = ?, delta = ?, message = ? "
                + "WHERE job_name = ? AND fingerprint = ?", rows);
    }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String text(BigDecimal d) {
        return d == null ? null : d.toPlainString();
    }

    private static BigDecimal number(String s) {
        return s == null || s.isEmpty() ? null : new BigDecimal(s);
    }

    private static List<String> cells(String cells) {
        return cells == null || cells.isBlank() ? List.of() : List.of(cells.trim().split(" +"));
    }

    /** Now, by the database's clock, as every stored time. */
    public Instant now() {
        return jdbc.queryForObject("SELECT CURRENT_TIMESTAMP", (rs, i) -> rs.getObject(1, OffsetDateTime.class).toInstant());
    }
}
