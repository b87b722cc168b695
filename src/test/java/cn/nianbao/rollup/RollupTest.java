package cn.nianbao.rollup;

import static cn.nianbao.rollup.UnitTreeTest.CITY;
import static cn.nianbao.rollup.UnitTreeTest.CITY_OFFICE;
import static cn.nianbao.rollup.UnitTreeTest.DONGHAI;
import static cn.nianbao.rollup.UnitTreeTest.FENGZE;
import static cn.nianbao.rollup.UnitTreeTest.HAIBIN;
import static cn.nianbao.rollup.UnitTreeTest.KAIYUAN;
import static cn.nianbao.rollup.UnitTreeTest.LICHENG;
import static cn.nianbao.rollup.UnitTreeTest.PROVINCE;
import static cn.nianbao.rollup.UnitTreeTest.STRAY;
import static cn.nianbao.rollup.UnitTreeTest.TREE;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import cn.nianbao.model.ReportHeader;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import cn.nianbao.model.Agency;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;
import cn.nianbao.model.ReportContent;
import cn.nianbao.model.Severity;
import cn.nianbao.model.UnitTotal;
import cn.nianbao.testing.TestReports;

/**
 * The roll-up on reports built here, against sums worked out by hand in each test: which reports count in
 * which unit and year, blank totals, optional rows, reports in the wrong format, units without reports.
 */
class RollupTest {

    private static final Rollup ROLLUP = new Rollup(TestReports.CATALOGUE);

    /** 开元 10 自然人 + 3 企业 = 13; 25211.5 元 of procurement. */
    static final Report KAIYUAN_2020 = TestReports.gov2019().agency(KAIYUAN)
            .set("B.NEW.NATURAL", 10).set("B.NEW.BUSINESS", 3).set("B.NEW.TOTAL", 13)
            .set("A.PROCUREMENT.AMOUNT_YUAN", "25211.5").build();
    /** 海滨 5 自然人 + 2 企业, its 总计 left blank: it counts as 7. */
    static final Report HAIBIN_2020 = TestReports.gov2019().agency(HAIBIN)
            .set("B.NEW.NATURAL", 5).set("B.NEW.BUSINESS", 2).blank("B.NEW.TOTAL").build();
    static final Report DONGHAI_2020 = TestReports.gov2019().agency(DONGHAI)
            .set("B.NEW.NATURAL", 1).set("B.NEW.TOTAL", 1).build();
    static final Report CITY_OFFICE_2020 = TestReports.gov2019().agency(CITY_OFFICE)
            .set("B.NEW.NATURAL", 100).set("B.NEW.TOTAL", 100).build();
    /** The district's own published 汇总: never summed into anything. */
    private static final Report LICHENG_PUBLISHED_2020 = TestReports.gov2019().agency(LICHENG).consolidated()
            .set("B.NEW.NATURAL", 999).set("B.NEW.TOTAL", 999).build();
    /** An agency whose parent is no unit of the job. */
    private static final Report STRAY_2020 = TestReports.gov2019().agency(STRAY)
            .set("B.NEW.NATURAL", 50).set("B.NEW.TOTAL", 50).build();

    private static final List<Report> REPORTS_2020 = List.of(KAIYUAN_2020, HAIBIN_2020, DONGHAI_2020, CITY_OFFICE_2020,
            LICHENG_PUBLISHED_2020, STRAY_2020);

