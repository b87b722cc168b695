package cn.nianbao.store;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.nianbao.history.RunComparison;
import cn.nianbao.ingest.ParsedValue;
import cn.nianbao.ingest.ParsedWorkbook;
import cn.nianbao.ingest.ReportTitle;
import cn.nianbao.model.Agency;
import cn.nianbao.model.Datapoint;
import cn.nianbao.model.Finding;
import cn.nianbao.model.IngestResult;
import cn.nianbao.model.Report;
import cn.nianbao.model.ReportContent;
import cn.nianbao.model.Scope;
import cn.nianbao.model.Severity;
import cn.nianbao.model.SourceCell;
import cn.nianbao.model.Submission;
import cn.nianbao.model.UnitTotal;
import cn.nianbao.template.TemplateCatalogue;

/**
 * Submissions, parsed reports with their source cells, findings and roll-ups, in the database through
 * Spring JDBC. A run is keyed by its job instance, so a restarted run (a new execution of the same
 * instance) sees what the crashed one already stored and writes nothing twice.
 */
public class ReportStore {

    /** Which step wrote a finding, so a step re-run replaces only its own. */
    public enum Stage { INGEST, VALIDATE, ROLLUP }

    private final JdbcTemplate jdbc;
    private final TemplateCatalogue catalogue;

    public ReportStore(JdbcTemplate jdbc, TemplateCatalogue catalogue) {
        this.jdbc = jdbc;
        this.catalogue = catalogue;
    }

    // ------------------------------------------------------------------ ingest

    public Set<String> pathsOfRun(long run) {
        return new HashSet<>(jdbc.queryForList("SELECT path FROM nb_run_file WHERE job_instance_id = ?", String.class, run));
    }

    /** Paths of a run's files whose stored content was reused rather than read. */
    public Set<String> reusedPathsOfRun(long run) {
        return new HashSet<>(jdbc.queryForList("SELECT path FROM nb_run_file WHERE job_instance_id = ? AND reused = TRUE",
                String.class, run));
    }

    /**
     * Stores what ingesting some files gave: newly parsed content (once per hash, for later runs to reuse),
     * the run's file rows, findings.
     */
    public void saveIngested(long run, List<IngestResult> results, String readerVersion) {
        List<Object[]> files = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        Map<String, ParsedWorkbook> parsed = new LinkedHashMap<>();
        for (IngestResult result : results) {
            Submission s = result.submission();
            Report r = result.report().orElse(null);
            if (result.parsed() != null && !result.reused()) {
                parsed.putIfAbsent(s.sha256(), result.parsed()); // the same bytes twice in one chunk: stored once
            }
            Agency a = r == null ? null : r.agency();
            files.add(new Object[] {run, s.path(), s.sha256(), s.sizeBytes(), Timestamp.from(s.modified()), r != null,
                    a == null ? null : a.code(), a == null ? null : a.name(), a == null ? null : a.kind(),
                    a == null ? null : a.parent(), r == null ? null : r.year(), r == null ? null : r.format(),
                    r == null ? null : r.scope().name(), r == null ? null : truncate(r.title(), 1000), result.reused()});
            findings.addAll(result.findings());
        }
        saveContent(readerVersion, parsed);
        jdbc.batchUpdate("INSERT INTO nb_run_file (job_instance_id, path, sha256, size_bytes, modified, accepted, agency_code, "
                + "agency_name, agency_kind, agency_parent, report_year, format, scope, title, reused) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", files);
        saveFindings(run, Stage.INGEST, findings);
    }

