package cn.nianbao.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.nianbao.ingest.ParsedReport;
import cn.nianbao.ingest.ParsedWorkbook;
import cn.nianbao.ingest.WorkbookGrid;
import cn.nianbao.model.Datapoint;
import cn.nianbao.model.ReportPart;

/**
 * What reading a file gave, keyed by the SHA-256 of its bytes, so the same bytes are read once: the file's outcome
 * (nb_file_content) and each report found in it with its datapoints (nb_report_content: {@link StoredDatapoints}).
 * Content is reused only by the program that read it; another program reads the file again and replaces it.
 */
public class ContentStore {

    /** A report's content: the file's hash and which report of the file. */
    public record Key(String sha256, int part) {
    }

    /** How many reports' datapoints one query reads. */
    static final int BATCH = 100;

    private final JdbcTemplate jdbc;

    public ContentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores files' content under their hashes; content this program stored already is kept, another's replaced. */
    public void save(String program, Map<String, ParsedWorkbook> parsed) {
        if (parsed.isEmpty()) {
            return;
        }
        List<String> shas = new ArrayList<>(parsed.keySet());
        Map<String, String> stored = new HashMap<>();
        jdbc.query("SELECT sha256, program FROM nb_file_content WHERE sha256 IN (" + placeholders(shas.size()) + ")",
                rs -> {
                    stored.put(rs.getString(1), rs.getString(2));
                }, shas.toArray());
        List<String> stale = new ArrayList<>();
        List<Object[]> files = new ArrayList<>();
        List<Object[]> reports = new ArrayList<>();
        for (Map.Entry<String, ParsedWorkbook> e : parsed.entrySet()) {
            String sha = e.getKey();
            ParsedWorkbook p = e.getValue();
            if (stored.containsKey(sha)) {
                if (program.equals(stored.get(sha))) {
                    continue;
                }
                stale.add(sha);
            }
            files.add(new Object[] {sha, program, p.outcome().name(), p.source() == null ? null : p.source().name(),
                    p.failureRule(), p.failureMessage(), ContentJson.titles(p.titles()), ContentJson.problems(p.problems())});
            for (ParsedReport r : p.reports()) {
                reports.add(new Object[] {sha, r.part().index(), r.part().sheet(), r.format(), r.tablesComplete(),
                        ContentJson.titles(r.titles()), ContentJson.problems(r.problems()),
                        StoredDatapoints.encode(r.datapoints().values())});
            }
        }
        delete(stale);
        jdbc.batchUpdate("INSERT INTO nb_file_content (sha256, program, outcome, source, failure_rule, failure_message, titles, "
                + "problems, read_at) VALUES (?,?,?,?,?,?,?,?,CURRENT_TIMESTAMP)", files);
        jdbc.batchUpdate("INSERT INTO nb_report_content (sha256, part, sheet, format, tables_complete, titles, problems, "
                + "datapoints) VALUES (?,?,?,?,?,?,?,?)", reports);
    }

    /** Removes the stored content of the given hashes. */
    public void delete(Collection<String> sha256s) {
        if (sha256s.isEmpty()) {
            return;
        }
        List<Object[]> args = sha256s.stream().map(sha -> new Object[] {sha}).toList();
        jdbc.batchUpdate("DELETE FROM nb_report_content WHERE sha256 = ?", args);
        jdbc.batchUpdate("DELETE FROM nb_file_content WHERE sha256 = ?", args);
    }

    /**
     * A file's content as this program read it before, if it did: what {@code WorkbookIngester.parse} would return,
     * without opening the file, and without the reports' datapoints (enough to attach the file to a run: agency,
     * year, format, findings; the later steps read the datapoints by key).
     */
    public Optional<ParsedWorkbook> stored(String sha, String program) {
        List<ParsedWorkbook> found = jdbc.query("SELECT * FROM nb_file_content WHERE sha256 = ? AND program = ?", (rs, i) -> {
            List<ParsedReport> reports = jdbc.query("SELECT sha256, part, sheet, format, tables_complete, titles, problems "
                    + "FROM nb_report_content WHERE sha256 = ? ORDER BY part", (r, j) -> new ParsedReport(
                            new ReportPart(r.getInt("part"), r.getString("sheet")), ContentJson.titles(r.getBytes("titles")),
                            r.getString("format"), r.getBoolean("tables_complete"), ContentJson.problems(r.getBytes("problems")),
                            Map.of()), sha);
            String source = rs.getString("source");
            return new ParsedWorkbook(ParsedWorkbook.Outcome.valueOf(rs.getString("outcome")), rs.getString("failure_rule"),
                    rs.getString("failure_message"), source == null ? null : WorkbookGrid.Source.valueOf(source),
                    ContentJson.titles(rs.getBytes("titles")), reports, ContentJson.problems(rs.getBytes("problems")));
        }, sha, program);
        return found.stream().findFirst();
    }

    /**
     * The stored datapoints of some reports, by key, each map in stored order; with {@code labels} each datapoint's source
     * carries its label too (its sheet and cell always). A key with no stored content is absent from the result.
     */
    public Map<Key, Map<String, Datapoint>> datapoints(Collection<Key> keys, boolean labels) {
        Map<Key, Map<String, Datapoint>> out = new HashMap<>();
        Set<String> shas = new LinkedHashSet<>();
        keys.forEach(k -> shas.add(k.sha256()));
        if (shas.isEmpty()) {
            return out;
        }
        Set<Key> wanted = Set.copyOf(keys);
        jdbc.query("SELECT sha256, part, datapoints FROM nb_report_content WHERE sha256 IN (" + placeholders(shas.size()) + ")",
                rs -> {
                    Key key = new Key(rs.getString(1), rs.getInt(2));
                    if (wanted.contains(key)) {
                        out.put(key, StoredDatapoints.read(rs.getBytes(3), labels));
                    }
                }, shas.toArray());
        return out;
    }

    static String placeholders(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }

    /** A report's key as the store knows it. */
    public static Key keyOf(cn.nianbao.model.ReportHeader report) {
        return new Key(report.submission().sha256(), report.part().index());
    }
}
