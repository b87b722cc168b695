package cn.nianbao.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.nianbao.ingest.ParsedValue;
import cn.nianbao.ingest.ParsedWorkbook;

/**
 * What reading one input file gave: the report (absent when the file could not be used), findings, and
 * what the reader assumed about money units (datapoint id → note), which the rules report on.
 * {@code parsed} is the content as read (to store for later runs; null when reading crashed), and
 * {@code reused} says it came from the store instead of the workbook.
 */
public record IngestResult(Submission submission, Optional<Report> report, List<Finding> findings,
                           Map<String, ParsedValue.UnitNote> unitNotes, ParsedWorkbook parsed, boolean reused) {

    /** A result with no content to store (the file could not be described or the reader crashed). */
    public IngestResult(Submission submission, Optional<Report> report, List<Finding> findings,
                        Map<String, ParsedValue.UnitNote> unitNotes) {
        this(submission, report, findings, unitNotes, null, false);
    }

    public IngestResult {
        findings = List.copyOf(findings);
        unitNotes = Map.copyOf(unitNotes);
    }

    /** The same result, marked as built from stored content rather than by reading the workbook. */
    public IngestResult asReused() {
        return new IngestResult(submission, report, findings, unitNotes, parsed, true);
    }

    public boolean accepted() {
        return report.isPresent();
    }
}
