package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.model.Agency;
import cn.nianbao.model.Datapoint;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;
import cn.nianbao.job.AdHocJob;
import cn.nianbao.job.JobDefinition;
import cn.nianbao.job.RosterResolver;
import cn.nianbao.testing.SampleFiles;
import cn.nianbao.validate.CrossReportValidator;
import cn.nianbao.validate.DuplicateResolution;
import cn.nianbao.validate.RuleBook;

/** A workbook with a sheet per year or per agency gives one report per sheet; nothing is dropped silently. */
class ReportsInOneWorkbookTest {

    @TempDir
    Path dir;

    private IngestResult read(Path file, AgencyResolver agencies) throws Exception {
        return new WorkbookIngester(SampleFiles.CATALOGUE, ReadLimits.defaults(), agencies, null)
                .ingest(file, WorkbookIngester.describe(dir, file));
    }

    private AgencyResolver noRoster() {
        return new RosterResolver(AdHocJob.of(dir, dir.resolve("out"), null));
    }

    private static void assertReads(Report report, SampleFiles.Written written, String sheet) {
        assertThat(report.format()).isEqualTo(written.format());
        assertThat(report.year()).isEqualTo(written.year());
        assertThat(report.part().sheet()).isEqualTo(sheet);
        for (Map.Entry<String, String> e : written.cells().entrySet()) {
            Datapoint d = report.datapoint(e.getKey()).orElseThrow(() -> new AssertionError("no " + e.getKey()));
            BigDecimal expected = written.values().get(e.getKey());
            if (expected == null) {
                assertThat(d.blank()).as(e.getKey()).isTrue();
            } else {
                assertThat(d.value()).as(e.getKey()).isEqualByComparingTo(expected);
            }
            // the same cell, on the sheet it now stands on
            assertThat(d.source().sheet()).as(e.getKey()).isEqualTo(sheet);
            assertThat(d.source().cell()).as(e.getKey()).isEqualTo(e.getValue().substring(e.getValue().lastIndexOf('!') + 1));
        }
    }

    @Test
    void aSheetPerYearGivesOneReportPerYearEachInItsOwnFormat() throws Exception {
        SampleFiles.Written y2020 = SampleFiles.report(dir.resolve("a.xlsx"), "某某镇人民政府", 2020, 1);
        SampleFiles.Written y2021 = SampleFiles.report(dir.resolve("b.xlsx"), "某某镇人民政府", 2021, 2);
        Map<String, Path> sheets = new LinkedHashMap<>();
        sheets.put("2020年", y2020.file());
        sheets.put("2021年", y2021.file());
        for (String ext : List.of("xlsx", "xls")) {
            Path file = dir.resolve("某某镇年报（两年）." + ext);
            SampleFiles.combine(file, sheets);

            IngestResult result = read(file, noRoster());

            assertThat(result.findings()).extracting(Finding::rule, Finding::message).isEmpty();
            assertThat(result.reports()).hasSize(2);
            assertReads(result.reports().get(0), y2020, "2020年");
            assertReads(result.reports().get(1), y2021, "2021年");
            assertThat(result.reports()).extracting(r -> r.agency().name()).containsOnly("某某镇人民政府");
            assertThat(result.reports()).extracting(r -> r.part().index()).containsExactly(0, 1);
        }
    }

    @Test
    void withoutTitlesTheSheetNamesGiveTheYears() throws Exception {
        SampleFiles.Written y2020 = SampleFiles.report(dir.resolve("a.xlsx"), "某某镇人民政府", 2020, 3);
        SampleFiles.Written y2021 = SampleFiles.report(dir.resolve("b.xlsx"), "某某镇人民政府", 2021, 4);
        for (Path p : List.of(y2020.file(), y2021.file())) {
            SampleFiles.edit(p, wb -> {
                org.apache.poi.ss.usermodel.Sheet s = wb.getSheetAt(0);
                for (int r = 0; r < 3; r++) { // the title rows
                    if (s.getRow(r) != null) {
                        s.removeRow(s.getRow(r));
                    }
                }
            });
        }
        Map<String, Path> sheets = new LinkedHashMap<>();
        sheets.put("2020", y2020.file());
        sheets.put("2021年度", y2021.file());
        Path file = dir.resolve("某某镇人民政府.xlsx");
        SampleFiles.combine(file, sheets);

        IngestResult result = read(file, noRoster());

        assertThat(result.findings()).isEmpty();
        assertThat(result.reports()).extracting(Report::year).containsExactly(2020, 2021);
        assertThat(result.reports()).extracting(r -> r.agency().name()).containsOnly("某某镇人民政府");
    }

