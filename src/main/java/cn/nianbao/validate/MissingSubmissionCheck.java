package cn.nianbao.validate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.nianbao.model.Agency;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;
import cn.nianbao.model.Submission;

/**
 * MISSING-SUBMISSION: an agency on the roster for the year has no accepted report. When an ingested
 * file that gave no report carries the agency's name, the message names it (it was probably theirs).
 */
public final class MissingSubmissionCheck implements CrossReportCheck {

    @Override
    public Set<String> placeholders() {
        return Set.of("agency", "code", "year", "detail");
    }

    @Override
    public List<Finding> check(CrossReportInput input, Rule rule) {
        if (input.roster() == null || !rule.appliesTo(input.year())) {
            return List.of();
        }
        Set<String> reported = new HashSet<>();
        Set<String> usedFiles = new HashSet<>();
        for (Report r : input.reports()) {
            if (r.year() == input.year()) {
                reported.add(r.agency().code());
            }
            if (r.submission() != null) {
                usedFiles.add(r.submission().path());
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (Agency agency : input.roster()) {
            if (reported.contains(agency.code())) {
                continue;
            }
            List<String> unusable = new ArrayList<>();
            for (Submission s : input.submissions()) {
                if (!usedFiles.contains(s.path()) && mentions(s.fileName(), agency)) {
                    unusable.add(s.fileName());
                }
            }
            String detail = unusable.isEmpty() ? "" : "（收到的 " + String.join("、", unusable) + " 未能使用，见该文件的其他问题）";
            String message = Messages.fill(rule.message(), Map.of("agency", agency.name(), "code", agency.code(),
                    "year", input.year(), "detail", detail));
            findings.add(new Finding(rule.severity(), rule.id(), agency.code(), agency.name(), input.year(),
                    unusable.isEmpty() ? null : unusable.get(0), null, List.of(), null, null, null, message));
        }
        return findings;
    }

    /** Whether a file's name carries the agency's name or one of its aliases: the file was probably theirs. */
    public static boolean mentions(String fileName, Agency agency) {
        if (fileName.contains(agency.name())) {
            return true;
        }
        return agency.aliases().stream().anyMatch(a -> !a.isBlank() && fileName.contains(a));
    }
}
