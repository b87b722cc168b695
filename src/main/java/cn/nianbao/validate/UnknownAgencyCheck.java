package cn.nianbao.validate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import cn.nianbao.model.Agency;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;

/**
 * UNKNOWN-AGENCY: a report whose agency code is not on the roster. The reader gives such a report an
 * {@link Agency#unlisted} agency (code = the name found in the workbook), so "not on the roster" is
 * simply "code not among the roster's codes"; no flag is needed.
 */
public final class UnknownAgencyCheck implements CrossReportCheck {

    @Override
    public Set<String> placeholders() {
        return Set.of("file", "agency", "year");
    }

    @Override
    public List<Finding> check(CrossReportInput input, Rule rule) {
        if (input.roster() == null || !rule.appliesTo(input.year())) {
            return List.of();
        }
        Set<String> codes = new HashSet<>();
        input.roster().forEach(a -> codes.add(a.code()));
        List<Finding> findings = new ArrayList<>();
        for (Report r : input.reports()) {
            if (r.year() != input.year() || codes.contains(r.agency().code())) {
                continue;
            }
            var p = Placeholders.of(r);
            p.put("file", r.submission() == null ? "" : r.submission().fileName());
            findings.add(Findings.about(rule, r, List.of(), null, null, null, p));
        }
        return findings;
    }
}
