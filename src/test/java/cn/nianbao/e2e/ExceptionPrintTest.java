package cn.nianbao.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.NianbaoApplication;
import cn.nianbao.testing.CsvFiles;
import cn.nianbao.testing.LibreOffice;

/**
 * The sample district's exception outputs as they come out of a printer (LibreOffice headless to PDF, read back):
 * the 问题清单 with every finding's 说明 in text no smaller than 8 points and the fingerprint in the last column, and
 * notices.xlsx as one A4 page per agency with findings, each naming the agency, its findings, and the deadline and
 * issuing office of the job file. Under CI ({@code CI=true}) a missing LibreOffice fails the test; on a developer's
 * machine without it the test is skipped.
 */
class ExceptionPrintTest {

    private static final float MIN_POINTS = 8f;

    @TempDir
    Path dir;

    @Test
    void theProblemListAndTheNoticesPrintReadably() throws Exception {
        LibreOffice.assumeInstalled();
        Workspace ws = Workspace.create(dir);
        // the job file's notice, with an office and a deadline of this test's own
        Path job = ws.job("licheng-2020");
        String text = Files.readString(job, StandardCharsets.UTF_8);
        String withNotice = text.replaceAll("(?m)^  deadline: .*$", "  deadline: 2021-04-15")
                .replaceAll("(?m)^  office: .*$", "  office: 鲤城区政务公开办（测试）");
        assertThat(withNotice).as("the sample job file has a notice: block").isNotEqualTo(text);
        Files.writeString(job, withNotice, StandardCharsets.UTF_8);
        assertThat(NianbaoApplication.run(new String[] {"consolidate", "--job", job.toString()})).isEqualTo(0);
        Path out = ws.out("licheng-2020");
        List<Map<String, String>> findings = CsvFiles.rows(out.resolve("exceptions.csv"));
        assertThat(findings).hasSizeGreaterThan(5);

        // 问题清单: its pages (the footer names the sheet), headings in order with 指纹 last, every 说明 on them
        Printed exceptions = print(out.resolve("exceptions.xlsx"));
        List<Integer> listPages = new ArrayList<>();
        for (int p = 0; p < exceptions.pages.size(); p++) {
            if (flat(exceptions.pages.get(p)).contains("问题清单第")) {
                listPages.add(p);
            }
        }
        assertThat(listPages).isNotEmpty();
        String list = String.join("", listPages.stream().map(p -> flat(exceptions.pages.get(p))).toList());
        assertThat(list).contains("严重程度单位年度规则位置应为实为差额说明情况处理状态处理说明指纹");
        for (Map<String, String> f : findings) {
            assertThat(list).as("说明 of " + f.get("fingerprint")).contains(flat(f.get("message")));
        }
        for (int p : listPages) {
            assertThat(exceptions.smallestHan.get(p)).as("smallest Chinese text on 问题清单 page " + (p + 1) + ", points")
                    .isGreaterThanOrEqualTo(MIN_POINTS - 0.05f);
        }

        // notices.xlsx: one page per sheet, each one agency's notice
        Path notices = out.resolve("notices.xlsx");
        List<String> sheets = new ArrayList<>();
        try (InputStream in = Files.newInputStream(notices); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            wb.forEach(sheet -> sheets.add(sheet.getSheetName()));
        }
        Map<String, Long> openByAgency = new LinkedHashMap<>();
        findings.stream().filter(f -> !f.get("agency_code").isEmpty())
                .forEach(f -> openByAgency.merge(f.get("agency_name"), 1L, Long::sum));
        assertThat(sheets).hasSize(openByAgency.size());
        Printed printed = print(notices);
        assertThat(printed.pages).as("one page per notice").hasSize(sheets.size());
        for (Map.Entry<String, Long> agency : openByAgency.entrySet()) {
            List<Integer> hers = new ArrayList<>();
            for (int p = 0; p < printed.pages.size(); p++) {
                if (flat(printed.pages.get(p)).contains(agency.getKey() + "：")) {
                    hers.add(p);
                }
            }
            assertThat(hers).as(agency.getKey() + "'s notice").hasSize(1);
            String notice = flat(printed.pages.get(hers.get(0)));
            assertThat(notice).contains("整改通知").contains("存在以下" + agency.getValue() + "个问题")
                    .contains("于2021年4月15日前").contains("鲤城区政务公开办（测试）");
            assertThat(printed.smallestHan.get(hers.get(0))).as("smallest Chinese text of " + agency.getKey() + "'s notice")
                    .isGreaterThanOrEqualTo(MIN_POINTS - 0.05f);
        }
    }

    /** The text of each page and the size of its smallest Chinese glyph. */
    private record Printed(List<String> pages, List<Float> smallestHan) {
    }

    private Printed print(Path workbook) throws Exception {
        Path pdf = LibreOffice.convert(workbook, "pdf", dir.resolve("pdf"), dir);
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            List<String> pages = new ArrayList<>();
            List<Float> smallest = new ArrayList<>();
            for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                float[] least = {Float.MAX_VALUE};
                PDFTextStripper stripper = new PDFTextStripper() {
                    @Override
                    protected void processTextPosition(TextPosition text) {
                        String s = text.getUnicode();
                        if (!s.isBlank() && Character.UnicodeScript.of(s.codePointAt(0)) == Character.UnicodeScript.HAN) {
                            // the glyph's height on the page: its font size through the text and page matrices
                            least[0] = Math.min(least[0], text.getTextMatrix().getScalingFactorY());
                        }
                        super.processTextPosition(text);
                    }
                };
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                pages.add(stripper.getText(doc));
                smallest.add(least[0]);
            }
            return new Printed(pages, smallest);
        }
    }

    /** Text without spaces and line breaks (a table cell may wrap anywhere). */
    private static String flat(String text) {
        return text.replaceAll("[\\s\\p{Z}]+", "");
    }
}
