package cn.nianbao.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reuse is keyed by the program's identity, taken from the build: the same command on the same files, run by a
 * rebuilt program (here: the build's classes with one resource changed), reads every file again and checks
 * everything again; run again by that same program, it reuses everything.
 */
class AnotherProgramTest {

    @TempDir
    Path tmp;

    @Test
    void aRebuiltProgramReadsAndChecksEverythingAgain() throws Exception {
        Path job = NightlyFixtures.jobFolder(tmp);
        String classPath = System.getProperty("java.class.path");
        Path classes = Stream.of(classPath.split(File.pathSeparator)).map(Path::of)
                .filter(p -> p.endsWith(Path.of("target", "classes"))).findFirst().orElseThrow();
        Path rebuilt = tmp.resolve("rebuilt-classes");
        try (Stream<Path> all = Files.walk(classes)) {
            for (Path p : all.toList()) {
                Path target = rebuilt.resolve(classes.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Files.writeString(rebuilt.resolve("templates/catalogue.yml"), "\n# rebuilt\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        String rebuiltPath = classPath.replace(classes.toString(), rebuilt.toString());

        assertThat(run(classPath, job)).contains("\"files_parsed\": 13,");
        String again = run(rebuiltPath, job);
        assertThat(again).contains("\"files_parsed\": 13,").contains("\"files_reused\": 0");
        String log = Files.readString(tmp.resolve("last.log"), StandardCharsets.UTF_8);
        assertThat(log).doesNotContain("输入与上次运行完全相同").doesNotContain("沿用其校验结果").contains("校验完成");

        assertThat(run(rebuiltPath, job)).as("the same rebuilt program again").contains("\"files_parsed\": 13,");
        assertThat(Files.readString(tmp.resolve("last.log"), StandardCharsets.UTF_8)).contains("输入与上次运行完全相同");
    }

    /** Runs the job in a JVM on {@code classPath}; returns run.json, and leaves the output in last.log. */
    private String run(String classPath, Path job) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-cp", classPath, "cn.nianbao.NianbaoApplication", "consolidate", "--job", job.toString()));
        Path log = tmp.resolve("last.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(log, StandardCharsets.UTF_8)).isZero();
        return Files.readString(tmp.resolve("out/run.json"), StandardCharsets.UTF_8);
    }
}
