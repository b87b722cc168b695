package cn.nianbao.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.nianbao.model.Report;
import cn.nianbao.model.RunChanges;
import cn.nianbao.model.RunResult;
import cn.nianbao.model.Severity;
import cn.nianbao.model.SourceRun;
import cn.nianbao.model.Submission;

/**
 * {@code run.json}: what the run was and what it read and wrote, for schedulers and for the next run.
 * Written by hand (it is small, and Jackson is only on the classpath by way of Flyway): keys are
 * snake_case like the CSV columns, times ISO-8601 UTC.
 *
 * <pre>
 * { "job_execution_id", "job_name", "status", "start_time", "end_time",
 *   "counts": { "files_seen", "workbooks_read", "reports_accepted", "files_rejected", "files_skipped",
 *               "findings": { "error", "warning", "info", "total" } },
 *               "files_parsed", "files_reused" },
 *   "inputs": [ { "path", "sha256", "size_bytes", "modified", "accepted", "reused" } ],
 *   "skipped_files": [ path ], "outputs": [ file name ],
 *   "changes": { "previous_job_execution_id",
 *                "agencies": [ { "agency_code", "agency_name", "year", "change", "path", "previous_sha256", "sha256" } ],
 *                "totals": [ { "unit_code", "unit_name", "year", "datapoint", "previous", "current" } ] } }
 * </pre>
 * files_seen = workbooks read + skipped files; files_rejected = workbooks read without an accepted report;
 * files_parsed + files_reused = workbooks_read (reused: same bytes parsed by an earlier run, not reopened).
 * changes compares with the previous completed run of the same job ("change": NEW, CHANGED or REMOVED);
 * it is null when the run was not compared.
 * A roll-up run (city, province: from-jobs) adds, last, "sources": [ { "job_name", "job_execution_id", "end_time",
 * "job_running" } ], the completed runs it was built from; job_running: that job was running again at the time,
 * so the roll-up used its last completed run, not the one in progress.
 */
public final class RunJsonWriter {

    /** Written as it is rendered: a province's run.json (100,000 inputs) is tens of MB, not to be held whole. */
    public Path write(RunResult run, List<String> outputs, Path target) throws IOException {
        return AtomicFiles.write(target, out -> {
            java.io.Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            render(run, outputs, w);
            w.flush();
        });
    }

    public String render(RunResult run, List<String> outputs) {
        java.io.StringWriter w = new java.io.StringWriter();
        try {
            render(run, outputs, w);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringWriter does not fail
        }
        return w.toString();
    }

