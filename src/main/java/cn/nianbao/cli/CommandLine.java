package cn.nianbao.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import cn.nianbao.model.Severity;

/**
 * The command line of outputs.md, parsed before Spring starts so a typo costs no start-up and gets
 * exit status 2. Spring properties (--spring.…, --nianbao.…, --logging.…) pass through untouched.
 */
public record CommandLine(Command command, Path jobFile, Path input, Path output, Integer year, Severity failOn,
                          boolean force, List<String> springArgs, Duration olderThan, String purgeJob) {

    public enum Command { CONSOLIDATE, PURGE, HELP, VERSION }

    public CommandLine(Command command, Path jobFile, Path input, Path output, Integer year, Severity failOn, boolean force,
                       List<String> springArgs) {
        this(command, jobFile, input, output, year, failOn, force, springArgs, null, null);
    }

    /** A command line that cannot be run; the message says why, in Chinese. */
    public static class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    public static final String HELP = """
            nianbao — 政府信息公开工作年度报告汇总

            用法：
              java -jar target/nianbao.jar consolidate --job jobs/<名称>.yml [选项]
              java -jar target/nianbao.jar consolidate --input 文件夹 --out 文件夹 [--year 年度] [选项]
              java -jar target/nianbao.jar purge --older-than 90d [--job 名称或作业文件] [--out 文件夹] [选项]
              java -jar target/nianbao.jar --help

            consolidate  读取各单位报送的 .xlsx/.xls 年报表格，校验勾稽关系，按作业文件的名册逐级汇总，
                         并在输出文件夹写出 facts.csv、summary.csv、summary-<单位代码>-<年度>.xlsx、
                         exceptions.csv、exceptions.xlsx、exceptions.html、run.json。

            purge        清理数据库中的旧运行记录：删除最后一次执行结束于 N 天以前的运行（Spring Batch 作业库记录
                         及本程序的运行数据），以及已无运行引用的文件内容和已被取代的报送版本；
                         每个作业最近一次完成的运行及其引用的内容始终保留；正在运行的作业跳过。
              --older-than N天   如 90d：只清理结束于 N 天以前的运行
              --job 名称         只清理该作业（作业文件中的 name；也可给作业文件路径）
              --out 文件夹       使用该输出文件夹旁的默认数据库（也可由 --job 作业文件或 --spring.datasource.url 指定）

            consolidate 的选项：
              --job 文件         作业文件（名册、年度、输入与输出文件夹），见 jobs/；写 from-jobs 的汇总作业
                                 （市、省）不读报表文件，汇总同一数据库中各作业最近一次完成的运行
              --input 文件夹     不用作业文件时：递归读取其中的 .xlsx/.xls（无名册，不检查缺报）
              --out 文件夹       不用作业文件时：输出文件夹
              --year 年度        只汇总该年度的报表
              --fail-on 级别     error 或 warning：存在该级别及以上的问题时退出码为 1
              --force            输入未变化时也重新运行（默认沿用上次已完成的结果）
              --spring.datasource.url=jdbc:postgresql://主机/库  （及 username、password）改用 PostgreSQL；
                                 默认使用输出文件夹上一级 .nianbao-db/ 中的嵌入式 H2 数据库
              --nianbao.lock.wait=PT10M  同一作业已在运行时等待其结束（默认不等待，退出码 3）
              输入文件内容未变时沿用上次读取的结果，不重新打开工作簿（run.json 中 files_reused）。

            退出码：0 完成（问题见报告）；1 完成且存在 --fail-on 指定级别的问题；2 参数或作业文件有误；3 作业失败
                    （汇总作业：from-jobs 中的作业尚无已完成的运行时也是 3）。
            """;

    public static CommandLine parse(String[] args) throws UsageException {
        List<String> spring = new ArrayList<>();
        List<String> own = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("--spring.") || a.startsWith("--nianbao.") || a.startsWith("--logging.") || a.startsWith("--server.")) {
                spring.add(a);
            } else {
                own.add(a);
            }
        }
        if (own.isEmpty() || own.contains("--help") || own.contains("-h") || own.contains("help")) {
            return new CommandLine(Command.HELP, null, null, null, null, null, false, spring);
        }
        if (own.contains("--version")) {
            return new CommandLine(Command.VERSION, null, null, null, null, null, false, spring);
        }
        if ("purge".equals(own.get(0))) {
            return parsePurge(own, spring);
        }
        if (!"consolidate".equals(own.get(0))) {
            throw new UsageException("未知命令「" + own.get(0) + "」；可用命令：consolidate、purge（用 --help 查看用法）");
        }
        Path job = null;
        Path input = null;
        Path out = null;
        Integer year = null;
        Severity failOn = null;
        boolean force = false;
        for (int i = 1; i < own.size(); i++) {
            String a = own.get(i);
            String name = optionName(a);
            String value = inlineValue(a);
            switch (name) {
                case "--force" -> force = true;
                case "--job", "--input", "--out", "--year", "--fail-on" -> {
                    if (value == null) {
                        if (i + 1 >= own.size()) {
                            throw new UsageException(name + " 后面缺少取值");
                        }
                        value = own.get(++i);
                    }
                    switch (name) {
                        case "--job" -> job = Path.of(value);
                        case "--input" -> input = Path.of(value);
                        case "--out" -> out = Path.of(value);
                        case "--year" -> year = parseYear(value);
                        default -> failOn = parseSeverity(value);
                    }
                }
                default -> throw new UsageException("未知选项「" + a + "」（用 --help 查看用法）");
            }
        }
        if (job == null && (input == null || out == null)) {
            throw new UsageException("请用 --job 指定作业文件，或同时用 --input 和 --out 指定输入、输出文件夹");
        }
        if (job != null && (input != null || out != null)) {
            throw new UsageException("--job 与 --input/--out 不能同时使用：输入、输出文件夹写在作业文件中");
        }
        return new CommandLine(Command.CONSOLIDATE, job, input, out, year, failOn, force, spring);
    }

    /** purge --older-than Nd [--job NAME|FILE] [--out DIR] */
    private static CommandLine parsePurge(List<String> own, List<String> spring) throws UsageException {
        Duration olderThan = null;
        String job = null;
        Path out = null;
        for (int i = 1; i < own.size(); i++) {
            String a = own.get(i);
            String name = optionName(a);
            String value = inlineValue(a);
            if (!List.of("--older-than", "--job", "--out").contains(name)) {
                throw new UsageException("purge 不支持选项「" + a + "」（用 --help 查看用法）");
            }
            if (value == null) {
                if (i + 1 >= own.size()) {
                    throw new UsageException(name + " 后面缺少取值");
                }
                value = own.get(++i);
            }
            switch (name) {
                case "--older-than" -> olderThan = parseDays(value);
                case "--job" -> job = value;
                default -> out = Path.of(value);
            }
        }
        if (olderThan == null) {
            throw new UsageException("purge 需要 --older-than，如 --older-than 90d");
        }
        boolean jobFile = job != null && (job.endsWith(".yml") || job.endsWith(".yaml"));
        if (out == null && !jobFile && spring.stream().noneMatch(s -> s.startsWith("--spring.datasource.url"))) {
            throw new UsageException("请指明数据库：--out 输出文件夹（其旁的默认数据库）、--job 作业文件，或 --spring.datasource.url=…");
        }
        return new CommandLine(Command.PURGE, jobFile ? Path.of(job) : null, null, out, null, null, false, spring, olderThan,
                jobFile ? null : job);
    }

    private static Duration parseDays(String v) throws UsageException {
        String t = v.trim().toLowerCase(Locale.ROOT);
        if (t.matches("\\d{1,5}d")) {
            return Duration.ofDays(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        throw new UsageException("--older-than 的取值应为天数，如 90d，而不是「" + v + "」");
    }

    /** 「--year」 of both 「--year 2020」 and 「--year=2020」. */
    private static String optionName(String arg) {
        int eq = arg.indexOf('=');
        return arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
    }

    /** 「2020」 of 「--year=2020」; null when the value is the next argument. */
    private static String inlineValue(String arg) {
        int eq = arg.indexOf('=');
        return arg.startsWith("--") && eq > 0 ? arg.substring(eq + 1) : null;
    }

    private static Integer parseYear(String v) throws UsageException {
        try {
            int y = Integer.parseInt(v.trim());
            if (y >= 2008 && y <= 2100) {
                return y;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new UsageException("年度「" + v + "」无效，应为如 2020 的四位年份");
    }

    private static Severity parseSeverity(String v) throws UsageException {
        switch (v.toLowerCase(Locale.ROOT)) {
            case "error":
                return Severity.ERROR;
            case "warning":
                return Severity.WARNING;
            default:
                throw new UsageException("--fail-on 的取值应为 error 或 warning，而不是「" + v + "」");
        }
    }
}