    /**
     * Stores workbooks' parsed content under their hashes, a batch of statements per table. Content stored
     * by another reader version is replaced; content already stored by this version is kept.
     */
    private void saveContent(String readerVersion, Map<String, ParsedWorkbook> parsed) {
        if (parsed.isEmpty()) {
            return;
        }
        List<String> shas = new ArrayList<>(parsed.keySet());
        Map<String, String> stored = new HashMap<>();
        jdbc.query("SELECT sha256, reader_version FROM nb_content WHERE sha256 IN (" + placeholders(shas.size()) + ")",
                rs -> {
                    stored.put(rs.getString(1), rs.getString(2));
                }, shas.toArray());
        List<String> stale = new ArrayList<>();
        List<Object[]> contents = new ArrayList<>();
        List<Object[]> titles = new ArrayList<>();
        List<Object[]> problems = new ArrayList<>();
        List<Object[]> packed = new ArrayList<>();
        Timestamp now = Timestamp.from(Instant.now());
        for (Map.Entry<String, ParsedWorkbook> e : parsed.entrySet()) {
            String sha = e.getKey();
            ParsedWorkbook p = e.getValue();
            if (stored.containsKey(sha)) {
                if (readerVersion.equals(stored.get(sha))) {
                    continue;
                }
                stale.add(sha);
            }
            String title = p.titles().isEmpty() ? null : p.titles().get(0).text();
            contents.add(new Object[] {sha, p.format(), truncate(title, 1000), now, readerVersion, p.outcome().name(),
                    p.tablesComplete(), p.failureRule(), truncate(p.failureMessage(), 4000)});
            for (int i = 0; i < p.titles().size(); i++) {
                ReportTitle t = p.titles().get(i);
                titles.add(new Object[] {sha, i, truncate(t.text(), 1000), truncate(t.agencyName(), 1000), t.year()});
            }
            for (int i = 0; i < p.problems().size(); i++) {
                ParsedWorkbook.ContentProblem c = p.problems().get(i);
                problems.add(new Object[] {sha, i, c.kind().name(), c.rule(), c.sheet(), c.cell(), truncate(c.message(), 4000)});
            }
            // the workbook's whole record in one row (values, cells, notes; labels beside them): no row per datapoint
            // (as UTF-8 bytes in nb_content_bytes, V10: a text column is written and read back a character at a time)
            packed.add(new Object[] {sha, utf8(PackedValues.pack(p.datapoints().values(), p.unitNotes())),
                    utf8(PackedValues.packLabels(p.datapoints().values()))});
        }
        if (!stale.isEmpty()) {
            deleteContent(stale);
        }
        jdbc.batchUpdate("INSERT INTO nb_content (sha256, format, title, parsed_at, reader_version, outcome, tables_complete, failure_rule, "
                + "failure_message) VALUES (?,?,?,?,?,?,?,?,?)", contents);
        jdbc.batchUpdate("INSERT INTO nb_content_title (sha256, seq, title_text, agency_name, report_year) VALUES (?,?,?,?,?)", titles);
        jdbc.batchUpdate("INSERT INTO nb_content_problem (sha256, seq, kind, rule_id, sheet, cell_ref, message) VALUES (?,?,?,?,?,?,?)",
                problems);
        jdbc.batchUpdate("INSERT INTO nb_content_bytes (sha256, packed, labels) VALUES (?,?,?)", packed);
    }

    /** Removes stored content (datapoints, titles, problems) of the given hashes. */
    public void deleteContent(List<String> sha256s) {
        for (String table : List.of("nb_datapoint", "nb_content_values", "nb_content_bytes", "nb_content_title",
                "nb_content_problem", "nb_content")) {
            jdbc.batchUpdate("DELETE FROM " + table + " WHERE sha256 = ?", sha256s.stream().map(sha -> new Object[] {sha}).toList());
        }
    }

    /**
     * A workbook's content as an earlier run parsed it, if a reader of this version stored it: what
     * {@link cn.nianbao.ingest.WorkbookIngester#parse} would return, without opening the file.
     */
    public Optional<ParsedWorkbook> storedContent(String sha, String readerVersion) {
        return storedContent(sha, readerVersion, true);
    }

