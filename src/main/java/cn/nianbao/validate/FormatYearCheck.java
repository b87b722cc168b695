package cn.nianbao.validate;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;
import cn.nianbao.template.ReportFormat;

/** X3: the report's format (detected from its labels) is not the one in force for its year. */
public final class FormatYearCheck implements ReportCheck {

    @Override
    public Set<String> placeholders() {
        return Set.of("year", "format", "expectedFormat", "agency");
    }

    @Override
    public List<Finding> check(Report report, ValidationContext ctx, Rule rule, ReportValues values) {
        Optional<ReportFormat> format = ctx.catalogue().format(report.format());
        if (format.isEmpty() || format.get().inForce(report.year())) {
            return List.of();
        }
        Map<String, Object> p = Placeholders.of(report);
        p.put("format", report.format());
        p.put("expectedFormat", ctx.catalogue().formatForYear(report.year()).map(ReportFormat::id).orElse("（无）"));
        return List.of(Findings.about(rule, report, List.of(), null, null, null, p));
    }
}
