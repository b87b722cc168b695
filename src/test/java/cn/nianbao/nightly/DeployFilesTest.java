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

import cn.nianbao.cli.CommandLine;

/**
 * The schedules in deploy/ cannot run here (no cron daemon, systemd or Windows), so what they run is checked by
 * reading them: every one runs the same consolidate and purge commands, and those are command lines the program
 * accepts; the Linux ones set a UTF-8 locale; the Windows batch file is ASCII with CRLF line ends (cmd reads it in
 * the console's code page).
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