    private void render(RunResult run, List<String> outputs, java.io.Writer w) throws IOException {
        List<Submission> submissions = run.submissions() == null ? List.of() : run.submissions();
        List<String> skipped = run.skippedFiles() == null ? List.of() : run.skippedFiles();
        Set<String> acceptedPaths = new HashSet<>();
        for (Report report : run.reports() == null ? List.<Report>of() : run.reports()) {
            if (report.submission() != null) {
                acceptedPaths.add(report.submission().path());
            }
        }
        int rejected = 0;
        for (Submission s : submissions) {
            if (!acceptedPaths.contains(s.path())) {
                rejected++;
            }
        }
        Map<Severity, Integer> bySeverity = FindingOrder.countBySeverity(run.findings() == null ? List.of() : run.findings());

        StringBuilder j = new StringBuilder(1 << 16);
        j.append("{\n");
        j.append("  \"job_execution_id\": ").append(run.jobExecutionId()).append(",\n");
        j.append("  \"job_name\": ").append(string(run.jobName())).append(",\n");
        j.append("  \"status\": ").append(string(run.status())).append(",\n");
        j.append("  \"start_time\": ").append(time(run.started())).append(",\n");
        j.append("  \"end_time\": ").append(time(run.ended())).append(",\n");
        j.append("  \"counts\": {\n");
        j.append("    \"files_seen\": ").append(submissions.size() + skipped.size()).append(",\n");
        j.append("    \"workbooks_read\": ").append(submissions.size()).append(",\n");
        j.append("    \"reports_accepted\": ").append(run.reports() == null ? 0 : run.reports().size()).append(",\n");
        j.append("    \"files_rejected\": ").append(rejected).append(",\n");
        j.append("    \"files_skipped\": ").append(skipped.size()).append(",\n");
        j.append("    \"findings\": { \"error\": ").append(bySeverity.get(Severity.ERROR))
                .append(", \"warning\": ").append(bySeverity.get(Severity.WARNING))
                .append(", \"info\": ").append(bySeverity.get(Severity.INFO))
                .append(", \"total\": ").append(run.findings() == null ? 0 : run.findings().size()).append(" },\n");
        int reused = (int) submissions.stream().filter(s -> run.reusedFiles().contains(s.path())).count();
        j.append("    \"files_parsed\": ").append(submissions.size() - reused).append(",\n");
        j.append("    \"files_reused\": ").append(reused).append("\n");
        j.append("  },\n");
        j.append("  \"inputs\": [");
        for (int i = 0; i < submissions.size(); i++) {
            Submission s = submissions.get(i);
            j.append(i == 0 ? "\n" : ",\n");
            j.append("    { \"path\": ").append(string(s.path()))
                    .append(", \"sha256\": ").append(string(s.sha256()))
                    .append(", \"size_bytes\": ").append(s.sizeBytes())
                    .append(", \"modified\": ").append(time(s.modified()))
                    .append(", \"accepted\": ").append(acceptedPaths.contains(s.path()))
                    .append(", \"reused\": ").append(run.reusedFiles().contains(s.path())).append(" }");
            if (j.length() > 1 << 15) { // pass the text on a piece at a time
                w.append(j);
                j.setLength(0);
            }
        }
        j.append(submissions.isEmpty() ? "],\n" : "\n  ],\n");
        j.append("  \"skipped_files\": ").append(stringArray(skipped)).append(",\n");
        j.append("  \"outputs\": ").append(stringArray(outputs == null ? List.of() : outputs)).append(",\n");
        j.append("  \"changes\": ");
        appendChanges(j, run.changes());
        if (!run.sources().isEmpty()) { // a roll-up run only: a district's run.json stays as it was
            j.append(",\n  \"sources\": [");
            for (int i = 0; i < run.sources().size(); i++) {
                SourceRun s = run.sources().get(i);
                j.append(i == 0 ? "\n" : ",\n");
                j.append("    { \"job_name\": ").append(string(s.jobName()))
                        .append(", \"job_execution_id\": ").append(s.jobExecutionId())
                        .append(", \"end_time\": ").append(time(s.ended()))
                        .append(", \"job_running\": ").append(s.runningThen()).append(" }");
            }
            j.append("\n  ]");
        }
        j.append("\n}\n");
        w.append(j);
    }

    private static void appendChanges(StringBuilder j, RunChanges changes) {
        if (changes == null) {
            j.append("null");
            return;
        }
        j.append("{\n    \"previous_job_execution_id\": ").append(changes.previousJobExecutionId()).append(",\n");
        j.append("    \"agencies\": [");
        for (int i = 0; i < changes.agencies().size(); i++) {
            RunChanges.AgencyChange a = changes.agencies().get(i);
            j.append(i == 0 ? "\n" : ",\n");
            j.append("      { \"agency_code\": ").append(string(a.agencyCode()))
                    .append(", \"agency_name\": ").append(string(a.agencyName()))
                    .append(", \"year\": ").append(a.year())
                    .append(", \"change\": ").append(string(a.change().name()))
                    .append(", \"path\": ").append(string(a.path()))
                    .append(", \"previous_sha256\": ").append(string(a.previousSha256()))
                    .append(", \"sha256\": ").append(string(a.sha256())).append(" }");
        }
        j.append(changes.agencies().isEmpty() ? "],\n" : "\n    ],\n");
        j.append("    \"totals\": [");
        for (int i = 0; i < changes.totals().size(); i++) {
            RunChanges.TotalMove t = changes.totals().get(i);
            j.append(i == 0 ? "\n" : ",\n");
            j.append("      { \"unit_code\": ").append(string(t.unitCode()))
                    .append(", \"unit_name\": ").append(string(t.unitName()))
                    .append(", \"year\": ").append(t.year())
                    .append(", \"datapoint\": ").append(string(t.datapoint()))
                    .append(", \"previous\": ").append(number(t.previous()))
                    .append(", \"current\": ").append(number(t.current())).append(" }");
        }
        j.append(changes.totals().isEmpty() ? "]\n" : "\n    ]\n");
        j.append("  }");
    }

    private static String number(java.math.BigDecimal d) {
        return d == null ? "null" : d.toPlainString();
    }

    private static String time(Instant t) {
        return t == null ? "null" : string(t.toString());
    }

    private static String stringArray(List<String> values) {
        StringBuilder a = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            a.append(i == 0 ? "" : ", ").append(string(values.get(i)));
        }
        return a.append(']').toString();
    }

    /** A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped. */
    static String string(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    // control characters, and U+2028/2029 which break JavaScript embedding of the JSON
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
