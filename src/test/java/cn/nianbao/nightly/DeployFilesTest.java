package cn.nianbao.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.cli.CommandLine;

/**
 * The schedules in deploy/ cannot run here (no cron daemon, systemd or Windows), so what they run is checked by
 * reading them: every one runs the same consolidate and purge commands, and those are command lines the program
 * accepts; the Linux ones set a UTF-8 locale; the Windows batch file is ASCII with CRLF line ends (cmd reads it in
 * the console's code page). The cron line itself is run by the shell it names, with a stand-in for java, to see that
 * the status it logs is the run's.
 */
class DeployFilesTest {

    private static final Path DEPLOY = Path.of("deploy");
    private static final Pattern JAVA = Pattern.compile("java (?:-\\S+ )*-jar target[/\\\\]nianbao\\.jar ((?:consolidate|purge)[^>\\n]*?)\\s*(?:>>|$)",
            Pattern.MULTILINE);

    @Test
    void everyScheduleRunsTheSameCommandsAndTheProgramAcceptsThem() throws Exception {
        List<String> cron = commands(DEPLOY.resolve("nianbao-nightly.cron"));
        List<String> systemd = commands(DEPLOY.resolve("nianbao-nightly.service"));
        List<String> windows = commands(DEPLOY.resolve("windows/nianbao-nightly.cmd"));

        assertThat(cron).hasSize(2);
        assertThat(systemd).isEqualTo(cron);
        assertThat(windows).isEqualTo(cron);
        for (String command : cron) {
            CommandLine.parse(command.split(" ")); // throws UsageException for an option the program does not know
            String job = command.replaceAll(".*--job (\\S+).*", "$1");
            assertThat(Path.of(job)).as("the job file the schedules run").isRegularFile();
        }
    }

    @Test
    void linuxSchedulesSetAUtf8LocaleAndTheWindowsFileIsAsciiWithCrlf() throws Exception {
        assertThat(Files.readString(DEPLOY.resolve("nianbao-nightly.cron"))).contains("LANG=C.UTF-8");
        assertThat(Files.readString(DEPLOY.resolve("nianbao-nightly.service"))).contains("Environment=LANG=C.UTF-8");

        byte[] cmd = Files.readAllBytes(DEPLOY.resolve("windows/nianbao-nightly.cmd"));
        for (byte b : cmd) {
            assertThat(b).as("ASCII only").isBetween((byte) 0, (byte) 127);
        }
        String text = new String(cmd, StandardCharsets.US_ASCII);
        assertThat(text.split("\n", -1)).allMatch(line -> line.isEmpty() || line.endsWith("\r"), "CRLF line ends");
        assertThat(text).contains("exit /b %RC%");
    }

    /**
     * The nightly cron line as cron runs it (its SHELL, {@code -c}, the command after the user field), in a folder of
     * its own instead of /opt/nianbao and /var/log/nianbao, with a stand-in {@code java} that exits with a given
     * status: the line it appends to the log must carry that status, not the status of {@code date}.
     */
    @Test
    void theCronLineLogsTheExitStatusOfTheRun(@TempDir Path dir) throws Exception {
        String cron = Files.readString(DEPLOY.resolve("nianbao-nightly.cron"), StandardCharsets.UTF_8);
        String shell = cron.lines().filter(l -> l.startsWith("SHELL=")).findFirst().orElseThrow().substring("SHELL=".length());
        String line = cron.lines().filter(l -> l.contains("consolidate")).filter(l -> !l.startsWith("#")).findFirst().orElseThrow();
        String command = line.split("\\s+", 7)[6]; // minute hour day month weekday user command
        assertThat(command).as("cron turns %% into a line break").doesNotContain("%");
        Path install = Files.createDirectories(dir.resolve("opt"));
        Path logs = Files.createDirectories(dir.resolve("log"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"stand-in java $*\"\nexit $STAND_IN_EXIT\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        String local = command.replace("/opt/nianbao", install.toString()).replace("/var/log/nianbao", logs.toString());
        for (int status : new int[] {0, 1, 3}) {
            ProcessBuilder pb = new ProcessBuilder(shell, "-c", local).redirectErrorStream(true);
            pb.environment().put("PATH", bin + ":/usr/bin:/bin");
            pb.environment().put("STAND_IN_EXIT", String.valueOf(status));
            Process p = pb.start();
            p.getInputStream().readAllBytes();
            assertThat(p.waitFor()).isEqualTo(0);
            List<String> log = Files.readAllLines(logs.resolve("nightly.log"));
            assertThat(log.get(log.size() - 2)).startsWith("stand-in java -jar target/nianbao.jar consolidate");
            assertThat(log.get(log.size() - 1)).as("the logged status of a run that exited %d", status).endsWith(" exit " + status);
        }
    }

    /** The nianbao command lines a schedule runs, path separators as on Linux. */
    private static List<String> commands(Path file) throws Exception {
        List<String> found = new ArrayList<>();
        Matcher m = JAVA.matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (m.find()) {
            found.add(Arrays.stream(m.group(1).trim().split("\\s+")).map(a -> a.replace('\\', '/'))
                    .reduce((a, b) -> a + " " + b).orElseThrow());
        }
        return found;
    }
}
