package cn.nianbao.e2e;

import cn.nianbao.testing.CsvFiles;
import cn.nianbao.testing.RunJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.NianbaoApplication;
import cn.nianbao.model.Agency;
import cn.nianbao.job.JobDefinition;
import cn.nianbao.job.JobFileReader;
import cn.nianbao.samples.SampleGenerator.DeliberateMistake;
import cn.nianbao.samples.SampleGenerator.GeneratedSample;
import cn.nianbao.template.ReportFormat;
import cn.nianbao.template.TemplateCatalogue;

/**
 * The real job, end to end, on the sample district: the command line as a user types it, a real
 * database, real workbooks, and the output files read back. Subclasses choose the database.
 */
abstract class ConsolidationJobTestBase {

    static final TemplateCatalogue CATALOGUE = TemplateCatalogue.load();
    static final List<String> APPLICANTS = List.of("NATURAL", "BUSINESS", "RESEARCH", "NONPROFIT", "LEGAL", "OTHER_ORG");

    @TempDir
    Path dir;

    /** Spring arguments that select the database for one test (empty = the embedded H2 default). */
    abstract List<String> databaseArgs() throws Exception;

    int run(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(databaseArgs());
        return NianbaoApplication.run(all.toArray(String[]::new));
    }

    @Test
    void consolidatesTheSampleDistrictIntoTheContractedOutputs() throws Exception {
        Workspace ws = Workspace.create(dir);
        assertThat(run("consolidate", "--job", ws.job("licheng-2020").toString())).isEqualTo(0);
        Path out = ws.out("licheng-2020");

        for (String f : List.of("facts.csv", "exceptions.csv", "summary.csv", "exceptions.xlsx", "exceptions.html", "notices.xlsx", "run.json",
                "summary-350502-2020.xlsx", "summary-350500-2020.xlsx")) {
            assertThat(out.resolve(f)).as(f).isRegularFile();
        }
        assertThat(CsvFiles.header(out.resolve("facts.csv"))).containsExactly("agency_code", "agency_name", "year", "format",
                "datapoint", "value", "blank", "source_file", "source_sha256", "sheet", "cell", "label");
        assertThat(CsvFiles.header(out.resolve("exceptions.csv"))).containsExactly("fingerprint", "severity", "rule",
                "agency_code", "agency_name", "year", "source_file", "sheet", "cells", "expected", "actual", "delta", "message",
                "rule_name", "severity_name", "disposition", "disposition_note");
        assertThat(CsvFiles.header(out.resolve("summary.csv"))).containsExactly("unit_code", "unit_name", "year", "format",
                "datapoint", "value", "reports_included", "reports_expected", "reports_with_errors", "reports_left_out",
                "agencies_with_errors");
        // 人社局's B-BALANCE: two ERROR findings in a report the sums include, named on every row of the unit and year
        assertThat(CsvFiles.rows(out.resolve("summary.csv"))).allSatisfy(r -> {
            assertThat(r.get("reports_with_errors")).isEqualTo("1");
            assertThat(r.get("reports_left_out")).isEqualTo("0");
            assertThat(r.get("agencies_with_errors")).isEqualTo("350502-RS:2");
        });

        List<Map<String, String>> facts = CsvFiles.rows(out.resolve("facts.csv"));
        // Every sample workbook is accepted with every value it was written with.
        Map<String, GeneratedSample> byFile = ws.samples.stream().filter(s -> s.year() == 2020)
                .collect(Collectors.toMap(s -> s.path().getFileName().toString(), s -> s));
        assertThat(facts.stream().map(f -> f.get("source_file")).collect(Collectors.toSet())).isEqualTo(byFile.keySet());
        for (Map<String, String> f : facts) {
            GeneratedSample s = byFile.get(f.get("source_file"));
            assertThat(f.get("agency_code")).isEqualTo(s.agency().code());
            BigDecimal written = s.report().value(f.get("datapoint"));
            if (written == null) {
                assertThat(f.get("blank")).as(f.toString()).isEqualTo("true");
            } else {
                assertThat(new BigDecimal(f.get("value"))).as(f.toString()).isEqualByComparingTo(written);
            }
            assertThat(f.get("sheet") + "!" + f.get("cell")).as(f.toString()).isEqualTo(s.cells().get(f.get("datapoint")));
        }

        assertSummaryIsSumOfFacts(JobFileReader.read(ws.job("licheng-2020")), facts, CsvFiles.rows(out.resolve("summary.csv")));
        assertFindingsAreTheDeliberateMistakes(ws, 2020, CsvFiles.rows(out.resolve("exceptions.csv")));

        String runJson = Files.readString(out.resolve("run.json"));
        assertThat(runJson).contains("\"status\": \"COMPLETED\"").contains("\"reports_accepted\": 13");
        try (Workbook wb = WorkbookFactory.create(out.resolve("summary-350502-2020.xlsx").toFile(), null, true)) {
            assertThat(wb.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).contains("泉州市鲤城区").contains("2020");
        }
    }

