package cn.nianbao.store;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import cn.nianbao.history.RunComparison;
import cn.nianbao.ingest.IngestResult;
import cn.nianbao.ingest.ParsedWorkbook;
import cn.nianbao.model.Agency;
import cn.nianbao.model.Datapoint;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;
import cn.nianbao.model.ReportPart;
import cn.nianbao.model.ReportContent;
import cn.nianbao.model.ReportHeader;
import cn.nianbao.model.Scope;
import cn.nianbao.model.Severity;
import cn.nianbao.model.Submission;
import cn.nianbao.model.UnitTotal;
import cn.nianbao.job.JobDefinition;
import cn.nianbao.template.TemplateCatalogue;

/**
 * What each run stored, in the database through Spring JDBC: its files and the reports read from them (their content
 * is in {@link ContentStore}, by hash), which reports count, its findings, its roll-up, the files it did not read and
 * the versions of each agency's report its job has seen. A run is keyed by its job instance, so a restarted run (a new
 * execution of the same instance) sees what the crashed one already stored and writes nothing twice.
 */
public class RunStore {

    /** Which step wrote a finding, so a step re-run replaces only its own. */
    public enum Stage { INGEST, VALIDATE, ROLLUP, DISPOSITION }

    private final JdbcTemplate jdbc;
    private final ContentStore contents;

    public RunStore(JdbcTemplate jdbc, ContentStore contents) {
        this.jdbc = jdbc;
        this.contents = contents;
    }

    /** Where the content of the files read is kept. */
    public ContentStore contents() {
        return contents;
    }

    // ------------------------------------------------------------------ ingest

    public Set<String> pathsOfRun(long run) {
        return new HashSet<>(jdbc.queryForList("SELECT path FROM nb_run_file WHERE job_instance_id = ?", String.class, run));
    }

    /**
     * Each file's stamp ({@code FileStamp}) as a run recorded it when it read the file or took it over; files without
     * one (none could be trusted, or the platform gives none) are absent.
     */
    public Map<String, String> fileStamps(long run) {
        Map<String, String> out = new HashMap<>();
        jdbc.query("SELECT DISTINCT path, stamp FROM nb_run_file WHERE job_instance_id = ? AND stamp IS NOT NULL",
                (RowCallbackHandler) rs -> out.put(rs.getString(1), rs.getString(2)), run);
        return out;
    }

    /**
     * Gives a run, before it has stored any file, some files of another run as that run stored them: their rows (marked
     * reused: not read again) and the findings reading them gave. For files unchanged since, under the same basis, which
     * a fresh read would store the same way. One transaction is the caller's: rows without their findings would lose
     * findings on a restart.
     *
     * @return the number of files taken over
     */
    public int copyIngested(long from, long to, Collection<String> paths) {
        List<Object[]> args = new ArrayList<>(paths.size());
        paths.forEach(p -> args.add(new Object[] {to, from, p}));
        jdbc.batchUpdate("INSERT INTO nb_run_file (job_instance_id, path, part, sheet, sha256, size_bytes, modified, accepted, "
                + "agency_code, agency_name, agency_kind, agency_parent, report_year, format, scope, title, reused, stamp, counted) "
                + "SELECT ?, path, part, sheet, sha256, size_bytes, modified, accepted, agency_code, agency_name, agency_kind, "
                + "agency_parent, report_year, format, scope, title, TRUE, stamp, accepted FROM nb_run_file "
                + "WHERE job_instance_id = ? AND path = ?",
                args);
        // the run held no file before this call, so its files are exactly those taken over
        jdbc.update("INSERT INTO nb_finding (job_instance_id, stage, fingerprint, severity, rule_id, agency_code, agency_name, "
                + "report_year, source_file, sheet, cells, expected, actual, delta, message, report_key) SELECT ?, stage, fingerprint, "
                + "severity, rule_id, agency_code, agency_name, report_year, source_file, sheet, cells, expected, actual, delta, "
                + "message, report_key FROM nb_finding WHERE job_instance_id = ? AND stage = ? "
                + "AND source_file IN (SELECT path FROM nb_run_file WHERE job_instance_id = ?)", to, from, Stage.INGEST.name(), to);
        return paths.size();
    }

    /** Paths of a run's files whose stored content was reused rather than read. */
    public Set<String> reusedPathsOfRun(long run) {
        return new HashSet<>(jdbc.queryForList("SELECT path FROM nb_run_file WHERE job_instance_id = ? AND reused = TRUE",
                String.class, run));
    }

    /**
     * Stores what ingesting some files gave: newly read content (once per hash, for later runs to reuse), a row per
     * report of each file (one row for a file that gave none), findings.
     */
    public void saveIngested(long run, List<IngestResult> results, String program) {
        saveIngested(run, results, program, Map.of());
    }

