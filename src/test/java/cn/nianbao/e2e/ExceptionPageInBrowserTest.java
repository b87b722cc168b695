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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.NianbaoApplication;

/**
 * exceptions.html as an auditor's browser shows it: headless Chromium loads the page offline, runs its
 * script, and the rendered DOM holds every finding; at a phone's 420 px the findings fit the screen (no scrolling
 * sideways, every 说明 in view). CI installs Chromium (.ci/run): under CI ({@code CI=true}) a missing Chromium fails
 * the test; on a developer's machine without it the test is skipped.
 */
class ExceptionPageInBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    @Test
    void rendersEveryFindingInHeadlessChromiumAndFitsAPhone() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM);
        assertThat(installed || !"true".equals(System.getenv("CI")))
                .as("Chromium is not installed, and under CI this test must run (apt-get install chromium)").isTrue();
        assumeTrue(installed, "Chromium is not installed (apt-get install chromium)");
        Workspace ws = Workspace.create(dir);
        assertThat(NianbaoApplication.run(new String[] {"consolidate", "--job", ws.job("licheng-2021").toString()})).isEqualTo(0);
        Path page = ws.out("licheng-2021").resolve("exceptions.html");
        List<Map<String, String>> findings = CsvFiles.rows(ws.out("licheng-2021").resolve("exceptions.csv"));
        assertThat(findings).isNotEmpty();

        String rendered = dom(page, 1280);
        // The page's own script ran (it writes the shown/total count) and every finding is on the page.
        assertThat(rendered).contains("显示 " + findings.size() + " / " + findings.size() + " 项");
        for (Map<String, String> f : findings) {
            assertThat(rendered).contains(f.get("fingerprint"));
        }
        assertThat(rendered).contains("MISSING-SUBMISSION").contains("缺报").contains("鲤城区财政局");

        // A phone: the page in a frame 420 px wide (Chromium's own windows are never narrower than 500 px), measured
        // by a script of the test's beside it: the page's width, the right edge of every findings cell, each 说明 cell.
        Path frame = page.resolveSibling("phone-frame.html");
        Files.writeString(frame, """
                <!DOCTYPE html><html><body style="margin:0">
                <iframe id="f" src="exceptions.html" style="width:420px;height:900px;border:0"></iframe>
                <script>
                window.addEventListener('load', function () {
                  var w = document.getElementById('f').contentWindow, d = w.document, right = 0, outside = 0;
                  d.querySelectorAll('table.findings td').forEach(function (td) {
                    var r = td.getBoundingClientRect();
                    if (r.width > 0) { right = Math.max(right, r.right); }
                  });
                  var messages = d.querySelectorAll('table.findings td.message');
                  messages.forEach(function (td) {
                    var r = td.getBoundingClientRect();
                    if (r.width === 0 || r.left < 0 || r.right > d.documentElement.clientWidth) { outside++; }
                  });
                  document.body.setAttribute('data-measured', [w.innerWidth, d.documentElement.clientWidth,
                      d.documentElement.scrollWidth, Math.ceil(right), messages.length, outside].join(','));
                });
                </script></body></html>
                """, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("data-measured=\"([0-9,]+)\"").matcher(dom(frame, 1000));
        assertThat(m.find()).as("the measuring script ran").isTrue();
        int[] measured = java.util.Arrays.stream(m.group(1).split(",")).mapToInt(Integer::parseInt).toArray();
        assertThat(measured[0]).as("the frame is a phone's width").isEqualTo(420);
        int width = measured[1];
        assertThat(measured[2]).as("the page is no wider than the screen (no scrolling sideways)").isLessThanOrEqualTo(width);
        assertThat(measured[3]).as("no findings cell reaches past the screen").isLessThanOrEqualTo(width);
        assertThat(measured[4]).as("every finding's 说明 is on the page").isEqualTo(findings.size());
        assertThat(measured[5]).as("说明 cells out of view").isZero();
    }

    /** The DOM after the page loaded and its scripts ran, in a window {@code width} px wide. */
    private String dom(Path page, int width) throws Exception {
        Path dom = dir.resolve("dom-" + width + ".html");
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--allow-file-access-from-files", "--window-size=" + width + ",900",
                "--user-data-dir=" + dir.resolve("profile"), "--dump-dom", page.toUri().toString())
                .redirectOutput(dom.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(chromium.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        return Files.readString(dom, StandardCharsets.UTF_8);
    }
}