    @Test
    void eachUnitSumsItsOwnAgenciesAtEveryDepth() {
        Rollup.Result result = ROLLUP.compute(REPORTS_2020, TREE, Set.of(2020), true);

        assertThat(result.findings()).isEmpty();
        assertThat(result.totals()).extracting(t -> t.unit().code() + "/" + t.year() + "/" + t.format())
                .containsExactly("350502/2020/GOV2019", "350503/2020/GOV2019", "350500/2020/GOV2019", "350000/2020/GOV2019");

        UnitTotal licheng = result.totals().get(0);
        assertValue(licheng, "B.NEW.NATURAL", "15");
        assertValue(licheng, "B.NEW.BUSINESS", "5");
        assertValue(licheng, "B.NEW.TOTAL", "20");                 // 13 + the blank 总计 counted as 5 + 2
        assertValue(licheng, "A.PROCUREMENT.AMOUNT_YUAN", "25211.5");
        assertValue(licheng, "B.GRANTED.NATURAL", "0");
        assertThat(licheng.included()).containsExactly(KAIYUAN_2020.header(), HAIBIN_2020.header());
        assertThat(licheng.expected()).containsExactly(KAIYUAN, HAIBIN);
        assertThat(licheng.missing()).isEmpty();

        UnitTotal fengze = result.totals().get(1);
        assertValue(fengze, "B.NEW.NATURAL", "1");
        assertValue(fengze, "B.NEW.TOTAL", "1");
        assertThat(fengze.included()).containsExactly(DONGHAI_2020.header());

        for (UnitTotal above : result.totals().subList(2, 4)) {
            assertValue(above, "B.NEW.NATURAL", "116");               // 10 + 5 + 1 + 100
            assertValue(above, "B.NEW.TOTAL", "121");                 // 13 + 7 + 1 + 100
            assertValue(above, "A.PROCUREMENT.AMOUNT_YUAN", "25211.5");
            assertThat(above.included()).containsExactly(KAIYUAN_2020.header(), HAIBIN_2020.header(), DONGHAI_2020.header(), CITY_OFFICE_2020.header());
            assertThat(above.expected()).containsExactly(KAIYUAN, HAIBIN, DONGHAI, CITY_OFFICE);
            assertThat(above.missing()).isEmpty();
        }
    }

    @Test
    void theSumsHaveEveryRequiredDatapointAndNoOptionalSubtotalRow() {
        Report withSubtotal = TestReports.gov2019().agency(KAIYUAN).withRow("B", "DENIED")
                .set("B.DENIED.NATURAL", 2).set("B.DENIED_1.NATURAL", 2).build();
        UnitTotal licheng = ROLLUP.compute(List.of(withSubtotal, HAIBIN_2020), TREE, Set.of(2020), true).totals().get(0);

        List<String> required = TestReports.CATALOGUE.require("GOV2019").requiredDatapoints().stream().map(d -> d.id()).toList();
        assertThat(licheng.values().keySet()).containsExactlyElementsOf(required);
        assertThat(licheng.values()).doesNotContainKey("B.DENIED.NATURAL");
        assertValue(licheng, "B.DENIED_1.NATURAL", "2");
    }

    @Test
    void aYearWithoutReportsStillHasTotalsWithEveryAgencyMissing() {
        Rollup.Result result = ROLLUP.compute(List.of(KAIYUAN_2020), TREE, Set.of(2021), true);

        // 2020 from the report, 2021 from the job's years; each unit in year order
        assertThat(result.totals()).extracting(t -> t.unit().code() + "/" + t.year() + "/" + t.format())
                .containsExactly("350502/2020/GOV2019", "350502/2021/GOV2021", "350503/2020/GOV2019", "350503/2021/GOV2021",
                        "350500/2020/GOV2019", "350500/2021/GOV2021", "350000/2020/GOV2019", "350000/2021/GOV2021");
        UnitTotal licheng2020 = result.totals().get(0);
        assertThat(licheng2020.missing()).containsExactly(HAIBIN);
        UnitTotal licheng2021 = result.totals().get(1);
        assertThat(licheng2021.included()).isEmpty();
        assertThat(licheng2021.missing()).containsExactly(KAIYUAN, HAIBIN);
        assertThat(licheng2021.values().values()).isNotEmpty().allMatch(v -> v.signum() == 0);
        UnitTotal fengze2020 = result.totals().get(2);
        assertThat(fengze2020.included()).isEmpty();
        assertThat(fengze2020.missing()).containsExactly(DONGHAI);
        assertThat(result.totals().get(4).missing()).containsExactly(HAIBIN, DONGHAI, CITY_OFFICE);
    }