    /** {@link #saveIngested(long, List, String)}, with each file's stamp by path where one was taken. */
    public void saveIngested(long run, List<IngestResult> results, String program, Map<String, String> stamps) {
        List<Object[]> files = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        Map<String, ParsedWorkbook> parsed = new LinkedHashMap<>();
        for (IngestResult result : results) {
            Submission s = result.submission();
            if (result.parsed() != null && !result.reused()) {
                parsed.putIfAbsent(s.sha256(), result.parsed()); // the same bytes twice in one chunk: stored once
            }
            if (result.reports().isEmpty()) {
                files.add(fileRow(run, s, ReportPart.WHOLE, null, result.reused(), stamps.get(s.path())));
            }
            for (Report r : result.reports()) {
                files.add(fileRow(run, s, r.part(), r, result.reused(), stamps.get(s.path())));
            }
            findings.addAll(result.findings());
        }
        contents.save(program, parsed);
        // counted as accepted until validate decides (markCounted): it then changes only the few that do not count
        jdbc.batchUpdate("INSERT INTO nb_run_file (job_instance_id, path, part, sheet, sha256, size_bytes, modified, accepted, "
                + "agency_code, agency_name, agency_kind, agency_parent, report_year, format, scope, title, reused, stamp, counted) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", files);
        saveFindings(run, Stage.INGEST, findings);
    }

    private static Object[] fileRow(long run, Submission s, ReportPart part, Report r, boolean reused, String stamp) {
        Agency a = r == null ? null : r.agency();
        return new Object[] {run, s.path(), part.index(), part.sheet(), s.sha256(), s.sizeBytes(), s.modified().atOffset(ZoneOffset.UTC),
                r != null, a == null ? null : a.code(), a == null ? null : a.name(), a == null ? null : a.kind(),
                a == null ? null : a.parent(), r == null ? null : r.year(), r == null ? null : r.format(),
                r == null ? null : r.scope().name(), r == null ? null : r.title(), reused, stamp, r != null};
    }

    // ------------------------------------------------------------------ findings

    public void replaceFindings(long run, Stage stage, List<Finding> findings) {
        replaceFindings(run, stage, findings, Map.of(), Map.of());
    }

    /**
     * Replaces a run's findings of one stage; a finding in {@code reportKeys} (compared by identity) is stored with the
     * key of the report whose own checks gave it, one in {@code agencyKeys} with the key of the agency whose checks
     * across reports gave it ({@link #copyCheckedFindings}).
     */
    public void replaceFindings(long run, Stage stage, List<Finding> findings, Map<Finding, String> reportKeys,
                                Map<Finding, String> agencyKeys) {
        jdbc.update("DELETE FROM nb_finding WHERE job_instance_id = ? AND stage = ?", run, stage.name());
        saveFindings(run, stage, findings, reportKeys, agencyKeys);
    }

    private void saveFindings(long run, Stage stage, List<Finding> findings) {
        saveFindings(run, stage, findings, Map.of(), Map.of());
    }

    private void saveFindings(long run, Stage stage, List<Finding> findings, Map<Finding, String> reportKeys,
                              Map<Finding, String> agencyKeys) {
        List<Object[]> rows = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            rows.add(new Object[] {run, stage.name(), f.fingerprint(), f.severity().name(), f.rule(), f.agencyCode(),
                    f.agencyName(), f.year(), f.sourceFile(), f.sheet(), String.join(" ", f.cells()), f.expected(),
                    f.actual(), f.delta(), f.message(), reportKeys.isEmpty() ? null : reportKeys.get(f),
                    agencyKeys.isEmpty() ? null : agencyKeys.get(f)});
        }
        jdbc.batchUpdate("INSERT INTO nb_finding (job_instance_id, stage, fingerprint, severity, rule_id, agency_code, agency_name, "
                + "report_year, source_file, sheet, cells, expected, actual, delta, message, report_key, agency_key) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows);
    }

    public List<Finding> findings(long run) {
        return jdbc.query("SELECT * FROM nb_finding WHERE job_instance_id = ? ORDER BY stage, agency_code, report_year, rule_id, cells, "
                + "fingerprint", (rs, i) -> finding(rs), run);
    }

    private static Finding finding(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Finding(Severity.valueOf(rs.getString("severity")), rs.getString("rule_id"),
                rs.getString("agency_code"), rs.getString("agency_name"), (Integer) rs.getObject("report_year"),
                rs.getString("source_file"), rs.getString("sheet"), splitCells(rs.getString("cells")),
                strip(rs.getBigDecimal("expected")), strip(rs.getBigDecimal("actual")), strip(rs.getBigDecimal("delta")),
                rs.getString("message"));
    }

    /**
     * Records the keys validate checked in a run: of the reports (their own checks) and of the agencies (the checks
     * across reports), with or without findings.
     */
    public void replaceCheckedKeys(long run, java.util.stream.Stream<String> reportKeys, java.util.Collection<String> agencyKeys) {
        jdbc.update("DELETE FROM nb_checked_report WHERE job_instance_id = ?", run);
        // A batch at a time: a province's keys are made as they are stored, not all held at once. Distinct by making:
        // each key names a file and a part of it, and a run has each once.
        String insert = "INSERT INTO nb_checked_report (job_instance_id, report_key) VALUES (?,?)";
        List<Object[]> batch = new ArrayList<>(KEY_BATCH);
        reportKeys.forEach(k -> {
            batch.add(new Object[] {run, k});
            if (batch.size() == KEY_BATCH) {
                jdbc.batchUpdate(insert, batch);
                batch.clear();
            }
        });
        jdbc.batchUpdate(insert, batch);
        jdbc.update("DELETE FROM nb_checked_agency WHERE job_instance_id = ?", run);
        jdbc.batchUpdate("INSERT INTO nb_checked_agency (job_instance_id, agency_key) VALUES (?,?)",
                agencyKeys.stream().distinct().map(k -> new Object[] {run, k}).toList());
        analyze("nb_checked_report", "nb_checked_agency");
    }

