package cn.nianbao;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

import cn.nianbao.batch.ConsolidationRunner;
import cn.nianbao.batch.RunPurger;
import cn.nianbao.cli.CommandLine;
import cn.nianbao.cli.FileNameEncoding;
import cn.nianbao.cli.OutputFolder;
import cn.nianbao.cli.PoiLogging;
import cn.nianbao.job.AdHocJob;
import cn.nianbao.job.JobDefinition;
import cn.nianbao.job.JobFileException;
import cn.nianbao.job.JobFileReader;
import cn.nianbao.validate.RuleBook;
import cn.nianbao.validate.RuleBookException;

/**
 * Entry point. Arguments are checked before Spring starts (exit 2 on a mistake); then the job runs
 * once and the process exits with the status a scheduler acts on.
 */
@SpringBootApplication
public class NianbaoApplication {

    public static void main(String[] args) {
        PoiLogging.useSimpleLogger();
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit status (used by main and by end-to-end tests). */
    public static int run(String[] args) {
        CommandLine cmd;
        JobDefinition job;
        try {
            cmd = CommandLine.parse(args);
            if (cmd.command() == CommandLine.Command.HELP) {
                System.out.print(CommandLine.helpForThisConsole());
                return ConsolidationRunner.EXIT_OK;
            }
            if (cmd.command() == CommandLine.Command.VERSION) {
                Package p = NianbaoApplication.class.getPackage();
                System.out.println("nianbao " + (p.getImplementationVersion() == null ? "dev" : p.getImplementationVersion()));
                return ConsolidationRunner.EXIT_OK;
            }
            Optional<String> encoding = FileNameEncoding.problem();
            if (encoding.isPresent()) {
                System.err.println(encoding.get());
                return ConsolidationRunner.EXIT_USAGE;
            }
            if (cmd.command() == CommandLine.Command.PURGE) {
                return purge(cmd);
            }
            job = cmd.jobFile() != null ? JobFileReader.read(cmd.jobFile()) : AdHocJob.of(cmd.input(), cmd.output(), cmd.year());
            if (cmd.jobFile() != null && cmd.year() != null) {
                job = job.withYears(List.of(cmd.year()));
            }
            // A roll-up job (from-jobs) reads no workbooks: it has no input folder to check.
            if (!job.isRollup() && !Files.isDirectory(job.input())) {
                throw new CommandLine.UsageException("输入文件夹不存在：" + job.input());
            }
            if (job.rules() != null && !Files.isRegularFile(job.rules())) {
                throw new CommandLine.UsageException("作业文件指定的规则文件不存在：" + job.rules());
            }
            if (job.dispositions() != null && !Files.isRegularFile(job.dispositions())) {
                // a mistyped name would leave every decision in it unread, without a word
                throw new CommandLine.UsageException("作业文件指定的处理意见文件（dispositions）不存在：" + job.dispositions());
            }
            RuleBook.load(job.rules()); // a broken override is the user's to fix before anything runs
        } catch (CommandLine.UsageException | JobFileException | RuleBookException e) {
            System.err.println("错误：" + e.getMessage());
            return ConsolidationRunner.EXIT_USAGE;
        }
        Optional<String> unwritable = OutputFolder.problem(job.output());
        if (unwritable.isPresent()) {
            System.err.println("错误：" + unwritable.get());
            return ConsolidationRunner.EXIT_USAGE;
        }

        List<String> springArgs = new ArrayList<>(cmd.springArgs());
        if (!databaseNamed(springArgs)) {
            springArgs.add("--spring.datasource.url=" + defaultDatabaseUrl(job.output()));
        }
        SpringApplication app = new SpringApplication(NianbaoApplication.class);
        try (ConfigurableApplicationContext ctx = app.run(springArgs.toArray(String[]::new))) {
            ConsolidationRunner runner = ctx.getBean(ConsolidationRunner.class);
            return runner.run(job, cmd.failOn(), cmd.force()).exitCode();
        } catch (Exception e) {
            System.err.println("错误：作业失败：" + rootMessage(e));
            return ConsolidationRunner.EXIT_FAILED;
        }
    }

    /**
     * purge: deletes old runs from the database named by --spring.datasource.url, or the default database
     * beside --out, or beside the output folder of the --job file.
     */
    private static int purge(CommandLine cmd) throws JobFileException {
        String jobName = cmd.purgeJob();
        Path out = cmd.output();
        if (cmd.jobFile() != null) {
            if (!Files.isRegularFile(cmd.jobFile())) {
                System.err.println("错误：" + JobFileReader.missing(cmd.jobFile()));
                return ConsolidationRunner.EXIT_USAGE;
            }
            JobDefinition job = JobFileReader.read(cmd.jobFile());
            jobName = job.name();
            out = out == null ? job.output() : out;
        }
        List<String> springArgs = new ArrayList<>(cmd.springArgs());
        if (!databaseNamed(springArgs)) {
            if (!Files.isDirectory(defaultDatabaseFolder(out))) {
                System.err.println("错误：" + out + " 旁没有数据库（" + defaultDatabaseFolder(out) + "）");
                return ConsolidationRunner.EXIT_USAGE;
            }
            springArgs.add("--spring.datasource.url=" + defaultDatabaseUrl(out));
        }
        try (ConfigurableApplicationContext ctx = new SpringApplication(NianbaoApplication.class).run(springArgs.toArray(String[]::new))) {
            RunPurger.Purged purged = ctx.getBean(RunPurger.class).purge(cmd.olderThan(), jobName);
            System.out.println("已清理 " + purged.runs() + " 次运行、" + purged.contents() + " 份已无引用的文件内容、"
                    + purged.versions() + " 条已被取代的报送版本" + (purged.skippedJobs().isEmpty() ? ""
                            : "；正在运行、未清理的作业：" + String.join("、", purged.skippedJobs())));
            return ConsolidationRunner.EXIT_OK;
        } catch (Exception e) {
            System.err.println("错误：清理失败：" + rootMessage(e));
            return ConsolidationRunner.EXIT_FAILED;
        }
    }

    /**
     * Whether the user named the database: on the command line, or as Spring reads it from the environment
     * ({@code SPRING_DATASOURCE_URL}, how a Kubernetes Secret hands it over without putting it in the pod's command
     * line) or a system property. Only otherwise is the default H2 database used; a default added as an argument
     * would win over the environment.
     */
    static boolean databaseNamed(List<String> springArgs) {
        return springArgs.stream().anyMatch(a -> a.startsWith("--spring.datasource.url"))
                || !isBlank(System.getenv("SPRING_DATASOURCE_URL")) || !isBlank(System.getProperty("spring.datasource.url"));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static Path defaultDatabaseFolder(Path output) {
        Path parent = output.toAbsolutePath().normalize().getParent();
        return (parent == null ? output.toAbsolutePath() : parent).resolve(".nianbao-db");
    }

    /**
     * The embedded H2 database, in a file beside the output folder so job history and stored reports
     * survive between runs and the next night's run can compare with the last. AUTO_SERVER lets a second
     * process open it while the first runs (H2 files are single-process otherwise; H2 refuses it together with DB_CLOSE_ON_EXIT=FALSE), so a concurrent run of
     * the same job is told the job is running (nb_job_lock) rather than "database in use". WRITE_DELAY=0
     * writes each commit at once: by default H2 keeps the last second of commits in memory, and a kill -9
     * would lose committed chunks (consistently, but the restart would redo them).
     */
    public static String defaultDatabaseUrl(Path output) {
        Path dir = defaultDatabaseFolder(output);
        return "jdbc:h2:file:" + dir.resolve("nianbao").toString().replace('\\', '/') + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
