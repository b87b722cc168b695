package cn.nianbao.validate;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.nianbao.model.Finding;
import cn.nianbao.model.ReportHeader;

/**
 * DUPLICATE-SUBMISSION: two or more reports for one agency and year. The newest file (modified time;
 * on a tie the path that sorts last, then the later sheet of one workbook, so the choice is stable) is used; each
 * other one gets a finding on the ignored file saying which file was used.
 */
public final class DuplicateSubmissionCheck implements CrossReportCheck {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Shanghai"));
    private static final Comparator<ReportHeader> NEWEST_FIRST = Comparator
            .comparing((ReportHeader r) -> r.submission() == null || r.submission().modified() == null ? Instant.MIN : r.submission().modified())
            .thenComparing(r -> r.submission() == null ? "" : r.submission().path())
            .thenComparingInt(r -> r.part().index())
            .reversed();

    @Override
    public Set<String> placeholders() {
        return Set.of("agency", "year", "used", "usedTime", "ignored", "ignoredTime");
    }

    /** The winners, and findings only when {@code rule} is enabled (the choice is made either way). */
    public DuplicateResolution resolve(List<ReportHeader> reports, Rule rule) {
        Map<String, List<ReportHeader>> byAgencyYear = new LinkedHashMap<>();
        for (ReportHeader r : reports) {
            byAgencyYear.computeIfAbsent(r.agency().code() + "|" + r.year(), k -> new ArrayList<>()).add(r);
        }
        List<ReportHeader> winners = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (ReportHeader r : reports) {
            List<ReportHeader> group = byAgencyYear.get(r.agency().code() + "|" + r.year());
            ReportHeader winner = group.stream().sorted(NEWEST_FIRST).findFirst().orElseThrow();
            if (winner == r) {
                winners.add(r);
            } else if (rule.appliesTo(r.format(), r.year())) {
                Map<String, Object> p = Placeholders.of(r);
                p.put("used", name(winner));
                p.put("usedTime", time(winner));
                p.put("ignored", name(r));
                p.put("ignoredTime", time(r));
                findings.add(Findings.aboutFile(rule, r, p));
            }
        }
        return new DuplicateResolution(winners, findings);
    }

    @Override
    public List<Finding> check(CrossReportInput input, Rule rule) {
        return resolve(cn.nianbao.model.ReportContent.headers(input.reports()), rule).findings();
    }

    private static String name(ReportHeader r) {
        return r.submission() == null ? "（未知文件）" : r.submission().fileName() + r.part().describe();
    }

    private static String time(ReportHeader r) {
        return r.submission() == null || r.submission().modified() == null ? "未知" : TIME.format(r.submission().modified());
    }
}