    /**
     * Brings the database's statistics of {@code tables} up to date, on PostgreSQL: a night compares the keys it has
     * just stored with the last run's straight away, before the server's own analysis has noticed either run's rows,
     * and with statistics of empty tables the planner chose a nested loop over both, 12 s for 10,000 keys where the
     * index takes milliseconds. H2 plans these by its indexes and needs nothing.
     */
    private void analyze(String... tables) {
        if (postgres == null) {
            postgres = jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT)
                    .contains("postgres"));
        }
        if (Boolean.TRUE.equals(postgres)) {
            for (String table : tables) {
                jdbc.execute("ANALYZE " + table);
            }
        }
    }

    /** Whether the database is PostgreSQL; found on first use. */
    private Boolean postgres;

    private static final int KEY_BATCH = 1000;

    /** Of the report keys {@code run} recorded as checked ({@link #replaceCheckedKeys}), those {@code earlier} did not check. */
    public Set<String> newReportKeys(long run, long earlier) {
        return new HashSet<>(jdbc.queryForList("SELECT c.report_key FROM nb_checked_report c WHERE c.job_instance_id = ? "
                + "AND NOT EXISTS (SELECT 1 FROM nb_checked_report e WHERE e.job_instance_id = ? AND e.report_key = c.report_key)",
                String.class, run, earlier));
    }

    /** Of the agency keys {@code run} recorded as checked ({@link #replaceCheckedKeys}), those {@code earlier} did not check. */
    public Set<String> newAgencyKeys(long run, long earlier) {
        return new HashSet<>(jdbc.queryForList("SELECT c.agency_key FROM nb_checked_agency c WHERE c.job_instance_id = ? "
                + "AND NOT EXISTS (SELECT 1 FROM nb_checked_agency e WHERE e.job_instance_id = ? AND e.agency_key = c.agency_key)",
                String.class, run, earlier));
    }

    /**
     * Adds to {@code to}'s validate findings a copy of each of {@code from}'s whose report or agency key {@code to}
     * recorded as checked ({@link #replaceCheckedKeys}); returns how many. Copied inside the database: equal keys give
     * equal findings, so the caller checks only the keys {@code from} does not have and stores only those findings.
     */
    public int copyCheckedFindings(long from, long to) {
        String columns = "stage, fingerprint, severity, rule_id, agency_code, agency_name, report_year, source_file, sheet, cells, "
                + "expected, actual, delta, message, report_key, agency_key";
        String copied = java.util.Arrays.stream(columns.split(", ")).map(c -> "f." + c)
                .collect(java.util.stream.Collectors.joining(", "));
        int n = jdbc.update("INSERT INTO nb_finding (job_instance_id, " + columns + ") SELECT ?, " + copied + " FROM nb_finding f "
                + "JOIN nb_checked_report c ON c.report_key = f.report_key AND c.job_instance_id = ? "
                + "WHERE f.job_instance_id = ? AND f.stage = ?", to, to, from, Stage.VALIDATE.name());
        return n + jdbc.update("INSERT INTO nb_finding (job_instance_id, " + columns + ") SELECT ?, " + copied + " FROM nb_finding f "
                + "JOIN nb_checked_agency c ON c.agency_key = f.agency_key AND c.job_instance_id = ? "
                + "WHERE f.job_instance_id = ? AND f.stage = ?", to, to, from, Stage.VALIDATE.name());
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
    public List<Submission> submissions(long run, List<ReportHeader> known) {
        Map<String, Submission> byPath = new HashMap<>();
        for (ReportHeader r : known) {
            if (r.submission() != null) {
                byPath.put(r.submission().path(), r.submission());
            }
        }
        return jdbc.query("SELECT DISTINCT path, sha256, size_bytes, modified FROM nb_run_file WHERE job_instance_id = ? ORDER BY path",
                (rs, i) -> {
                    Submission s = new Submission(rs.getString("path"), rs.getString("sha256"), rs.getLong("size_bytes"),
                            rs.getObject("modified", OffsetDateTime.class).toInstant());
                    Submission same = byPath.get(s.path());
                    return same != null && same.equals(s) ? same : s;
                }, run);
    }

    /** The accepted reports of a run with all their datapoints, in file order. */
    public List<Report> reports(long run) {
        List<ReportHeader> headers = reportHeaders(run);
        List<Report> full = new ArrayList<>(headers.size());
        content().forEachFull(headers, full::add);
        return full;
    }

    /** How many files a run saw, how many reports it accepted from them, and how many files gave no report. */
    public int[] fileCounts(long run) {
        return jdbc.queryForObject("SELECT COUNT(DISTINCT path), COALESCE(SUM(CASE WHEN accepted THEN 1 ELSE 0 END), 0), "
                + "COUNT(DISTINCT CASE WHEN accepted THEN NULL ELSE path END) FROM nb_run_file WHERE job_instance_id = ?",
                (rs, i) -> new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)}, run);
    }

    /** The accepted reports of a run without their datapoints (headers: agency, year, format, file), in file order. */
    public List<ReportHeader> reportHeaders(long run) {
        // without the title: nothing after ingest reads it, and a province's run holds 100,000 headers through
        // validate and publish
        return reportRows("SELECT * FROM nb_run_file WHERE job_instance_id = ? AND accepted = TRUE ORDER BY path, part", false, run);
    }

    /** The stored datapoints of reports known by their headers, read a batch of reports per query. */
    public ReportContent content() {
        return new ReportContent() {
            @Override
            public void forEachFull(List<ReportHeader> reports, Consumer<Report> action) {
                forEach(reports, true, action);
            }

            @Override
            public void forEachValues(List<ReportHeader> reports, Consumer<Report> action) {
                forEach(reports, false, action);
            }
        };
    }

    /** Calls {@code action} with each report, in the given order, with its stored datapoints (with or without labels). */
    private void forEach(List<ReportHeader> reports, boolean labels, Consumer<Report> action) {
        for (List<ReportHeader> batch : batches(reports, ContentStore.BATCH)) {
            Map<ContentStore.Key, Map<String, Datapoint>> points =
                    contents.datapoints(batch.stream().map(ContentStore::keyOf).distinct().toList(), labels);
            for (ReportHeader r : batch) {
                action.accept(r.withContent(points.getOrDefault(ContentStore.keyOf(r), Map.of())));
            }
        }
    }

    private static <T> List<List<T>> batches(List<T> items, int size) {
        List<List<T>> batches = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            batches.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return batches;
    }

    private static String placeholders(int n) {
        return ContentStore.placeholders(n);
    }

    /**
     * The most recently stored report of an agency for a year, from any run: the history the checks
     * across years (B-CARRY-OVER) compare with when the earlier year is not in this run's input.
     */
    public Optional<Report> latestReport(String agencyCode, int year) {
        List<ReportHeader> found = reportRows("SELECT * FROM nb_run_file WHERE agency_code = ? AND report_year = ? AND accepted = TRUE "
                + "AND scope = 'OWN' ORDER BY job_instance_id DESC, modified DESC, path, part FETCH FIRST 1 ROWS ONLY", true, agencyCode,
                year);
        List<Report> full = new ArrayList<>(1);
        content().forEachFull(found, full::add);
        return full.stream().findFirst();
    }

    /**
     * What {@link #latestReport} finds for each of some agencies for a year, as a key of what it reads there: the report
     * row (file, content hash, part, agency, year, format, scope) and the program whose reading of the file is stored.
     * Not the file's modification time, which no check across years reads. Agencies with no such report are absent.
     */
    public Map<String, String> latestReportKeys(int year, java.util.Collection<String> agencyCodes) {
        Map<String, String> keys = new HashMap<>();
        for (List<String> batch : batches(List.copyOf(agencyCodes), 500)) {
            jdbc.query("SELECT * FROM (SELECT f.agency_code, f.path, f.part, f.sheet, f.sha256, f.size_bytes, f.agency_name, "
                    + "f.agency_kind, f.agency_parent, f.report_year, f.format, f.scope, f.title, c.program, ROW_NUMBER() OVER "
                    + "(PARTITION BY f.agency_code ORDER BY f.job_instance_id DESC, f.modified DESC, f.path, f.part) AS n "
                    + "FROM nb_run_file f LEFT JOIN nb_file_content c ON c.sha256 = f.sha256 WHERE f.report_year = ? "
                    + "AND f.accepted = TRUE AND f.scope = 'OWN' AND f.agency_code IN (" + placeholders(batch.size()) + ")) x "
                    + "WHERE n = 1", rs -> {
                        Object[] fields = new Object[13];
                        for (int i = 0; i < fields.length; i++) {
                            fields[i] = rs.getString(i + 2);
                        }
                        keys.put(rs.getString(1), cn.nianbao.model.Sha256.keyOf(fields));
                    }, java.util.stream.Stream.concat(java.util.stream.Stream.of((Object) year), batch.stream()).toArray());
        }
        return keys;
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
        List<CompletedRun> found = jdbc.query("SELECT d.job_instance_id, e.JOB_EXECUTION_ID FROM nb_run_definition d "
                + "JOIN BATCH_JOB_EXECUTION e ON e.JOB_INSTANCE_ID = d.job_instance_id WHERE d.job_name = ? AND e.STATUS = 'COMPLETED' "
                + "AND d.job_instance_id < ? ORDER BY d.job_instance_id DESC, e.JOB_EXECUTION_ID DESC FETCH FIRST 1 ROWS ONLY",
                (rs, i) -> new CompletedRun(rs.getLong(1), rs.getLong(2)), jobName, run);
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
    public void recordVersions(String jobName, long run, List<ReportHeader> reports) {
        // One agency and year per report (duplicates are resolved), so the three statements can each run as a batch.
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> supersedes = new ArrayList<>();
        for (ReportHeader r : reports) {
            String sha = r.submission().sha256();
            updates.add(new Object[] {run, r.submission().path(), jobName, r.agency().code(), r.year(), sha});
            supersedes.add(new Object[] {sha, jobName, r.agency().code(), r.year(), sha});
        }
        int[] seen = jdbc.batchUpdate("UPDATE nb_submission_version SET last_seen = CURRENT_TIMESTAMP, last_seen_run = ?, path = ?, superseded_by = NULL, "
                + "superseded_at = NULL WHERE job_name = ? AND agency_code = ? AND report_year = ? AND sha256 = ?", updates);
        List<Object[]> inserts = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            if (seen[i] == 0) {
                ReportHeader r = reports.get(i);
                inserts.add(new Object[] {jobName, r.agency().code(), r.year(), r.submission().sha256(),
                        r.submission().path(), run, run});
            }
        }
        jdbc.batchUpdate("INSERT INTO nb_submission_version (job_name, agency_code, report_year, sha256, path, first_seen, last_seen, "
                + "first_seen_run, last_seen_run) VALUES (?,?,?,?,?,CURRENT_TIMESTAMP,CURRENT_TIMESTAMP,?,?)", inserts);
        jdbc.batchUpdate("UPDATE nb_submission_version SET superseded_by = ?, superseded_at = CURRENT_TIMESTAMP WHERE job_name = ? AND agency_code = ? "
                + "AND report_year = ? AND sha256 <> ? AND superseded_by IS NULL", supersedes);
    }

    /** Report headers (no datapoints) from nb_run_file rows. */
    private List<ReportHeader> reportRows(String sql, boolean titles, Object... args) {
        // A run's headers are held by the later steps (100,000 in a province): the driver makes a new string for every
        // column of every row, so the few formats, kinds and parents are kept once, and a code equal to the name
        // (an agency without a roster) shares its string.
        Map<String, String> few = new HashMap<>();
        return jdbc.query(sql, (rs, i) -> {
            Submission s = new Submission(rs.getString("path"), rs.getString("sha256"), rs.getLong("size_bytes"),
                    rs.getObject("modified", OffsetDateTime.class).toInstant());
            String code = rs.getString("agency_code");
            String name = rs.getString("agency_name");
            Agency a = new Agency(code, name != null && name.equals(code) ? code : name, List.of(),
                    once(few, rs.getString("agency_kind")), once(few, rs.getString("agency_parent")));
            ReportPart part = new ReportPart(rs.getInt("part"), rs.getString("sheet"));
            return new ReportHeader(a, rs.getInt("report_year"), once(few, rs.getString("format")), Scope.valueOf(rs.getString("scope")),
                    s, part, titles ? rs.getString("title") : null);
        }, args);
    }

    /** {@code value}, or the equal string met before in {@code seen}. */
    private static String once(Map<String, String> seen, String value) {
        return value == null ? null : seen.computeIfAbsent(value, v -> v);
    }

    // ------------------------------------------------------------------ reuse of an identical run

    /** The columns of nb_run_file that a run's findings and roll-up follow from (all but the run and reuse flag). */
    private static final String RUN_FILE_COLUMNS = "path, part, sheet, sha256, size_bytes, accepted, agency_code, agency_name, "
            + "agency_kind, agency_parent, report_year, format, scope, title";

    /**
     * Whether two runs have the same files: same paths, hashes, sizes and what ingest made of each (accepted,
     * agency, year, format, scope, title); with {@code modified}, also the same modification times.
     */
    public boolean sameRunFiles(long a, long b, boolean modified) {
        // Files of other sizes, or another number of them (a night on which some agencies resubmitted): told apart
        // by one look at each run's rows, before comparing them row by row.
        Map<Long, String> sizes = new HashMap<>();
        jdbc.query("SELECT job_instance_id, COUNT(*), SUM(size_bytes) FROM nb_run_file WHERE job_instance_id IN (?, ?) "
                + "GROUP BY job_instance_id", rs -> {
                    sizes.put(rs.getLong(1), rs.getLong(2) + ":" + rs.getLong(3));
                }, a, b);
        if (!java.util.Objects.equals(sizes.get(a), sizes.get(b))) {
            return false;
        }
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
        if (stage == Stage.VALIDATE) {
            jdbc.update("DELETE FROM nb_checked_report WHERE job_instance_id = ?", to);
            jdbc.update("INSERT INTO nb_checked_report (job_instance_id, report_key) SELECT ?, report_key FROM nb_checked_report "
                    + "WHERE job_instance_id = ?", to, from);
            jdbc.update("DELETE FROM nb_checked_agency WHERE job_instance_id = ?", to);
            jdbc.update("INSERT INTO nb_checked_agency (job_instance_id, agency_key) SELECT ?, agency_key FROM nb_checked_agency "
                    + "WHERE job_instance_id = ?", to, from);
        }
        return jdbc.update("INSERT INTO nb_finding (job_instance_id, stage, fingerprint, severity, rule_id, agency_code, agency_name, "
                + "report_year, source_file, sheet, cells, expected, actual, delta, message, report_key, agency_key) SELECT ?, stage, "
                + "fingerprint, severity, rule_id, agency_code, agency_name, report_year, source_file, sheet, cells, expected, actual, "
                + "delta, message, report_key, agency_key FROM nb_finding WHERE job_instance_id = ? AND stage = ?", to, from, stage.name());
    }

    /**
     * Replaces a run's roll-up rows by a copy of another run's: the sums, the reports in them (and those left out) with
     * their errors, and whether reports with errors were left out. Not the comparison with the year before: another
     * run may have completed that year since ({@link #recordYearBefore}).
     */
    public int copySummary(long from, long to) {
        clearSummary(to);
        jdbc.update("INSERT INTO nb_summary_member (job_instance_id, unit_code, report_year, agency_code, error_count, left_out) "
                + "SELECT ?, unit_code, report_year, agency_code, error_count, left_out FROM nb_summary_member WHERE job_instance_id = ?",
                to, from);
        jdbc.update("INSERT INTO nb_summary_unit (job_instance_id, unit_code, report_year, leave_out_errors) SELECT ?, unit_code, "
                + "report_year, leave_out_errors FROM nb_summary_unit WHERE job_instance_id = ?", to, from);
        return jdbc.update("INSERT INTO nb_summary (job_instance_id, unit_code, unit_name, report_year, format, datapoint_id, "
                + "num_value, reports_included, reports_expected) SELECT ?, unit_code, unit_name, report_year, format, datapoint_id, "
                + "num_value, reports_included, reports_expected FROM nb_summary WHERE job_instance_id = ?", to, from);
    }

    // ------------------------------------------------------------------ roll-up

    private void clearSummary(long run) {
        for (String table : List.of("nb_summary", "nb_summary_member", "nb_summary_unit", "nb_summary_previous")) {
            jdbc.update("DELETE FROM " + table + " WHERE job_instance_id = ?", run);
        }
    }

    /**
     * Stores a run's roll-up: each unit's sums per year, which agencies' reports each includes and which it left out,
     * each with its ERROR findings, and whether the job leaves reports with errors out.
     */
    public void replaceSummary(long run, List<UnitTotal> totals) {
        clearSummary(run);
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> members = new ArrayList<>();
        List<Object[]> units = new ArrayList<>();
        for (UnitTotal t : totals) {
            for (Map.Entry<String, BigDecimal> e : t.values().entrySet()) {
                rows.add(new Object[] {run, t.unit().code(), t.unit().name(), t.year(), t.format(), e.getKey(), e.getValue(),
                        t.included().size(), t.expected().size()});
            }
            Map<ReportHeader, UnitTotal.ReportErrors> errors = new HashMap<>();
            t.withErrors().forEach(e -> errors.put(e.report(), e));
            for (ReportHeader r : t.included()) {
                UnitTotal.ReportErrors e = errors.get(r);
                members.add(new Object[] {run, t.unit().code(), t.year(), r.agency().code(), e == null ? 0 : e.errors(), false});
            }
            for (UnitTotal.ReportErrors e : t.leftOut()) {
                members.add(new Object[] {run, t.unit().code(), t.year(), e.report().agency().code(), e.errors(), true});
            }
            units.add(new Object[] {run, t.unit().code(), t.year(), t.leaveOutErrors()});
        }
        jdbc.batchUpdate("INSERT INTO nb_summary (job_instance_id, unit_code, unit_name, report_year, format, datapoint_id, "
                + "num_value, reports_included, reports_expected) VALUES (?,?,?,?,?,?,?,?,?)", rows);
        jdbc.batchUpdate("INSERT INTO nb_summary_member (job_instance_id, unit_code, report_year, agency_code, error_count, left_out) "
                + "VALUES (?,?,?,?,?,?)", members);
        jdbc.batchUpdate("INSERT INTO nb_summary_unit (job_instance_id, unit_code, report_year, leave_out_errors) VALUES (?,?,?,?)",
                units);
    }

    /**
     * The ERROR findings ingest and validate stored for each agency's report of a year: what the roll-up names beside its
     * sums (its own findings, of an earlier attempt of the step, are not about the reports).
     */
    public cn.nianbao.rollup.ErrorCounts errorCounts(long run) {
        cn.nianbao.rollup.ErrorCounts counts = new cn.nianbao.rollup.ErrorCounts();
        jdbc.query("SELECT agency_code, report_year, COUNT(*) FROM nb_finding WHERE job_instance_id = ? AND severity = 'ERROR' "
                + "AND stage <> ? AND agency_code IS NOT NULL AND report_year IS NOT NULL GROUP BY agency_code, report_year",
                rs -> {
                    counts.add(rs.getString(1), rs.getInt(2), rs.getInt(3));
                }, run, Stage.ROLLUP.name());
        return counts;
    }

    /**
     * Stores, for each unit and year of a run's roll-up, the unit's sums of the year before and where they are from: this
     * run's own, when its years include that year; else the latest completed run (of any job: last year's is another
     * job) that stored them, latest in the database's order of executions, never by a process's clock. Copied, so
     * that what this run publishes does not change when that run is purged or its job runs again; looked up again on
     * every roll-up (also one copied from an identical run), since a newer run of last year's job may have completed.
     *
     * @param execution this run's job execution, named as the source when the run has that year itself
     */
    public void recordYearBefore(long run, long execution, String jobName) {
        jdbc.update("DELETE FROM nb_summary_previous WHERE job_instance_id = ?", run);
        jdbc.update("UPDATE nb_summary_unit SET previous_job_name = NULL, previous_execution_id = NULL, previous_format = NULL "
                + "WHERE job_instance_id = ?", run);
        List<Object[]> unitYears = jdbc.query("SELECT DISTINCT unit_code, report_year, format FROM nb_summary WHERE job_instance_id = ?",
                (rs, i) -> new Object[] {rs.getString(1), rs.getInt(2), rs.getString(3)}, run);
        Map<String, String> ownFormats = new HashMap<>();
        unitYears.forEach(u -> ownFormats.put(u[0] + "|" + u[1], (String) u[2]));
        for (Object[] u : unitYears) {
            String unit = (String) u[0];
            int year = (Integer) u[1];
            String ownFormat = ownFormats.get(unit + "|" + (year - 1));
            Optional<SumsSource> source = ownFormat != null ? Optional.of(new SumsSource(jobName, execution, run, ownFormat))
                    : latestCompletedSums(unit, year - 1, run);
            if (source.isEmpty()) {
                continue;
            }
            SumsSource from = source.get();
            jdbc.update("INSERT INTO nb_summary_previous (job_instance_id, unit_code, report_year, datapoint_id, num_value) "
                    + "SELECT ?, unit_code, ?, datapoint_id, num_value FROM nb_summary WHERE job_instance_id = ? AND unit_code = ? "
                    + "AND report_year = ?", run, year, from.jobInstanceId(), unit, year - 1);
            jdbc.update("UPDATE nb_summary_unit SET previous_job_name = ?, previous_execution_id = ?, previous_format = ? "
                    + "WHERE job_instance_id = ? AND unit_code = ? AND report_year = ?", from.jobName(), from.jobExecutionId(),
                    from.format(), run, unit, year);
        }
    }

    /** A run's sums of a unit and year: which job, execution and instance stored them, in which format. */
    private record SumsSource(String jobName, long jobExecutionId, long jobInstanceId, String format) {
    }

    /** The latest completed run but {@code run} with sums of the unit for the year. */
    private Optional<SumsSource> latestCompletedSums(String unitCode, int year, long run) {
        return jdbc.query("SELECT d.job_name, e.JOB_EXECUTION_ID, s.job_instance_id, s.format FROM (SELECT DISTINCT job_instance_id, "
                + "format FROM nb_summary WHERE unit_code = ? AND report_year = ? AND job_instance_id <> ?) s "
                + "JOIN BATCH_JOB_EXECUTION e ON e.JOB_INSTANCE_ID = s.job_instance_id "
                + "JOIN nb_run_definition d ON d.job_instance_id = s.job_instance_id "
                + "WHERE e.STATUS = 'COMPLETED' ORDER BY e.JOB_EXECUTION_ID DESC FETCH FIRST 1 ROWS ONLY",
                (rs, i) -> new SumsSource(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4)), unitCode, year, run)
                .stream().findFirst();
    }

    /**
     * A run's roll-up as its roll-up step stored it, for publish: each unit of the job (in the job's order) and year
     * (ascending) with its format, its sums (in the format's datapoint order), the counted reports it includes (in roster
     * order), the agencies expected under it and those missing, its reports with ERROR findings (included or left out)
     * and its sums of the year before, where the step found them.
     */
    public List<UnitTotal> unitTotals(long run, JobDefinition job, List<ReportHeader> counted, TemplateCatalogue catalogue) {
        Map<String, Map<String, BigDecimal>> values = new HashMap<>();
        Map<String, String> formats = new HashMap<>();
        jdbc.query("SELECT unit_code, report_year, format, datapoint_id, num_value FROM nb_summary WHERE job_instance_id = ?", rs -> {
            String key = rs.getString(1) + "|" + rs.getInt(2);
            formats.put(key, rs.getString(3));
            values.computeIfAbsent(key, k -> new HashMap<>()).put(rs.getString(4), strip(rs.getBigDecimal(5)));
        }, run);
        Map<String, List<Member>> members = new HashMap<>();
        jdbc.query("SELECT unit_code, report_year, agency_code, error_count, left_out FROM nb_summary_member WHERE job_instance_id = ?",
                rs -> {
                    members.computeIfAbsent(rs.getString(1) + "|" + rs.getInt(2), k -> new ArrayList<>())
                            .add(new Member(rs.getString(3), rs.getInt(4), rs.getBoolean(5)));
                }, run);
        Map<String, Boolean> leaveOut = new HashMap<>();
        Map<String, String[]> previousSource = new HashMap<>();
        jdbc.query("SELECT unit_code, report_year, leave_out_errors, previous_job_name, previous_execution_id, previous_format "
                + "FROM nb_summary_unit WHERE job_instance_id = ?", rs -> {
                    String key = rs.getString(1) + "|" + rs.getInt(2);
                    leaveOut.put(key, rs.getBoolean(3));
                    if (rs.getString(4) != null) {
                        previousSource.put(key, new String[] {rs.getString(4), String.valueOf(rs.getLong(5)), rs.getString(6)});
                    }
                }, run);
        Map<String, Map<String, BigDecimal>> previousValues = new HashMap<>();
        jdbc.query("SELECT unit_code, report_year, datapoint_id, num_value FROM nb_summary_previous WHERE job_instance_id = ?", rs -> {
            previousValues.computeIfAbsent(rs.getString(1) + "|" + rs.getInt(2), k -> new HashMap<>())
                    .put(rs.getString(3), strip(rs.getBigDecimal(4)));
        }, run);
        cn.nianbao.rollup.UnitTree tree = new cn.nianbao.rollup.UnitTree(job.units(), job.roster());
        java.util.Comparator<ReportHeader> rosterOrder = rosterOrder(job);
        Set<Integer> years = new java.util.TreeSet<>();
        for (String key : values.keySet()) {
            years.add(Integer.valueOf(key.substring(key.lastIndexOf('|') + 1)));
        }
        List<UnitTotal> totals = new ArrayList<>();
        for (Agency unit : job.units()) {
            for (int year : years) {
                String key = unit.code() + "|" + year;
                if (!formats.containsKey(key)) {
                    continue;
                }
                Map<String, BigDecimal> stored = values.get(key);
                Map<String, BigDecimal> ordered = new LinkedHashMap<>();
                for (String id : catalogue.require(formats.get(key)).datapoints().keySet()) {
                    if (stored.containsKey(id)) {
                        ordered.put(id, stored.get(id));
                    }
                }
                Map<String, Member> byCode = new HashMap<>();
                members.getOrDefault(key, List.of()).forEach(m -> byCode.put(m.agencyCode(), m));
                List<ReportHeader> reports = counted.stream().filter(r -> r.year() == year && byCode.containsKey(r.agency().code()))
                        .sorted(rosterOrder).toList();
                List<ReportHeader> included = reports.stream().filter(r -> !byCode.get(r.agency().code()).leftOut()).toList();
                List<UnitTotal.ReportErrors> withErrors = new ArrayList<>();
                for (boolean leftOut : new boolean[] {false, true}) {
                    for (ReportHeader r : reports) {
                        Member m = byCode.get(r.agency().code());
                        if (m.leftOut() == leftOut && m.errors() > 0) {
                            withErrors.add(new UnitTotal.ReportErrors(r, m.errors(), leftOut));
                        }
                    }
                }
                List<Agency> expected = job.hasRoster() ? tree.agenciesUnder(unit.code())
                        : included.stream().map(ReportHeader::agency).toList();
                List<Agency> missing = expected.stream().filter(a -> !byCode.containsKey(a.code())).toList();
                String[] source = previousSource.get(key);
                UnitTotal.PreviousYear previous = source == null ? null : new UnitTotal.PreviousYear(source[0],
                        Long.parseLong(source[1]), year - 1, source[2], previousValues.getOrDefault(key, Map.of()));
                totals.add(new UnitTotal(unit, year, formats.get(key), ordered, included, expected, missing, withErrors,
                        leaveOut.getOrDefault(key, false), previous));
            }
        }
        return totals;
    }

    /** How many reports each unit's sums of a run were made of, by {@code unit_code|year}, as the roll-up recorded it. */
    public Map<String, Integer> summaryIncludedCounts(long run) {
        Map<String, Integer> counts = new HashMap<>();
        jdbc.query("SELECT DISTINCT unit_code, report_year, reports_included FROM nb_summary WHERE job_instance_id = ?",
                rs -> {
                    counts.put(rs.getString(1) + "|" + rs.getInt(2), rs.getInt(3));
                }, run);
        return counts;
    }

    /** A report in a unit's roll-up: its agency, its ERROR findings, and whether it was left out of the sums. */
    private record Member(String agencyCode, int errors, boolean leftOut) {
    }

    /** Reports in the order of the job's roster; agencies not on it (a run without one) by code, after them. */
    private static java.util.Comparator<ReportHeader> rosterOrder(JobDefinition job) {
        Map<String, Integer> position = new HashMap<>();
        for (Agency a : job.roster()) {
            position.putIfAbsent(a.code(), position.size());
        }
        return java.util.Comparator.comparingInt((ReportHeader r) -> position.getOrDefault(r.agency().code(), Integer.MAX_VALUE))
                .thenComparing(r -> r.agency().code());
    }

    // ------------------------------------------------------------------ which reports count

    /**
     * Marks the reports that count (one per agency and year): validate's decision, which the later steps read.
     * {@code accepted} are all the run's accepted reports, {@code counted} those of them that count: every accepted
     * report is marked (ingest stored them so: only rows stored otherwise, or unmarked by an earlier attempt, change),
     * then those that do not count (duplicates, other years: few) are unmarked one by one.
     */
    public void markCounted(long run, List<ReportHeader> accepted, List<ReportHeader> counted) {
        Set<String> counts = new HashSet<>();
        counted.forEach(r -> counts.add(r.part().index() + "|" + r.submission().path()));
        jdbc.update("UPDATE nb_run_file SET counted = accepted WHERE job_instance_id = ? AND counted <> accepted", run);
        jdbc.batchUpdate("UPDATE nb_run_file SET counted = FALSE WHERE job_instance_id = ? AND path = ? AND part = ?",
                accepted.stream().filter(r -> !counts.contains(r.part().index() + "|" + r.submission().path()))
                        .map(r -> new Object[] {run, r.submission().path(), r.part().index()}).toList());
    }

    /** The reports that count (as validate marked them) without their datapoints, in file order. */
    public List<ReportHeader> countedHeaders(long run) {
        return reportRows("SELECT * FROM nb_run_file WHERE job_instance_id = ? AND accepted = TRUE AND counted = TRUE "
                + "ORDER BY path, part", false, run);
    }

    /** Whether some accepted report of the run does not count (a duplicate, or a year outside the job's). */
    public boolean hasDuplicates(long run) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM nb_run_file WHERE job_instance_id = ? AND accepted = TRUE AND counted = FALSE",
                Integer.class, run);
        return n != null && n > 0;
    }

    // ------------------------------------------------------------------ files not read

    /** Records the files of the input a run did not read (ingest; again on a restart: replaced). */
    public void replaceSkipped(long run, List<cn.nianbao.ingest.InputScanner.Skipped> skipped) {
        jdbc.update("DELETE FROM nb_run_skipped WHERE job_instance_id = ?", run);
        List<Object[]> rows = new ArrayList<>();
        for (cn.nianbao.ingest.InputScanner.Skipped s : skipped) {
            rows.add(new Object[] {run, rows.size(), s.path(), s.reason()});
        }
        jdbc.batchUpdate("INSERT INTO nb_run_skipped (job_instance_id, seq, path, reason) VALUES (?,?,?,?)", rows);
    }

    public List<cn.nianbao.ingest.InputScanner.Skipped> skipped(long run) {
        return jdbc.query("SELECT path, reason FROM nb_run_skipped WHERE job_instance_id = ? ORDER BY seq",
                (rs, i) -> new cn.nianbao.ingest.InputScanner.Skipped(rs.getString(1), rs.getString(2)), run);
    }

    private static BigDecimal strip(BigDecimal d) {
        if (d == null) {
            return null;
        }
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

}
