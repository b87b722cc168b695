package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import cn.nianbao.model.Datapoint;
import cn.nianbao.model.Finding;
import cn.nianbao.ingest.IngestResult;
import cn.nianbao.model.Report;
import cn.nianbao.job.AdHocJob;
import cn.nianbao.job.RosterResolver;
import cn.nianbao.samples.AgencyProfile;
import cn.nianbao.samples.Layout;
import cn.nianbao.samples.SampleReport;
import cn.nianbao.samples.SampleWorkbookWriter;
import cn.nianbao.samples.SyntheticReports;
import cn.nianbao.template.ReportFormat;
import cn.nianbao.template.TemplateCatalogue;

/**
 * Every layout variation, in both formats and both file types: a workbook is written with known values,
 * read back through the real reader, and every datapoint must come back exactly, from the cell it was
 * written to, with no PARSE finding.
 */
class LayoutVariationsTest {

    private static final TemplateCatalogue CATALOGUE = TemplateCatalogue.load();

    static Stream<Arguments> variations() {
        List<Arguments> out = new ArrayList<>();
        List<Set<Layout>> layouts = new ArrayList<>();
        for (Layout l : Layout.values()) {
            layouts.add(EnumSet.of(l));
        }
        layouts.add(EnumSet.of(Layout.SHEET_PER_TABLE, Layout.TEXT_NUMBERS, Layout.LABEL_NOISE));
        layouts.add(EnumSet.of(Layout.SHIFTED, Layout.GROUP_LABEL_IN_CELL, Layout.TABLE_C_VERTICAL, Layout.FORMULAS));
        layouts.add(EnumSet.of(Layout.SHIFTED, Layout.SUBTOTAL_ROWS, Layout.GROUP_LABEL_MISSING, Layout.TEXT_NUMBERS));
        int seed = 0;
        for (String format : List.of("GOV2019", "GOV2021")) {
            for (Set<Layout> layout : layouts) {
                boolean moneyOnly = layout.stream().anyMatch(l -> l.name().startsWith("MONEY_"));
                if (moneyOnly && format.equals("GOV2021")) {
                    continue; // the procurement amount exists only in GOV2019
                }
                for (String ext : List.of("xlsx", "xls")) {
                    out.add(Arguments.of(format, layout, ext, seed++));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} .{2}")
    @MethodSource("variations")
    void readsEveryValueFromTheCellItWasWrittenTo(String formatId, Set<Layout> layout, String ext, int seed,
                                                  @TempDir Path dir) throws Exception {
        ReportFormat format = CATALOGUE.require(formatId);
        int year = formatId.equals("GOV2019") ? 2020 : 2021;
        boolean subtotals = layout.contains(Layout.SUBTOTAL_ROWS);
        Map<String, BigDecimal> values = SyntheticReports.values(format, AgencyProfile.subDistrict(), new Random(seed), null, subtotals);
        SampleReport sample = new SampleReport("测试街道办事处", "测试街道办事处 " + year + "年政府信息公开工作年度报告（模拟数据）",
                year, formatId, values, Map.of(), true);
        Path file = dir.resolve("测试街道-" + year + "." + ext);
        Map<String, String> cells = new SampleWorkbookWriter(CATALOGUE).write(sample, layout, file);

        WorkbookIngester ingester = new WorkbookIngester(CATALOGUE, ReadLimits.defaults(),
                new RosterResolver(AdHocJob.of(dir, dir.resolve("out"), null)), null);
        IngestResult result = ingester.ingest(file, WorkbookIngester.describe(dir, file));

        assertThat(result.findings()).extracting(Finding::rule, Finding::message).isEmpty();
        assertThat(result.accepted()).isTrue();
        Report report = result.onlyReport();
        assertThat(report.format()).isEqualTo(formatId);
        assertThat(report.year()).isEqualTo(year);
        assertThat(report.agency().name()).isEqualTo("测试街道办事处");
        for (Map.Entry<String, String> e : cells.entrySet()) {
            String id = e.getKey();
            Datapoint dp = report.datapoint(id).orElse(null);
            assertThat(dp).as("datapoint %s", id).isNotNull();
            assertThat(dp.source().sheet() + "!" + dp.source().cell()).as("source of %s", id).isEqualTo(e.getValue());
            BigDecimal expected = values.get(id);
            if (expected == null) {
                assertThat(dp.blank()).as("%s blank", id).isTrue();
            } else {
                assertThat(dp.blank()).as("%s not blank", id).isFalse();
                assertThat(dp.value()).as("value of %s", id).isEqualByComparingTo(expected);
            }
        }
        // Nothing read that was not written: no invented datapoints.
        assertThat(report.datapoints().keySet()).isSubsetOf(cells.keySet());
        long required = format.requiredDatapoints().size();
        assertThat(report.datapoints().keySet().stream().filter(id -> !CATALOGUE.require(formatId).datapoint(id).orElseThrow().row().optional()))
                .hasSize((int) required);
    }
}
