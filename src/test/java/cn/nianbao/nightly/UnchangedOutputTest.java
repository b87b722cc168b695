package cn.nianbao.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.NianbaoApplication;

/**
 * facts.csv and the summary workbooks are left in place by a run whose reports and program are those they were
 * written from, as long as nobody touched them; anything else writes them again. The exceptions files and run.json
 * are always written.
 */
class UnchangedOutputTest {

    @TempDir
    Path tmp;

    @Test
    void factsCsvIsLeftWhenItsBytesWouldNotChangeAndWrittenWhenAnythingDid() throws Exception {
        Path job = NightlyFixtures.jobFolder(tmp);
        Path in = tmp.resolve("in");
        Path facts = tmp.resolve("out/facts.csv");
        assertThat(run(job)).isZero();
        byte[] original = Files.readAllBytes(facts);
        // an old time, so that a rewrite (now) cannot leave the same one
        FileTime old = FileTime.fromMillis(1_600_000_000_000L);
        Files.setLastModifiedTime(facts, old);
        assertThat(run(job, "--force")).as("touched since its run: written again").isZero();
        assertThat(Files.getLastModifiedTime(facts)).isNotEqualTo(old);
        Object file = fileKey(facts);
        FileTime written = Files.getLastModifiedTime(facts);
        Path district = tmp.resolve("out/summary-350502-2020.xlsx");
        Object districtFile = fileKey(district);
        // (dated back, so that being written again shows whatever the file system's clock resolution)
        Files.setLastModifiedTime(tmp.resolve("out/exceptions.csv"), old);

        // the same files copied in again, and a forced run: facts.csv left as it is, the rest written
        IncrementalRerunTest.touchAll(in);
        assertThat(run(job)).isZero();
        assertThat(run(job, "--force")).isZero();
        assertThat(fileKey(facts)).isEqualTo(file);
        assertThat(Files.getLastModifiedTime(facts)).isEqualTo(written);
        assertThat(fileKey(district)).as("the district's summary workbook, left too").isEqualTo(districtFile);
        assertThat(Files.getLastModifiedTime(tmp.resolve("out/exceptions.csv"))).isNotEqualTo(old);
        assertThat(Files.readAllBytes(facts)).isEqualTo(original);

        // edited by hand (a line appended): written again, the edit gone
        Files.writeString(facts, "edited\r\n", StandardOpenOption.APPEND);
        assertThat(run(job, "--force")).isZero();
        assertThat(Files.readAllBytes(facts)).isEqualTo(original);

        // deleted: written again
        Files.delete(facts);
        assertThat(run(job, "--force")).isZero();
        assertThat(Files.readAllBytes(facts)).isEqualTo(original);

        // a workbook changed: the new value is in it
        String[] fact = IncrementalRerunTest.factOf(tmp.resolve("out"), "海滨街道-2020年报.xlsx");
        BigDecimal changed = new BigDecimal(fact[5]).add(BigDecimal.ONE);
        IncrementalRerunTest.changeCell(in.resolve("海滨街道-2020年报.xlsx"), fact[9], fact[10], changed);
        Object beforeChange = fileKey(district);
        assertThat(run(job)).isZero();
        assertThat(IncrementalRerunTest.factOf(tmp.resolve("out"), "海滨街道-2020年报.xlsx")).isNotEqualTo(fact);
        assertThat(Files.readString(facts)).contains("," + fact[4] + "," + changed.toPlainString() + ",");
        assertThat(fileKey(district)).as("its sums and the agency's row changed").isNotEqualTo(beforeChange);
        assertThat(cn.nianbao.testing.WorkbookCells.cellValues(district))
                .anyMatch(v -> v.replace(",", "").endsWith("=" + changed.toPlainString()));
    }

    private static Object fileKey(Path file) throws Exception {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    private static int run(Path job, String... more) {
        String[] args = new String[3 + more.length];
        args[0] = "consolidate";
        args[1] = "--job";
        args[2] = job.toString();
        System.arraycopy(more, 0, args, 3, more.length);
        return NianbaoApplication.run(args);
    }
}
