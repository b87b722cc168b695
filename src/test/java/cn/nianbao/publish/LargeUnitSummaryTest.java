package cn.nianbao.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.model.Agency;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;
import cn.nianbao.model.Severity;
import cn.nianbao.model.Submission;
import cn.nianbao.model.UnitTotal;
import cn.nianbao.template.ReportFormat;
import cn.nianbao.template.TemplateCatalogue;

/** A unit of 5,000 agencies: the names no longer fit one cell (Excel: 32,767 characters); nothing throws. */
class LargeUnitSummaryTest {

    private static final int AGENCIES = 5_000;

    @TempDir
    Path dir;

    @Test
    void detailSheetOfFiveThousandAgencies() throws Exception {
        TemplateCatalogue catalogue = TemplateCatalogue.load();
        ReportFormat format = catalogue.require("GOV2021");
        List<Report> included = new ArrayList<>();
        List<Agency> expected = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        for (int i = 0; i < AGENCIES; i++) {
            String code = "350502" + String.format("%05d", i);
            Agency a = new Agency(code, "鲤城区人民政府某某街道第" + i + "办事处", List.of(), "街道", "350502");
            expected.add(a);
            Submission s = new Submission("2021/" + code + ".xlsx", String.format("%064d", i), 100, Instant.EPOCH);
            Report r = TestRuns.report(a, 2021, format, s, 1, false);
            included.add(r);
            r.datapoints().values().forEach(d -> values.merge(d.id(), d.valueOrZero(), BigDecimal::add));
            findings.add(new Finding(Severity.ERROR, "B-ROW-TOTAL", code, a.name(), 2021, s.path(), null, List.of(),
                    null, null, null, "总计不等于各列之和"));
        }
        Agency missing = new Agency("35050299999", "缺报单位", List.of(), "部门", "350502");
        expected.add(missing);
        List<UnitTotal.ReportErrors> withErrors = cn.nianbao.model.ReportContent.headers(included).stream()
                .map(r -> new UnitTotal.ReportErrors(r, 1, false)).toList();
        UnitTotal unit = new UnitTotal(TestRuns.DISTRICT, 2021, format.id(), values, cn.nianbao.model.ReportContent.headers(included),
                expected, List.of(missing), withErrors, false, null);

        Path file = new SummaryWorkbookWriter(catalogue).write(unit, dir.resolve("summary.xlsx"),
                cn.nianbao.model.ReportContent.of(included));
        // read the detail sheet's texts back as XML (a DOM of its million cells would not fit the test heap)
        List<String> texts = new ArrayList<>();
        int breaks = 0;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry sheet = zip.getEntry("xl/worksheets/sheet2.xml");
            XMLStreamReader xml = XMLInputFactory.newDefaultFactory().createXMLStreamReader(zip.getInputStream(sheet), "UTF-8");
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT) {
                    if (xml.getLocalName().equals("t")) {
                        texts.add(xml.getElementText());
                    } else if (xml.getLocalName().equals("brk")) {
                        breaks++;
                    }
                }
            }
        }
        String includedNote = texts.stream().filter(t -> t.startsWith("已纳入（")).findFirst().orElseThrow();
        assertTrue(includedNote.startsWith("已纳入（" + AGENCIES + "）：鲤城区人民政府某某街道第0办事处（35050200000）、"));
        assertTrue(includedNote.endsWith("等 " + AGENCIES + " 个单位"), "truncated with the count");
        String errors = texts.stream().filter(t -> t.startsWith("纳入本表的报告中有 " + AGENCIES + " 份存在错误：")).findFirst().orElseThrow();
        assertTrue(errors.contains("等 " + AGENCIES + " 个单位"));
        assertTrue(texts.stream().allMatch(t -> t.length() <= 32_767), "no cell over Excel's limit");
        // every agency still has its own row in the blocks of a row per agency (二 and 四 of 2021), and its column
        assertEquals(AGENCIES, texts.stream().filter(t -> t.startsWith("鲤城区人民政府某某街道第")).distinct().count());
        assertTrue(texts.stream().filter(t -> t.equals("鲤城区人民政府某某街道第4999办事处")).count() >= 3);
        assertTrue(breaks <= 1_026, "no more manual page breaks than Excel keeps: " + breaks);
    }

    /**
     * A province's exception workbook: 5,000 agencies with findings get no 5,000 sheets (neither memory nor
     * a reader could cope) but the 200 most serious ones; 按单位统计 lists every agency and says where the
     * others' findings are.
     */
    @Test
    void exceptionWorkbookOfFiveThousandAgencies() throws Exception {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < AGENCIES; i++) {
            String code = "350502" + String.format("%05d", i);
            // every 20th agency has an error (250 of them), every agency a warning
            if (i % 20 == 7) {
                findings.add(new Finding(Severity.ERROR, "B-ROW-TOTAL", code, "单位" + i, 2021, "2021/" + code + ".xlsx", "Sheet1",
                        List.of("B5"), null, null, null, "总计不等于各列之和"));
            }
            findings.add(new Finding(Severity.WARNING, "OUTLIER-YOY", code, "单位" + i, 2021, "2021/" + code + ".xlsx", "Sheet1",
                    List.of("C9"), null, null, null, "变动异常"));
        }
        cn.nianbao.model.RunResult run = new cn.nianbao.model.RunResult(1L, "province", "COMPLETED", Instant.EPOCH, Instant.EPOCH,
                List.of(), List.of(), findings, List.of(), List.of());

        Path file = new ExceptionWorkbookWriter().write(run, dir.resolve("exceptions.xlsx"));

        try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(file.toFile())) {
            int lists = 4; // 问题清单, 已说明或不适用, 已解决, 按单位统计
            assertEquals(lists + ExceptionWorkbookWriter.MAX_AGENCY_SHEETS, wb.getNumberOfSheets());
            for (int s = lists; s < wb.getNumberOfSheets(); s++) {
                String name = wb.getSheetName(s);
                int i = Integer.parseInt(name.substring("单位".length()));
                assertEquals(7, i % 20, "only agencies with an error get a sheet here: " + name);
            }
            var counts = wb.getSheet(ExceptionWorkbookWriter.COUNT_SHEET);
            assertEquals(AGENCIES + 1, counts.getLastRowNum(), "a row per agency, then the total");
            long noSheet = 0;
            for (int r = 1; r <= AGENCIES; r++) {
                noSheet += counts.getRow(r).getCell(7).getStringCellValue().startsWith("（未单列") ? 1 : 0;
            }
            assertEquals(AGENCIES - ExceptionWorkbookWriter.MAX_AGENCY_SHEETS, noSheet);
            assertEquals(findings.size(), wb.getSheet(ExceptionWorkbookWriter.LIST_SHEET).getLastRowNum(), "every finding listed");
        }
    }

    @Test
    void shortListsAreUnchanged() {
        assertEquals("甲、乙", SummaryWorkbookWriter.joinCapped(List.of("甲", "乙"), "、", 10));
        assertEquals("甲、乙等 3 个单位", SummaryWorkbookWriter.joinCapped(List.of("甲", "乙", "丙丙丙丙丙丙丙"), "、", 10));
    }
}
