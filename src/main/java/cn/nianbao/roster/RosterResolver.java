package cn.nianbao.roster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import cn.nianbao.ingest.AgencyResolver;
import cn.nianbao.ingest.ReportTitle;
import cn.nianbao.model.Agency;

/**
 * With a roster: the roster entry (or unit, for a 汇总 report) named in the file name or titles; a
 * workbook naming none is kept under the name in its title, outside any unit (UNKNOWN-AGENCY).
 * Without a roster: the agency is the name in the title, or the file name, under the single unit.
 */
public final class RosterResolver implements AgencyResolver {

    /** The unit code every report rolls up into when there is no roster. */
    public static final String ALL = "ALL";
    /** The kind given to an agency that is not on the roster. */
    public static final String UNLISTED_KIND = "未登记";

    private final JobDefinition job;
    private final AgencyMatcher matcher;

    public RosterResolver(JobDefinition job) {
        this.job = job;
        List<Agency> all = new ArrayList<>(job.roster());
        all.addAll(job.units());
        this.matcher = new AgencyMatcher(all);
    }

    @Override
    public Optional<Agency> resolve(String fileName, List<ReportTitle> titles) {
        List<String> texts = titles.stream().map(ReportTitle::text).toList();
        if (job.hasRoster()) {
            Optional<Agency> found = matcher.match(fileName, texts);
            if (found.isPresent()) {
                return found;
            }
        }
        String name = titles.stream().map(ReportTitle::agencyName).filter(n -> n != null && !n.isBlank()).findFirst()
                .orElseGet(() -> stem(fileName));
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(job.hasRoster() ? new Agency(name, name, List.of(), UNLISTED_KIND, null)
                : Agency.unlisted(name, ALL));
    }

    /** The file name without extension, year and report words: 「海滨街道-2020年报.xlsx」 → 「海滨街道」. */
    static String stem(String fileName) {
        String s = fileName.replaceFirst("(?i)\\.(xlsx|xlsm|xls|docx|doc)$", "");
        s = s.replaceAll("(20\\d{2})\\s*年?度?", "").replaceAll("政府信息公开工作年度报告|年度报告|年报|统计表", "");
        s = s.replaceAll("^[-_—\\s]+|[-_—\\s]+$", "");
        return s.isBlank() ? null : s;
    }
}
