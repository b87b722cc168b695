package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;
import cn.nianbao.job.AdHocJob;
import cn.nianbao.job.RosterResolver;
import cn.nianbao.testing.SampleFiles;

/**
 * Complete report workbooks with known values, then edited as agencies edit theirs; each edit must give the figures
 * the agency sees, or a finding naming the cell and why, never a silent wrong number.
 */
class WorkbooksAsAgenciesEditThemTest {

    @TempDir
    Path dir;

    private IngestResult read(Path file) throws Exception {
        return new WorkbookIngester(SampleFiles.CATALOGUE, ReadLimits.defaults(),
                new RosterResolver(AdHocJob.of(dir, dir.resolve("out"), null)), null).ingest(file, WorkbookIngester.describe(dir, file));
    }

    private static String cellOf(SampleFiles.Written w, String id) {
        String at = w.cells().get(id);
        return at.substring(at.lastIndexOf('!') + 1);
    }

    /**
     * Text typed where a number belongs, also in the first value column (where the row's label ends): the row is
     * still found, and that one cell is a PARSE-BAD-NUMBER; every other value is read.
     */
    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void textInAValueCellIsABadNumberOnThatCellNotAMissingRow(String ext) throws Exception {
        SampleFiles.Written w = SampleFiles.report(dir.resolve("某街道-2020." + ext), "某街道办事处", 2020, 21);
        SampleFiles.edit(w.file(), wb -> {
            SampleFiles.cellOf(wb, w.cells().get("A.REGULATION.NEW_MADE")).setCellValue("暂无");
            SampleFiles.cellOf(wb, w.cells().get("B.NEW.NATURAL")).setCellValue("见附件");
        });

        IngestResult result = read(w.file());

        assertThat(result.findings()).extracting(Finding::rule, f -> String.join(" ", f.cells())).containsExactlyInAnyOrder(
                tuple("PARSE-BAD-NUMBER", cellOf(w, "A.REGULATION.NEW_MADE")),
                tuple("PARSE-BAD-NUMBER", cellOf(w, "B.NEW.NATURAL")));
        assertThat(result.findings()).extracting(Finding::message).anyMatch(m -> m.contains("「暂无」"))
                .anyMatch(m -> m.contains("「见附件」"));
        Report report = result.onlyReport();
        for (Map.Entry<String, BigDecimal> e : SampleFiles.nonBlank(w).entrySet()) {
            if (List.of("A.REGULATION.NEW_MADE", "B.NEW.NATURAL").contains(e.getKey())) {
                assertThat(report.datapoint(e.getKey())).as(e.getKey()).isEmpty();
            } else {
                assertThat(report.datapoint(e.getKey()).orElseThrow().value()).as(e.getKey()).isEqualByComparingTo(e.getValue());
            }
        }
    }
}
