package cn.nianbao.validate;

import java.util.List;

import cn.nianbao.model.Finding;
import cn.nianbao.model.ReportHeader;

/** The reports that won (one per agency and year, input order kept) and a finding per ignored file. */
public record DuplicateResolution(List<ReportHeader> winners, List<Finding> findings) {

    public DuplicateResolution {
        winners = List.copyOf(winners);
        findings = List.copyOf(findings);
    }
}