    @Test
    void aSheetPerAgencyNamesEachReportsAgencyFromItsSheet() throws Exception {
        SampleFiles.Written a = SampleFiles.report(dir.resolve("a.xlsx"), "某区人民政府甲街道办事处", 2020, 5);
        SampleFiles.Written b = SampleFiles.report(dir.resolve("b.xlsx"), "某区人民政府乙街道办事处", 2020, 6);
        Map<String, Path> sheets = new LinkedHashMap<>();
        sheets.put("甲街道", a.file());
        sheets.put("乙街道", b.file());
        Path file = dir.resolve("各街道2020年报.xlsx");
        SampleFiles.combine(file, sheets);
        JobDefinition job = new JobDefinition("t", List.of(2020), dir, dir.resolve("out"), null,
                List.of(new Agency("D", "某区", List.of(), "区", null)),
                List.of(new Agency("D-A", "某区人民政府甲街道办事处", List.of("甲街道"), "街道", "D"),
                        new Agency("D-B", "某区人民政府乙街道办事处", List.of("乙街道"), "街道", "D")), null);

        IngestResult result = read(file, new RosterResolver(job));

        assertThat(result.findings()).isEmpty();
        assertThat(result.reports()).extracting(r -> r.agency().code()).containsExactly("D-A", "D-B");
        assertReads(result.reports().get(0), a, "甲街道");
        assertReads(result.reports().get(1), b, "乙街道");
    }

    @Test
    void aSheetThatNamesNoAgencyIsNamedWithItsSheet() throws Exception {
        SampleFiles.Written a = SampleFiles.report(dir.resolve("a.xlsx"), "某区人民政府甲街道办事处", 2020, 10);
        SampleFiles.Written c = SampleFiles.report(dir.resolve("c.xlsx"), "某区人民政府丙街道办事处", 2020, 11);
        SampleFiles.edit(c.file(), wb -> {
            org.apache.poi.ss.usermodel.Sheet s = wb.getSheetAt(0);
            for (int r = 0; r < 3; r++) { // the title rows
                if (s.getRow(r) != null) {
                    s.removeRow(s.getRow(r));
                }
            }
        });
        Map<String, Path> sheets = new LinkedHashMap<>();
        sheets.put("甲街道", a.file());
        sheets.put("Sheet2", c.file());
        Path file = dir.resolve("2020.xlsx"); // a file name that names no agency either

        SampleFiles.combine(file, sheets);
        IngestResult result = read(file, noRoster());


        assertThat(result.findings()).extracting(Finding::rule, Finding::agencyCode, Finding::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("PARSE-NO-AGENCY", null, "无法从文件名、工作表名或标题判断（工作表「Sheet2」）填报单位"
                        + "（未找到标题行）；请在文件名或标题中写明单位名称"));
    }

