package cn.nianbao.nightly;

import static cn.nianbao.nightly.NightlyFixtures.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
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
import cn.nianbao.testing.WorkbookCells;

/**
 * A night re-checks across reports only the agencies whose inputs to those checks changed, and copies the others'
 * findings without reading their reports: a resubmitted 2020 report re-checks its agency's 2021 carry-over; a report
 * an earlier run of another job stored (the year before, looked up in history) that changed re-checks the agency
 * that looked it up; a changed roster re-checks every agency. Each time the outputs are byte for byte those of a first
 * run on the same files in a fresh folder and database, on H2 and PostgreSQL.
 */
@ExtendWith(OutputCaptureExtension.class)
class AgencyReuseNightTest {

    /** sample-input/2020 and 2021: 13 workbooks each, one report each, 13 agencies sending both years. */
    private static final int AGENCIES = 13;
    private static final String HB_2020 = "海滨街道-2020年报.xlsx";
    private static final String HB_2021 = "海滨街道-2021年报.xlsx";
    private static final String JN_2020 = "江南街道-2020年报.xlsx";
    private static final String JN_2021 = "江南街道-2021年报.xlsx";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(NightlyDatabase.Kind.class)
    void aResubmitted2020ReportRechecksItsAgencysCarryOverAndCopiesTheOtherAgencies(NightlyDatabase.Kind kind,
                                                                                   CapturedOutput output) throws Exception {
        Path dir = tmp.resolve("nightly");
        Path in = dir.resolve("in");
        copySamples(in, "2020", "2021");
        Path job = twoYearJob(dir);
        NightlyDatabase db = NightlyDatabase.of(kind, dir.resolve("out"));
        Path out = dir.resolve("out");
        assertThat(NianbaoApplication.run(db.args("consolidate", "--job", job.toString()))).isZero();
        // 江南's 2020 carry-over made 5 more than its 2021 report's: a finding across years of an agency that does not
        // change in the night below
        CarryOver jn = carryOver(out, JN_2020, out, in, JN_2021);
        String jnFinding = pair(jn.carriedIn2021().add(BigDecimal.valueOf(5)), jn.carriedIn2021());
        assertThat(carryOverFindings(out, "350502-JN")).doesNotContain(jnFinding);
        IncrementalRerunTest.changeCell(in.resolve(JN_2020), jn.sheet2020(), jn.cell2020(), jn.carriedIn2021().add(BigDecimal.valueOf(5)));
        assertThat(NianbaoApplication.run(db.args("consolidate", "--job", job.toString()))).isZero();
        List<String> jnFindings = carryOverFindings(out, "350502-JN");
        assertThat(jnFindings).contains(jnFinding);

        // the night: 海滨 resubmits 2020 with a carry-over 7 more than its (unchanged) 2021 report's
        CarryOver hb = carryOver(out, HB_2020, out, in, HB_2021);
        BigDecimal seven = hb.carriedIn2021().add(BigDecimal.valueOf(7));
        assertThat(carryOverFindings(out, "350502-HB")).doesNotContain(pair(seven, hb.carriedIn2021()));
        IncrementalRerunTest.changeCell(in.resolve(HB_2020), hb.sheet2020(), hb.cell2020(), seven);
        int mark = output.length();
        assertThat(NianbaoApplication.run(db.args("consolidate", "--job", job.toString()))).isZero();
        assertThat(output.toString().substring(mark))
                .contains("校验：" + (2 * AGENCIES - 1) + " 份报表与上次运行时相同，沿用其表内检查结果")
                .contains("校验：" + (AGENCIES - 1) + " 个编制主体的报表、上年度报表和名单信息与上次运行时相同，沿用其跨报表检查结果"
                        + "（跨年度、名单），读取 2 份报表的数值（共 " + 2 * AGENCIES + " 份计入的报表）");
        assertThat(carryOverFindings(out, "350502-HB")).contains(pair(seven, hb.carriedIn2021()));
        assertThat(carryOverFindings(out, "350502-JN")).isEqualTo(jnFindings);
        assertSameResults(freshRun(tmp.resolve("full"), kind, in), out);

        // the stored findings of the night marked: the next night (海滨 again) copies those of every other agency, own
        // and across, and makes 海滨's anew
        long night;
        long others;
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            night = count(c, "SELECT MAX(job_instance_id) FROM nb_run_file");
            others = count(c, "SELECT COUNT(*) FROM nb_finding WHERE stage = 'VALIDATE' AND agency_code <> '350502-HB' "
                    + "AND (report_key IS NOT NULL OR agency_key IS NOT NULL) AND job_instance_id = " + night);
            assertThat(count(c, "SELECT COUNT(*) FROM nb_finding WHERE rule_id = 'B-CARRY-OVER' AND agency_code = '350502-JN' "
                    + "AND agency_key IS NOT NULL AND job_instance_id = " + night)).isEqualTo(jnFindings.size());
            s.executeUpdate("UPDATE nb_finding SET message = 'MARK' WHERE stage = 'VALIDATE' AND job_instance_id = " + night);
        }
        BigDecimal eight = hb.carriedIn2021().add(BigDecimal.valueOf(8));
        IncrementalRerunTest.changeCell(in.resolve(HB_2020), hb.sheet2020(), hb.cell2020(), eight);
        assertThat(NianbaoApplication.run(db.args("consolidate", "--job", job.toString()))).isZero();
        try (Connection c = db.connect()) {
            long next = count(c, "SELECT MAX(job_instance_id) FROM nb_run_file");
            assertThat(next).isGreaterThan(night);
            assertThat(count(c, "SELECT COUNT(*) FROM nb_finding WHERE message = 'MARK' AND job_instance_id = " + next)).isEqualTo(others);
            assertThat(count(c, "SELECT COUNT(*) FROM nb_finding WHERE message = 'MARK' AND rule_id = 'B-CARRY-OVER' "
                    + "AND agency_code = '350502-JN' AND job_instance_id = " + next)).isEqualTo(jnFindings.size());
            assertThat(count(c, "SELECT COUNT(*) FROM nb_finding WHERE message = 'MARK' AND agency_code = '350502-HB' "
                    + "AND job_instance_id = " + next)).isZero();
        }
        assertThat(carryOverFindings(out, "350502-HB")).contains(pair(eight, hb.carriedIn2021()));
    }

    @ParameterizedTest
    @EnumSource(NightlyDatabase.Kind.class)
    void aChangedReportOfAnEarlierRunRechecksTheAgencyThatLookedItUp(NightlyDatabase.Kind kind, CapturedOutput output)
            throws Exception {
        Path dir = tmp.resolve("nightly");
        NightlyDatabase db = NightlyDatabase.of(kind, dir.resolve("out2021"));
        Path[] jobs = yearJobs(dir);
        assertThat(NianbaoApplication.run(db.args("consolidate", "--job", jobs[0].toString()))).isZero();
        assertThat(NianbaoApplication.run(db.args("consolidate", "--job", jobs[1].toString()))).isZero();
        Path out = dir.resolve("out2021");

        // 海滨's 2020 report, in the 2020 job's folder, now carries over 7 more than its 2021 report: the 2020 job runs
        CarryOver hb = carryOver(dir.resolve("out2020"), HB_2020, out, dir.resolve("in2021"), HB_2021);
        BigDecimal seven = hb.carriedIn2021().add(BigDecimal.valueOf(7));
        assertThat(carryOverFindings(out, "350502-HB")).doesNotContain(pair(seven, hb.carriedIn2021()));
        IncrementalRerunTest.changeCell(dir.resolve("in2020").resolve(HB_2020), hb.sheet2020(), hb.cell2020(), seven);
        assertThat(NianbaoApplication.run(db.args("consolidate", "--job", jobs[0].toString()))).isZero();

        // the 2021 job's files copied in again: its 2021 reports are unchanged, the history 海滨's looks up is not
        IncrementalRerunTest.touchAll(dir.resolve("in2021"));
        int mark = output.length();
        assertThat(NianbaoApplication.run(db.args("consolidate", "--job", jobs[1].toString()))).isZero();
        assertThat(output.toString().substring(mark))
                .contains("校验：" + AGENCIES + " 份报表与上次运行时相同，沿用其表内检查结果")
                .contains("校验：" + (AGENCIES - 1) + " 个编制主体的报表、上年度报表和名单信息与上次运行时相同，沿用其跨报表检查结果"
                        + "（跨年度、名单），读取 1 份报表的数值（共 " + AGENCIES + " 份计入的报表）");
        assertThat(carryOverFindings(out, "350502-HB")).contains(pair(seven, hb.carriedIn2021()));

        // a fresh folder and database: the 2020 job on the changed file, then the 2021 job
        Path fresh = tmp.resolve("full");
        NightlyDatabase freshDb = NightlyDatabase.of(kind, fresh.resolve("out2021"));
        Path[] freshJobs = yearJobs(fresh);
        Files.copy(dir.resolve("in2020").resolve(HB_2020), fresh.resolve("in2020").resolve(HB_2020), StandardCopyOption.REPLACE_EXISTING);
        assertThat(NianbaoApplication.run(freshDb.args("consolidate", "--job", freshJobs[0].toString()))).isZero();
        assertThat(NianbaoApplication.run(freshDb.args("consolidate", "--job", freshJobs[1].toString()))).isZero();
        assertSameResults(fresh.resolve("out2021"), out);
    }

    @ParameterizedTest
    @EnumSource(NightlyDatabase.Kind.class)
    void aChangedRosterRechecksEveryAgency(NightlyDatabase.Kind kind, CapturedOutput output) throws Exception {
        Path dir = tmp.resolve("nightly");
        Path in = dir.resolve("in");
        copySamples(in, "2020", "2021");
        Path job = twoYearJob(dir);
        NightlyDatabase db = NightlyDatabase.of(kind, dir.resolve("out"));
        assertThat(NianbaoApplication.run(db.args("consolidate", "--job", job.toString()))).isZero();
        Path out = dir.resolve("out");
        assertThat(unknownAgencies(out)).isEmpty();

        // 常泰 leaves the roster: its reports are of an agency not on it (UNKNOWN-AGENCY), for each year
        dropFromRoster(job, "350502-CT");
        int mark = output.length();
        assertThat(NianbaoApplication.run(db.args("consolidate", "--job", job.toString()))).isZero();
        assertThat(output.toString().substring(mark)).doesNotContain("沿用其跨报表检查结果").doesNotContain("沿用其表内检查结果");
        assertThat(unknownAgencies(out)).containsExactlyInAnyOrder("2020", "2021");

        Path fresh = tmp.resolve("full");
        Path freshIn = fresh.resolve("in");
        copySamples(freshIn, "2020", "2021");
        Path freshJob = twoYearJob(fresh);
        dropFromRoster(freshJob, "350502-CT");
        NightlyDatabase freshDb = NightlyDatabase.of(kind, fresh.resolve("out"));
        assertThat(NianbaoApplication.run(freshDb.args("consolidate", "--job", freshJob.toString()))).isZero();
        assertSameResults(fresh.resolve("out"), out);
    }

    // ------------------------------------------------------------------ the test's files

    /** Where 2020's 结转下年度 of a column is and what the 2021 report's 上年结转 of that column says (read from the workbook). */
    private record CarryOver(String sheet2020, String cell2020, BigDecimal carriedIn2021) {
    }

    /**
     * A column of table B both reports have (facts.csv of the runs that read them says where each datapoint's cell is):
     * the 2020 report's B.CARRIED_OUT cell, and the value of the 2021 report's B.CARRIED_IN cell as its workbook has it.
     */
    private static CarryOver carryOver(Path out2020, String file2020, Path out2021, Path in2021, String file2021)
            throws Exception {
        List<List<String>> facts2020 = CsvFiles.records(out2020.resolve("facts.csv"));
        for (List<String> carriedIn : CsvFiles.records(out2021.resolve("facts.csv"))) {
            if (!carriedIn.get(7).equals(file2021) || !carriedIn.get(4).startsWith("B.CARRIED_IN.")) {
                continue;
            }
            String column = carriedIn.get(4).substring("B.CARRIED_IN.".length());
            for (List<String> carriedOut : facts2020) {
                if (carriedOut.get(7).equals(file2020) && carriedOut.get(4).equals("B.CARRIED_OUT." + column)) {
                    return new CarryOver(carriedOut.get(9), carriedOut.get(10),
                            numericCell(in2021.resolve(file2021), carriedIn.get(9), carriedIn.get(10)));
                }
            }
        }
        throw new AssertionError("no carry-over column in both " + file2020 + " and " + file2021);
    }

    private static BigDecimal numericCell(Path xlsx, String sheet, String address) throws IOException {
        try (Workbook wb = WorkbookFactory.create(new File(xlsx.toString()), null, true)) {
            CellReference ref = new CellReference(address);
            Cell cell = wb.getSheet(sheet).getRow(ref.getRow()).getCell(ref.getCol());
            return cell.getCellType() == CellType.STRING ? new BigDecimal(cell.getStringCellValue().trim())
                    : BigDecimal.valueOf(cell.getNumericCellValue());
        }
    }

    /** B-CARRY-OVER findings of an agency in exceptions.csv, as {@code expected|actual}. */
    private static List<String> carryOverFindings(Path out, String agency) throws IOException {
        return CsvFiles.rows(out.resolve("exceptions.csv")).stream()
                .filter(r -> r.get("rule").equals("B-CARRY-OVER") && r.get("agency_code").equals(agency))
                .map(r -> pair(new BigDecimal(r.get("expected")), new BigDecimal(r.get("actual")))).toList();
    }

    /** A finding's expected and actual value as {@code expected|actual}, plain and without trailing zeros. */
    private static String pair(BigDecimal expected, BigDecimal actual) {
        return expected.stripTrailingZeros().toPlainString() + "|" + actual.stripTrailingZeros().toPlainString();
    }

    /** The years of UNKNOWN-AGENCY findings in exceptions.csv. */
    private static List<String> unknownAgencies(Path out) throws IOException {
        return CsvFiles.rows(out.resolve("exceptions.csv")).stream().filter(r -> r.get("rule").equals("UNKNOWN-AGENCY"))
                .map(r -> r.get("year")).toList();
    }

    private static void copySamples(Path in, String... years) throws IOException {
        Files.createDirectories(in);
        for (String year : years) {
            try (Stream<Path> files = Files.list(Path.of("sample-input", year))) {
                for (Path f : files.toList()) {
                    Files.copy(f, in.resolve(f.getFileName().toString()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** {@code dir/job.yml}: licheng-2021's roster and units over 2020 and 2021, input {@code dir/in}, output {@code dir/out}. */
    private static Path twoYearJob(Path dir) throws IOException {
        String job = Files.readString(Path.of("jobs/licheng-2021.yml"), StandardCharsets.UTF_8)
                .replace("name: licheng-2021", "name: two-years")
                .replace("year: 2021", "years: [2020, 2021]")
                .replace("input: ../sample-input/2021", "input: in")
                .replace("output: ../out/licheng-2021", "output: out");
        assertThat(job).contains("years: [2020, 2021]").contains("input: in").contains("output: out");
        Path file = dir.resolve("job.yml");
        Files.writeString(file, job, StandardCharsets.UTF_8);
        return file;
    }

    /** The sample jobs licheng-2020 and licheng-2021 over {@code dir/in2020} and {@code dir/in2021}, one database. */
    private static Path[] yearJobs(Path dir) throws IOException {
        Path[] jobs = new Path[2];
        for (int i = 0; i < 2; i++) {
            String year = String.valueOf(2020 + i);
            copySamples(dir.resolve("in" + year), year);
            String job = Files.readString(Path.of("jobs/licheng-" + year + ".yml"), StandardCharsets.UTF_8)
                    .replace("input: ../sample-input/" + year, "input: in" + year)
                    .replace("output: ../out/licheng-" + year, "output: out" + year);
            assertThat(job).contains("input: in" + year).contains("output: out" + year);
            jobs[i] = dir.resolve("licheng-" + year + ".yml");
            Files.writeString(jobs[i], job, StandardCharsets.UTF_8);
        }
        return jobs;
    }

    private static void dropFromRoster(Path job, String code) throws IOException {
        List<String> lines = Files.readAllLines(job, StandardCharsets.UTF_8);
        List<String> kept = lines.stream().filter(l -> !l.contains("code: \"" + code + "\"")).toList();
        assertThat(kept).hasSize(lines.size() - 1);
        Files.write(job, kept, StandardCharsets.UTF_8);
    }

    /** The output folder of a first run over copies of {@code in}'s files in a fresh folder and database. */
    private static Path freshRun(Path dir, NightlyDatabase.Kind kind, Path in) throws Exception {
        Path freshIn = dir.resolve("in");
        Files.createDirectories(freshIn);
        try (Stream<Path> files = Files.list(in)) {
            for (Path f : files.toList()) {
                Files.copy(f, freshIn.resolve(f.getFileName().toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Path job = twoYearJob(dir);
        NightlyDatabase fresh = NightlyDatabase.of(kind, dir.resolve("out"));
        assertThat(NianbaoApplication.run(fresh.args("consolidate", "--job", job.toString()))).isZero();
        return dir.resolve("out");
    }

    /** A summary workbook's cells; the year before's sums are named by the run that made them, which differs: left out. */
    private static List<String> withoutExecution(Path xlsx) throws IOException {
        return WorkbookCells.cellValues(xlsx).stream().map(c -> c.replaceAll("（执行号 \\d+）", "（执行号 …）")).toList();
    }

    /** The CSV files byte for byte, the summary workbooks cell by cell (run.json differs: it lists what changed). */
    private static void assertSameResults(Path expected, Path actual) throws Exception {
        for (String csv : List.of("facts.csv", "exceptions.csv", "summary.csv")) {
            assertThat(Files.readAllLines(actual.resolve(csv))).as(csv).containsExactlyElementsOf(Files.readAllLines(expected.resolve(csv)));
            assertThat(Files.readAllBytes(actual.resolve(csv))).as(csv).isEqualTo(Files.readAllBytes(expected.resolve(csv)));
        }
        for (String name : NightlyFixtures.summaryWorkbooks(expected)) {
            assertThat(withoutExecution(actual.resolve(name))).as(name).isEqualTo(withoutExecution(expected.resolve(name)));
        }
    }
}
