package cn.nianbao.job;

import static cn.nianbao.yaml.YamlDocument.pointer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import cn.nianbao.model.Agency;
import cn.nianbao.yaml.YamlDocument;
import cn.nianbao.yaml.YamlFileException;

/**
 * Reads {@code jobs/*.yml} into a {@link JobDefinition}: the file is bound to {@link JobFile}, and every check of what
 * it says is here, each mistake named with the file, line and column. Paths in the file are relative to its folder.
 */
public final class JobFileReader {

    /** Job files are small; a roster of thousands of agencies is far below these limits. */
    static final YamlDocument.Limits LIMITS = YamlDocument.Limits.DEFAULT;
    /** The longest unit or agency code a job file may give: codes key the stored history, and must be indexable. */
    static final int MAX_CODE = 100;
    static final int FIRST_YEAR = 2008;
    static final int LAST_YEAR = 2100;

    private JobFileReader() {
    }

    /** @throws JobFileException naming the file, line and column of the first mistake */
    public static JobDefinition read(Path file) {
        if (!Files.exists(file)) {
            throw new JobFileException(missing(file));
        }
        try {
            YamlDocument document = YamlDocument.read(file, LIMITS);
            return definition(document, document.bind(JobFile.class), file);
        } catch (YamlFileException e) {
            throw new JobFileException(e.getMessage(), e);
        }
    }

    private static JobDefinition definition(YamlDocument doc, JobFile job, Path file) {
        for (String key : new String[] {"name", "input", "output", "rules"}) {
            if (doc.has("/" + key) && doc.shown("/" + key).equals("「」")) {
                throw doc.problem("/" + key, key + " 不能是空文本"); // "" would resolve to the job file's own folder
            }
        }
        Path base = file.toAbsolutePath().getParent();
        String name = job.name() != null ? job.name() : file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        List<Integer> years = years(doc, job);
        if (doc.has("/from-jobs")) {
            return rollup(doc, job, file, name, years);
        }
        if (job.input() == null || job.output() == null) {
            throw doc.problem("", "须写明 input（报表所在文件夹）和 output（输出文件夹）");
        }
        List<Agency> units = agencies(doc, job.units(), "units");
        List<Agency> roster = agencies(doc, job.roster(), "roster");
        uniqueCodes(doc, units, roster);
        for (int i = 0; i < roster.size(); i++) {
            String parent = roster.get(i).parent();
            if (parent != null && units.stream().noneMatch(u -> u.code().equals(parent))) {
                throw doc.problem(pointer("roster", i, "parent"), "「" + roster.get(i).name() + "」的上级单位「" + parent + "」不在 units 中");
            }
        }
        return new JobDefinition(name, years, base.resolve(job.input()).normalize(), base.resolve(job.output()).normalize(),
                rules(base, job), units, roster, file, List.of(), Boolean.TRUE.equals(job.leaveOutReportsWithErrors()),
                dispositions(doc, base, job), notice(doc, job));
    }

    /**
     * A roll-up job (city, province): {@code from-jobs} names the jobs whose latest completed runs it consolidates.
     * It reads no workbooks, so it has no {@code input}; its roster is the union of those runs' rosters (each
     * district's own list of expected agencies, as stored by its run), so it has no {@code roster} either. Its
     * {@code units} are optional: units above the districts (the city, a province) or corrections of theirs.
     */
    private static JobDefinition rollup(YamlDocument doc, JobFile job, Path file, String name, List<Integer> years) {
        if (job.input() != null) {
            throw doc.keyProblem("/input", "不能同时写 from-jobs 和 input：汇总作业从数据库中各作业已完成的运行汇总，不读取报表文件");
        }
        if (doc.has("/roster")) {
            throw doc.keyProblem("/roster", "写了 from-jobs，不应再写 roster：汇总作业的应报单位取自各作业运行时的名册");
        }
        if (job.output() == null) {
            throw doc.problem("", "须写明 output（输出文件夹）");
        }
        if (years.isEmpty()) {
            throw doc.problem("", "写了 from-jobs，须写明 year（或 years）");
        }
        if (job.fromJobs().isEmpty()) {
            throw doc.problem("/from-jobs", "from-jobs 应为作业名称的列表，如 [licheng-2020, fengze-2020]，不能为空");
        }
        List<String> fromJobs = new ArrayList<>();
        for (int i = 0; i < job.fromJobs().size(); i++) {
            String source = job.fromJobs().get(i).trim();
            String at = pointer("from-jobs", i);
            if (source.isEmpty()) {
                throw doc.problem(at, "from-jobs 的每一项应为作业名称（其作业文件中的 name）");
            }
            if (source.equals(name)) {
                throw doc.problem(at, "from-jobs 含有它自己「" + source + "」");
            }
            if (fromJobs.contains(source)) {
                throw doc.problem(at, "from-jobs 中「" + source + "」重复");
            }
            fromJobs.add(source);
        }
        List<Agency> units = agencies(doc, job.units(), "units");
        uniqueCodes(doc, units, List.of());
        Path base = file.toAbsolutePath().getParent();
        return new JobDefinition(name, years, null, base.resolve(job.output()).normalize(), rules(base, job), units, List.of(),
                file, fromJobs, Boolean.TRUE.equals(job.leaveOutReportsWithErrors()), dispositions(doc, base, job), notice(doc, job));
    }

