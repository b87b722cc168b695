package cn.nianbao.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.nianbao.model.Agency;
import cn.nianbao.model.SourceRun;
import cn.nianbao.job.JobDefinition;
import cn.nianbao.job.Notice;
import cn.nianbao.job.RollupDefinition;
import cn.nianbao.job.RunDefinition;

/**
 * What a roll-up job (city, province) needs from the runs of other jobs in the shared database: each run's
 * definition (job name, years, units, roster: stored by every run, V8), the latest completed run of a job,
 * and a copy of a run's file rows. A file row points at stored content by SHA-256, so a copied row is the
 * workbook as its district's run read it: the roll-up run opens no workbook.
 */
public class RunRecords {

    private final JdbcTemplate jdbc;

    public RunRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The database's clock: what every stored time and every judgement of age is taken from. */
    public Instant databaseNow() {
        return jdbc.queryForObject("SELECT CURRENT_TIMESTAMP", (rs, i) -> rs.getObject(1, OffsetDateTime.class).toInstant());
    }

    /** Records that a run of a job starts (or restarts), by the database's clock. */
    public void started(long run, String jobName) {
        int updated = jdbc.update("UPDATE nb_run_definition SET started_at = CURRENT_TIMESTAMP, ended_at = NULL WHERE job_instance_id = ?",
                run);
        if (updated == 0) {
            jdbc.update("INSERT INTO nb_run_definition (job_instance_id, job_name, years, started_at) VALUES (?,?,'',CURRENT_TIMESTAMP)",
                    run, jobName);
        }
    }

    /** Records that a run's execution ended (completed or failed), by the database's clock. */
    public void ended(long run) {
        jdbc.update("UPDATE nb_run_definition SET ended_at = CURRENT_TIMESTAMP WHERE job_instance_id = ?", run);
    }

    /**
     * Records what a run is run with: its job and the text of its rule override file (a roll-up run records again once
     * its gather step has merged the sources' units and roster); {@link #started} came first.
     */
    public void recordDefinition(long run, RunDefinition definition) {
        JobDefinition job = definition.job();
        jdbc.update("DELETE FROM nb_run_unit WHERE job_instance_id = ?", run);
        String years = job.years().stream().map(String::valueOf).collect(Collectors.joining(","));
        Object[] values = {job.name(), years, text(job.input()), text(job.output()), text(job.source()), text(job.rules()),
                definition.rulesText(), String.join("\n", job.fromJobs()), job.leaveOutErrors(), text(job.dispositions()),
                job.notice().deadline(), job.notice().office(), run};
        if (jdbc.update("UPDATE nb_run_definition SET job_name = ?, years = ?, input_folder = ?, output_folder = ?, job_file = ?, "
                + "rules_file = ?, rules_text = ?, from_jobs = ?, leave_out_errors = ?, dispositions_file = ?, notice_deadline = ?, "
                + "notice_office = ? "
                + "WHERE job_instance_id = ?", values) == 0) {
            jdbc.update("INSERT INTO nb_run_definition (job_name, years, input_folder, output_folder, job_file, rules_file, rules_text, "
                    + "from_jobs, leave_out_errors, dispositions_file, notice_deadline, notice_office, job_instance_id, started_at) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,CURRENT_TIMESTAMP)", values);
        }
        List<Object[]> rows = new ArrayList<>();
        for (Agency u : job.units()) {
            rows.add(row(run, rows.size(), true, u));
        }
        for (Agency a : job.roster()) {
            rows.add(row(run, rows.size(), false, a));
        }
        jdbc.batchUpdate("INSERT INTO nb_run_unit (job_instance_id, seq, is_unit, unit_code, unit_name, aliases, kind, parent_code) "
                + "VALUES (?,?,?,?,?,?,?,?)", rows);
    }

    private static Object[] row(long run, int seq, boolean unit, Agency a) {
        return new Object[] {run, seq, unit, a.code(), a.name(), a.aliases().isEmpty() ? null : String.join("\n", a.aliases()),
                a.kind(), a.parent()};
    }

    private static String text(java.nio.file.Path p) {
        return p == null ? null : p.toString();
    }

    private static java.nio.file.Path path(String s) {
        return s == null ? null : java.nio.file.Path.of(s);
    }

