package cn.nianbao.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import cn.nianbao.model.Severity;

/**
 * The command line of outputs.md, parsed (by picocli) before Spring starts so a typo costs no start-up and gets
 * exit status 2 with a message in Chinese. Spring properties (--spring.…, --nianbao.…, --logging.…) pass through
 * untouched.
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
                         exceptions.csv、exceptions.xlsx、exceptions.html、notices.xlsx（整改通知）、run.json。
                         审核人在 exceptions.xlsx（或作业文件 dispositions 指定的文件）中填写的「处理状态」
                         「处理说明」由下次运行读回。

            purge        清理数据库中的旧运行记录：删除最后一次执行结束于 N 天以前的运行（Spring Batch 作业库记录
                         及本程序的运行数据），以及已无运行引用的文件内容和已被取代的报送版本；
                         每个作业最近一次完成的运行及其引用的内容、审核人的处理意见始终保留；正在运行的作业跳过。
              --older-than N天   如 90d：只清理结束于 N 天以前的运行
              --job 名称         只清理该作业（作业文件中的 name；也可给作业文件路径）
              --out 文件夹       使用该输出文件夹旁的默认数据库（也可由 --job 作业文件或 --spring.datasource.url 指定）

            consolidate 的选项：
              --job 文件         作业文件（名册、年度、输入与输出文件夹），见 jobs/；写 from-jobs 的汇总作业
                                 （市、省）不读报表文件，汇总同一数据库中各作业最近一次完成的运行
              --input 文件夹     不用作业文件时：递归读取其中的 .xlsx/.xls（无名册，不检查缺报）
              --out 文件夹       不用作业文件时：输出文件夹
              --year 年度        只汇总该年度的报表
              --fail-on 级别     error 或 warning：存在该级别及以上的待处理问题时退出码为 1
                                 （处理状态为「已说明」「不适用」的问题不计）
              --force            输入未变化时也重新运行（默认沿用上次已完成的结果）
              --spring.datasource.url=jdbc:postgresql://主机/库  （及 username、password）改用 PostgreSQL；
                                 默认使用输出文件夹上一级 .nianbao-db/ 中的嵌入式 H2 数据库
              --nianbao.lock.wait=PT10M  同一作业已在运行时等待其结束（默认不等待，退出码 3）
              输入文件内容未变时沿用上次读取的结果，不重新打开工作簿（run.json 中 files_reused）。

            退出码：0 完成（问题见报告）；1 完成且存在 --fail-on 指定级别的待处理问题；2 参数或作业文件有误，或输出文件夹
                    不可写入（均未运行）；3 作业失败（汇总作业：from-jobs 中的作业尚无已完成的运行时也是 3）。
            """;

    /**
     * The help in ASCII, for a console that cannot show Chinese: Linux and macOS in the POSIX locale (cron, a bare ssh
     * session, a container) would print every Chinese character of {@link #HELP} as "?".
     */
    public static final String HELP_ASCII = """
            nianbao - consolidates the annual reports on government information disclosure
            (this console's locale cannot show Chinese: start it with LANG=C.UTF-8 for the Chinese help)

            Usage:
              java -jar target/nianbao.jar consolidate --job jobs/<name>.yml [options]
              java -jar target/nianbao.jar consolidate --input FOLDER --out FOLDER [--year YEAR] [options]
              java -jar target/nianbao.jar purge --older-than 90d [--job NAME-or-JOB-FILE] [--out FOLDER] [options]
              java -jar target/nianbao.jar --help

            consolidate  reads each agency's .xlsx/.xls/.docx/.doc report, checks its arithmetic, rolls the agencies up
                         along the job file's roster and writes to the output folder: facts.csv, summary.csv,
                         summary-<unit>-<year>.xlsx, exceptions.csv, exceptions.xlsx, exceptions.html, notices.xlsx,
                         run.json. Decisions auditors record in exceptions.xlsx (or in the job's dispositions file)
                         are read back by the next run.

            purge        deletes old runs from the database: runs whose last execution ended more than N days ago,
                         and stored content and superseded versions no run references any more. Each job's latest
                         completed run and auditors' decisions are always kept; a running job is skipped.
              --older-than Nd    e.g. 90d
              --job NAME         only this job (the name in its job file; a job file's path also works)
              --out FOLDER       use the default database beside this output folder

            Options of consolidate:
              --job FILE         the job file (roster, years, input and output folders), see jobs/; a job file with
                                 from-jobs (city, province) consolidates other jobs' completed runs, reading no report
              --input FOLDER     without a job file: every report under FOLDER (no roster, no missing-report check)
              --out FOLDER       without a job file: the output folder
              --year YEAR        only this year's reports
              --fail-on LEVEL    error or warning: exit 1 when findings of that level or worse are open
                                 (findings an auditor marked as explained or not applicable do not count)
              --force            run again even when nothing changed (by default the last completed run stands)
              --spring.datasource.url=jdbc:postgresql://HOST/DB  (and username, password) use PostgreSQL;
                                 by default an embedded H2 database in .nianbao-db/ beside the output folder
              --nianbao.lock.wait=PT10M  wait for a running run of the same job (by default exit 3 at once)

            Exit status: 0 done (findings are in the report); 1 done, and open findings at the --fail-on level;
                         2 bad arguments, job file, or an output folder that cannot be written (nothing ran);
                         3 the job failed (a roll-up job: also when a job it names has no completed run).
            """;

    /** The help this console can show: {@link #HELP}, or {@link #HELP_ASCII} where Chinese would print as "?". */
    public static String helpForThisConsole() {
        return showsChinese(System.getProperty("sun.jnu.encoding"),
                System.getProperty("sun.stdout.encoding", java.nio.charset.Charset.defaultCharset().name()),
                System.getProperty("os.name", "")) ? HELP : HELP_ASCII;
    }

    /**
     * Whether a console shows Chinese: on Windows, when the console's code page has it (GBK on a Chinese Windows);
     * elsewhere, when the locale's encoding has it (a terminal shows what the locale says: POSIX is ASCII).
     */
    static boolean showsChinese(String localeEncoding, String stdoutEncoding, String osName) {
        String encoding = osName.startsWith("Windows") ? stdoutEncoding : localeEncoding;
        try {
            return encoding != null && java.nio.charset.Charset.forName(encoding).newEncoder().canEncode("汇总");
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return false; // an encoding this JVM does not know, or one that only decodes
        }
    }

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
        if (own.isEmpty() || own.equals(List.of("help"))) {
            return new CommandLine(Command.HELP, null, null, null, null, null, false, spring);
        }
        Options top = new Options();
        picocli.CommandLine parser = new picocli.CommandLine(top)
                .addSubcommand("consolidate", new ConsolidateOptions())
                .addSubcommand("purge", new PurgeOptions());
        picocli.CommandLine.ParseResult parsed;
        try {
            parsed = parser.parseArgs(own.toArray(String[]::new));
        } catch (picocli.CommandLine.ParameterException e) {
            throw new UsageException(chinese(e));
        }
        for (picocli.CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.isUsageHelpRequested()) {
                return new CommandLine(Command.HELP, null, null, null, null, null, false, spring);
            }
            if (p.isVersionHelpRequested()) {
                return new CommandLine(Command.VERSION, null, null, null, null, null, false, spring);
            }
        }
        if (parsed.subcommand() == null) {
            throw new UsageException("缺少命令：consolidate 或 purge（用 --help 查看用法）");
        }
        Object chosen = parsed.subcommand().commandSpec().userObject();
        if (chosen instanceof PurgeOptions purge) {
            return purge.toCommandLine(spring);
        }
        return ((ConsolidateOptions) chosen).toCommandLine(spring);
    }

    /** What a mistake on the command line is, in Chinese, naming what was typed. */
    private static String chinese(picocli.CommandLine.ParameterException e) {
        if (e instanceof picocli.CommandLine.UnmatchedArgumentException u) {
            String first = u.getUnmatched().isEmpty() ? "" : u.getUnmatched().get(0);
            if (!first.startsWith("-") && u.getCommandLine().getParent() == null) {
                return "未知命令「" + first + "」；可用命令：consolidate、purge（用 --help 查看用法）";
            }
            String command = u.getCommandLine().getCommandName();
            return ("purge".equals(command) ? "purge 不支持选项「" : "未知选项「") + first + "」（用 --help 查看用法）";
        }
        if (e instanceof picocli.CommandLine.MissingParameterException m) {
            List<picocli.CommandLine.Model.ArgSpec> missing = m.getMissing();
            String option = missing.isEmpty() ? "" : ((picocli.CommandLine.Model.OptionSpec) missing.get(0)).longestName();
            if (m.getMessage() != null && m.getMessage().startsWith("Missing required option")) {
                return "--older-than".equals(option) ? "purge 需要 --older-than，如 --older-than 90d" : "缺少选项 " + option;
            }
            return option + " 后面缺少取值";
        }
        if (e instanceof picocli.CommandLine.OverwrittenOptionException o
                && o.getOverwritten() instanceof picocli.CommandLine.Model.OptionSpec option) {
            return "选项 " + option.longestName() + " 只能给一次";
        }
        if (e.getCause() instanceof picocli.CommandLine.TypeConversionException t) {
            return t.getMessage();
        }
        return "命令行有误：" + e.getMessage() + "（用 --help 查看用法）";
    }

    /** The options before a command: only help and version. */
    @picocli.CommandLine.Command(name = "nianbao")
    static final class Options {
        @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true)
        boolean help;

        @picocli.CommandLine.Option(names = "--version", versionHelp = true)
        boolean version;
    }

    /** consolidate --job FILE | --input DIR --out DIR, [--year N] [--fail-on error|warning] [--force] */
    @picocli.CommandLine.Command(name = "consolidate")
    static final class ConsolidateOptions {
        @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true)
        boolean help;

        @picocli.CommandLine.Option(names = "--job")
        Path job;

        @picocli.CommandLine.Option(names = "--input")
        Path input;

        @picocli.CommandLine.Option(names = "--out")
        Path out;

        @picocli.CommandLine.Option(names = "--year", converter = YearConverter.class)
        Integer year;

        @picocli.CommandLine.Option(names = "--fail-on", converter = SeverityConverter.class)
        Severity failOn;

        @picocli.CommandLine.Option(names = "--force")
        boolean force;

        CommandLine toCommandLine(List<String> spring) throws UsageException {
            if (job == null && (input == null || out == null)) {
                throw new UsageException("请用 --job 指定作业文件，或同时用 --input 和 --out 指定输入、输出文件夹");
            }
            if (job != null && (input != null || out != null)) {
                throw new UsageException("--job 与 --input/--out 不能同时使用：输入、输出文件夹写在作业文件中");
            }
            return new CommandLine(Command.CONSOLIDATE, job, input, out, year, failOn, force, spring);
        }
    }

    /** purge --older-than Nd [--job NAME|FILE] [--out DIR] */
    @picocli.CommandLine.Command(name = "purge")
    static final class PurgeOptions {
        @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true)
        boolean help;

        @picocli.CommandLine.Option(names = "--older-than", required = true, converter = DaysConverter.class)
        Duration olderThan;

        @picocli.CommandLine.Option(names = "--job")
        String job;

        @picocli.CommandLine.Option(names = "--out")
        Path out;

        CommandLine toCommandLine(List<String> spring) throws UsageException {
            boolean jobFile = job != null && (job.endsWith(".yml") || job.endsWith(".yaml"));
            if (out == null && !jobFile && spring.stream().noneMatch(s -> s.startsWith("--spring.datasource.url"))) {
                throw new UsageException("请指明数据库：--out 输出文件夹（其旁的默认数据库）、--job 作业文件，或 --spring.datasource.url=…");
            }
            return new CommandLine(Command.PURGE, jobFile ? Path.of(job) : null, null, out, null, null, false, spring, olderThan,
                    jobFile ? null : job);
        }
    }

    static final class YearConverter implements picocli.CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String v) {
            try {
                int y = Integer.parseInt(v.trim());
                if (y >= 2008 && y <= 2100) {
                    return y;
                }
            } catch (NumberFormatException e) {
                // the message below says what a year looks like
            }
            throw new picocli.CommandLine.TypeConversionException("年度「" + v + "」无效，应为如 2020 的四位年份");
        }
    }

    static final class SeverityConverter implements picocli.CommandLine.ITypeConverter<Severity> {
        @Override
        public Severity convert(String v) {
            switch (v.toLowerCase(Locale.ROOT)) {
                case "error":
                    return Severity.ERROR;
                case "warning":
                    return Severity.WARNING;
                default:
                    throw new picocli.CommandLine.TypeConversionException("--fail-on 的取值应为 error 或 warning，而不是「" + v + "」");
            }
        }
    }

    static final class DaysConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String v) {
            String t = v.trim().toLowerCase(Locale.ROOT);
            if (t.matches("\\d{1,5}d")) {
                return Duration.ofDays(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            throw new picocli.CommandLine.TypeConversionException("--older-than 的取值应为天数，如 90d，而不是「" + v + "」");
        }
    }
}