    /**
     * As {@link #storedContent(String, String)}; without {@code datapoints} the content comes without its datapoints
     * and money-unit notes: enough to attach it to a run (agency, year, format, accepted, findings), which is all
     * ingest does with content it reuses. The later steps read the datapoints by hash; reading them here too made a
     * night on which every file was copied in again read all stored content once more.
     */
    public Optional<ParsedWorkbook> storedContent(String sha, String readerVersion, boolean datapoints) {
        List<ParsedWorkbook> found = jdbc.query("SELECT * FROM nb_content WHERE sha256 = ? AND reader_version = ?", (rs, i) -> {
            List<ReportTitle> titles = jdbc.query("SELECT * FROM nb_content_title WHERE sha256 = ? ORDER BY seq",
                    (t, j) -> new ReportTitle(t.getString("title_text"), t.getString("agency_name"), (Integer) t.getObject("report_year")),
                    sha);
            List<ParsedWorkbook.ContentProblem> problems = jdbc.query("SELECT * FROM nb_content_problem WHERE sha256 = ? ORDER BY seq",
                    (c, j) -> new ParsedWorkbook.ContentProblem(ParsedWorkbook.ContentProblem.Kind.valueOf(c.getString("kind")),
                            c.getString("rule_id"), c.getString("sheet"), c.getString("cell_ref"), c.getString("message")), sha);
            Map<String, Map<String, ParsedValue.UnitNote>> notes = new HashMap<>();
            Map<String, Datapoint> points = datapoints ? load(List.of(sha), true, notes).getOrDefault(sha, new LinkedHashMap<>())
                    : Map.of();
            return new ParsedWorkbook(ParsedWorkbook.Outcome.valueOf(rs.getString("outcome")), rs.getString("failure_rule"),
                    rs.getString("failure_message"), titles, rs.getString("format"), rs.getBoolean("tables_complete"), problems,
                    points, notes.getOrDefault(sha, new LinkedHashMap<>()));
        }, sha, readerVersion);
        return found.stream().findFirst();
    }

    // ------------------------------------------------------------------ findings

    public void replaceFindings(long run, Stage stage, List<Finding> findings) {
        jdbc.update("DELETE FROM nb_finding WHERE job_instance_id = ? AND stage = ?", run, stage.name());
        saveFindings(run, stage, findings);
    }

    private void saveFindings(long run, Stage stage, List<Finding> findings) {
        List<Object[]> rows = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            rows.add(new Object[] {run, stage.name(), f.fingerprint(), f.severity().name(), f.rule(), f.agencyCode(),
                    f.agencyName(), f.year(), f.sourceFile(), f.sheet(), String.join(" ", f.cells()), f.expected(),
                    f.actual(), f.delta(), truncate(f.message(), 4000)});
        }
        jdbc.batchUpdate("INSERT INTO nb_finding (job_instance_id, stage, fingerprint, severity, rule_id, agency_code, agency_name, "
                + "report_year, source_file, sheet, cells, expected, actual, delta, message) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows);
    }

    public List<Finding> findings(long run) {
        return jdbc.query("SELECT * FROM nb_finding WHERE job_instance_id = ? ORDER BY stage, agency_code, report_year, rule_id, cells",
                (rs, i) -> new Finding(Severity.valueOf(rs.getString("severity")), rs.getString("rule_id"),
                        rs.getString("agency_code"), rs.getString("agency_name"), (Integer) rs.getObject("report_year"),
                        rs.getString("source_file"), rs.getString("sheet"), splitCells(rs.getString("cells")),
                        strip(rs.getBigDecimal("expected")), strip(rs.getBigDecimal("actual")), strip(rs.getBigDecimal("delta")),
                        rs.getString("message")), run);
    }

    private static List<String> splitCells(String cells) {
        return cells == null || cells.isBlank() ? List.of() : List.of(cells.trim().split(" +"));
    }

    // ------------------------------------------------------------------ reading a run back

    public List<Submission> submissions(long run) {
        return submissions(run, List.of());
    }

