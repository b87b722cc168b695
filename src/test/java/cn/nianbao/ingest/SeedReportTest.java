package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import cn.nianbao.ingest.IngestResult;
import cn.nianbao.model.Report;
import cn.nianbao.job.AdHocJob;
import cn.nianbao.job.RosterResolver;
import cn.nianbao.template.DatapointDef;
import cn.nianbao.template.ReportFormat;
import cn.nianbao.template.RowDef;
import cn.nianbao.template.TemplateCatalogue;

/**
 * The one real report we have (鲤城区开元街道 2020, extracted text in src/test/resources/seed) against
 * the workbook in sample-input: every datapoint the text states must be read exactly.
 */
class SeedReportTest {

    private static final TemplateCatalogue CATALOGUE = TemplateCatalogue.load();
    private static final Path SEED_WORKBOOK = Path.of("sample-input/2020/开元街道-2020.xlsx");

    @Test
    void readsEveryNumberOfTheSeedReport() throws Exception {
        ReportFormat format = CATALOGUE.require("GOV2019");
        Map<String, BigDecimal> expected = expectedFromSeedText(format);
        assertThat(expected).hasSize(format.requiredDatapoints().size()).hasSize(198);

        Path dir = SEED_WORKBOOK.getParent();
        IngestResult result = new WorkbookIngester(CATALOGUE, ReadLimits.defaults(),
                new RosterResolver(AdHocJob.of(dir, dir.resolveSibling("out"), null)), null)
                .ingest(SEED_WORKBOOK, WorkbookIngester.describe(dir, SEED_WORKBOOK));

        assertThat(result.findings()).isEmpty();
        Report report = result.onlyReport();
        assertThat(report.format()).isEqualTo("GOV2019");
        assertThat(report.year()).isEqualTo(2020);
        assertThat(report.agency().name()).isEqualTo("鲤城区人民政府开元街道办事处");
        for (Map.Entry<String, BigDecimal> e : expected.entrySet()) {
            assertThat(report.datapoint(e.getKey())).as(e.getKey()).hasValueSatisfying(
                    d -> assertThat(d.value()).as(e.getKey()).isEqualByComparingTo(e.getValue()));
        }
        assertThat(report.datapoints()).hasSize(198);
        assertThat(report.datapoint("A.OTHER_SERVICE.DECISIONS").orElseThrow().value()).isEqualByComparingTo("20470");
        assertThat(report.datapoint("A.PROCUREMENT.AMOUNT_YUAN").orElseThrow().value()).isEqualByComparingTo("25211");
        assertThat(report.datapoints().values()).allMatch(d -> d.unitNote() == null); // 「25211 元」 states its unit: nothing assumed
    }

    /** The seed text's tables, datapoint id → value, taken from the text itself, not from the workbook. */
    static Map<String, BigDecimal> expectedFromSeedText(ReportFormat format) throws IOException {
        String text;
        try (InputStream in = SeedReportTest.class.getResourceAsStream("/seed/kaiyuan-2020.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String partA = between(text, "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况");
        String partB = between(text, "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议");
        String partC = between(text, "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题");
        Map<String, BigDecimal> out = new LinkedHashMap<>();

        // Table A: 「行政许可	0	2	80」; the amount 「25211 元」 carries its unit.
        Pattern rowA = Pattern.compile("^(\\S+)\\t(.+)$", Pattern.MULTILINE);
        Matcher m = rowA.matcher(partA);
        while (m.find()) {
            for (DatapointDef dp : format.datapoints().values()) {
                if (dp.table().id().equals("A") && dp.row().label().equals(m.group(1))) {
                    String[] cells = m.group(2).split("\\t");
                    int col = dp.block().columns().indexOf(dp.column());
                    out.put(dp.id(), new BigDecimal(cells[col].replace("元", "").trim()));
                }
            }
        }
        // Table B: each data line ends in seven numbers, in the template's row order (subtotal rows aside).
        List<List<BigDecimal>> lines = numericLines(partB, 7);
        List<RowDef> rows = format.table("B").orElseThrow().blocks().get(0).rows().stream().filter(r -> !r.optional()).toList();
        // The text extraction lost two merged cells of the last row (「四、结转下年度继续办理」 shows five
        // numbers). The template's own relation gives it: 结转 = 第一项 + 第二项 − 第三项, per column.
        assertThat(lines).hasSize(rows.size() - 1);
        assertThat(numericLines(partB, 5)).hasSize(1).allMatch(l -> l.stream().allMatch(n -> n.signum() == 0));
        List<BigDecimal> carriedOut = new ArrayList<>();
        for (int c = 0; c < 7; c++) {
            carriedOut.add(lines.get(0).get(c).add(lines.get(1).get(c)).subtract(lines.get(lines.size() - 1).get(c)));
        }
        lines.add(carriedOut);
        for (int i = 0; i < rows.size(); i++) {
            List<String> columns = format.table("B").orElseThrow().blocks().get(0).columns().stream().map(c -> c.id()).toList();
            for (int c = 0; c < columns.size(); c++) {
                out.put("B." + rows.get(i).id() + "." + columns.get(c), lines.get(i).get(c));
            }
        }
        // Table C: one line of fifteen numbers, five per group.
        List<BigDecimal> c = numericLines(partC, 15).get(0);
        int i = 0;
        for (String row : List.of("REVIEW", "SUIT_DIRECT", "SUIT_AFTER_REVIEW")) {
            for (String col : List.of("UPHELD", "CORRECTED", "OTHER", "PENDING", "TOTAL")) {
                out.put("C." + row + "." + col, c.get(i++));
            }
        }
        return out;
    }

    private static List<List<BigDecimal>> numericLines(String part, int count) {
        List<List<BigDecimal>> lines = new ArrayList<>();
        for (String line : part.split("\n")) {
            List<BigDecimal> numbers = new ArrayList<>();
            for (String cell : line.split("\\t")) {
                if (cell.trim().matches("-?\\d+")) {
                    numbers.add(new BigDecimal(cell.trim()));
                }
            }
            if (numbers.size() == count) {
                lines.add(numbers);
            }
        }
        return lines;
    }

    private static String between(String text, String from, String to) {
        int start = text.lastIndexOf(from);
        int end = text.indexOf(to, start);
        return text.substring(start, end);
    }
}
