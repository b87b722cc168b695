package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.job.AdHocJob;
import cn.nianbao.model.Agency;
import cn.nianbao.job.RosterResolver;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;
import cn.nianbao.model.Scope;
import cn.nianbao.model.Severity;
import cn.nianbao.model.Submission;
import cn.nianbao.testing.SampleFiles;

/**
 * A file read and attached to the run: how it is described (path, hash, size), and who and which year a report is
 * for, named from its titles, sheet, file name and folder, or a finding that says why it cannot be.
 */
class WorkbookIngesterTest {

    @TempDir
    Path dir;

    private WorkbookIngester ingester(Integer defaultYear, Set<Integer> jobYears) {
        return new WorkbookIngester(SampleFiles.CATALOGUE, ReadLimits.defaults(),
                new RosterResolver(AdHocJob.of(dir, dir.resolve("out"), null)), defaultYear, jobYears);
    }

    private IngestResult read(Path file) throws Exception {
        return read(file, ingester(null, Set.of()));
    }

    private IngestResult read(Path file, WorkbookIngester ingester) throws Exception {
        return ingester.ingest(file, WorkbookIngester.describe(dir, file));
    }

    /** A sample report of 某某镇人民政府 with its title replaced (null: removed). */
    private SampleFiles.Written report(Path file, int year, String title) throws Exception {
        Files.createDirectories(file.getParent());
        SampleFiles.Written w = SampleFiles.report(file, "某某镇人民政府", year, year);
        SampleFiles.edit(file, wb -> {
            Row first = wb.getSheetAt(0).getRow(0);
            if (title == null) {
                wb.getSheetAt(0).removeRow(first);
            } else {
                first.getCell(0).setCellValue(title);
            }
        });
        return w;
    }

    // ------------------------------------------------------------------ describing a file