    /**
     * As {@link #submissions(long)}, the files of {@code known} reports given as those reports' own submission objects
     * instead of new copies (publish holds both: the run's reports and, for run.json, all its files; 100,000 each in a
     * province).
     */
    public List<Submission> submissions(long run, List<Report> known) {
        Map<String, Submission> byPath = new HashMap<>();
        for (Report r : known) {
            if (r.submission() != null) {
                byPath.put(r.submission().path(), r.submission());
            }
        }
        return jdbc.query("SELECT path, sha256, size_bytes, modified FROM nb_run_file WHERE job_instance_id = ? ORDER BY path",
                (rs, i) -> {
                    Submission s = new Submission(rs.getString("path"), rs.getString("sha256"), rs.getLong("size_bytes"),
                            rs.getTimestamp("modified").toInstant());
                    Submission same = byPath.get(s.path());
                    return same != null && same.equals(s) ? same : s;
                }, run);
    }

    /** The accepted reports of a run with all their datapoints, in file order. */
    public List<Report> reports(long run) {
        Map<String, List<Datapoint>> points = new LinkedHashMap<>();
        jdbc.query("SELECT d.* FROM nb_datapoint d WHERE d.sha256 IN (SELECT f.sha256 FROM nb_run_file f "
                + "WHERE f.job_instance_id = ? AND f.accepted = TRUE) ORDER BY d.sha256", rs -> {
                    points.computeIfAbsent(rs.getString("sha256"), k -> new ArrayList<>()).add(datapoint(rs));
                }, run);
        return reportsFrom("SELECT * FROM nb_run_file WHERE job_instance_id = ? AND accepted = TRUE ORDER BY path", points, run);
    }

    /** How many files a run saw and how many of them it accepted as reports. */
    public int[] fileCounts(long run) {
        return jdbc.queryForObject("SELECT COUNT(*), COALESCE(SUM(CASE WHEN accepted THEN 1 ELSE 0 END), 0) FROM nb_run_file "
                + "WHERE job_instance_id = ?", (rs, i) -> new int[] {rs.getInt(1), rs.getInt(2)}, run);
    }

    /** The accepted reports of a run without their datapoints (headers: agency, year, format, file), in file order. */
    public List<Report> reportHeaders(long run) {
        // without the title: nothing after ingest reads it, and a province's run holds 100,000 headers through
        // validate and publish
        return reportRows("SELECT * FROM nb_run_file WHERE job_instance_id = ? AND accepted = TRUE ORDER BY path", Map.of(), false,
                run);
    }

    /** How many reports' datapoints one query reads. */
    private static final int CONTENT_BATCH = 100;

    /** The stored datapoints of reports known by their headers, read a batch of reports per query. */
    public ReportContent content() {
        return new ReportContent() {
            @Override
            public void forEachFull(List<Report> reports, Consumer<Report> action) {
                forEachWithLabels(reports, action);
            }

            @Override
            public void forEachValues(List<Report> reports, Consumer<Report> action) {
                forEachWithNotes(reports, (r, notes) -> action.accept(r));
            }

            @Override
            public Set<String> datapointIds(List<Report> reports) {
                Set<String> ids = new HashSet<>();
                for (List<String> batch : batches(reports.stream().map(r -> r.submission().sha256()).distinct().toList(), CONTENT_BATCH)) {
                    load(batch, false, null).values().forEach(points -> ids.addAll(points.keySet()));
                }
                return ids;
            }
        };
    }

    /**
     * Calls {@code action} with each report, in the given order, with all its stored datapoints (source
     * sheet and cell, no label) and the money-unit notes the reader made for them (datapoint id → note).
     */
    public void forEachWithNotes(List<Report> reports, BiConsumer<Report, Map<String, ParsedValue.UnitNote>> action) {
        for (List<Report> batch : batches(reports, CONTENT_BATCH)) {
            List<String> shas = batch.stream().map(r -> r.submission().sha256()).distinct().toList();
            Map<String, Map<String, ParsedValue.UnitNote>> notes = new HashMap<>();
            Map<String, Map<String, Datapoint>> points = load(shas, false, notes);
            for (Report r : batch) {
                String sha = r.submission().sha256();
                action.accept(r.withContent(points.getOrDefault(sha, Map.of())), notes.getOrDefault(sha, Map.of()));
            }
        }
    }

