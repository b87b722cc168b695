package cn.nianbao.e2e;

import cn.nianbao.testing.CsvFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.NianbaoApplication;

/**
 * exceptions.html as an auditor's browser shows it: headless Chromium loads the page offline, runs its
 * script, and the rendered DOM holds every finding. CI installs Chromium (.ci/run): under CI ({@code CI=true}) a
 * missing Chromium fails the test; on a developer's machine without it the test is skipped.
 */
class ExceptionPageInBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    @Test
    void rendersEveryFindingInHeadlessChromium() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM);
        assertThat(installed || !"true".equals(System.getenv("CI")))
                .as("Chromium is not installed, and under CI this test must run (apt-get install chromium)").isTrue();
        assumeTrue(installed, "Chromium is not installed (apt-get install chromium)");
        Workspace ws = Workspace.create(dir);
        assertThat(NianbaoApplication.run(new String[] {"consolidate", "--job", ws.job("licheng-2021").toString()})).isEqualTo(0);
        Path page = ws.out("licheng-2021").resolve("exceptions.html");
        List<Map<String, String>> findings = CsvFiles.rows(ws.out("licheng-2021").resolve("exceptions.csv"));
        assertThat(findings).isNotEmpty();

        Path dom = dir.resolve("dom.html");
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + dir.resolve("profile"), "--dump-dom", page.toUri().toString())
                .redirectOutput(dom.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(chromium.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        String rendered = Files.readString(dom, StandardCharsets.UTF_8);

        // The page's own script ran (it writes the shown/total count) and every finding is on the page.
        assertThat(rendered).contains("显示 " + findings.size() + " / " + findings.size() + " 项");
        for (Map<String, String> f : findings) {
            assertThat(rendered).contains(f.get("fingerprint"));
        }
        assertThat(rendered).contains("MISSING-SUBMISSION").contains("鲤城区财政局");
    }
}
