package cn.nianbao.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import cn.nianbao.NianbaoApplication;
import cn.nianbao.testing.WorkbookCells;

/**
 * A night on which one agency resubmitted does the work of that report: validate copies the other reports' own
 * findings, the roll-up takes the report's old values away and adds its new ones, facts.csv copies the other reports'
 * rows from the file the last run left. Its outputs are byte for byte
 * those a first run on the same files writes, on H2 and on PostgreSQL. A facts.csv touched since its run is not copied
 * from.
 */
@ExtendWith(OutputCaptureExtension.class)
class IncrementalNightTest {

    private static final String CHANGED = "海滨街道-2020年报.xlsx";
    /** sample-input/2020 has 13 report files, one report each. */
    private static final int REPORTS = 13;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(NightlyDatabase.Kind.class)
    void aNightsFactsCsvEqualsAFullRunsAndCopiesTheUnchangedReports(NightlyDatabase.Kind kind, CapturedOutput output)
            throws Exception {
        Path nightly = tmp.resolve("nightly");
        Path job = NightlyFixtures.jobFolder(nightly);
        NightlyDatabase db = NightlyDatabase.of(kind, nightly.resolve("out"));
        assertThat(NianbaoApplication.run(db.args("consolidate", "--job", job.toString()))).isZero();
        Path facts = nightly.resolve("out/facts.csv");
        String[] fact = IncrementalRerunTest.factOf(nightly.resolve("out"), CHANGED);
        BigDecimal changed = new BigDecimal(fact[5]).add(new BigDecimal("7"));

        // the same files copied in again, and a forced run: facts.csv left in place, its pieces kept for the night
        IncrementalRerunTest.touchAll(nightly.resolve("in"));
        int forced = output.length();
        assertThat(NianbaoApplication.run(db.args("consolidate", "--job", job.toString(), "--force"))).isZero();
        assertThat(output.toString().substring(forced)).contains("facts.csv 的内容不会变化，且上次写出后未被改动，保留原文件");

        // the night: one agency resubmits
        IncrementalRerunTest.changeCell(nightly.resolve("in").resolve(CHANGED), fact[9], fact[10], changed);
        int mark = output.length();
        assertThat(NianbaoApplication.run(db.args("consolidate", "--job", job.toString()))).isZero();
        assertThat(output.toString().substring(mark))
                .contains("校验：" + (REPORTS - 1) + " 份报表与上次运行时相同，沿用其表内检查结果")
                .contains("汇总：读取 2 份报表的数值（共 " + REPORTS + " 份计入的报表）") // the resubmitted one, before and after
                .contains("facts.csv：" + (REPORTS - 1) + " 份报表的行沿用上次写出的文件，1 份报表的行重新写出");
        assertThat(Files.readString(facts)).contains("," + fact[4] + "," + changed.toPlainString() + ",");
        try (Connection c = db.connect()) {
            assertThat(NightlyFixtures.count(c, "SELECT COUNT(*) FROM nb_output_piece WHERE file_name = 'facts.csv' "
                    + "AND job_instance_id = (SELECT MAX(job_instance_id) FROM nb_output_piece)")).isEqualTo(REPORTS);
        }

        // the same files in a fresh folder and database: every row written from the store
        assertSameResults(fullRun(tmp.resolve("full"), kind, nightly.resolve("in").resolve(CHANGED)), nightly.resolve("out"));

        // touched since (its time changed): nothing is copied from it, and the next change is written all the same
        Files.setLastModifiedTime(facts, FileTime.fromMillis(1_600_000_000_000L));
        BigDecimal again = changed.add(BigDecimal.ONE);
        IncrementalRerunTest.changeCell(nightly.resolve("in").resolve(CHANGED), fact[9], fact[10], again);
        mark = output.length();
        assertThat(NianbaoApplication.run(db.args("consolidate", "--job", job.toString()))).isZero();
        assertThat(output.toString().substring(mark)).doesNotContain("份报表的行沿用上次写出的文件");
        assertThat(Files.readString(facts)).contains("," + fact[4] + "," + again.toPlainString() + ",");
        assertSameResults(fullRun(tmp.resolve("full-again"), kind, nightly.resolve("in").resolve(CHANGED)), nightly.resolve("out"));
    }

    /** The output folder of a first run, in a fresh folder and database, on the sample files with {@code changed} in place of its namesake. */
    private static Path fullRun(Path dir, NightlyDatabase.Kind kind, Path changed) throws Exception {
        Path job = NightlyFixtures.jobFolder(dir);
        // the resubmitted file itself, not one changed the same way: a saved workbook's bytes carry the time it was saved
        Files.copy(changed, dir.resolve("in").resolve(changed.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
        NightlyDatabase fresh = NightlyDatabase.of(kind, dir.resolve("out"));
        assertThat(NianbaoApplication.run(fresh.args("consolidate", "--job", job.toString()))).isZero();
        return dir.resolve("out");
    }

    /**
     * The CSV files byte for byte; the summary workbooks cell by cell, and every part of them byte for byte but the time
     * the workbook was made ({@code dcterms:created} in docProps/core.xml). run.json differs: it lists what changed.
     */
    private static void assertSameResults(Path expected, Path actual) throws Exception {
        for (String csv : List.of("facts.csv", "exceptions.csv", "summary.csv")) {
            assertThat(Files.readAllBytes(actual.resolve(csv))).as(csv).isEqualTo(Files.readAllBytes(expected.resolve(csv)));
        }
        for (String name : List.of("summary-350502-2020.xlsx", "summary-350500-2020.xlsx")) {
            assertThat(WorkbookCells.cellValues(actual.resolve(name))).as(name).isEqualTo(WorkbookCells.cellValues(expected.resolve(name)));
            Map<String, byte[]> want = parts(expected.resolve(name));
            Map<String, byte[]> got = parts(actual.resolve(name));
            assertThat(got.keySet()).as(name).isEqualTo(want.keySet()).contains("xl/worksheets/sheet2.xml");
            for (String part : want.keySet()) {
                assertThat(got.get(part)).as(name + " " + part).isEqualTo(want.get(part));
            }
        }
    }

    /** A workbook's parts by name, docProps/core.xml without the time the workbook was made. */
    private static Map<String, byte[]> parts(Path xlsx) throws Exception {
        Map<String, byte[]> parts = new TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(xlsx))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                byte[] bytes = zip.readAllBytes();
                if (e.getName().equals("docProps/core.xml")) {
                    String core = new String(bytes, StandardCharsets.UTF_8);
                    assertThat(core).contains("<dcterms:created");
                    bytes = core.replaceAll("<dcterms:created[^>]*>[^<]*</dcterms:created>", "").getBytes(StandardCharsets.UTF_8);
                }
                parts.put(e.getName(), bytes);
            }
        }
        return parts;
    }
}
