package cn.nianbao.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.model.Datapoint;
import cn.nianbao.model.Report;
import cn.nianbao.testing.TestReports;

/** What a report is cut down to for the checks across reports, as the class promises: no more, no less. */
class SlimReportsTest {

    private static final List<String> APPLICANTS = List.of("NATURAL", "BUSINESS", "RESEARCH", "NONPROFIT", "LEGAL", "OTHER_ORG");

    @TempDir
    Path dir;

    /** The promise, written out: 上年结转/结转下年度, table A's continuity columns, and the totals of tables B and C. */
    private static final Predicate<String> READ_ACROSS = id -> id.startsWith("B.CARRIED_IN.") || id.startsWith("B.CARRIED_OUT.")
            || (id.startsWith("A.") && List.of("PREV_ITEMS", "CHANGE", "IN_FORCE", "ISSUED", "REPEALED").contains(id.split("\\.")[2]))
            || (id.startsWith("B.") || id.startsWith("C.")) && id.endsWith(".TOTAL");

    @Test
    void keepsWhatTheChecksAcrossReportsReadInTheReportsOrder() {
        for (Report full : List.of(TestReports.gov2019().consistent().build(), TestReports.gov2021().consistent().build())) {
            Report slim = new SlimReports(RuleBook.load()).slim(full);
            List<String> expected = full.datapoints().keySet().stream().filter(READ_ACROSS).toList();
            assertThat(slim.datapoints().keySet()).containsExactlyElementsOf(expected);
            assertThat(expected).contains("B.CARRIED_IN.NATURAL", "B.NEW.TOTAL", "C.REVIEW.TOTAL")
                    .doesNotContain("B.NEW.NATURAL", "C.REVIEW.UPHELD");
            assertThat(slim.agency()).isEqualTo(full.agency());
            assertThat(slim.submission()).isEqualTo(full.submission());
            for (Datapoint dp : slim.datapoints().values()) {
                Datapoint original = full.datapoints().get(dp.id());
                assertThat(dp.value()).isEqualTo(original.value());
                assertThat(dp.blank()).isEqualTo(original.blank());
                assertThat(dp.source().sheet()).isEqualTo(original.source().sheet());
                assertThat(dp.source().cell()).isEqualTo(original.source().cell());
                assertThat(dp.source().label()).as("labels are not kept").isNull();
            }
        }
        Report gov2019 = new SlimReports(RuleBook.load()).slim(TestReports.gov2019().consistent().build());
        assertThat(gov2019.datapoints()).containsKeys("A.LICENSING.PREV_ITEMS", "A.LICENSING.CHANGE")
                .doesNotContainKeys("A.LICENSING.DECISIONS", "A.PROCUREMENT.AMOUNT_YUAN");
        Report gov2021 = new SlimReports(RuleBook.load()).slim(TestReports.gov2021().consistent().build());
        assertThat(gov2021.datapoints()).containsKeys("A.NORMATIVE.IN_FORCE", "A.NORMATIVE.ISSUED", "A.NORMATIVE.REPEALED")
                .doesNotContainKeys("A.FEES.AMOUNT_WAN");
    }

    @Test
    void aBlankTotalKeepsTheApplicantColumnsItIsRecomputedFrom() {
        Report full = TestReports.gov2019().consistent().blank("B.NEW.TOTAL").blank("B.GRANTED.NATURAL").build();
        Report slim = new SlimReports(RuleBook.load()).slim(full);
        for (String column : APPLICANTS) {
            assertThat(slim.datapoints()).containsKey("B.NEW." + column);
            assertThat(slim.datapoints()).doesNotContainKey("B.GRANTED." + column);
        }
        assertThat(new ReportValues(slim).value("B.NEW.TOTAL")).isEqualByComparingTo("13");
        assertThat(slim.datapoints()).doesNotContainKey("B.GRANTED.NATURAL");
        assertThat(slim.datapoints().get("B.NEW.TOTAL").blank()).isTrue();
    }

    @Test
    void theOutlierChecksPatternsDecideWhichTotalsAreKept() throws IOException {
        Path file = dir.resolve("rules.yml");
        Files.writeString(file, "rules:\n  - { id: OUTLIER-YOY, params: { datapoints: [\"A.*.DECISIONS\"] } }\n", StandardCharsets.UTF_8);
        Report slim = new SlimReports(RuleBook.load(file)).slim(TestReports.gov2019().consistent().blank("B.NEW.TOTAL").build());
        assertThat(slim.datapoints()).containsKeys("A.LICENSING.DECISIONS", "B.CARRIED_IN.TOTAL")
                .doesNotContainKeys("B.NEW.TOTAL", "B.NEW.NATURAL", "C.REVIEW.TOTAL");

        Files.writeString(file, "rules:\n  - { id: OUTLIER-YOY, enabled: false }\n", StandardCharsets.UTF_8);
        Report off = new SlimReports(RuleBook.load(file)).slim(TestReports.gov2019().consistent().build());
        assertThat(off.datapoints().keySet()).allMatch(id -> id.startsWith("A.") || id.startsWith("B.CARRIED_"));
    }

    @Test
    void repeatedTextIsSharedAndAMissingSourceStaysMissing() {
        SlimReports slims = new SlimReports(RuleBook.load());
        Report a = slims.slim(TestReports.gov2019().consistent().build());
        Report b = slims.slim(TestReports.gov2019().consistent().agency("A002", "某区卫健局", "部门").build());
        Datapoint da = a.datapoints().get("B.NEW.TOTAL");
        Datapoint db = b.datapoints().get("B.NEW.TOTAL");
        assertThat(db.id()).isSameAs(da.id());
        assertThat(db.source().sheet()).isSameAs(da.source().sheet());
        assertThat(db.source().cell()).isSameAs(da.source().cell());

        Report full = TestReports.gov2019().consistent().build();
        Datapoint sourceless = new Datapoint("B.NEW.TOTAL", full.datapoints().get("B.NEW.TOTAL").value(), false, null);
        Report noSource = full.withContent(Map.of("B.NEW.TOTAL", sourceless));
        assertThat(slims.slim(noSource).datapoints().get("B.NEW.TOTAL").source()).isNull();
        assertThat(slims.needed("B.NEW.TOTAL")).isTrue();
        assertThat(slims.needed("B.NEW.NATURAL")).isFalse();
    }
}
