package cn.nianbao.job;

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

    /**
     * Longer than this, a name found in a title is a sentence caught by the title pattern, not an agency's name:
     * reported (PARSE-NO-AGENCY) rather than stored as an agency.
     */
    static final int MAX_NAME = 100;

    @Override
    public Optional<Agency> resolvePart(String sheet, List<ReportTitle> titles, String fileName) {
        if (job.hasRoster()) {
            List<String> texts = new java.util.ArrayList<>(titles.stream().map(ReportTitle::text).toList());
            Optional<Agency> found = matcher.match(sheet, texts);
            if (found.isPresent()) {
                return found;
            }
        }
        if (!job.hasRoster()) {
            // a sheet per agency names the agency; a sheet per year (「2021年」) or a default name (Sheet2) does not
            String named = titles.stream().map(ReportTitle::agencyName).filter(n -> n != null && !n.isBlank()).findFirst()
                    .orElseGet(() -> stem(sheet));
            if (named != null && !named.matches("(?i)(sheet|工作表|表)\\s*\\d*") && named.length() <= MAX_NAME) {
                return Optional.of(Agency.unlisted(named, ALL));
            }
        }
        return AgencyResolver.super.resolvePart(sheet, titles, fileName);
    }

    @Override
    public Optional<Agency> resolveFile(String fileName) {
        return job.hasRoster() ? matcher.match(fileName, List.of()) : resolve(fileName, List.of());
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
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            return Optional.empty();
        }
        return Optional.of(job.hasRoster() ? new Agency(name, name, List.of(), UNLISTED_KIND, null)
                : Agency.unlisted(name, ALL));
    }

    /** The file name without extension, year and report words: 「海滨街道-2020年报.xlsx」 → 「海滨街道」. */
    static String stem(String fileName) {
        String s = fileName.replaceFirst("(?i)\\.[a-z0-9]{1,5}$", "");
        s = s.replaceAll("(20\\d{2})\\s*年?度?", "").replaceAll("政府信息公开工作年度报告|年度报告|年报|统计表", "");
        s = s.replaceAll("^[-_—\\s]+|[-_—\\s]+$", "");
        return s.isBlank() ? null : s;
    }
}