    @Test
    void aReportInTheFormatNotInForceIsLeftOutWithOneFinding() {
        Report kaiyuan = TestReports.gov2021().agency(KAIYUAN).year(2021).set("B.NEW.NATURAL", 4).set("B.NEW.TOTAL", 4).build();
        Report oldForm = TestReports.gov2019().agency(HAIBIN).year(2021).file("in/海滨街道2021.xlsx", "2022-01-10T00:00:00Z")
                .set("B.NEW.NATURAL", 9).set("B.NEW.TOTAL", 9).build();
        Rollup.Result result = ROLLUP.compute(List.of(kaiyuan, oldForm), TREE, Set.of(2021), true);

        // one finding though the report is left out of the district, the city and the province
        assertThat(result.findings()).containsExactly(new Finding(Severity.ERROR, "ROLLUP-MIXED-FORMAT", "350502-HB", "海滨街道",
                2021, "in/海滨街道2021.xlsx", null, List.of(), null, null, null,
                "2021年汇总使用 GOV2021 格式，该单位报表为 GOV2019 格式，未计入「鲤城区」及以上各级汇总；请按2021年适用的格式重新填报"));
        UnitTotal licheng = result.totals().get(0);
        assertThat(licheng.format()).isEqualTo("GOV2021");
        assertValue(licheng, "B.NEW.NATURAL", "4");
        assertThat(licheng.included()).containsExactly(kaiyuan.header());
        assertThat(licheng.missing()).as("left out, so missing from the sums").containsExactly(HAIBIN);
        assertValue(result.totals().get(2), "B.NEW.NATURAL", "4");
    }

    @Test
    void withoutARosterEveryOwnReportOfTheYearCountsInTheOneUnit() {
        Agency all = new Agency("ALL", "全部", List.of(), "汇总", null);
        UnitTree one = new UnitTree(List.of(all), List.of());
        Rollup.Result result = ROLLUP.compute(REPORTS_2020, one, Set.of(2020, 2021), false);

        // 2021 has no report and, without a roster, no expected agency: no total for it
        assertThat(result.totals()).hasSize(1);
        UnitTotal total = result.totals().get(0);
        assertThat(total.year()).isEqualTo(2020);
        assertThat(total.included()).containsExactly(KAIYUAN_2020.header(), HAIBIN_2020.header(), DONGHAI_2020.header(), CITY_OFFICE_2020.header(), STRAY_2020.header());
        assertThat(total.expected()).containsExactly(KAIYUAN, HAIBIN, DONGHAI, CITY_OFFICE, STRAY);
        assertThat(total.missing()).isEmpty();
        assertValue(total, "B.NEW.NATURAL", "166");                  // 10 + 5 + 1 + 100 + 50; the 汇总 (999) left out
        assertValue(total, "B.NEW.TOTAL", "171");
    }