    /** Calls {@code action} with each report, in order, with all its stored datapoints including their labels. */
    private void forEachWithLabels(List<Report> reports, Consumer<Report> action) {
        for (List<Report> batch : batches(reports, CONTENT_BATCH)) {
            List<String> shas = batch.stream().map(r -> r.submission().sha256()).distinct().toList();
            Map<String, Map<String, Datapoint>> points = load(shas, true, null);
            for (Report r : batch) {
                action.accept(r.withContent(points.getOrDefault(r.submission().sha256(), Map.of())));
            }
        }
    }

    /**
     * The stored datapoints of some workbooks (hash → datapoint id → datapoint, in id order), from their packed
     * rows; with {@code labels} each source carries its label. Packed rows are UTF-8 bytes in nb_content_bytes (V10),
     * text in nb_content_values before that. Content stored before the packed rows (V5) or, when labels are asked
     * for, before their labels (V6) is read from its nb_datapoint rows (labels included). Money-unit notes go to
     * {@code notes} (hash → id → note) when it is not null.
     */
    private Map<String, Map<String, Datapoint>> load(List<String> shas, boolean labels,
                                                    Map<String, Map<String, ParsedValue.UnitNote>> notes) {
        Map<String, Map<String, Datapoint>> points = new HashMap<>();
        if (shas.isEmpty()) {
            return points;
        }
        String columns = "SELECT sha256, packed" + (labels ? ", labels" : "");
        jdbc.query(columns + " FROM nb_content_bytes WHERE sha256 IN (" + placeholders(shas.size()) + ")",
                rs -> {
                    unpackRow(rs.getString(1), text(rs.getBytes(2)), labels ? text(rs.getBytes(3)) : null, points, notes);
                },
                shas.toArray());
        // stored as text before V10
        List<String> asText = shas.stream().filter(sha -> !points.containsKey(sha)).toList();
        if (!asText.isEmpty()) {
            jdbc.query(columns + " FROM nb_content_values WHERE sha256 IN (" + placeholders(asText.size()) + ")"
                            + (labels ? " AND labels IS NOT NULL" : ""),
                    rs -> {
                        unpackRow(rs.getString(1), rs.getString(2), labels ? rs.getString(3) : null, points, notes);
                    },
                    asText.toArray());
        }
        // content stored by an older version: from its datapoint rows, in key order
        List<String> older = shas.stream().filter(sha -> !points.containsKey(sha)).toList();
        if (!older.isEmpty()) {
            jdbc.query("SELECT * FROM nb_datapoint WHERE sha256 IN (" + placeholders(older.size())
                    + ") ORDER BY sha256, datapoint_id", rs -> {
                        String sha = rs.getString("sha256");
                        Datapoint d = datapoint(rs);
                        points.computeIfAbsent(sha, k -> new LinkedHashMap<>()).put(d.id(), d);
                        String note = rs.getString("unit_note");
                        if (note != null && notes != null) {
                            notes.computeIfAbsent(sha, k -> new LinkedHashMap<>()).put(d.id(), ParsedValue.UnitNote.valueOf(note));
                        }
                    }, older.toArray());
        }
        return points;
    }

    private static void unpackRow(String sha, String packed, String labels, Map<String, Map<String, Datapoint>> points,
                                  Map<String, Map<String, ParsedValue.UnitNote>> notes) {
        Map<String, Datapoint> map = new LinkedHashMap<>();
        points.put(sha, map);
        PackedValues.unpack(packed, labels, (d, note) -> {
            map.put(d.id(), d);
            if (note != null && notes != null) {
                notes.computeIfAbsent(sha, k -> new LinkedHashMap<>()).put(d.id(), note);
            }
        });
    }

    private static <T> List<List<T>> batches(List<T> items, int size) {
        List<List<T>> batches = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            batches.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return batches;
    }

    private static String placeholders(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }

    /**
     * The most recently stored report of an agency for a year, from any run: the history the checks
     * across years (B-CARRY-OVER) compare with when the earlier year is not in this run's input.
     */
    public Optional<Report> latestReport(String agencyCode, int year) {
        List<Report> found = reportsFrom("SELECT * FROM nb_run_file WHERE agency_code = ? AND report_year = ? AND accepted = TRUE "
                + "AND scope = 'OWN' ORDER BY job_instance_id DESC, modified DESC FETCH FIRST 1 ROWS ONLY", null, agencyCode, year);
        return found.stream().findFirst();
    }