    @Test
    void secondYearChecksCarryOverAgainstStoredHistoryAndFailsOnErrors() throws Exception {
        Workspace ws = Workspace.create(dir);
        assertThat(run("consolidate", "--job", ws.job("licheng-2020").toString())).isEqualTo(0);
        assertThat(run("consolidate", "--job", ws.job("licheng-2021").toString(), "--fail-on", "error")).isEqualTo(1);
        Path out = ws.out("licheng-2021");
        List<Map<String, String>> findings = CsvFiles.rows(out.resolve("exceptions.csv"));
        assertFindingsAreTheDeliberateMistakes(ws, 2021, findings);
        Map<String, String> carry = findings.stream().filter(f -> f.get("rule").equals("B-CARRY-OVER")
                && f.get("cells").equals("D24")).findFirst().orElseThrow();
        assertThat(carry.get("agency_code")).isEqualTo("350502-JN");
        assertThat(carry.get("delta")).isEqualTo("1");
        assertThat(findings).anyMatch(f -> f.get("rule").equals("MISSING-SUBMISSION") && f.get("agency_code").equals("350502-CZ"));
        List<Map<String, String>> summary = CsvFiles.rows(out.resolve("summary.csv"));
        assertThat(summary).allMatch(r -> r.get("reports_included").equals("13") && r.get("reports_expected").equals("14"));
        // 2020 has an ERROR too (人社局's B-BALANCE): --fail-on error fails it as well.
        assertThat(run("consolidate", "--job", ws.job("licheng-2020").toString(), "--fail-on", "error", "--force")).isEqualTo(1);
    }

    @Test
    void sameInputGivesSameFingerprintsAndACorrectedWorkbookIsResolved() throws Exception {
        Workspace ws = Workspace.create(dir);
        String job = ws.job("licheng-2020").toString();
        Path out = ws.out("licheng-2020");
        assertThat(run("consolidate", "--job", job)).isEqualTo(0);
        List<String> first = fingerprints(out);
        assertThat(run("consolidate", "--job", job, "--force")).isEqualTo(0);
        assertThat(fingerprints(out)).isEqualTo(first);

        // 人社局 corrects its 2020 workbook: the B-BALANCE break (one extra 自然人 in 本年新收) is fixed.
        GeneratedSample rs = ws.samples.stream().filter(s -> s.year() == 2020 && s.agency().code().equals("350502-RS"))
                .findFirst().orElseThrow();
        decrement(rs.path(), rs.cells().get("B.NEW.NATURAL"));
        decrement(rs.path(), rs.cells().get("B.NEW.TOTAL"));
        assertThat(run("consolidate", "--job", job)).isEqualTo(0);
        List<Map<String, String>> findings = CsvFiles.rows(out.resolve("exceptions.csv"));
        assertThat(findings).noneMatch(f -> f.get("agency_code").equals("350502-RS"));
        String html = Files.readString(out.resolve("exceptions.html"), StandardCharsets.UTF_8);
        int resolved = html.indexOf("id=\"resolved-findings\"");
        assertThat(resolved).isPositive();
        assertThat(html.substring(resolved)).contains("B-BALANCE").contains("鲤城区人力资源和社会保障局");
    }

