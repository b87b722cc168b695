package cn.nianbao.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.nianbao.model.ReportHeader;
import cn.nianbao.model.RunChanges;
import cn.nianbao.model.RunResult;
import cn.nianbao.model.Severity;
import cn.nianbao.model.SourceRun;
import cn.nianbao.model.Submission;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;

/**
 * {@code run.json}: what the run was and what it read and wrote, for schedulers and for the next run.
 * Written with Jackson's streaming generator as it is rendered (a province's run.json, 100,000 inputs, is tens of
 * MB, not to be held whole); keys are snake_case like the CSV columns, times ISO-8601 UTC.
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

    private static final JsonFactory JSON = new JsonFactory();

    /** Indented, «"key": value», one object member or array element a line. */
    private static final ObjectWriteContext PRETTY = new ObjectWriteContext.Base() {
        @Override
        public PrettyPrinter getPrettyPrinter() {
            return new DefaultPrettyPrinter().withSeparators(Separators.createDefaultInstance()
                    .withObjectNameValueSpacing(Separators.Spacing.AFTER).withArrayEmptySeparator("").withObjectEmptySeparator(""));
        }

        @Override
        public boolean hasPrettyPrinter() {
            return true;
        }
    };

    public Path write(RunResult run, List<String> outputs, Path target) throws IOException {
        return AtomicFiles.write(target, out -> {
            try (JsonGenerator g = JSON.createGenerator(PRETTY, out)) {
                render(run, outputs, g);
            }
        });
    }

    public String render(RunResult run, List<String> outputs) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(PRETTY, out)) {
            render(run, outputs, g);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private void render(RunResult run, List<String> outputs, JsonGenerator g) {
        List<Submission> submissions = run.submissions() == null ? List.of() : run.submissions();
        List<String> skipped = run.skippedFiles() == null ? List.of() : run.skippedFiles();
        Set<String> acceptedPaths = new HashSet<>();
        for (ReportHeader report : run.reports() == null ? List.<ReportHeader>of() : run.reports()) {
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
        int reused = (int) submissions.stream().filter(s -> run.reusedFiles().contains(s.path())).count();

        g.writeStartObject();
        g.writeNumberProperty("job_execution_id", run.jobExecutionId());
        g.writeStringProperty("job_name", run.jobName());
        g.writeStringProperty("status", run.status());
        time(g, "start_time", run.started());
        time(g, "end_time", run.ended());
        g.writeObjectPropertyStart("counts");
        g.writeNumberProperty("files_seen", submissions.size() + skipped.size());
        g.writeNumberProperty("workbooks_read", submissions.size());
        g.writeNumberProperty("reports_accepted", run.reports() == null ? 0 : run.reports().size());
        g.writeNumberProperty("files_rejected", rejected);
        g.writeNumberProperty("files_skipped", skipped.size());
        g.writeObjectPropertyStart("findings");
        g.writeNumberProperty("error", bySeverity.get(Severity.ERROR));
        g.writeNumberProperty("warning", bySeverity.get(Severity.WARNING));
        g.writeNumberProperty("info", bySeverity.get(Severity.INFO));
        g.writeNumberProperty("total", run.findings() == null ? 0 : run.findings().size());
        g.writeEndObject();
        g.writeNumberProperty("files_parsed", submissions.size() - reused);
        g.writeNumberProperty("files_reused", reused);
        g.writeEndObject();
        g.writeArrayPropertyStart("inputs");
        for (Submission s : submissions) {
            g.writeStartObject();
            g.writeStringProperty("path", s.path());
            g.writeStringProperty("sha256", s.sha256());
            g.writeNumberProperty("size_bytes", s.sizeBytes());
            time(g, "modified", s.modified());
            g.writeBooleanProperty("accepted", acceptedPaths.contains(s.path()));
            g.writeBooleanProperty("reused", run.reusedFiles().contains(s.path()));
            g.writeEndObject();
        }
        g.writeEndArray();
        strings(g, "skipped_files", skipped);
        strings(g, "outputs", outputs == null ? List.of() : outputs);
        changes(g, run.changes());
        if (!run.sources().isEmpty()) { // a roll-up run only: a district's run.json stays as it was
            g.writeArrayPropertyStart("sources");
            for (SourceRun s : run.sources()) {
                g.writeStartObject();
                g.writeStringProperty("job_name", s.jobName());
                g.writeNumberProperty("job_execution_id", s.jobExecutionId());
                time(g, "end_time", s.ended());
                g.writeBooleanProperty("job_running", s.runningThen());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void changes(JsonGenerator g, RunChanges changes) {
        if (changes == null) {
            g.writeNullProperty("changes");
            return;
        }
        g.writeObjectPropertyStart("changes");
        if (changes.previousJobExecutionId() == null) {
            g.writeNullProperty("previous_job_execution_id");
        } else {
            g.writeNumberProperty("previous_job_execution_id", changes.previousJobExecutionId().longValue());
        }
        g.writeArrayPropertyStart("agencies");
        for (RunChanges.AgencyChange a : changes.agencies()) {
            g.writeStartObject();
            g.writeStringProperty("agency_code", a.agencyCode());
            g.writeStringProperty("agency_name", a.agencyName());
            g.writeNumberProperty("year", a.year());
            g.writeStringProperty("change", a.change().name());
            g.writeStringProperty("path", a.path());
            g.writeStringProperty("previous_sha256", a.previousSha256());
            g.writeStringProperty("sha256", a.sha256());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayPropertyStart("totals");
        for (RunChanges.TotalMove t : changes.totals()) {
            g.writeStartObject();
            g.writeStringProperty("unit_code", t.unitCode());
            g.writeStringProperty("unit_name", t.unitName());
            g.writeNumberProperty("year", t.year());
            g.writeStringProperty("datapoint", t.datapoint());
            g.writeNumberProperty("previous", t.previous());
            g.writeNumberProperty("current", t.current());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void time(JsonGenerator g, String name, Instant t) {
        g.writeStringProperty(name, t == null ? null : t.toString());
    }

    private static void strings(JsonGenerator g, String name, List<String> values) {
        g.writeArrayPropertyStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
