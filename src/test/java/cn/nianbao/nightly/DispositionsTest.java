package cn.nianbao.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import cn.nianbao.NianbaoApplication;
import cn.nianbao.nightly.NightlyDatabase.Kind;
import cn.nianbao.testing.CsvFiles;
import cn.nianbao.testing.ExceptionWorkbooks;

/**
 * Auditors' decisions with the real job: typed into exceptions.xlsx (saved with POI, as Excel saves it) or into a
 * dispositions file the job file names, read back by the next run, carried into every output and through further
 * runs; a finding marked 已说明 or 不适用 no longer counts for --fail-on; a decided finding whose figures change is
 * flagged for review, and one that no longer fires is listed as resolved with its decision; the workbook the auditor
 * saved is kept. The sample district's findings: 人社局's two B-BALANCE errors, 常泰街道's three A-REGULATION-SCOPE
 * warnings, 教育局's five B-ROW-TOTAL-BLANK warnings and 浮桥街道's A-UNIT-ASSUMED.
 */
class DispositionsTest {

    private static final String EXPLAINED_NOTE = "人社局已书面说明：上年结转口径不同";
    private static final String NOT_APPLICABLE_NOTE = "常泰街道无规章制定权，所填为规范性文件";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aDecisionInTheWorkbookIsReadBackKeptThroughFurtherRunsAndSettlesFailOn(Kind kind) throws Exception {
        Path job = NightlyFixtures.jobFolder(tmp);
        Path out = tmp.resolve("out");
        NightlyDatabase db = NightlyDatabase.of(kind, out);
        assertThat(run(db, "consolidate", "--job", job.toString(), "--fail-on", "error")).isEqualTo(1);
        List<String> errors = fingerprints(out, "ERROR", null);
        List<String> scope = fingerprints(out, null, "A-REGULATION-SCOPE");
        assertThat(errors).hasSize(2);
        assertThat(scope).hasSize(3);

        // the auditor explains both errors on 问题清单, and marks 常泰街道's three warnings on its 整改清单
        Path workbook = out.resolve("exceptions.xlsx");
        for (String fp : errors) {
            ExceptionWorkbooks.decide(workbook, "问题清单", fp, "已说明", EXPLAINED_NOTE);
        }
        for (String fp : scope) {
            ExceptionWorkbooks.decide(workbook, "常泰街道", fp, "不适用", NOT_APPLICABLE_NOTE);
        }
        byte[] saved = Files.readAllBytes(workbook);

        assertThat(run(db, "consolidate", "--job", job.toString(), "--fail-on", "error")).as("every error explained").isZero();
        assertThat(kept(out)).singleElement().satisfies(copy -> assertThat(Files.readAllBytes(copy)).isEqualTo(saved));
        assertDecided(out, errors, scope);
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT fingerprint, status, note, source, recorded_at FROM nb_disposition "
                     + "WHERE job_name = 'licheng-2020' ORDER BY fingerprint")) {
            int rows = 0;
            while (rs.next()) {
                rows++;
                boolean error = errors.contains(rs.getString(1));
                assertThat(rs.getString(2)).isEqualTo(error ? "已说明" : "不适用");
                assertThat(rs.getString(4)).as("from which file and sheet")
                        .isEqualTo("history/" + kept(out).get(0).getFileName() + (error ? "「问题清单」" : "「常泰街道」"));
                assertThat(rs.getObject(5)).as("when").isNotNull();
            }
            assertThat(rows).isEqualTo(5);
        }

        // two further runs, nothing new to read: the first finds its run done, the second is forced
        assertThat(run(db, "consolidate", "--job", job.toString(), "--fail-on", "error")).isZero();
        assertThat(run(db, "consolidate", "--job", job.toString(), "--fail-on", "error", "--force")).isZero();
        assertDecided(out, errors, scope);
        assertThat(kept(out)).hasSize(1);
        assertThat(run(db, "consolidate", "--job", job.toString(), "--fail-on", "warning", "--force"))
                .as("教育局's warnings are still open").isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aChangedFigureFlagsTheDecisionAndAFindingThatNoLongerFiresIsListedAsResolved(Kind kind) throws Exception {
        Path job = NightlyFixtures.jobFolder(tmp);
        Path out = tmp.resolve("out");
        NightlyDatabase db = NightlyDatabase.of(kind, out);
        assertThat(run(db, "consolidate", "--job", job.toString())).isZero();
        String natural = CsvFiles.rows(out.resolve("exceptions.csv")).stream()
                .filter(f -> f.get("rule").equals("B-BALANCE") && f.get("cells").startsWith("F")).findFirst().orElseThrow()
                .get("fingerprint");
        ExceptionWorkbooks.decide(out.resolve("exceptions.xlsx"), "问题清单", natural, "已说明", EXPLAINED_NOTE);
        assertThat(run(db, "consolidate", "--job", job.toString())).isZero();

        // 人社局 resubmits with one more 自然人 in 本年新收 (and the row total with it): the same break, other figures
        String[] naturalCell = fact(out, "人社局-2020年报.xlsx", "B.NEW.NATURAL");
        String[] totalCell = fact(out, "人社局-2020年报.xlsx", "B.NEW.TOTAL");
        Path file = tmp.resolve("in/人社局-2020年报.xlsx");
        IncrementalRerunTest.changeCell(file, naturalCell[9], naturalCell[10], new BigDecimal(naturalCell[5]).add(BigDecimal.ONE));
        IncrementalRerunTest.changeCell(file, totalCell[9], totalCell[10], new BigDecimal(totalCell[5]).add(BigDecimal.ONE));
        assertThat(run(db, "consolidate", "--job", job.toString())).isZero();
        Map<String, String> row = row(out, natural);
        assertThat(row.get("delta")).isEqualTo("2");
        assertThat(row.get("disposition")).isEqualTo("已说明");
        assertThat(row.get("disposition_note")).isEqualTo(EXPLAINED_NOTE);
        Path workbook = out.resolve("exceptions.xlsx");
        assertThat(ExceptionWorkbooks.cell(workbook, "已说明或不适用", natural, "情况")).contains("数值已变化，请复核");
        assertThat(ExceptionWorkbooks.cell(workbook, "已说明或不适用", natural, "处理说明")).isEqualTo(EXPLAINED_NOTE);
        assertThat(section(out, "settled-findings")).contains(natural).contains("数值已变化，请复核");

        // it balances now: no longer a finding, listed as resolved with its decision
        IncrementalRerunTest.changeCell(file, naturalCell[9], naturalCell[10], new BigDecimal(naturalCell[5]).subtract(BigDecimal.ONE));
        IncrementalRerunTest.changeCell(file, totalCell[9], totalCell[10], new BigDecimal(totalCell[5]).subtract(BigDecimal.ONE));
        assertThat(run(db, "consolidate", "--job", job.toString(), "--fail-on", "error")).isZero();
        assertThat(CsvFiles.rows(out.resolve("exceptions.csv"))).noneMatch(f -> f.get("agency_code").equals("350502-RS"));
        assertThat(ExceptionWorkbooks.fingerprints(workbook, "已解决")).contains(natural);
        assertThat(ExceptionWorkbooks.cell(workbook, "已解决", natural, "处理状态")).isEqualTo("已说明");
        assertThat(section(out, "resolved-findings")).contains(natural).contains(EXPLAINED_NOTE);
        assertThat(run(db, "consolidate", "--job", job.toString(), "--force")).isZero();
        assertThat(ExceptionWorkbooks.cell(workbook, "已解决", natural, "处理说明")).as("still kept a run later").isEqualTo(EXPLAINED_NOTE);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theDispositionsFileNamedInTheJobFileWorksTheSameWay(Kind kind) throws Exception {
        Path job = NightlyFixtures.jobFolder(tmp);
        Path out = tmp.resolve("out");
        NightlyDatabase db = NightlyDatabase.of(kind, out);
        assertThat(run(db, "consolidate", "--job", job.toString())).isZero();
        List<String> errors = fingerprints(out, "ERROR", null);
        List<String> scope = fingerprints(out, null, "A-REGULATION-SCOPE");

        // the auditor's own workbook: a title, then 序号 | 指纹 | 处理状态 | 处理说明
        Path mine = tmp.resolve("处理意见.xlsx");
        List<Object[]> lines = new ArrayList<>();
        scope.forEach(fp -> lines.add(new Object[] {fp, "不适用", NOT_APPLICABLE_NOTE}));
        lines.add(new Object[] {errors.get(0), "已解释", "见书面说明"});          // not one of the four
        lines.add(new Object[] {"00000000deadbeef", "已说明", "抄错的指纹"});      // no finding of this job
        writeDispositions(mine, lines);
        Files.writeString(job, Files.readString(job, StandardCharsets.UTF_8) + "dispositions: ./处理意见.xlsx\n", StandardCharsets.UTF_8);

        assertThat(run(db, "consolidate", "--job", job.toString(), "--fail-on", "error")).as("the errors are still open").isEqualTo(1);
        for (String fp : scope) {
            assertThat(row(out, fp).get("disposition")).isEqualTo("不适用");
        }
        assertThat(row(out, errors.get(0)).get("disposition")).isEmpty();
        List<Map<String, String>> problems = CsvFiles.rows(out.resolve("exceptions.csv")).stream()
                .filter(f -> f.get("rule").equals("DISPOSITION-INVALID")).toList();
        assertThat(problems).hasSize(2).allMatch(f -> f.get("severity").equals("WARNING") && f.get("rule_name").equals("处理意见未能采用")
                && f.get("sheet").equals("我的意见"));
        assertThat(problems).anyMatch(f -> f.get("message").contains("「已解释」") && f.get("cells").equals("C7"));
        assertThat(problems).anyMatch(f -> f.get("message").contains("00000000deadbeef"));

        // a change in the workbook wins over the file's unchanged line, in this run and the next
        ExceptionWorkbooks.decide(out.resolve("exceptions.xlsx"), "常泰街道", scope.get(0), "待整改", "请常泰街道更正");
        assertThat(run(db, "consolidate", "--job", job.toString())).isZero();
        assertThat(row(out, scope.get(0)).get("disposition")).isEqualTo("待整改");
        assertThat(run(db, "consolidate", "--job", job.toString(), "--force")).isZero();
        assertThat(row(out, scope.get(0)).get("disposition")).isEqualTo("待整改");
        assertThat(row(out, scope.get(1)).get("disposition")).isEqualTo("不适用");

        // and a change in the file is a decision again
        lines.set(0, new Object[] {scope.get(0), "已说明", "区政府已授权"});
        writeDispositions(mine, lines);
        assertThat(run(db, "consolidate", "--job", job.toString())).isZero();
        assertThat(row(out, scope.get(0))).containsEntry("disposition", "已说明").containsEntry("disposition_note", "区政府已授权");

        Files.delete(mine);
        assertThat(run(db, "consolidate", "--job", job.toString())).as("a dispositions file that is not there").isEqualTo(2);
    }

    // ---------------------------------------------------------------- helpers

    private static int run(NightlyDatabase db, String... args) {
        return NianbaoApplication.run(db.args(args));
    }

    /** Fingerprints of exceptions.csv's findings of a severity or a rule (null: any). */
    private static List<String> fingerprints(Path out, String severity, String rule) throws Exception {
        return CsvFiles.rows(out.resolve("exceptions.csv")).stream()
                .filter(f -> (severity == null || f.get("severity").equals(severity)) && (rule == null || f.get("rule").equals(rule)))
                .map(f -> f.get("fingerprint")).toList();
    }

    private static Map<String, String> row(Path out, String fingerprint) throws Exception {
        return CsvFiles.rows(out.resolve("exceptions.csv")).stream().filter(f -> f.get("fingerprint").equals(fingerprint))
                .findFirst().orElseThrow(() -> new AssertionError("no finding " + fingerprint));
    }

    /** The decisions as every output shows them: exceptions.csv, the sheets of exceptions.xlsx, exceptions.html. */
    private static void assertDecided(Path out, List<String> explained, List<String> notApplicable) throws Exception {
        for (String fp : explained) {
            assertThat(row(out, fp)).containsEntry("disposition", "已说明").containsEntry("disposition_note", EXPLAINED_NOTE)
                    .containsEntry("severity_name", "错误").containsEntry("rule_name", "申请数量收支平衡");
        }
        for (String fp : notApplicable) {
            assertThat(row(out, fp)).containsEntry("disposition", "不适用").containsEntry("disposition_note", NOT_APPLICABLE_NOTE);
        }
        Path workbook = out.resolve("exceptions.xlsx");
        List<String> settled = Stream.concat(explained.stream(), notApplicable.stream()).toList();
        assertThat(ExceptionWorkbooks.fingerprints(workbook, "问题清单")).doesNotContainAnyElementsOf(settled).isNotEmpty();
        assertThat(ExceptionWorkbooks.fingerprints(workbook, "已说明或不适用")).containsExactlyInAnyOrderElementsOf(settled);
        assertThat(ExceptionWorkbooks.cell(workbook, "常泰街道", notApplicable.get(0), "处理状态")).isEqualTo("不适用");
        String html = section(out, "settled-findings");
        settled.forEach(fp -> assertThat(html).contains(fp));
        assertThat(html).contains(EXPLAINED_NOTE).contains(NOT_APPLICABLE_NOTE);
    }

    /** One section of exceptions.html, from its id to the next section. */
    private static String section(Path out, String id) throws Exception {
        String html = Files.readString(out.resolve("exceptions.html"), StandardCharsets.UTF_8);
        int from = html.indexOf("id=\"" + id + "\"");
        assertThat(from).as("section " + id).isPositive();
        int to = html.indexOf("<section", from);
        return html.substring(from, to < 0 ? html.length() : to);
    }

    /** The workbooks kept in the output folder's history. */
    private static List<Path> kept(Path out) throws Exception {
        Path history = out.resolve("history");
        if (!Files.isDirectory(history)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(history)) {
            return files.sorted().toList();
        }
    }

    /** facts.csv's row of one datapoint of one file: [5] its value, [9] its sheet, [10] its cell. */
    private static String[] fact(Path out, String file, String datapoint) throws Exception {
        for (List<String> r : CsvFiles.records(out.resolve("facts.csv"))) {
            if (r.get(7).equals(file) && r.get(4).equals(datapoint)) {
                return r.toArray(String[]::new);
            }
        }
        throw new AssertionError("no " + datapoint + " in " + file);
    }

    private static void writeDispositions(Path file, List<Object[]> lines) throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet sheet = wb.createSheet("我的意见");
            sheet.createRow(0).createCell(0).setCellValue("鲤城区 2020 年报 处理意见（审核人自存）");
            Row header = sheet.createRow(2);
            String[] names = {"序号", "指纹", "处理状态", "处理说明"};
            for (int c = 0; c < names.length; c++) {
                header.createCell(c).setCellValue(names[c]);
            }
            for (int i = 0; i < lines.size(); i++) {
                Row row = sheet.createRow(3 + i);
                row.createCell(0).setCellValue(i + 1);
                for (int c = 0; c < 3; c++) {
                    row.createCell(1 + c).setCellValue((String) lines.get(i)[c]);
                }
            }
            try (OutputStream os = Files.newOutputStream(file)) {
                wb.write(os);
            }
        }
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(java.time.Instant.now().plusSeconds(lines.size())));
    }
}