    @Test
    void ruleOverrideNamedInTheJobFileChangesTheOutputWithoutARebuild() throws Exception {
        Workspace ws = Workspace.create(dir);
        Files.writeString(ws.root.resolve("jobs/district-rules.yml"), """
                rules:
                  - id: B-BALANCE
                    severity: WARNING
                  - id: A-REGULATION-SCOPE
                    enabled: false
                """);
        Path job = ws.job("licheng-2020");
        Files.writeString(job, Files.readString(job).replaceFirst("(?m)^# rules: .*$", "rules: ./district-rules.yml"));
        assertThat(Files.readString(job)).contains("rules: ./district-rules.yml");
        assertThat(run("consolidate", "--job", job.toString(), "--fail-on", "error")).isEqualTo(0);
        List<Map<String, String>> findings = CsvFiles.rows(ws.out("licheng-2020").resolve("exceptions.csv"));
        assertThat(findings).filteredOn(f -> f.get("rule").equals("B-BALANCE")).isNotEmpty()
                .allMatch(f -> f.get("severity").equals("WARNING"));
        assertThat(findings).noneMatch(f -> f.get("rule").equals("A-REGULATION-SCOPE"));
        // warnings are left (B-BALANCE, B-ROW-TOTAL-BLANK): --fail-on warning fails on them
        assertThat(findings).noneMatch(f -> f.get("severity").equals("ERROR")).anyMatch(f -> f.get("severity").equals("WARNING"));
        assertThat(run("consolidate", "--job", job.toString(), "--fail-on", "warning", "--force")).isEqualTo(1);
        // with every warning made INFO, nothing fails either threshold
        Files.writeString(ws.root.resolve("jobs/district-rules.yml"), """
                rules:
                  - { id: B-BALANCE, severity: INFO }
                  - { id: B-ROW-TOTAL-BLANK, severity: INFO }
                  - { id: A-REGULATION-SCOPE, enabled: false }
                """);
        assertThat(run("consolidate", "--job", job.toString(), "--fail-on", "warning", "--force")).isEqualTo(0);
        assertThat(CsvFiles.rows(ws.out("licheng-2020").resolve("exceptions.csv"))).isNotEmpty()
                .allMatch(f -> f.get("severity").equals("INFO"));

        // A broken override is a usage error (exit 2) before anything runs, naming the file and the rule.
        Files.writeString(ws.root.resolve("jobs/district-rules.yml"), """
                rules:
                  - id: B-BALANCE
                    severity: SOMETIMES
                """);
        assertThat(run("consolidate", "--job", job.toString())).isEqualTo(2);
    }

    @Test
    void adHocRunWithoutRosterRollsEverythingIntoOneUnit() throws Exception {
        Workspace ws = Workspace.create(dir);
        Path out = dir.resolve("adhoc-out");
        assertThat(run("consolidate", "--input", ws.root.resolve("sample-input/2021").toString(), "--out", out.toString()))
                .isEqualTo(0);
        List<Map<String, String>> summary = CsvFiles.rows(out.resolve("summary.csv"));
        assertThat(summary).isNotEmpty().allMatch(r -> r.get("unit_code").equals("ALL") && r.get("year").equals("2021")
                && r.get("reports_included").equals("13"));
        assertThat(out.resolve("summary-ALL-2021.xlsx")).isRegularFile();
        assertThat(CsvFiles.rows(out.resolve("exceptions.csv"))).noneMatch(f -> f.get("rule").equals("MISSING-SUBMISSION"));
    }