    @Test
    void aFileIsDescribedByItsPathInTheInputFolderItsHashAndSize() throws Exception {
        byte[] content = new byte[20_000]; // more than one read of the buffer
        new Random(7).nextBytes(content);
        Path file = Files.createDirectories(dir.resolve("街道")).resolve("海滨街道-2020.xlsx");
        Files.write(file, content);
        Path empty = Files.write(dir.resolve("空.xlsx"), new byte[0]);

        Submission s = WorkbookIngester.describe(dir, file);
        Submission e = WorkbookIngester.describe(dir, empty);

        assertThat(s.path()).isEqualTo("街道/海滨街道-2020.xlsx");
        assertThat(s.fileName()).isEqualTo("海滨街道-2020.xlsx");
        assertThat(s.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        assertThat(s.sizeBytes()).isEqualTo(20_000);
        assertThat(s.modified()).isEqualTo(Files.getLastModifiedTime(file).toInstant());
        assertThat(e.path()).isEqualTo("空.xlsx");
        assertThat(e.sha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(e.sizeBytes()).isZero();
    }

    @Test
    void theContentKeyChangesWithTheProgramAndTheLimits() {
        ReadLimits other = new ReadLimits(1024, 2, 3, 4, 5, 0.5, 6, 7);
        String key = WorkbookIngester.contentKey("nianbao 1.0", ReadLimits.defaults());

        assertThat(key).matches("[0-9a-f]{32}");
        assertThat(WorkbookIngester.contentKey("nianbao 1.0", ReadLimits.defaults())).isEqualTo(key);
        assertThat(WorkbookIngester.contentKey("nianbao 1.1", ReadLimits.defaults())).isNotEqualTo(key);
        assertThat(WorkbookIngester.contentKey("nianbao 1.0", other)).isNotEqualTo(key);
    }

    // ------------------------------------------------------------------ files that give no report

    @Test
    void anUnreadableReportFileIsTheAgencysItsNameNames() throws Exception {
        Path file = Files.writeString(dir.resolve("海滨街道-2021.xlsx"), "这不是工作簿", StandardCharsets.UTF_8);

        IngestResult result = read(file);

        assertThat(result.accepted()).isFalse();
        assertThat(result.reports()).isEmpty();
        assertThat(result.parsed().outcome()).isEqualTo(ParsedWorkbook.Outcome.UNREADABLE);
        assertThat(result.findings()).extracting(Finding::severity, Finding::rule, Finding::agencyName, Finding::year,
                        Finding::sourceFile, Finding::sheet, Finding::cells)
                .containsExactly(tuple(Severity.ERROR, "PARSE-UNREADABLE", "海滨街道", null, "海滨街道-2021.xlsx", null, List.of()));
        assertThat(result.findings().get(0).message()).startsWith("不是 Excel 工作簿，也不是 Word 文档");
    }

    @Test
    void aFileThatIsNoReportFileIsAWarningSayingWhatToSend() throws Exception {
        Path file = Files.writeString(Files.createDirectories(dir.resolve("海滨街道")).resolve("扫描件.pdf"), "%PDF-1.4\n%âãÏÓ\n",
                StandardCharsets.ISO_8859_1);

        IngestResult result = read(file);

        assertThat(result.accepted()).isFalse();
        assertThat(result.findings()).extracting(Finding::severity, Finding::rule, Finding::sourceFile, Finding::cells)
                .containsExactly(tuple(Severity.WARNING, OtherFiles.FILE_TYPE, "海滨街道/扫描件.pdf", List.of()));
        assertThat(result.findings().get(0).message()).isEqualTo(OtherFiles.message("扫描件.pdf"))
                .startsWith("收到「扫描件.pdf」（PDF 文件）");
    }

    @Test
    void aWorkbookWithoutTablesIsNamedForTheAgencyOfItsTitle() throws Exception {
        Path file = dir.resolve("报送.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet s = wb.createSheet("说明");
            s.createRow(0).createCell(0).setCellValue("某某镇人民政府2021年政府信息公开工作年度报告");
            s.createRow(2).createCell(0).setCellValue("本年度我镇认真贯彻落实政府信息公开条例。");
            GridFiles.save(wb, file);
        }

        IngestResult result = read(file);

        assertThat(result.parsed().outcome()).isEqualTo(ParsedWorkbook.Outcome.NO_TABLE);
        assertThat(result.findings()).extracting(Finding::severity, Finding::rule, Finding::agencyName, Finding::sourceFile)
                .containsExactly(tuple(Severity.ERROR, "PARSE-NO-TABLE", "某某镇人民政府", "报送.xlsx"));
        assertThat(result.findings().get(0).message()).isEqualTo("未找到年报统计表（二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；"
                + "四、行政复议、行政诉讼情况）；请确认报送的是年报表格，并按国家统一格式填报");
    }

    @Test
    void aWordDocumentWithoutTablesSaysSoInTheWordsOfADocument() throws Exception {
        Path file = dir.resolve("某某镇年报.docx");
        WordDocs.docx(file, WordDocs.p("某某镇人民政府2021年政府信息公开工作年度报告") + WordDocs.p("一、总体情况"));

        IngestResult result = read(file);

        assertThat(result.findings()).extracting(Finding::rule, Finding::agencyName).containsExactly(tuple("PARSE-NO-TABLE", "某某镇人民政府"));
        assertThat(result.findings().get(0).message()).startsWith("文档中未找到年报统计表").endsWith("请确认报送的是年度报告全文，表格按国家统一格式填报");
    }

    // ------------------------------------------------------------------ who and which year

    @Test
    void aReportNamingNoAgencyAndNoYearIsNotAcceptedAndSaysWhy() throws Exception {
        report(dir.resolve("年报.xlsx"), 2021, null);

        IngestResult result = read(dir.resolve("年报.xlsx"));

        assertThat(result.accepted()).isFalse();
        assertThat(result.findings()).extracting(Finding::severity, Finding::rule, Finding::agencyName, Finding::year, Finding::message)
                .containsExactly(
                        tuple(Severity.ERROR, "PARSE-NO-AGENCY", null, null, "无法从文件名或标题判断填报单位（未找到标题行）；请在文件名或标题中写明单位名称"),
                        tuple(Severity.ERROR, "PARSE-NO-YEAR", null, null, "无法从标题或文件名判断报告年度；请在标题中写明「XXXX年政府信息公开工作年度报告」"));
    }

    @Test
    void aTitleWithoutAnAgencyIsQuotedShortenedInTheFinding() throws Exception {
        String title = "2021年政府信息公开工作年度报告（本报告由本机关政府信息公开工作领导小组办公室根据有关规定编制，经主要负责同志审定后向社会公开发布）";
        report(dir.resolve("年报.xlsx"), 2021, title);

        IngestResult result = read(dir.resolve("年报.xlsx"));

        assertThat(result.findings()).extracting(Finding::rule).containsExactly("PARSE-NO-AGENCY");
        assertThat(result.findings().get(0).message()).isEqualTo("无法从文件名或标题判断填报单位（标题：" + title.substring(0, 60) + "…）；请在文件名或标题中写明单位名称");
    }

    @Test
    void aTitleOfSixtyCharactersIsQuotedWhole() throws Exception {
        String title = "2021年度政府信息公开工作年度报告（本报告由本机关政府信息公开工作领导小组办公室根据有关规定编制并经审定后向社会公布）";
        assertThat(title).hasSize(60);
        report(dir.resolve("年报.xlsx"), 2021, title);

        Finding noAgency = read(dir.resolve("年报.xlsx")).findings().get(0);

        assertThat(noAgency.message()).isEqualTo("无法从文件名或标题判断填报单位（标题：" + title + "）；请在文件名或标题中写明单位名称");
        assertThat(noAgency.agencyCode()).isNull();
        assertThat(noAgency.agencyName()).isNull();
    }

    @Test
    void theYearComesFromTheTitleThenTheFoldersAndFileNameThenTheJob() throws Exception {
        report(dir.resolve("某某镇人民政府.xlsx"), 2020, "某某镇人民政府2020年政府信息公开工作年度报告");
        report(dir.resolve("2020/某某镇人民政府.xlsx"), 2020, null);
        report(dir.resolve("某某镇人民政府 年报.xlsx"), 2020, null);

        assertThat(read(dir.resolve("某某镇人民政府.xlsx"), ingester(2022, Set.of())).onlyReport().year()).isEqualTo(2020);
        assertThat(read(dir.resolve("2020/某某镇人民政府.xlsx"), ingester(2022, Set.of())).onlyReport().year()).isEqualTo(2020);
        IngestResult fromJob = read(dir.resolve("某某镇人民政府 年报.xlsx"), ingester(2020, Set.of()));
        assertThat(fromJob.findings()).isEmpty();
        assertThat(fromJob.onlyReport().year()).isEqualTo(2020);
        assertThat(fromJob.onlyReport().agency().name()).isEqualTo("某某镇人民政府");
    }

    @Test
    void aReportOfAnotherYearThanTheJobsIsRefusedNamingWhereTheYearWasRead() throws Exception {
        report(dir.resolve("titled.xlsx"), 2020, "某某镇人民政府2020年政府信息公开工作年度报告");
        report(dir.resolve("某某镇人民政府-2020.xlsx"), 2020, null);
        SampleFiles.edit(dir.resolve("titled.xlsx"), wb -> SampleFiles.cellOf(wb, "2020年报!B6").setCellValue("暂无"));

        IngestResult titled = read(dir.resolve("titled.xlsx"), ingester(2021, Set.of(2021, 2022)));
        IngestResult named = read(dir.resolve("某某镇人民政府-2020.xlsx"), ingester(2021, Set.of(2021)));

        assertThat(titled.accepted()).isFalse();
        assertThat(titled.findings()).as("a report not counted has no finding about its numbers")
                .extracting(Finding::rule, Finding::agencyName).containsExactly(tuple("PARSE-WRONG-YEAR", "某某镇人民政府"));
        assertThat(titled.findings().get(0).message()).isEqualTo("本文件是 2020 年度的报告（据标题「某某镇人民政府2020年政府信息公开工作年度报告」），"
                + "本次汇总的是 2021、2022 年度，未计入汇总；请核对是否报错了文件，并报送 2021、2022 年度的年报");
        assertThat(named.findings()).extracting(Finding::rule).containsExactly("PARSE-WRONG-YEAR");
        assertThat(named.findings().get(0).message()).startsWith("本文件是 2020 年度的报告（据文件名），本次汇总的是 2021 年度");
        assertThat(read(dir.resolve("titled.xlsx"), ingester(2021, Set.of(2020, 2021))).accepted()).isTrue();
    }

    @Test
    void aReportForAYearTheJobConsolidatesHasTheFindingsAboutItsNumbers() throws Exception {
        report(dir.resolve("某某镇人民政府.xlsx"), 2020, "某某镇人民政府2020年政府信息公开工作年度报告");
        SampleFiles.edit(dir.resolve("某某镇人民政府.xlsx"), wb -> SampleFiles.cellOf(wb, "2020年报!B6").setCellValue("暂无"));

        IngestResult result = read(dir.resolve("某某镇人民政府.xlsx"), ingester(2020, Set.of(2020)));

        assertThat(result.findings()).extracting(Finding::rule, Finding::agencyName, Finding::year, Finding::sheet, Finding::cells)
                .containsExactly(tuple("PARSE-BAD-NUMBER", "某某镇人民政府", 2020, "2020年报", List.of("B6")));
        assertThat(result.onlyReport().datapoint("A.REGULATION.NEW_MADE")).isEmpty();
    }

    @Test
    void aConsolidatedReportIsToldByItsTitleOrFileName() throws Exception {
        report(dir.resolve("某某镇人民政府.xlsx"), 2021, "某某镇人民政府2021年政府信息公开工作年度报告");
        report(dir.resolve("titled.xlsx"), 2021, "某某镇人民政府（汇总）2021年政府信息公开工作年度报告");
        report(dir.resolve("某某镇人民政府汇总.xlsx"), 2021, "某某镇人民政府2021年政府信息公开工作年度报告");

        assertThat(read(dir.resolve("某某镇人民政府.xlsx")).onlyReport().scope()).isEqualTo(Scope.OWN);
        assertThat(read(dir.resolve("titled.xlsx")).onlyReport().scope()).isEqualTo(Scope.CONSOLIDATED);
        assertThat(read(dir.resolve("某某镇人民政府汇总.xlsx")).onlyReport().scope()).isEqualTo(Scope.CONSOLIDATED);
    }

    @Test
    void anAcceptedReportCarriesItsTitleFormatAndSubmission() throws Exception {
        SampleFiles.Written w = report(dir.resolve("某某镇人民政府.xlsx"), 2021, "某某镇人民政府2021年政府信息公开工作年度报告");

        IngestResult result = read(dir.resolve("某某镇人民政府.xlsx"));

        Report report = result.onlyReport();
        assertThat(report.title()).isEqualTo("某某镇人民政府2021年政府信息公开工作年度报告");
        assertThat(report.format()).isEqualTo(w.format());
        assertThat(report.submission()).isEqualTo(result.submission());
        assertThat(report.part().isWhole()).isTrue();
        // each figure names where it was read and under which row and column labels
        assertThat(report.datapoint("B.NEW.NATURAL").orElseThrow().source().label()).isEqualTo("一、本年新收政府信息公开申请数量 / 自然人");
        assertThat(result.parsed().outcome()).isEqualTo(ParsedWorkbook.Outcome.LOCATED);
        assertThat(result.parsed().reports()).singleElement().satisfies(p -> {
            assertThat(p.tablesComplete()).isTrue();
            assertThat(p.titles()).extracting(ReportTitle::year).containsExactly(2021);
        });
    }

    @Test
    void anUnreadableFileIsAttributedToTheAgencyItsNameNamesByAResolverThatOnlyKnowsNames() throws Exception {
        Agency town = new Agency("T01", "某某镇人民政府", List.of(), null, null);
        AgencyResolver byName = (fileName, titles) -> fileName.startsWith("某某镇") && titles.isEmpty() ? Optional.of(town) : Optional.empty();
        Path file = Files.write(dir.resolve("某某镇-2021.xlsx"), "%PDF-1.4".getBytes(StandardCharsets.US_ASCII));

        IngestResult result = new WorkbookIngester(SampleFiles.CATALOGUE, ReadLimits.defaults(), byName, null)
                .ingest(file, WorkbookIngester.describe(dir, file));

        assertThat(result.findings()).extracting(Finding::rule, Finding::agencyCode, Finding::agencyName)
                .containsExactly(tuple("PARSE-UNREADABLE", "T01", "某某镇人民政府"));
    }
}