    /** The findings of the last completed run of the same job before this one, for new/resolved/open. */
    public Optional<List<Finding>> previousRunFindings(String jobName, long run) {
        return previousCompletedRun(jobName, run).map(previous -> findings(previous.jobInstanceId()));
    }

    /** A completed run: its job instance (the key of nb_* rows) and the execution that completed it. */
    public record CompletedRun(long jobInstanceId, long jobExecutionId) {
    }

    /** The last completed run of the same job (by job name) before this one. */
    public Optional<CompletedRun> previousCompletedRun(String jobName, long run) {
        List<CompletedRun> found = jdbc.query("SELECT e.JOB_INSTANCE_ID, e.JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION e "
                + "JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID WHERE p.PARAMETER_NAME = ? "
                + "AND p.PARAMETER_VALUE = ? AND e.STATUS = 'COMPLETED' AND e.JOB_INSTANCE_ID < ? "
                + "ORDER BY e.JOB_INSTANCE_ID DESC, e.JOB_EXECUTION_ID DESC FETCH FIRST 1 ROWS ONLY",
                (rs, i) -> new CompletedRun(rs.getLong(1), rs.getLong(2)), "job.name", jobName, run);
        return found.stream().findFirst();
    }

    /** The accepted report of each agency and year in a run, by content hash. */
    public List<RunComparison.Version> acceptedVersions(long run) {
        return jdbc.query("SELECT agency_code, agency_name, report_year, sha256, path FROM nb_run_file WHERE job_instance_id = ? "
                + "AND accepted = TRUE ORDER BY path", (rs, i) -> new RunComparison.Version(rs.getString(1), rs.getString(2),
                        rs.getInt(3), rs.getString(4), rs.getString(5)), run);
    }

    /** Every roll-up value a run stored. */
    public List<RunComparison.UnitValue> summaryValues(long run) {
        return jdbc.query("SELECT unit_code, unit_name, report_year, datapoint_id, num_value FROM nb_summary WHERE job_instance_id = ?",
                (rs, i) -> new RunComparison.UnitValue(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        strip(rs.getBigDecimal(5))), run);
    }

    // ------------------------------------------------------------------ submission history

