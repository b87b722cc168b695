package cn.nianbao.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script (src/launcher/nianbao) with a real JVM, in front of a small program compiled here that prints
 * its arguments and ends with the exit status it is given: what the launcher does with the class-data archive is
 * the same whatever the program is, and this one starts in a fraction of the real one's time.
 */
@DisabledOnOs(OS.WINDOWS)
class LauncherScriptTest {

    private static final String PROGRAM = """
            public class Echo {
                public static void main(String[] args) {
                    System.out.println(String.join("|", args));
                    System.exit(Integer.getInteger("exit", 0));
                }
            }
            """;

    /** How the JVM's class loading log names a class it mapped from the application's archive. */
    private static final String FROM_ARCHIVE = "Echo source: shared objects file (top)";

    @TempDir
    Path dir;

    private Path app;

    @BeforeEach
    void install() throws Exception {
        app = Files.createDirectory(dir.resolve("app"));
        Path launcher = app.resolve("nianbao");
        Files.copy(Path.of("src/launcher/nianbao"), launcher);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        writeProgramJar(app.resolve("nianbao.jar"));
    }

    @Test
    void aCompletedConsolidateRecordsTheArchiveForThisFolderAndTheNextRunMapsIt() throws Exception {
        Run first = run(app, "", "consolidate", "--job", "jobs/x.yml");
        assertThat(first.exit()).isZero();
        assertThat(first.output()).isEqualTo("consolidate|--job|jobs/x.yml");
        assertThat(app.resolve("nianbao.jsa")).isNotEmptyFile();
        assertThat(Files.readAllLines(app.resolve("nianbao.jsa.for")).get(0)).isEqualTo(app.toRealPath().toString());
        assertThat(leftovers(app)).isEmpty();

        Object archive = fileKey(app.resolve("nianbao.jsa"));
        Run second = run(app, "-Xlog:class+load=info", "consolidate", "--job", "jobs/x.yml");
        assertThat(second.exit()).isZero();
        assertThat(second.output()).contains(FROM_ARCHIVE);
        assertThat(fileKey(app.resolve("nianbao.jsa"))).as("the archive is used, not recorded again").isEqualTo(archive);
    }

    @Test
    void argumentsAndExitStatusPassThroughAndAFailedRunLeavesNoArchive() throws Exception {
        Run failed = run(app, "-Dexit=3", "consolidate", "--out", "两个 词", "");
        assertThat(failed.exit()).isEqualTo(3);
        assertThat(failed.output()).isEqualTo("consolidate|--out|两个 词|");
        assertThat(app.resolve("nianbao.jsa")).doesNotExist();
        assertThat(leftovers(app)).isEmpty();
    }

    @Test
    void otherCommandsRunWithoutRecordingAnArchive() throws Exception {
        Run help = run(app, "", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.output()).isEqualTo("--help");
        Run purge = run(app, "", "purge", "--older-than", "90d");
        assertThat(purge.exit()).isZero();
        assertThat(app.resolve("nianbao.jsa")).doesNotExist();
    }

    @Test
    void aCopyInAnotherFolderRecordsItsOwnArchiveInsteadOfRunningWithoutOne() throws Exception {
        assertThat(run(app, "", "consolidate").exit()).isZero();
        Path moved = Files.createDirectory(dir.resolve("moved"));
        try (Stream<Path> files = Files.list(app)) {
            for (Path file : files.toList()) {
                Files.copy(file, moved.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Object copied = fileKey(moved.resolve("nianbao.jsa"));

        assertThat(run(moved, "", "consolidate").exit()).isZero();
        assertThat(fileKey(moved.resolve("nianbao.jsa"))).as("recorded again for the new folder").isNotEqualTo(copied);
        assertThat(Files.readAllLines(moved.resolve("nianbao.jsa.for")).get(0)).isEqualTo(moved.toRealPath().toString());
        assertThat(run(moved, "-Xlog:class+load=info", "consolidate").output()).contains(FROM_ARCHIVE);
    }

    private record Run(int exit, String output) {
    }

    private static Run run(Path app, String javaOpts, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(app.resolve("nianbao").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS", javaOpts);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return new Run(process.waitFor(), output);
    }

    /** Files the launcher writes while it records an archive and must not leave behind. */
    private static List<Path> leftovers(Path app) throws IOException {
        try (Stream<Path> files = Files.list(app)) {
            return files.filter(f -> f.getFileName().toString().matches("nianbao\\.jsa\\.\\d+")).toList();
        }
    }

    /** The file's identity on disk: a file moved over it (a new recording) has another. */
    private static Object fileKey(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return List.of(attributes.fileKey(), attributes.lastModifiedTime());
    }

    private void writeProgramJar(Path jar) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Files.writeString(sources.resolve("Echo.java"), PROGRAM);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int status = compiler.run(null, null, null, "-d", classes.toString(), sources.resolve("Echo.java").toString());
        assertThat(status).as("compiling the stand-in program").isZero();

        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Echo");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            jarOut.putNextEntry(new JarEntry("Echo.class"));
            jarOut.write(Files.readAllBytes(classes.resolve("Echo.class")));
            jarOut.closeEntry();
        }
    }
}
