package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Workbook;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.nianbao.job.AdHocJob;
import cn.nianbao.job.RosterResolver;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;
import cn.nianbao.testing.SampleFiles;

/**
 * A count or amount whose number format shows something other than the number it holds: the agency checked the
 * figure it saw, so the reader must not sum another one silently. Each such cell is a PARSE-SHOWN-VALUE naming the
 * cell, what it shows and what it holds; a format that shows the number as it is (more decimals, thousands
 * separators, a zero as a dash) changes nothing.
 */
class ShownValuesTest {

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

    private static void set(Workbook wb, SampleFiles.Written w, String id, double value, String format) {
        Cell cell = SampleFiles.cellOf(wb, w.cells().get(id));
        cell.setCellValue(value);
        CellStyle style = wb.createCellStyle();
        style.setDataFormat(wb.createDataFormat().getFormat(format));
        cell.setCellStyle(style);
    }

    private static String message(IngestResult result, String cell) {
        return result.findings().stream().filter(f -> f.cells().contains(cell)).findFirst().orElseThrow().message();
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void aNumberShownRoundedHiddenOrInThousandsIsAFindingNotADifferentFigure(String ext) throws Exception {
        SampleFiles.Written w = SampleFiles.report(dir.resolve("某街道-2020." + ext), "某街道办事处", 2020, 21);
        SampleFiles.edit(w.file(), wb -> {
            set(wb, w, "B.NEW.NATURAL", 3.6, "0");                       // shows 4
            set(wb, w, "B.NEW.LEGAL", 2.25, "0.0");                      // shows 2.3
            set(wb, w, "A.REGULATION.NEW_MADE", 7, ";;;");               // shows nothing
            set(wb, w, "A.PROCUREMENT.AMOUNT_YUAN", 25211.5, "#,##0");   // shows 25,212
            set(wb, w, "A.NORMATIVE.NEW_MADE", 3000, "0,");              // shows 3 (thousands)
        });

        IngestResult result = read(w.file());

        assertThat(result.findings()).extracting(Finding::rule, f -> String.join(" ", f.cells())).containsExactlyInAnyOrder(
                tuple("PARSE-SHOWN-VALUE", cellOf(w, "B.NEW.NATURAL")),
                tuple("PARSE-SHOWN-VALUE", cellOf(w, "B.NEW.LEGAL")),
                tuple("PARSE-SHOWN-VALUE", cellOf(w, "A.REGULATION.NEW_MADE")),
                tuple("PARSE-SHOWN-VALUE", cellOf(w, "A.PROCUREMENT.AMOUNT_YUAN")),
                tuple("PARSE-SHOWN-VALUE", cellOf(w, "A.NORMATIVE.NEW_MADE")));
        assertThat(message(result, cellOf(w, "B.NEW.NATURAL"))).contains("显示为「4」").contains("保存的数是 3.6").contains("改变了显示的数").contains("请确认");
        assertThat(message(result, cellOf(w, "B.NEW.LEGAL"))).contains("显示为「2.3」").contains("保存的数是 2.25");
        assertThat(message(result, cellOf(w, "A.REGULATION.NEW_MADE"))).contains("显示为空白").contains("保存的数是 7").contains("隐藏了它");
        assertThat(message(result, cellOf(w, "A.PROCUREMENT.AMOUNT_YUAN"))).contains("「25,212」").contains("25211.5");
        assertThat(message(result, cellOf(w, "A.NORMATIVE.NEW_MADE"))).contains("显示为「3」").contains("保存的数是 3000");
        Report report = result.onlyReport();
        for (String id : new String[] {"B.NEW.NATURAL", "B.NEW.LEGAL", "A.REGULATION.NEW_MADE", "A.PROCUREMENT.AMOUNT_YUAN",
                "A.NORMATIVE.NEW_MADE"}) {
            assertThat(report.datapoint(id)).as(id).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void formatsThatShowTheNumberAsItIsAreRead(String ext) throws Exception {
        SampleFiles.Written w = SampleFiles.report(dir.resolve("某街道-2020." + ext), "某街道办事处", 2020, 21);
        Map<String, BigDecimal> expected = new LinkedHashMap<>(SampleFiles.nonBlank(w));
        SampleFiles.edit(w.file(), wb -> {
            set(wb, w, "B.NEW.NATURAL", 12, "0");
            set(wb, w, "B.NEW.LEGAL", 1234, "#,##0.00");
            set(wb, w, "B.NEW.BUSINESS", 0, "#,##0;-#,##0;\"-\"");         // a zero shown as a dash
            set(wb, w, "B.NEW.RESEARCH", 0, "0;-0;;@");                       // a zero shown as nothing
            set(wb, w, "A.REGULATION.NEW_MADE", 2.5, "[>100]0;0.0");          // the condition's other section shows 2.5
            set(wb, w, "A.LICENSING.CHANGE", -3, "0;(0)");                   // accounting brackets
        });
        expected.putAll(Map.of("B.NEW.NATURAL", new BigDecimal("12"), "B.NEW.LEGAL", new BigDecimal("1234"),
                "B.NEW.BUSINESS", BigDecimal.ZERO, "B.NEW.RESEARCH", BigDecimal.ZERO,
                "A.REGULATION.NEW_MADE", new BigDecimal("2.5"), "A.LICENSING.CHANGE", new BigDecimal("-3")));

        IngestResult result = read(w.file());

        assertThat(result.findings()).isEmpty();
        Report report = result.onlyReport();
        expected.forEach((id, value) -> assertThat(report.datapoint(id).orElseThrow().value()).as(id).isEqualByComparingTo(value));
    }
}
