package cn.nianbao.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.NianbaoApplication;

/**
 * The sample district's summary workbooks as they come out of a printer: LibreOffice (headless) prints each to PDF,
 * and the PDF is read back. At most 16 A4 pages, no glyph smaller than 8 points, and the printed 汇总表 itself names
 * 人社局 and its errors (2020) and compares with the year before (2021, after 2020 ran). CI installs LibreOffice
 * (.ci/run): under CI ({@code CI=true}) a missing LibreOffice fails the test; on a developer's machine without it the
 * test is skipped.
 */
class SummaryPrintTest {

    private static final Path SOFFICE = Path.of("/usr/bin/soffice");
    private static final int MAX_PAGES = 16;
    private static final float MIN_POINTS = 8f;

    @TempDir
    Path dir;

    @Test
    void theSampleSummaryWorkbooksPrintOnAFewPagesInReadableTextWithTheirCaveats() throws Exception {
        boolean installed = Files.isExecutable(SOFFICE);
        assertThat(installed || !"true".equals(System.getenv("CI")))
                .as("LibreOffice is not installed, and under CI this test must run (apt-get install libreoffice-calc-nogui)").isTrue();
        assumeTrue(installed, "LibreOffice is not installed (apt-get install libreoffice-calc-nogui)");
        Workspace ws = Workspace.create(dir);
        assertThat(NianbaoApplication.run(new String[] {"consolidate", "--job", ws.job("licheng-2020").toString()})).isEqualTo(0);
        assertThat(NianbaoApplication.run(new String[] {"consolidate", "--job", ws.job("licheng-2021").toString()})).isEqualTo(0);

        Printed y2020 = print(ws.out("licheng-2020").resolve("summary-350502-2020.xlsx"));
        Printed y2021 = print(ws.out("licheng-2021").resolve("summary-350502-2021.xlsx"));
        for (Printed p : List.of(y2020, y2021)) {
            assertThat(p.pages.size()).as(p.file + " pages").isBetween(4, MAX_PAGES);
            assertThat(p.smallest).as(p.file + " smallest text, points").isGreaterThanOrEqualTo(MIN_POINTS - 0.05f);
        }
        // the first page is the 汇总表's: it names the agency whose errors its sums include
        String first2020 = flat(y2020.pages.get(0));
        assertThat(first2020).contains("鲤城区人力资源和社会保障局（2项错误）").contains("可能因此不平衡");
        // every page of the 汇总表 carries it: the page of table 三, whose columns do not balance because of them
        String table三 = y2020.pages.stream().map(SummaryPrintTest::flat).filter(t -> t.contains("三、收到和处理政府信息公开申请情况"))
                .findFirst().orElseThrow();
        assertThat(table三).contains("鲤城区人力资源和社会保障局（2项错误）");
        assertThat(first2020).doesNotContain("上年");
        // 2021 is compared with the 2020 run
        String first2021 = flat(y2021.pages.get(0));
        assertThat(first2021).contains("licheng-2020").contains("本年上年增减");
        // the detail's headings are the catalogue's words and the roster's short names, not ids
        String all2021 = String.join("\n", y2021.pages.stream().map(SummaryPrintTest::flat).toList());
        assertThat(all2021).contains("分单位明细").contains("开元街道").contains("区卫健局").doesNotContain("B.NEW.TOTAL");
    }

    /** The text of each page and the size of its smallest glyph. */
    private record Printed(Path file, List<String> pages, float smallest) {
    }

    private Printed print(Path workbook) throws Exception {
        Path out = dir.resolve("pdf");
        Files.createDirectories(out);
        Process soffice = new ProcessBuilder(SOFFICE.toString(), "--headless", "--norestore",
                "-env:UserInstallation=" + dir.resolve("office-profile").toUri(), "--convert-to", "pdf", "--outdir", out.toString(),
                workbook.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("soffice.log").toFile()).start();
        assertThat(soffice.waitFor(300, TimeUnit.SECONDS)).as("LibreOffice finished").isTrue();
        String name = workbook.getFileName().toString();
        Path pdf = out.resolve(name.substring(0, name.length() - ".xlsx".length()) + ".pdf");
        assertThat(pdf).as("LibreOffice printed " + name + ": " + Files.readString(dir.resolve("soffice.log"))).isRegularFile();
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            List<String> pages = new ArrayList<>();
            float[] smallest = {Float.MAX_VALUE};
            for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                PDFTextStripper stripper = new PDFTextStripper() {
                    @Override
                    protected void processTextPosition(TextPosition text) {
                        if (!text.getUnicode().isBlank()) {
                            // the glyph's height on the page: its font size through the text and page matrices
                            smallest[0] = Math.min(smallest[0], text.getTextMatrix().getScalingFactorY());
                        }
                        super.processTextPosition(text);
                    }
                };
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                pages.add(stripper.getText(doc));
            }
            return new Printed(workbook, pages, smallest[0]);
        }
    }

    /** A page's text without spaces and line breaks (a table cell may wrap anywhere). */
    private static String flat(String text) {
        return text.replaceAll("\\s+", "");
    }
}
