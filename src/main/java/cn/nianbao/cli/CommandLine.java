package cn.nianbao.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import cn.nianbao.model.Severity;

/**
 * The command line of outputs.md, parsed before Spring starts so a typo costs no start-up and gets
 * exit status 2. Spring properties (--spring.…, --nianbao.…, --logging.…) pass through untouched.
 */
public record CommandLine(Command command, Path jobFile, Path input, Path output, Integer year, Severity failOn,
                          boolean force, List<String> springArgs) {

    public enum Command { CONSOLIDATE, HELP, VERSION }

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
              java -jar target/nianbao.jar --help

            consolidate  读取各单位报送的 .xlsx/.xls 年报表格，校验勾稽关系，按作业文件的名册逐级汇总，
                         并在输出文件夹写出 facts.csv、summary.csv、summary-<单位代码>-<年度>.xlsx、
                         exceptions.csv、exceptions.xlsx、exceptions.html、run.json。

            选项：
              --job 文件         作业文件（名册、年度、输入与输出文件夹），见 jobs/
              --input 文件夹     不用作业文件时：递归读取其中的 .xlsx/.xls（无名册，不检查缺报）
              --out 文件夹       不用作业文件时：输出文件夹
              --year 年度        只汇总该年度的报表
              --fail-on 级别     error 或 warning：存在该级别及以上的问题时退出码为 1
              --force            输入未变化时也重新运行（默认沿用上次已完成的结果）
              --spring.datasource.url=jdbc:postgresql://主机/库  （及 username、password）改用 PostgreSQL；
                                 默认使用输出文件夹上一级 .nianbao-db/ 中的嵌入式 H2 数据库

            退出码：0 完成（问题见报告）；1 完成且存在 --fail-on 指定级别的问题；2 参数或作业文件有误；3 作业失败。
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
        if (!"consolidate".equals(own.get(0))) {
            throw new UsageException("未知命令「" + own.get(0) + "」；可用命令：consolidate（用 --help 查看用法）");
        }
        Path job = null;
        Path input = null;
        Path out = null;
        Integer year = null;
        Severity failOn = null;
        boolean force = false;
        for (int i = 1; i < own.size(); i++) {
            String a = own.get(i);
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
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