    // ---------------------------------------------------------------- helpers

    /**
     * summary.csv = the cell-wise sum of facts.csv over each unit's agencies (blank 总计 = sum of its parts). Which
     * agencies a unit covers is worked out here from the job file's parent codes, not by the program's own tree.
     */
    static void assertSummaryIsSumOfFacts(JobDefinition job, List<Map<String, String>> facts, List<Map<String, String>> summary) {
        Map<String, String> parentOf = new HashMap<>();
        job.units().forEach(u -> parentOf.put(u.code(), u.parent()));
        job.roster().forEach(a -> parentOf.put(a.code(), a.parent()));
        Map<String, Map<String, String>> byAgencyAndId = new HashMap<>();
        for (Map<String, String> f : facts) {
            byAgencyAndId.put(f.get("agency_code") + "|" + f.get("datapoint"), f);
        }
        Set<String> agencies = facts.stream().map(f -> f.get("agency_code")).collect(Collectors.toSet());
        int checked = 0;
        for (Map<String, String> s : summary) {
            ReportFormat format = CATALOGUE.require(s.get("format"));
            assertThat(format.datapoint(s.get("datapoint"))).as(s.toString()).isPresent();
            BigDecimal sum = BigDecimal.ZERO;
            for (String agency : agencies) {
                if (below(parentOf, agency, s.get("unit_code"))) {
                    sum = sum.add(effective(byAgencyAndId, agency, s.get("datapoint")));
                }
            }
            assertThat(new BigDecimal(s.get("value"))).as(s.toString()).isEqualByComparingTo(sum);
            checked++;
        }
        assertThat(checked).isEqualTo(job.units().size() * CATALOGUE.require("GOV2019").requiredDatapoints().size());
    }

    /** Whether {@code code}'s chain of parents reaches {@code unit}. */
    private static boolean below(Map<String, String> parentOf, String code, String unit) {
        for (String at = parentOf.get(code); at != null; at = parentOf.get(at)) {
            if (at.equals(unit)) {
                return true;
            }
        }
        return false;
    }

    private static BigDecimal effective(Map<String, Map<String, String>> facts, String agency, String id) {
        Map<String, String> f = facts.get(agency + "|" + id);
        if (f != null && f.get("blank").equals("true") && id.startsWith("B.") && id.endsWith(".TOTAL")) {
            String row = id.substring(2, id.lastIndexOf('.'));
            BigDecimal parts = BigDecimal.ZERO;
            for (String c : APPLICANTS) {
                parts = parts.add(CsvFiles.number(facts.get(agency + "|B." + row + "." + c).get("value")));
            }
            return parts;
        }
        return f == null ? BigDecimal.ZERO : CsvFiles.number(f.get("value"));
    }

