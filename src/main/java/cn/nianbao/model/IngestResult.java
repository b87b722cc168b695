package cn.nianbao.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.nianbao.ingest.ParsedValue;

/**
 * What reading one input file gave: the report (absent when the file could not be used), findings, and
 * what the reader assumed about money units (datapoint id → note), which the rules report on.
 */
public record IngestResult(Submission submission, Optional<Report> report, List<Finding> findings,
                           Map<String, ParsedValue.UnitNote> unitNotes) {

    public IngestResult {
        findings = List.copyOf(findings);
        unitNotes = Map.copyOf(unitNotes);
    }

    public boolean accepted() {
        return report.isPresent();
    }
}