    @Test
    void aYearWithNoFormatInForceUsesTheFormatMostReportsHave() {
        Agency all = new Agency("ALL", "全部", List.of(), "汇总", null);
        UnitTree one = new UnitTree(List.of(all), List.of());
        Report a = TestReports.gov2021().agency(KAIYUAN).year(2018).set("B.NEW.NATURAL", 1).build();
        Report b = TestReports.gov2021().agency(HAIBIN).year(2018).set("B.NEW.NATURAL", 2).build();
        Report c = TestReports.gov2019().agency(DONGHAI).year(2018).set("B.NEW.NATURAL", 4).build();
        for (List<Report> order : List.of(List.of(c, a, b), List.of(a, b, c))) {
            Rollup.Result result = ROLLUP.compute(order, one, Set.of(), false);
            UnitTotal total = result.totals().get(0);
            assertThat(total.format()).isEqualTo("GOV2021");
            assertValue(total, "B.NEW.NATURAL", "3");
            assertThat(result.findings()).extracting(Finding::rule, Finding::agencyCode)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("ROLLUP-MIXED-FORMAT", "350503-DH"));
        }
        // no report at all: the catalogue's first format
        Rollup.Result empty = ROLLUP.compute(List.of(), new UnitTree(List.of(LICHENG), List.of(KAIYUAN)), Set.of(2018), true);
        assertThat(empty.totals()).extracting(UnitTotal::format).containsExactly("GOV2019");
    }

    @Test
    void headersAreSummedFromTheirContentReadOnceEachAndOnlyWhenTheyCount() {
        List<ReportHeader> headers = new ArrayList<>();
        Map<ReportHeader, Report> full = new java.util.HashMap<>();
        for (Report r : REPORTS_2020) {
            headers.add(r.header());
            full.put(r.header(), r);
        }
        List<ReportHeader> read = new ArrayList<>();
        ReportContent content = (reports, action) -> reports.forEach(h -> {
            read.add(h);
            action.accept(full.get(h));
        });
        Rollup.Result result = ROLLUP.compute(headers, TREE, Set.of(2020), true, content);

        // the four agencies under the job's units, once each though each counts in two or three units; the 汇总 report
        // and the agency outside every unit are not read
        assertThat(read).containsExactly(headers.get(0), headers.get(1), headers.get(2), headers.get(3));
        UnitTotal city = result.totals().get(2);
        assertValue(city, "B.NEW.NATURAL", "116");
        assertValue(city, "B.NEW.TOTAL", "121");
        assertThat(city.included()).containsExactly(headers.get(0), headers.get(1), headers.get(2), headers.get(3));
    }

    /**
     * 海滨's 2020 report has two ERROR findings (a finding of 2021, one of an unreadable file of no agency and a WARNING
     * do not count): each unit it counts in names it; summed by default, left out of every unit's sums when the job says
     * so, and then not missing either (it was sent).
     */
    @Test
    void reportsWithErrorsAreNamedAndLeftOutOfTheSumsWhenTheJobSaysSo() {
        ErrorCounts errors = ErrorCounts.of(List.of(
                finding(Severity.ERROR, HAIBIN.code(), 2020), finding(Severity.ERROR, HAIBIN.code(), 2020),
                finding(Severity.ERROR, HAIBIN.code(), 2021), finding(Severity.ERROR, null, 2020),
                finding(Severity.ERROR, KAIYUAN.code(), null), finding(Severity.WARNING, KAIYUAN.code(), 2020)));
        List<ReportHeader> headers = ReportContent.headers(REPORTS_2020);

        UnitTotal summed = ROLLUP.compute(headers, TREE, Set.of(2020), true, ReportContent.of(REPORTS_2020), errors, false)
                .totals().get(0);
        assertThat(summed.withErrors()).containsExactly(new UnitTotal.ReportErrors(HAIBIN_2020.header(), 2, false));
        assertThat(summed.includedWithErrors()).hasSize(1);
        assertThat(summed.leftOut()).isEmpty();
        assertThat(summed.leaveOutErrors()).isFalse();
        assertThat(summed.included()).containsExactly(KAIYUAN_2020.header(), HAIBIN_2020.header());
        assertValue(summed, "B.NEW.TOTAL", "20");

        Rollup.Result leftOut = ROLLUP.compute(headers, TREE, Set.of(2020), true, ReportContent.of(REPORTS_2020), errors, true);
        UnitTotal licheng = leftOut.totals().get(0);
        assertThat(licheng.leaveOutErrors()).isTrue();
        assertThat(licheng.withErrors()).containsExactly(new UnitTotal.ReportErrors(HAIBIN_2020.header(), 2, true));
        assertThat(licheng.leftOut()).hasSize(1);
        assertThat(licheng.includedWithErrors()).isEmpty();
        assertThat(licheng.included()).containsExactly(KAIYUAN_2020.header());
        assertThat(licheng.missing()).isEmpty();
        assertValue(licheng, "B.NEW.NATURAL", "10");
        assertValue(licheng, "B.NEW.TOTAL", "13");
        UnitTotal city = leftOut.totals().get(2);
        assertValue(city, "B.NEW.TOTAL", "114");                    // 13 + 1 + 100: 海滨's 7 left out here too
        assertThat(city.leftOut()).extracting(e -> e.report()).containsExactly(HAIBIN_2020.header());
        assertThat(leftOut.totals().get(1).withErrors()).as("丰泽 has no report with errors").isEmpty();
        assertThat(leftOut.findings()).isEmpty();
    }

    @Test
    void errorCountsAreByAgencyAndYear() {
        ErrorCounts counts = new ErrorCounts().add(KAIYUAN.code(), 2020, 2).add(KAIYUAN.code(), 2020, 1).add(HAIBIN.code(), 2021, 4);
        assertThat(counts.of(KAIYUAN_2020.header())).isEqualTo(3);
        assertThat(counts.of(HAIBIN_2020.header())).isZero();
        assertThat(ErrorCounts.NONE.of(KAIYUAN_2020.header())).isZero();
    }

    private static Finding finding(Severity severity, String agency, Integer year) {
        return new Finding(severity, "B-BALANCE", agency, agency, year, "f.xlsx", "Sheet1", List.of("C5"), null, null, null, "不平衡");
    }

    private static void assertValue(UnitTotal total, String id, String expected) {
        assertThat(total.values().get(id)).as("%s %s %d", id, total.unit().code(), total.year())
                .isNotNull().isEqualByComparingTo(new BigDecimal(expected));
    }
}