    /** Whether a run has recorded its job (it has, once it started). */
    public boolean hasDefinition(long run) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM nb_run_definition WHERE job_instance_id = ? AND output_folder IS NOT NULL",
                Integer.class, run);
        return n != null && n > 0;
    }

    /** What a run was started with, as it recorded it: what each of its steps works from. */
    public RunDefinition runDefinition(long run) {
        RollupDefinition.Source source = definition(run).orElseThrow(() -> new IllegalStateException("运行 " + run + " 未记录作业定义"));
        return jdbc.queryForObject("SELECT input_folder, output_folder, job_file, rules_file, rules_text, from_jobs, "
                + "leave_out_errors, dispositions_file, notice_deadline, notice_office FROM nb_run_definition "
                + "WHERE job_instance_id = ?", (rs, i) -> {
                    String fromJobs = rs.getString("from_jobs");
                    JobDefinition job = new JobDefinition(source.jobName(), source.years(), path(rs.getString("input_folder")),
                            path(rs.getString("output_folder")), path(rs.getString("rules_file")), source.units(), source.roster(),
                            path(rs.getString("job_file")), fromJobs == null || fromJobs.isEmpty() ? List.of() : List.of(fromJobs.split("\n")),
                            rs.getBoolean("leave_out_errors"), path(rs.getString("dispositions_file")),
                            new Notice(rs.getObject("notice_deadline", java.time.LocalDate.class), rs.getString("notice_office")));
                    return new RunDefinition(job, rs.getString("rules_text"));
                }, run);
    }

    /** The definition a run recorded, if it did (runs of versions before V8 did not). */
    public Optional<RollupDefinition.Source> definition(long run) {
        List<String[]> head = jdbc.query("SELECT job_name, years FROM nb_run_definition WHERE job_instance_id = ?",
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}, run);
        if (head.isEmpty()) {
            return Optional.empty();
        }
        List<Agency> units = new ArrayList<>();
        List<Agency> roster = new ArrayList<>();
        jdbc.query("SELECT * FROM nb_run_unit WHERE job_instance_id = ? ORDER BY seq", rs -> {
            String aliases = rs.getString("aliases");
            Agency a = new Agency(rs.getString("unit_code"), rs.getString("unit_name"),
                    aliases == null ? List.of() : List.of(aliases.split("\n")), rs.getString("kind"), rs.getString("parent_code"));
            (rs.getBoolean("is_unit") ? units : roster).add(a);
        }, run);
        String years = head.get(0)[1];
        List<Integer> y = years == null || years.isBlank() ? List.of()
                : Arrays.stream(years.split(",")).map(String::trim).map(Integer::valueOf).toList();
        return Optional.of(new RollupDefinition.Source(head.get(0)[0], y, units, roster));
    }

    /**
     * The latest completed run of a job (by its name), whichever Batch job ran it: a district's consolidation or a
     * roll-up (a province rolls up cities). Latest in the database's own order (execution ids come from its sequence,
     * and one job's runs never overlap), not by any process's clock: a machine in another time zone, or with a clock
     * minutes off, cannot make an older run look newer.
     */
    public Optional<SourceRun> latestCompleted(String jobName) {
        return jdbc.query("SELECT d.job_instance_id, e.JOB_EXECUTION_ID, d.ended_at FROM nb_run_definition d "
                + "JOIN BATCH_JOB_EXECUTION e ON e.JOB_INSTANCE_ID = d.job_instance_id WHERE d.job_name = ? AND e.STATUS = 'COMPLETED' "
                + "ORDER BY e.JOB_EXECUTION_ID DESC FETCH FIRST 1 ROWS ONLY",
                (rs, i) -> new SourceRun(jobName, rs.getLong(1), rs.getLong(2), instant(rs.getObject(3, OffsetDateTime.class)), false),
                jobName).stream().findFirst();
    }

    /** When a run (last) started, by the database's clock. */
    public Optional<Instant> startedAt(long run) {
        return jdbc.query("SELECT started_at FROM nb_run_definition WHERE job_instance_id = ?",
                (rs, i) -> instant(rs.getObject(1, OffsetDateTime.class)), run).stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /**
     * When a run was last active, by the database's clock: when its last execution ended, or, for a run whose process
     * died before it ended, when it last started. Empty for a run that recorded neither (one of a program before
     * these times were kept, still to be judged when it next ends).
     */
    public Optional<Instant> lastActive(long run) {
        return jdbc.query("SELECT COALESCE(ended_at, started_at) FROM nb_run_definition WHERE job_instance_id = ?",
                (rs, i) -> instant(rs.getObject(1, OffsetDateTime.class)), run).stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** A completed execution of a job, by its id (what a roll-up run's parameters name), if it is one. */
    public Optional<SourceRun> completedExecution(String jobName, long executionId, boolean runningThen) {
        return jdbc.query("SELECT d.job_instance_id, e.JOB_EXECUTION_ID, d.ended_at FROM nb_run_definition d "
                + "JOIN BATCH_JOB_EXECUTION e ON e.JOB_INSTANCE_ID = d.job_instance_id WHERE d.job_name = ? AND e.STATUS = 'COMPLETED' "
                + "AND e.JOB_EXECUTION_ID = ?",
                (rs, i) -> new SourceRun(jobName, rs.getLong(1), rs.getLong(2), instant(rs.getObject(3, OffsetDateTime.class)),
                        runningThen), jobName, executionId).stream().findFirst();
    }

    /** Removes a run's file rows and its ingest findings: a restarted roll-up copies them again. */
    public void clearCopiedFiles(long run) {
        jdbc.update("DELETE FROM nb_finding WHERE job_instance_id = ? AND stage = 'INGEST'", run);
        jdbc.update("DELETE FROM nb_run_file WHERE job_instance_id = ?", run);
    }

    /**
     * Copies a run's file rows and ingest findings (PARSE-*, unmatched files …) into another run, each path
     * prefixed: the files of two districts may have the same relative path, and the prefix makes the path the
     * one a single run over a folder holding each district's files under {@code <prefix>} would have.
     * Marked reused (the content was read by the source run, not by this one). Returns the rows copied.
     */
    public int copyFiles(long from, long to, String prefix) {
        int files = jdbc.update("INSERT INTO nb_run_file (job_instance_id, path, part, sheet, sha256, size_bytes, modified, accepted, "
                + "agency_code, agency_name, agency_kind, agency_parent, report_year, format, scope, title, reused) "
                + "SELECT ?, CAST(? AS VARCHAR) || path, part, sheet, sha256, size_bytes, modified, accepted, agency_code, agency_name, "
                + "agency_kind, agency_parent, report_year, format, scope, title, TRUE FROM nb_run_file WHERE job_instance_id = ?",
                to, prefix, from);
        jdbc.update("INSERT INTO nb_finding (job_instance_id, stage, fingerprint, severity, rule_id, agency_code, agency_name, "
                + "report_year, source_file, sheet, cells, expected, actual, delta, message) SELECT ?, stage, fingerprint, severity, "
                + "rule_id, agency_code, agency_name, report_year, "
                + "CASE WHEN source_file IS NULL THEN NULL ELSE CAST(? AS VARCHAR) || source_file END, "
                + "sheet, cells, expected, actual, delta, message FROM nb_finding WHERE job_instance_id = ? AND stage = 'INGEST'",
                to, prefix, from);
        return files;
    }

    /** Records which runs a roll-up run was built from. */
    public void recordSources(long run, List<SourceRun> sources) {
        jdbc.update("DELETE FROM nb_run_source WHERE job_instance_id = ?", run);
        List<Object[]> rows = new ArrayList<>();
        for (SourceRun s : sources) {
            rows.add(new Object[] {run, rows.size(), s.jobName(), s.jobInstanceId(), s.jobExecutionId(),
                    s.ended() == null ? null : s.ended().atOffset(java.time.ZoneOffset.UTC), s.runningThen()});
        }
        jdbc.batchUpdate("INSERT INTO nb_run_source (job_instance_id, seq, source_job_name, source_instance_id, source_execution_id, "
                + "source_ended, source_running) VALUES (?,?,?,?,?,?,?)", rows);
    }

    /** The runs a roll-up run was built from, in {@code from-jobs} order (empty for a district run). */
    public List<SourceRun> sources(long run) {
        return jdbc.query("SELECT * FROM nb_run_source WHERE job_instance_id = ? ORDER BY seq",
                (rs, i) -> new SourceRun(rs.getString("source_job_name"), rs.getLong("source_instance_id"),
                        rs.getLong("source_execution_id"), instant(rs.getObject("source_ended", OffsetDateTime.class)),
                        rs.getBoolean("source_running")),
                run);
    }

    /** The tables of this class, for purge. */
    public static final List<String> TABLES = List.of("nb_run_source", "nb_run_unit", "nb_run_definition", "nb_output",
            "nb_output_piece");

    /** An output file as a run left it: what its bytes follow from, and its size and modification time then. */
    public record Output(String contentKey, long sizeBytes, long modifiedMicros) {
    }

    /** Records the output file {@code fileName} of a run (again on a restart: replaced). */
    public void recordOutput(long run, String jobName, String outputFolder, String fileName, Output output) {
        jdbc.update("DELETE FROM nb_output WHERE job_instance_id = ? AND file_name = ?", run, fileName);
        jdbc.update("INSERT INTO nb_output (job_instance_id, file_name, job_name, output_folder, content_key, size_bytes, "
                + "modified_micros) VALUES (?,?,?,?,?,?,?)", run, fileName, jobName, outputFolder, output.contentKey(),
                output.sizeBytes(), output.modifiedMicros());
    }

    /** Where a report's rows lie in an output file: their first byte and how many bytes they take. */
    public record Piece(long offset, long length) {
    }

    /** Records where each report's rows lie in the output file {@code fileName} of a run (again on a restart: replaced). */
    public void recordPieces(long run, String fileName, Map<String, Piece> pieces) {
        jdbc.update("DELETE FROM nb_output_piece WHERE job_instance_id = ? AND file_name = ?", run, fileName);
        List<Object[]> rows = new ArrayList<>(pieces.size());
        pieces.forEach((key, piece) -> rows.add(new Object[] {run, fileName, key, piece.offset(), piece.length()}));
        jdbc.batchUpdate("INSERT INTO nb_output_piece (job_instance_id, file_name, piece_key, byte_offset, byte_length) "
                + "VALUES (?,?,?,?,?)", rows);
    }

    /**
     * The pieces recorded with the output {@link #lastOutput} gives (the job's latest record of the file, if it is in
     * {@code outputFolder}); empty when there is none or it recorded none.
     */
    public Map<String, Piece> lastPieces(String jobName, String outputFolder, String fileName) {
        Map<String, Piece> pieces = new HashMap<>();
        latestRecord(jobName, outputFolder, fileName).ifPresent(latest -> jdbc.query(
                "SELECT piece_key, byte_offset, byte_length FROM nb_output_piece WHERE job_instance_id = ? AND file_name = ?",
                rs -> {
                    pieces.put(rs.getString(1), new Piece(rs.getLong(2), rs.getLong(3)));
                }, latest.run(), fileName));
        return pieces;
    }

    /** How the latest run of a job that recorded {@code fileName} in {@code outputFolder} left it, if one did. */
    public Optional<Output> lastOutput(String jobName, String outputFolder, String fileName) {
        return latestRecord(jobName, outputFolder, fileName).map(OutputRecord::output);
    }

    /** A run's record of an output file. */
    private record OutputRecord(long run, Output output) {
    }

    /** The job's latest record of the file, wherever it was written: only one in {@code outputFolder} counts. */
    private Optional<OutputRecord> latestRecord(String jobName, String outputFolder, String fileName) {
        return jdbc.query("SELECT job_instance_id, content_key, size_bytes, modified_micros, output_folder FROM nb_output "
                        + "WHERE job_name = ? AND file_name = ? ORDER BY job_instance_id DESC FETCH FIRST 1 ROWS ONLY",
                rs -> {
                    if (!rs.next() || !outputFolder.equals(rs.getString(5))) {
                        return Optional.<OutputRecord>empty();
                    }
                    return Optional.of(new OutputRecord(rs.getLong(1), new Output(rs.getString(2), rs.getLong(3), rs.getLong(4))));
                }, jobName, fileName);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
