package cn.nianbao.job;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import cn.nianbao.model.Agency;

/** Reads {@code jobs/*.yml}. Paths in the file are relative to the file's own folder. */
public final class JobFileReader {

    /**
     * The key that leaves reports with ERROR findings out of the roll-up's sums ({@code true}); by default they are
     * summed. The summary names them either way.
     */
    static final String LEAVE_OUT_ERRORS = "leave-out-reports-with-errors";

    private static final Set<String> KEYS = Set.of("name", "year", "years", "input", "output", "rules", "units", "roster",
            "from-jobs", LEAVE_OUT_ERRORS, "dispositions", "notice");
    private static final Set<String> NOTICE_KEYS = Set.of("deadline", "office");
    private static final Set<String> AGENCY_KEYS = Set.of("code", "name", "aliases", "kind", "parent");
    /** The longest unit or agency code a job file may give. */
    static final int MAX_CODE = 100;

    private JobFileReader() {
    }

    public static JobDefinition read(Path file) {
        if (!Files.exists(file)) {
            throw new JobFileException(missing(file));
        }
        Map<String, Object> root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(new SafeConstructor(options)).load(reader);
        } catch (IOException e) {
            throw new JobFileException("无法读取作业文件 " + file + "：" + e.getMessage(), e);
        } catch (YAMLException e) {
            throw new JobFileException("作业文件 " + file + " 不是有效的 YAML：" + e.getMessage(), e);
        }
        if (root == null) {
            throw new JobFileException("作业文件 " + file + " 是空的");
        }
        for (String key : root.keySet()) {
            if (!KEYS.contains(key)) {
                throw new JobFileException("作业文件 " + file + " 含未知字段「" + key + "」（可用字段：" + KEYS + "）");
            }
        }
        Path base = file.toAbsolutePath().getParent();
        String name = text(root, "name", file);
        if (name == null) {
            String fn = file.getFileName().toString();
            name = fn.replaceFirst("\\.ya?ml$", "");
        }
        List<Integer> years = new ArrayList<>();
        if (root.get("year") != null) {
            years.add(year(root.get("year"), file));
        }
        if (root.get("years") instanceof List<?> list) {
            for (Object y : list) {
                years.add(year(y, file));
            }
        }
        String input = text(root, "input", file);
        String output = text(root, "output", file);
        if (root.containsKey("from-jobs")) {
            return rollup(root, file, name, years, input, output);
        }
        if (input == null || output == null) {
            throw new JobFileException("作业文件 " + file + " 须写明 input（报表所在文件夹）和 output（输出文件夹）");
        }
        String rules = text(root, "rules", file);
        List<Agency> units = agencies(root.get("units"), "units", file);
        List<Agency> roster = agencies(root.get("roster"), "roster", file);
        Set<String> codes = new HashSet<>();
        for (Agency a : units) {
            if (!codes.add(a.code())) {
                throw new JobFileException("作业文件 " + file + " 中单位代码「" + a.code() + "」重复");
            }
        }
        for (Agency a : roster) {
            if (!codes.add(a.code())) {
                throw new JobFileException("作业文件 " + file + " 中单位代码「" + a.code() + "」重复");
            }
        }
        for (Agency a : roster) {
            if (a.parent() != null && units.stream().noneMatch(u -> u.code().equals(a.parent()))) {
                throw new JobFileException("作业文件 " + file + " 中「" + a.name() + "」的上级单位「" + a.parent() + "」不在 units 中");
            }
        }
        return new JobDefinition(name, years, base.resolve(input).normalize(), base.resolve(output).normalize(),
                rules == null ? null : base.resolve(rules).normalize(), units, roster, file, List.of(),
                flag(root, LEAVE_OUT_ERRORS, file), dispositions(root, base, file), notice(root.get("notice"), file));
    }

    /**
     * {@code dispositions}: an auditor's own workbook of decisions (a sheet with the columns 指纹 and 处理状态, and
     * 处理说明), relative to the job file. An .xlsx: Excel and WPS save one, and the exceptions.xlsx it is often copied
     * from is one.
     */
    private static Path dispositions(Map<String, Object> root, Path base, Path file) {
        String text = text(root, "dispositions", file);
        if (text == null || text.isBlank()) {
            return null;
        }
        if (!text.strip().toLowerCase(java.util.Locale.ROOT).endsWith(".xlsx")) {
            throw new JobFileException("作业文件 " + file + " 中 dispositions（处理意见文件）应为 .xlsx 工作簿：" + text
                    + "；可将 exceptions.xlsx 另存一份，在其「处理状态」「处理说明」两栏填写");
        }
        return base.resolve(text.strip()).normalize();
    }

    /** {@code notice: { deadline: 2021-03-31, office: 泉州市鲤城区人民政府办公室 }}: what the 整改通知 say. */
    private static Notice notice(Object o, Path file) {
        if (o == null) {
            return Notice.NONE;
        }
        if (!(o instanceof Map<?, ?> m)) {
            throw new JobFileException("作业文件 " + file + " 中 notice 应为 { deadline: 整改期限（如 2021-03-31）, office: 发文单位 }");
        }
        for (Object key : m.keySet()) {
            if (!NOTICE_KEYS.contains(String.valueOf(key))) {
                throw new JobFileException("作业文件 " + file + " 中 notice 含未知字段「" + key + "」（可用字段：deadline、office）");
            }
        }
        Object deadline = m.get("deadline");
        Object office = m.get("office");
        return new Notice(deadline == null ? null : date(deadline, file), office == null ? null : office.toString());
    }

    /** A date as YAML gives it: a timestamp for 2021-03-31 written bare, else the text (quoted). */
    private static java.time.LocalDate date(Object o, Path file) {
        if (o instanceof java.util.Date d) {
            return d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate(); // SnakeYAML reads a bare date as UTC midnight
        }
        try {
            return java.time.LocalDate.parse(o.toString().strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new JobFileException("作业文件 " + file + " 中 notice 的 deadline「" + o + "」不是日期，应写成如 2021-03-31");
        }
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

    /**
     * A roll-up job (city, province): {@code from-jobs} names the jobs whose latest completed runs it consolidates.
     * It reads no workbooks, so it has no {@code input}; its roster is the union of those runs' rosters (each
     * district's own list of expected agencies, as stored by its run), so it has no {@code roster} either. Its
     * {@code units} are optional: units above the districts (the city, a province) or corrections of theirs.
     */
    private static JobDefinition rollup(Map<String, Object> root, Path file, String name, List<Integer> years, String input,
                                        String output) {
        if (input != null) {
            throw new JobFileException("作业文件 " + file + " 不能同时写 from-jobs 和 input：汇总作业从数据库中各作业已完成的运行汇总，不读取报表文件");
        }
        if (root.containsKey("roster")) {
            throw new JobFileException("作业文件 " + file + " 写了 from-jobs，不应再写 roster：汇总作业的应报单位取自各作业运行时的名册");
        }
        if (output == null) {
            throw new JobFileException("作业文件 " + file + " 须写明 output（输出文件夹）");
        }
        if (years.isEmpty()) {
            throw new JobFileException("作业文件 " + file + " 写了 from-jobs，须写明 year（或 years）");
        }
        if (!(root.get("from-jobs") instanceof List<?> list) || list.isEmpty()) {
            throw new JobFileException("作业文件 " + file + " 中 from-jobs 应为作业名称的列表，如 [licheng-2020, fengze-2020]");
        }
        List<String> fromJobs = new ArrayList<>();
        for (Object o : list) {
            String job = o == null ? "" : o.toString().trim();
            if (job.isEmpty() || o instanceof Map<?, ?> || o instanceof List<?>) {
                throw new JobFileException("作业文件 " + file + " 中 from-jobs 的每一项应为作业名称（其作业文件中的 name）：" + o);
            }
            if (job.equals(name)) {
                throw new JobFileException("作业文件 " + file + " 的 from-jobs 含有它自己「" + job + "」");
            }
            if (fromJobs.contains(job)) {
                throw new JobFileException("作业文件 " + file + " 的 from-jobs 中「" + job + "」重复");
            }
            fromJobs.add(job);
        }
        List<Agency> units = agencies(root.get("units"), "units", file);
        Set<String> codes = new HashSet<>();
        for (Agency a : units) {
            if (!codes.add(a.code())) {
                throw new JobFileException("作业文件 " + file + " 中单位代码「" + a.code() + "」重复");
            }
        }
        Path base = file.toAbsolutePath().getParent();
        String rules = text(root, "rules", file);
        return new JobDefinition(name, years, null, base.resolve(output).normalize(),
                rules == null ? null : base.resolve(rules).normalize(), units, List.of(), file, fromJobs,
                flag(root, LEAVE_OUT_ERRORS, file), dispositions(root, base, file), notice(root.get("notice"), file));
    }

    private static int year(Object o, Path file) {
        try {
            int y = Integer.parseInt(o.toString().trim());
            if (y < 2008 || y > 2100) {
                throw new NumberFormatException();
            }
            return y;
        } catch (NumberFormatException e) {
            throw new JobFileException("作业文件 " + file + " 中年度「" + o + "」无效");
        }
    }

    /** A yes/no key: absent is false; anything but true or false is refused rather than guessed. */
    private static boolean flag(Map<String, Object> map, String key, Path file) {
        Object o = map.get(key);
        if (o == null) {
            return false;
        }
        if (o instanceof Boolean b) {
            return b;
        }
        throw new JobFileException("作业文件 " + file + " 中 " + key + " 应为 true 或 false，而不是「" + o + "」");
    }

    private static String text(Map<String, Object> map, String key, Path file) {
        Object o = map.get(key);
        return o == null ? null : o.toString();
    }

    private static List<Agency> agencies(Object o, String field, Path file) {
        List<Agency> out = new ArrayList<>();
        if (o == null) {
            return out;
        }
        if (!(o instanceof List<?> list)) {
            throw new JobFileException("作业文件 " + file + " 中 " + field + " 应为列表");
        }
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> m)) {
                throw new JobFileException("作业文件 " + file + " 中 " + field + " 的每一项应为 {code, name, …}");
            }
            for (Object key : m.keySet()) {
                if (!AGENCY_KEYS.contains(String.valueOf(key))) {
                    throw new JobFileException("作业文件 " + file + " 中 " + field + " 含未知字段「" + key + "」");
                }
            }
            Object code = m.get("code");
            Object name = m.get("name");
            if (code == null || name == null) {
                throw new JobFileException("作业文件 " + file + " 中 " + field + " 的每一项须有 code 和 name：" + m);
            }
            if (code.toString().length() > MAX_CODE) {
                // codes key the stored history: an unbounded one could not be indexed on every database
                throw new JobFileException("作业文件 " + file + " 中 " + field + " 的单位代码「" + code.toString().substring(0, 20)
                        + "…」有 " + code.toString().length() + " 个字符，超过 " + MAX_CODE + " 个；请用统一社会信用代码或行政区划代码等短代码");
            }
            List<String> aliases = new ArrayList<>();
            if (m.get("aliases") instanceof List<?> al) {
                for (Object a : al) {
                    aliases.add(a.toString());
                }
            }
            out.add(new Agency(code.toString(), name.toString(), aliases,
                    m.get("kind") == null ? "" : m.get("kind").toString(),
                    m.get("parent") == null ? null : m.get("parent").toString()));
        }
        return out;
    }
}
