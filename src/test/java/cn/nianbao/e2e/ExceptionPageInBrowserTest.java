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
 * script, and the rendered DOM holds every finding; at a phone's 420 px and at a desk's 1280 px the findings fit the
 * screen (no scrolling sideways, every 说明 in view), and at a desk a fingerprint takes at most two lines. CI installs Chromium (.ci/run): under CI ({@code CI=true}) a missing Chromium fails
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

        // A phone: the page in a frame 420 px wide (Chromium's own windows are never narrower than 500 px).
        int[] phone = measure(page, 420, 1000);
        int width = phone[1];
        assertThat(phone[2]).as("the page is no wider than a phone's screen (no scrolling sideways)").isLessThanOrEqualTo(width);
        assertThat(phone[3]).as("no findings cell reaches past a phone's screen").isLessThanOrEqualTo(width);
        assertThat(phone[4]).as("every finding's 说明 is on the page").isEqualTo(findings.size());
        assertThat(phone[5]).as("说明 cells out of view on a phone").isZero();

        // A desk: the findings table fits a 1280 px screen too, and no fingerprint is broken over more than two lines.
        int[] desk = measure(page, 1280, 1400);
        assertThat(desk[2]).as("the page is no wider than a desk's screen").isLessThanOrEqualTo(desk[1]);
        assertThat(desk[3]).as("no findings cell reaches past a desk's screen").isLessThanOrEqualTo(desk[1]);
        assertThat(desk[5]).as("说明 cells out of view at a desk").isZero();
        assertThat(desk[6]).as("lines of the longest-broken fingerprint").isBetween(1, 2);
    }

    /**
     * The page in a frame {@code frameWidth} px wide, measured by a script of the test's beside it: the frame's width,
     * the page's client and scroll widths, the right edge of every findings cell, the 说明 cells and how many are out of
     * view, and the most lines a fingerprint takes.
     */
    private int[] measure(Path page, int frameWidth, int windowWidth) throws Exception {
        Path frame = page.resolveSibling("frame-" + frameWidth + ".html");
        Files.writeString(frame, """
                <!DOCTYPE html><html><body style="margin:0">
                <iframe id="f" src="exceptions.html" style="width:%dpx;height:900px;border:0"></iframe>
                <script>
                window.addEventListener('load', function () {
                  var w = document.getElementById('f').contentWindow, d = w.document, right = 0, outside = 0, lines = 0;
                  d.querySelectorAll('table.findings td').forEach(function (td) {
                    var r = td.getBoundingClientRect();
                    if (r.width > 0) { right = Math.max(right, r.right); }
                  });
                  var messages = d.querySelectorAll('table.findings td.message');
                  messages.forEach(function (td) {
                    var r = td.getBoundingClientRect();
                    if (r.width === 0 || r.left < 0 || r.right > d.documentElement.clientWidth) { outside++; }
                  });
                  d.querySelectorAll('table.findings td.fp code').forEach(function (code) {
                    lines = Math.max(lines, code.getClientRects().length);
                  });
                  document.body.setAttribute('data-measured', [w.innerWidth, d.documentElement.clientWidth,
                      d.documentElement.scrollWidth, Math.ceil(right), messages.length, outside, lines].join(','));
                });
                </script></body></html>
                """.formatted(frameWidth), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("data-measured=\"([0-9,]+)\"").matcher(dom(frame, windowWidth));
        assertThat(m.find()).as("the measuring script ran").isTrue();
        int[] measured = java.util.Arrays.stream(m.group(1).split(",")).mapToInt(Integer::parseInt).toArray();
        assertThat(measured[0]).as("the frame's width").isEqualTo(frameWidth);
        return measured;
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
