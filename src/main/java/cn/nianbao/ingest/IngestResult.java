package cn.nianbao.ingest;

import java.util.List;

import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;
import cn.nianbao.model.Submission;

/**
 * What reading one input file gave this run: the reports it accepted (none when the file could not be used; one
 * per sheet for a workbook with a report on each of several sheets) and the findings. {@code parsed} is the content
 * as read (to store for later runs; null when the file could not be described or the reader crashed), and
 * {@code reused} says it came from the store instead of the file.
 */
public record IngestResult(Submission submission, List<Report> reports, List<Finding> findings, ParsedWorkbook parsed,
                           boolean reused) {

    /** A result with no content to store (the file could not be described or the reader crashed). */
    public static IngestResult failed(Submission submission, Finding finding) {
        return new IngestResult(submission, List.of(), List.of(finding), null, false);
    }

    public IngestResult {
        reports = List.copyOf(reports);
        findings = List.copyOf(findings);
    }

    /** The same result, marked as built from stored content rather than by reading the file. */
    public IngestResult asReused() {
        return new IngestResult(submission, reports, findings, parsed, true);
    }

    public boolean accepted() {
        return !reports.isEmpty();
    }

    /** The file's one report; fails when it gave none or several. */
    public Report onlyReport() {
        if (reports.size() != 1) {
            throw new IllegalStateException(submission.path() + " gave " + reports.size() + " reports, not one");
        }
        return reports.get(0);
    }
}