    /**
     * Records the reports a run used in the job's version history: a version seen before gets its
     * last-seen updated, a new one is added and supersedes the agency's earlier versions for that year.
     * Safe to repeat (a restarted publish step records the same again).
     */
    public void recordVersions(String jobName, long run, List<Report> reports) {
        Timestamp now = Timestamp.from(Instant.now());
        // One agency and year per report (duplicates are resolved), so the three statements can each run as a batch.
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> supersedes = new ArrayList<>();
        for (Report r : reports) {
            String sha = r.submission().sha256();
            updates.add(new Object[] {now, run, truncate(r.submission().path(), 1000), jobName, r.agency().code(), r.year(), sha});
            supersedes.add(new Object[] {sha, now, jobName, r.agency().code(), r.year(), sha});
        }
        int[] seen = jdbc.batchUpdate("UPDATE nb_submission_version SET last_seen = ?, last_seen_run = ?, path = ?, superseded_by = NULL, "
                + "superseded_at = NULL WHERE job_name = ? AND agency_code = ? AND report_year = ? AND sha256 = ?", updates);
        List<Object[]> inserts = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            if (seen[i] == 0) {
                Report r = reports.get(i);
                inserts.add(new Object[] {jobName, r.agency().code(), r.year(), r.submission().sha256(),
                        truncate(r.submission().path(), 1000), now, now, run, run});
            }
        }
        jdbc.batchUpdate("INSERT INTO nb_submission_version (job_name, agency_code, report_year, sha256, path, first_seen, last_seen, "
                + "first_seen_run, last_seen_run) VALUES (?,?,?,?,?,?,?,?,?)", inserts);
        jdbc.batchUpdate("UPDATE nb_submission_version SET superseded_by = ?, superseded_at = ? WHERE job_name = ? AND agency_code = ? "
                + "AND report_year = ? AND sha256 <> ? AND superseded_by IS NULL", supersedes);
    }

    private static Datapoint datapoint(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Datapoint(rs.getString("datapoint_id"), strip(rs.getBigDecimal("num_value")), rs.getBoolean("blank"),
                new SourceCell(rs.getString("sheet"), rs.getString("cell_ref"), rs.getString("label")));
    }

    /** Reports from nb_run_file rows; datapoints from {@code points} or, when null, looked up per report. */
    private List<Report> reportsFrom(String sql, Map<String, List<Datapoint>> points, Object... args) {
        return reportRows(sql, points, true, args);
    }

    private List<Report> reportRows(String sql, Map<String, List<Datapoint>> points, boolean titles, Object... args) {
        // A run's headers are held by the later steps (100,000 in a province): the driver makes a new string for every
        // column of every row, so the few formats, kinds and parents are kept once, and a code equal to the name
        // (an agency without a roster) shares its string.
        Map<String, String> few = new HashMap<>();
        return jdbc.query(sql, (rs, i) -> {
            Submission s = new Submission(rs.getString("path"), rs.getString("sha256"), rs.getLong("size_bytes"),
                    rs.getTimestamp("modified").toInstant());
            String code = rs.getString("agency_code");
            String name = rs.getString("agency_name");
            Agency a = new Agency(code, name != null && name.equals(code) ? code : name, List.of(),
                    once(few, rs.getString("agency_kind")), once(few, rs.getString("agency_parent")));
            Map<String, Datapoint> map = new LinkedHashMap<>();
            java.util.Collection<Datapoint> dps = points != null ? points.getOrDefault(s.sha256(), List.of())
                    : load(List.of(s.sha256()), true, null).getOrDefault(s.sha256(), Map.of()).values();
            for (Datapoint d : dps) {
                map.put(d.id(), d);
            }
            return new Report(a, rs.getInt("report_year"), once(few, rs.getString("format")), Scope.valueOf(rs.getString("scope")), s,
                    titles ? rs.getString("title") : null, map);
        }, args);
    }

    /** A packed text as stored (V10): its UTF-8 bytes. */
    static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A packed text from its stored bytes. */
    static String text(byte[] utf8) {
        return utf8 == null ? null : new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** {@code value}, or the equal string met before in {@code seen}. */
    private static String once(Map<String, String> seen, String value) {
        return value == null ? null : seen.computeIfAbsent(value, v -> v);
    }

    /** Money-unit notes the reader made for a file's content (datapoint id → note). */
    public Map<String, ParsedValue.UnitNote> unitNotes(String sha256) {
        Map<String, Map<String, ParsedValue.UnitNote>> notes = new HashMap<>();
        load(List.of(sha256), false, notes);
        return notes.getOrDefault(sha256, new LinkedHashMap<>());
    }

    // ------------------------------------------------------------------ reuse of an identical run

    /** The columns of nb_run_file that a run's findings and roll-up follow from (all but the run and reuse flag). */
    private static final String RUN_FILE_COLUMNS = "path, sha256, size_bytes, accepted, agency_code, agency_name, agency_kind, "
            + "agency_parent, report_year, format, scope, title";

    /**
     * Whether two runs have the same files: same paths, hashes, sizes and what ingest made of each (accepted,
     * agency, year, format, scope, title); with {@code modified}, also the same modification times.
     */
    public boolean sameRunFiles(long a, long b, boolean modified) {
        String cols = RUN_FILE_COLUMNS + (modified ? ", modified" : "");
        String one = "SELECT " + cols + " FROM nb_run_file WHERE job_instance_id = ?";
        Long aOnly = jdbc.queryForObject("SELECT COUNT(*) FROM (" + one + " EXCEPT " + one + ") x", Long.class, a, b);
        Long bOnly = jdbc.queryForObject("SELECT COUNT(*) FROM (" + one + " EXCEPT " + one + ") x", Long.class, b, a);
        Long aCount = jdbc.queryForObject("SELECT COUNT(*) FROM nb_run_file WHERE job_instance_id = ?", Long.class, a);
        Long bCount = jdbc.queryForObject("SELECT COUNT(*) FROM nb_run_file WHERE job_instance_id = ?", Long.class, b);
        return aOnly == 0 && bOnly == 0 && aCount.equals(bCount);
    }

    /**
     * The files of every run but the given ones, summarised (how many, sum and maximum of their run ids): what
     * {@link #latestReport} can see besides them. Changes when a run is added, grows (a restart) or is purged.
     */
    public String historyStamp(long... excluded) {
        String not = placeholders(excluded.length);
        Object[] args = java.util.Arrays.stream(excluded).boxed().toArray();
        return jdbc.queryForObject("SELECT COUNT(*) || ':' || COALESCE(SUM(job_instance_id), 0) || ':' "
                + "|| COALESCE(MAX(job_instance_id), 0) FROM nb_run_file WHERE job_instance_id NOT IN (" + not + ")", String.class, args);
    }

    /** What a run's validate step recorded about its basis and history, if it did. */
    public Optional<String[]> runBasis(long run) {
        return jdbc.query("SELECT basis, history_stamp FROM nb_run_basis WHERE job_instance_id = ?",
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}, run).stream().findFirst();
    }

    public void recordRunBasis(long run, String basis, String historyStamp) {
        jdbc.update("DELETE FROM nb_run_basis WHERE job_instance_id = ?", run);
        jdbc.update("INSERT INTO nb_run_basis (job_instance_id, basis, history_stamp) VALUES (?,?,?)", run, basis, historyStamp);
    }

    /** Replaces a run's findings of one stage by a copy of another run's; returns how many were copied. */
    public int copyFindings(long from, long to, Stage stage) {
        jdbc.update("DELETE FROM nb_finding WHERE job_instance_id = ? AND stage = ?", to, stage.name());
        return jdbc.update("INSERT INTO nb_finding (job_instance_id, stage, fingerprint, severity, rule_id, agency_code, agency_name, "
                + "report_year, source_file, sheet, cells, expected, actual, delta, message) SELECT ?, stage, fingerprint, severity, "
                + "rule_id, agency_code, agency_name, report_year, source_file, sheet, cells, expected, actual, delta, message "
                + "FROM nb_finding WHERE job_instance_id = ? AND stage = ?", to, from, stage.name());
    }

    /** Replaces a run's roll-up rows by a copy of another run's. */
    public int copySummary(long from, long to) {
        jdbc.update("DELETE FROM nb_summary WHERE job_instance_id = ?", to);
        return jdbc.update("INSERT INTO nb_summary (job_instance_id, unit_code, unit_name, report_year, format, datapoint_id, "
                + "num_value, reports_included, reports_expected) SELECT ?, unit_code, unit_name, report_year, format, datapoint_id, "
                + "num_value, reports_included, reports_expected FROM nb_summary WHERE job_instance_id = ?", to, from);
    }

    // ------------------------------------------------------------------ roll-up

    public void replaceSummary(long run, List<UnitTotal> totals) {
        jdbc.update("DELETE FROM nb_summary WHERE job_instance_id = ?", run);
        List<Object[]> rows = new ArrayList<>();
        for (UnitTotal t : totals) {
            for (Map.Entry<String, BigDecimal> e : t.values().entrySet()) {
                rows.add(new Object[] {run, t.unit().code(), t.unit().name(), t.year(), t.format(), e.getKey(), e.getValue(),
                        t.included().size(), t.expected().size()});
            }
        }
        jdbc.batchUpdate("INSERT INTO nb_summary (job_instance_id, unit_code, unit_name, report_year, format, datapoint_id, "
                + "num_value, reports_included, reports_expected) VALUES (?,?,?,?,?,?,?,?,?)", rows);
    }

    private static BigDecimal strip(BigDecimal d) {
        if (d == null) {
            return null;
        }
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