    @Test
    void aSheetHoldingPartOfAReportBesideCompleteOnesIsNamedNotDropped() throws Exception {
        SampleFiles.Written y2020 = SampleFiles.report(dir.resolve("a.xlsx"), "某某镇人民政府", 2020, 7);
        SampleFiles.Written y2021 = SampleFiles.report(dir.resolve("b.xlsx"), "某某镇人民政府", 2021, 8);
        SampleFiles.Written part = SampleFiles.report(dir.resolve("c.xlsx"), "某某镇人民政府", 2019, 9);
        // the 2019 sheet keeps only its table 三
        SampleFiles.edit(part.file(), wb -> {
            org.apache.poi.ss.usermodel.Sheet s = wb.getSheetAt(0);
            int firstB = SampleFiles.cellOf(wb, part.cells().get("B.NEW.TOTAL")).getRowIndex() - 4;
            int lastB = SampleFiles.cellOf(wb, part.cells().get("B.CARRIED_OUT.TOTAL")).getRowIndex();
            for (int r = 0; r <= s.getLastRowNum(); r++) {
                if ((r < firstB || r > lastB) && s.getRow(r) != null) {
                    s.removeRow(s.getRow(r));
                }
            }
        });
        Map<String, Path> sheets = new LinkedHashMap<>();
        sheets.put("2019年", part.file());
        sheets.put("2020年", y2020.file());
        sheets.put("2021年", y2021.file());
        Path file = dir.resolve("某某镇年报.xlsx");
        SampleFiles.combine(file, sheets);

        IngestResult result = read(file, noRoster());

        assertThat(result.reports()).extracting(Report::year).containsExactly(2020, 2021);
        assertThat(result.findings()).extracting(Finding::rule, Finding::sheet)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("PARSE-PARTIAL-SHEET", "2019年"));
        assertThat(result.findings().get(0).message()).contains("「2019年」").contains("三、收到和处理政府信息公开申请情况");
        assertThat(result.findings()).as("the file's two reports: the finding is no one report's")
                .extracting(Finding::agencyName, Finding::year).containsExactly(org.assertj.core.groups.Tuple.tuple(null, null));
    }

    @Test
    void aSheetWithoutATitleTakesNoOtherSheetsTitle() throws Exception {
        SampleFiles.Written y2020 = SampleFiles.report(dir.resolve("a.xlsx"), "某某镇人民政府", 2020, 12);
        SampleFiles.Written y2021 = SampleFiles.report(dir.resolve("b.xlsx"), "某某镇人民政府", 2021, 13);
        SampleFiles.edit(y2020.file(), wb -> wb.getSheetAt(0).removeRow(wb.getSheetAt(0).getRow(0)));
        Map<String, Path> sheets = new LinkedHashMap<>();
        sheets.put("2020", y2020.file());
        sheets.put("2021年度", y2021.file());
        Path file = dir.resolve("某某镇人民政府.xlsx");
        SampleFiles.combine(file, sheets);

        IngestResult result = read(file, noRoster());

        assertThat(result.findings()).isEmpty();
        assertThat(result.reports()).extracting(Report::year, Report::title)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2020, null),
                        org.assertj.core.groups.Tuple.tuple(2021, "某某镇人民政府 2021年政府信息公开工作年度报告"));
    }

    @Test
    void twoSheetsOfOneAgencyAndYearFollowTheDuplicateRule() throws Exception {
        SampleFiles.Written first = SampleFiles.report(dir.resolve("a.xlsx"), "某某镇人民政府", 2020, 10);
        SampleFiles.Written second = SampleFiles.report(dir.resolve("b.xlsx"), "某某镇人民政府", 2020, 11);
        Map<String, Path> sheets = new LinkedHashMap<>();
        sheets.put("初稿", first.file());
        sheets.put("修改稿", second.file());
        Path file = dir.resolve("某某镇2020年报.xlsx");
        SampleFiles.combine(file, sheets);

        IngestResult result = read(file, noRoster());
        assertThat(result.reports()).hasSize(2);
        DuplicateResolution resolved = new CrossReportValidator(RuleBook.load()).resolveDuplicates(cn.nianbao.model.ReportContent.headers(result.reports()));

        assertThat(resolved.winners()).extracting(r -> r.part().sheet()).containsExactly("修改稿");
        assertThat(resolved.findings()).extracting(Finding::rule).containsExactly("DUPLICATE-SUBMISSION");
        assertThat(resolved.findings().get(0).message()).contains("（工作表「修改稿」）").contains("（工作表「初稿」）");
    }
}