    /**
     * {@code dispositions}: an auditor's own workbook of decisions (a sheet with the columns 指纹 and 处理状态, and
     * 处理说明), relative to the job file. An .xlsx: Excel and WPS save one, and the exceptions.xlsx it is often copied
     * from is one.
     */
    private static Path dispositions(YamlDocument doc, Path base, JobFile job) {
        String text = job.dispositions();
        if (text == null || text.isBlank()) {
            return null;
        }
        if (!text.strip().toLowerCase(java.util.Locale.ROOT).endsWith(".xlsx")) {
            throw doc.problem("/dispositions", "dispositions（处理意见文件）应为 .xlsx 工作簿，实际为「" + text
                    + "」；可将 exceptions.xlsx 另存一份，在其「处理状态」「处理说明」两栏填写");
        }
        return base.resolve(text.strip()).normalize();
    }

    /** {@code notice: { deadline: 2021-03-31, office: 泉州市鲤城区人民政府办公室 }}: what the 整改通知 say. */
    private static Notice notice(YamlDocument doc, JobFile job) {
        JobFile.NoticeKeys notice = job.notice();
        if (notice == null) {
            return Notice.NONE;
        }
        LocalDate deadline = null;
        if (notice.deadline() != null) {
            try {
                deadline = LocalDate.parse(notice.deadline().strip());
            } catch (DateTimeParseException e) {
                throw doc.problem("/notice/deadline", "notice 的 deadline 应为日期，写成如 2021-03-31，实际为「" + notice.deadline() + "」");
            }
        }
        return new Notice(deadline, notice.office());
    }

    /**
     * Says that a job file does not exist, with the folder a relative path was taken from: cron, systemd and Task
     * Scheduler each start in a folder of their own, and "jobs/x.yml" is then looked for there.
     */
    public static String missing(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        String from = file.isAbsolute() ? "" : "；相对路径从当前工作文件夹 " + Path.of("").toAbsolutePath() + " 算起";
        return "作业文件不存在：" + file + "（即 " + absolute + from + "）。请检查文件名，或先进入安装文件夹（cd）再运行，或写出作业文件的完整路径";
    }

    private static Path rules(Path base, JobFile job) {
        return job.rules() == null ? null : base.resolve(job.rules()).normalize();
    }

    /** {@code year} then {@code years}, each a year the national formats can be for. */
    private static List<Integer> years(YamlDocument doc, JobFile job) {
        List<Integer> years = new ArrayList<>();
        if (job.year() != null) {
            years.add(year(doc, "/year", job.year()));
        }
        if (job.years() != null) {
            for (int i = 0; i < job.years().size(); i++) {
                years.add(year(doc, pointer("years", i), job.years().get(i)));
            }
        }
        return years;
    }

    private static int year(YamlDocument doc, String at, int year) {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw doc.problem(at, "年度应在 " + FIRST_YEAR + " 至 " + LAST_YEAR + " 之间，实际为 " + year);
        }
        return year;
    }

    private static List<Agency> agencies(YamlDocument doc, List<JobFile.Unit> entries, String key) {
        List<Agency> out = new ArrayList<>();
        if (entries == null) {
            return out;
        }
        for (int i = 0; i < entries.size(); i++) {
            JobFile.Unit entry = entries.get(i);
            if (entry.code() == null || entry.name() == null) {
                throw doc.problem(pointer(key, i), key + " 的第 " + (i + 1) + " 项缺少 " + (entry.code() == null ? "code（单位代码）" : "name（单位名称）")
                        + "：每一项须有 code 和 name");
            }
            if (entry.code().length() > MAX_CODE) {
                throw doc.problem(pointer(key, i, "code"), "单位代码「" + entry.code().substring(0, 20) + "…」有 " + entry.code().length()
                        + " 个字符，超过 " + MAX_CODE + " 个；请用统一社会信用代码或行政区划代码等短代码");
            }
            out.add(new Agency(entry.code(), entry.name(), entry.aliases(), entry.kind() == null ? "" : entry.kind(), entry.parent()));
        }
        return out;
    }

    /** Units and agencies share one code space: sums and findings are keyed by code. */
    private static void uniqueCodes(YamlDocument doc, List<Agency> units, List<Agency> roster) {
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < units.size() + roster.size(); i++) {
            boolean unit = i < units.size();
            Agency a = unit ? units.get(i) : roster.get(i - units.size());
            if (!codes.add(a.code())) {
                throw doc.problem(unit ? pointer("units", i, "code") : pointer("roster", i - units.size(), "code"),
                        "单位代码「" + a.code() + "」重复");
            }
        }
    }
}
