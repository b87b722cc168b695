package cn.nianbao.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellReference;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import cn.nianbao.NianbaoApplication;
import cn.nianbao.testing.CsvFiles;

/**
 * A night does not read the files nobody wrote since the job's previous run: it takes over that run's rows and
 * findings for them. A file whose bytes changed is read again even when its size and modification time were put
 * back; the night's outputs are those of a first run on the same files. A forced run reads every file.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnchangedFilesTakenOverTest {

    /** An .xls: POI writes a number as eight bytes whatever its value, so a changed figure keeps the file's size. */
    private static final String CHANGED = "临江街道-2020年报.xls";
    private static final String SETTLE = "--nianbao.ingest.settle=PT0.05S";
    /** A file reading gives a finding for (the first half of a workbook), beside sample-input/2020's 13. */
    private static final String TRUNCATED = "半个文件-2020年报.xlsx";
    private static final int FILES = 14;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(NightlyDatabase.Kind.class)
    void aNightReadsTheFileWrittenSinceAndTakesOverTheOthers(NightlyDatabase.Kind kind, CapturedOutput output) throws Exception {
        Path nightly = tmp.resolve("nightly");
        Path job = NightlyFixtures.jobFolder(nightly);
        Path in = nightly.resolve("in");
        Path xls = in.resolve(CHANGED);
        truncatedCopy(in.resolve("海滨街道-2020年报.xlsx"), in.resolve(TRUNCATED));
        // written once by POI, so that the night's rewrite with another figure has the same size
        String[] fact = numericFact(tmp.resolve("probe"));
        rewrite(xls, fact, new BigDecimal(fact[5]));
        long size = Files.size(xls);
        FileTime modified = Files.getLastModifiedTime(xls);
        awaitSettled(in);
        NightlyDatabase db = NightlyDatabase.of(kind, nightly.resolve("out"));
        assertThat(NianbaoApplication.run(db.args("consolidate", "--job", job.toString(), SETTLE))).isZero();
        try (Connection c = db.connect()) {
            assertThat(NightlyFixtures.count(c, "SELECT COUNT(DISTINCT path) FROM nb_run_file WHERE stamp IS NOT NULL")).isEqualTo(FILES);
        }

        // the night: one figure changed in place, the size the same and the modification time put back
        BigDecimal changed = new BigDecimal(fact[5]).add(new BigDecimal("7"));
        rewrite(xls, fact, changed);
        Files.setLastModifiedTime(xls, modified);
        assertThat(Files.size(xls)).isEqualTo(size);
        awaitSettled(in);
        int mark = output.length();
        assertThat(NianbaoApplication.run(db.args("consolidate", "--job", job.toString(), SETTLE))).isZero();
        assertThat(output.toString().substring(mark))
                .contains("读取：" + (FILES - 1) + " 个文件自上次运行后未被改动（文件系统记录的大小、修改时间与变更时间均相同），沿用上次的读取结果；读取其余 1 个文件");
        assertThat(factValue(nightly.resolve("out"), fact)).isEqualTo(changed.toPlainString());
        try (Connection c = db.connect()) {
            String last = "(SELECT MAX(job_instance_id) FROM nb_run_file)";
            assertThat(NightlyFixtures.rows(c, "SELECT DISTINCT path FROM nb_run_file WHERE reused = FALSE AND job_instance_id = " + last))
                    .containsExactly(CHANGED);
            // the findings of reading the files taken over came with them: those of the first run, less the changed file's
            assertThat(NightlyFixtures.count(c, "SELECT COUNT(*) FROM nb_finding WHERE stage = 'INGEST' AND source_file <> '" + CHANGED
                    + "' AND job_instance_id = " + last)).isEqualTo(NightlyFixtures.count(c, "SELECT COUNT(*) FROM nb_finding "
                    + "WHERE stage = 'INGEST' AND source_file <> '" + CHANGED + "' AND job_instance_id = (SELECT MIN(job_instance_id) FROM nb_run_file)"))
                    .isPositive();
        }

        // --force: every file hashed again, none taken over
        mark = output.length();
        assertThat(NianbaoApplication.run(db.args("consolidate", "--job", job.toString(), SETTLE, "--force"))).isZero();
        assertThat(output.toString().substring(mark)).contains("校验完成").doesNotContain("自上次运行后未被改动");

        // the same files in a fresh folder and database, every file read
        Path full = tmp.resolve("full");
        Path fullJob = NightlyFixtures.jobFolder(full);
        Files.copy(xls, full.resolve("in").resolve(CHANGED), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(in.resolve(TRUNCATED), full.resolve("in").resolve(TRUNCATED), StandardCopyOption.COPY_ATTRIBUTES);
        NightlyDatabase fresh = NightlyDatabase.of(kind, full.resolve("out"));
        assertThat(NianbaoApplication.run(fresh.args("consolidate", "--job", fullJob.toString(), SETTLE))).isZero();
        for (String csv : List.of("facts.csv", "summary.csv", "exceptions.csv")) {
            assertThat(Files.readAllBytes(nightly.resolve("out").resolve(csv))).as(csv)
                    .isEqualTo(Files.readAllBytes(full.resolve("out").resolve(csv)));
        }
    }

    /**
     * A fact of the changed file whose cell holds a plain number (a row of facts.csv, columns as in outputs.md), from a
     * run of the samples in a folder and database of its own.
     */
    private static String[] numericFact(Path dir) throws Exception {
        Path job = NightlyFixtures.jobFolder(dir);
        assertThat(NianbaoApplication.run(new String[] {"consolidate", "--job", job.toString()})).isZero();
        try (InputStream s = Files.newInputStream(dir.resolve("in").resolve(CHANGED)); Workbook wb = WorkbookFactory.create(s)) {
            for (List<String> row : CsvFiles.records(dir.resolve("out").resolve("facts.csv"))) {
                if (row.get(7).equals(CHANGED) && !row.get(5).isEmpty() && !row.get(4).endsWith("TOTAL")) {
                    CellReference ref = new CellReference(row.get(10));
                    Cell cell = wb.getSheet(row.get(9)).getRow(ref.getRow()).getCell(ref.getCol());
                    if (cell.getCellType() == CellType.NUMERIC && new BigDecimal(row.get(5)).signum() > 0) {
                        return row.toArray(String[]::new);
                    }
                }
            }
        }
        throw new AssertionError("no plain number in " + CHANGED);
    }

    private static void truncatedCopy(Path from, Path to) throws Exception {
        byte[] bytes = Files.readAllBytes(from);
        Files.write(to, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    }

    private static void rewrite(Path file, String[] fact, BigDecimal value) throws Exception {
        IncrementalRerunTest.changeCell(file, fact[9], fact[10], value);
    }

    private static String factValue(Path out, String[] fact) throws Exception {
        for (List<String> row : CsvFiles.records(out.resolve("facts.csv"))) {
            if (row.get(7).equals(fact[7]) && row.get(4).equals(fact[4])) {
                return row.get(5);
            }
        }
        throw new AssertionError("no fact " + fact[4] + " of " + fact[7]);
    }

    /** Waits until every file in the folder was last changed longer ago than the settle time the runs are given. */
    private static void awaitSettled(Path in) throws Exception {
        try (Stream<Path> files = Files.list(in)) {
            for (Path f : files.toList()) {
                Instant changed = ((FileTime) Files.getAttribute(f, "unix:ctime")).toInstant();
                while (Instant.now().isBefore(changed.plusMillis(50 + 20))) {
                    Thread.sleep(5);
                }
            }
        }
    }
}
