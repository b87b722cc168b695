package cn.nianbao.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * LibreOffice run headless by a test, to save or print a file as a real office program does. CI installs it
 * (.ci/run): under CI ({@code CI=true}) a missing LibreOffice fails the test; on a developer's machine without it
 * the test is skipped.
 */
public final class LibreOffice {

    private static final Path SOFFICE = Path.of("/usr/bin/soffice");

    private LibreOffice() {
    }

    /** Fails under CI, or skips the calling test elsewhere, when LibreOffice is not installed. */
    public static void assumeInstalled() {
        boolean installed = Files.isExecutable(SOFFICE);
        assertThat(installed || !"true".equals(System.getenv("CI")))
                .as("LibreOffice is not installed, and under CI this test must run (apt-get install libreoffice-calc-nogui)").isTrue();
        assumeTrue(installed, "LibreOffice is not installed (apt-get install libreoffice-calc-nogui)");
    }

    /**
     * {@code file} converted by LibreOffice ({@code --convert-to format}, e.g. "xlsx", "xls", "pdf") into
     * {@code outDir}, with a profile of its own under {@code work} so that runs side by side do not share one.
     */
    public static Path convert(Path file, String format, Path outDir, Path work) throws Exception {
        Files.createDirectories(outDir);
        Path log = Files.createTempFile(work, "soffice", ".log");
        Process soffice = new ProcessBuilder(SOFFICE.toString(), "--headless", "--norestore",
                "-env:UserInstallation=" + work.resolve("office-profile").toUri(), "--convert-to", format, "--outdir",
                outDir.toString(), file.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(soffice.waitFor(300, TimeUnit.SECONDS)).as("LibreOffice finished").isTrue();
        String name = file.getFileName().toString();
        Path out = outDir.resolve(name.substring(0, name.lastIndexOf('.') + 1) + format);
        assertThat(out).as("LibreOffice converted " + name + " to " + format + ": " + Files.readString(log)).isRegularFile();
        return out;
    }
}