    /**
     * The findings are exactly those the planted mistakes make (sample-input/README lists them), and MISSING-SUBMISSION
     * for each roster agency without a workbook that year: no more, no fewer, each with its severity. A mistake makes
     * one finding per datapoint it names (a column of a relation, a cell of a check), but for:
     * B-ROW-TOTAL-BLANK, one per blanked row whose applicant columns are not all zero; and B-ROW-TOTAL, whose
     * (一)予以公开 总计 is one too many, so that B-RESULT-TOTAL fails in column 总计 as well.
     */
    static void assertFindingsAreTheDeliberateMistakes(Workspace ws, int year, List<Map<String, String>> findings) throws Exception {
        List<String> expected = new ArrayList<>();
        Set<String> submitted = new HashSet<>();
        for (GeneratedSample s : ws.samples) {
            if (s.year() != year) {
                continue;
            }
            submitted.add(s.agency().code());
            for (DeliberateMistake m : s.mistakes()) {
                String finding = s.agency().code() + "|" + m.rule() + "|" + m.severity();
                long count = m.rule().equals("B-ROW-TOTAL-BLANK")
                        ? m.datapoints().stream().filter(total -> rowPartsAreNotZero(s, total)).count()
                        : m.datapoints().size();
                for (long i = 0; i < count; i++) {
                    expected.add(finding);
                }
                if (m.rule().equals("B-ROW-TOTAL")) {
                    expected.add(s.agency().code() + "|B-RESULT-TOTAL|ERROR");
                }
            }
        }
        assertThat(expected).isNotEmpty();
        for (Agency a : JobFileReader.read(ws.job("licheng-" + year)).roster()) {
            if (!submitted.contains(a.code())) {
                expected.add(a.code() + "|MISSING-SUBMISSION|ERROR");
            }
        }
        assertThat(findings.stream().map(f -> f.get("agency_code") + "|" + f.get("rule") + "|" + f.get("severity")).toList())
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    /** Whether the applicant columns of a row whose 总计 ({@code B.ROW.TOTAL}) was left blank hold anything. */
    private static boolean rowPartsAreNotZero(GeneratedSample s, String totalId) {
        String row = totalId.substring(0, totalId.lastIndexOf('.') + 1);
        return APPLICANTS.stream().map(c -> s.report().value(row + c)).anyMatch(v -> v != null && v.signum() != 0);
    }

    /**
     * {@code leave-out-reports-with-errors: true}: 人社局's 2020 report (B-BALANCE, two ERROR findings) is left out of
     * the sums of the district and the city, named in summary.csv and on the printed 汇总表, and not missing.
     */
    @Test
    void aJobCanLeaveReportsWithErrorsOutOfTheSums() throws Exception {
        Workspace ws = Workspace.create(dir);
        Path job = ws.job("licheng-2020");
        Files.writeString(job, Files.readString(job, StandardCharsets.UTF_8).replace("year: 2020\n",
                "year: 2020\nleave-out-reports-with-errors: true\n"), StandardCharsets.UTF_8);
        assertThat(run("consolidate", "--job", job.toString())).isEqualTo(0);
        Path out = ws.out("licheng-2020");

        List<Map<String, String>> summary = CsvFiles.rows(out.resolve("summary.csv"));
        assertThat(summary).allSatisfy(r -> {
            assertThat(r.get("reports_included")).isEqualTo("12");
            assertThat(r.get("reports_expected")).isEqualTo("13");
            assertThat(r.get("reports_with_errors")).isEqualTo("0");
            assertThat(r.get("reports_left_out")).isEqualTo("1");
            assertThat(r.get("agencies_with_errors")).isEqualTo("350502-RS:2");
        });
        List<Map<String, String>> facts = CsvFiles.rows(out.resolve("facts.csv"));
        assertSummaryIsSumOfFacts(JobFileReader.read(job), facts.stream().filter(f -> !f.get("agency_code").equals("350502-RS")).toList(),
                summary);
        try (Workbook wb = WorkbookFactory.create(out.resolve("summary-350502-2020.xlsx").toFile(), null, true)) {
            List<String> texts = texts(wb.getSheet("汇总表"));
            assertThat(texts).anyMatch(t -> t.startsWith("应报单位 13 个，纳入报告 12 份，因有错误未计入 1 份，缺报 0 个。"));
            assertThat(texts).contains("按作业设置，存在错误的报告未计入本表（1 份）：鲤城区人力资源和社会保障局（2 项错误）。"
                    + "本表各数不含其数值；错误明细见 exceptions.xlsx。");
            assertThat(texts(wb.getSheet("分单位明细"))).contains("区人社局（未计入）");
        }
    }

    /**
     * 2021's 上年 is the district's 2020 sums from the latest completed run of the 2020 job, looked up again when 2021 runs
     * again on unchanged inputs (its roll-up copied from its previous run) after 2020 ran once more with a corrected
     * workbook.
     */
    @Test
    void theYearBeforeComesFromTheLatestCompletedRunOfLastYearsJob() throws Exception {
        Workspace ws = Workspace.create(dir);
        assertThat(run("consolidate", "--job", ws.job("licheng-2020").toString())).isEqualTo(0);
        assertThat(run("consolidate", "--job", ws.job("licheng-2021").toString())).isEqualTo(0);
        assertYearBefore(ws);

        GeneratedSample rs = ws.samples.stream().filter(s -> s.year() == 2020 && s.agency().code().equals("350502-RS"))
                .findFirst().orElseThrow();
        decrement(rs.path(), rs.cells().get("B.NEW.NATURAL"));
        decrement(rs.path(), rs.cells().get("B.NEW.TOTAL"));
        assertThat(run("consolidate", "--job", ws.job("licheng-2020").toString())).isEqualTo(0);
        assertThat(run("consolidate", "--job", ws.job("licheng-2021").toString(), "--force")).isEqualTo(0);
        assertYearBefore(ws);
    }

    /** The 2021 汇总表 names the 2020 job's last execution and shows its B.NEW.TOTAL as 上年. */
    private static void assertYearBefore(Workspace ws) throws Exception {
        String execution = RunJson.read(ws.out("licheng-2020").resolve("run.json")).get("job_execution_id").asText();
        String total2020 = CsvFiles.rows(ws.out("licheng-2020").resolve("summary.csv")).stream()
                .filter(r -> r.get("unit_code").equals("350502") && r.get("datapoint").equals("B.NEW.TOTAL"))
                .findFirst().orElseThrow().get("value");
        try (Workbook wb = WorkbookFactory.create(ws.out("licheng-2021").resolve("summary-350502-2021.xlsx").toFile(), null, true)) {
            Sheet sheet = wb.getSheet("汇总表");
            assertThat(texts(sheet)).anyMatch(t -> t.startsWith("「上年」为作业「licheng-2020」（执行号 " + execution + "）的 2020 年汇总数"));
            int row = -1;
            int column = -1;
            for (org.apache.poi.ss.usermodel.Row r : sheet) {
                for (org.apache.poi.ss.usermodel.Cell c : r) {
                    String text = c.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING ? c.getStringCellValue() : "";
                    if (text.equals("上年") && row < 0) {
                        column = c.getColumnIndex(); // the last 上年 before the row is table 三's, beside 总计
                    } else if (text.equals("一、本年新收政府信息公开申请数量")) {
                        row = r.getRowNum();
                    }
                }
            }
            assertThat(new BigDecimal(String.valueOf(sheet.getRow(row).getCell(column).getNumericCellValue())))
                    .isEqualByComparingTo(total2020);
        }
    }

    private static List<String> texts(Sheet sheet) {
        List<String> texts = new ArrayList<>();
        sheet.forEach(r -> r.forEach(c -> {
            if (c.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING) {
                texts.add(c.getStringCellValue());
            }
        }));
        return texts;
    }

    private static List<String> fingerprints(Path out) throws IOException {
        return CsvFiles.rows(out.resolve("exceptions.csv")).stream().map(f -> f.get("fingerprint")).sorted().toList();
    }

    /** Lowers a numeric cell ("sheet!A1") of an .xlsx by one, as an agency correcting its file would. */
    private static void decrement(Path file, String sheetAndCell) throws IOException {
        String[] parts = sheetAndCell.split("!");
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file); Workbook wb = new XSSFWorkbook(in)) {
            Sheet sheet = wb.getSheet(parts[0]);
            var ref = new org.apache.poi.ss.util.CellReference(parts[1]);
            var cell = sheet.getRow(ref.getRow()).getCell(ref.getCol());
            cell.setCellValue(cell.getNumericCellValue() - 1);
            var buffer = new java.io.ByteArrayOutputStream();
            wb.write(buffer);
            bytes = buffer.toByteArray();
        }
        try (OutputStream os = Files.newOutputStream(file)) {
            os.write(bytes);
        }
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(java.time.Instant.now().plusSeconds(5)));
    }
}
