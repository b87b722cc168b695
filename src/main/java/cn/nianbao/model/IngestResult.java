package cn.nianbao.model;

import java.util.List;
import java.util.Optional;

/** What reading one input file gave: the report (absent when the file could not be used) and findings. */
public record IngestResult(Submission submission, Optional<Report> report, List<Finding> findings) {

    public IngestResult {
        findings = List.copyOf(findings);
    }

    public boolean accepted() {
        return report.isPresent();
    }
}
