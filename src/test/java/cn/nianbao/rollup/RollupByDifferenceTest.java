package cn.nianbao.rollup;

import static cn.nianbao.rollup.UnitTreeTest.CITY_OFFICE;
import static cn.nianbao.rollup.UnitTreeTest.DONGHAI;
import static cn.nianbao.rollup.UnitTreeTest.HAIBIN;
import static cn.nianbao.rollup.UnitTreeTest.KAIYUAN;
import static cn.nianbao.rollup.UnitTreeTest.TREE;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import cn.nianbao.model.Agency;
import cn.nianbao.model.Report;
import cn.nianbao.model.ReportContent;
import cn.nianbao.model.ReportHeader;
import cn.nianbao.model.UnitTotal;
import cn.nianbao.testing.TestReports;

/**
 * The roll-up started from an earlier run's sums reads only the reports that came or went and gives the sums the
 * roll-up from scratch gives (worked out by hand below); where that would read more, or an earlier total does not fit,
 * it sums from scratch.
 */
class RollupByDifferenceTest {

    private static final Rollup ROLLUP = new Rollup(TestReports.CATALOGUE);

    // 开元 10 + 3 (25211.5 元 of procurement), 海滨 5 + 2 (总计 blank: 7), 东海 1, 市政府办 100 (RollupTest's): 开元 and
    // 海滨 in 鲤城, 东海 in 丰泽, all four in the city
    private static final Report KAIYUAN_2020 = RollupTest.KAIYUAN_2020;
    private static final Report HAIBIN_2020 = RollupTest.HAIBIN_2020;
    private static final Report DONGHAI_2020 = RollupTest.DONGHAI_2020;
    private static final Report CITY_OFFICE_2020 = RollupTest.CITY_OFFICE_2020;
    /** 海滨 resubmitted (another file): 6 + 2 = 8, 0.25 元 of procurement. */
    private static final Report HAIBIN_2020_AGAIN = TestReports.gov2019().agency(HAIBIN).file("in/海滨-重报.xlsx", "2021-02-01T00:00:00Z")
            .set("B.NEW.NATURAL", 6).set("B.NEW.BUSINESS", 2).set("B.NEW.TOTAL", 8).set("A.PROCUREMENT.AMOUNT_YUAN", "0.25").build();

    private static final List<Report> BEFORE = List.of(KAIYUAN_2020, HAIBIN_2020, DONGHAI_2020, CITY_OFFICE_2020);

    @Test
    void aResubmittedReportIsTakenAwayAndItsNewVersionAddedReadingOnlyThoseTwo() {
        List<Report> now = List.of(KAIYUAN_2020, HAIBIN_2020_AGAIN, DONGHAI_2020, CITY_OFFICE_2020);
        List<ReportHeader> read = new ArrayList<>();

        Rollup.Result result = ROLLUP.compute(ReportContent.headers(now), TREE, Set.of(2020), true, reading(read), ErrorCounts.NONE,
                false, earlier(BEFORE));

        assertThat(read).containsExactlyInAnyOrder(HAIBIN_2020.header(), HAIBIN_2020_AGAIN.header());
        assertThat(result.reportsRead()).isEqualTo(2);
        Map<String, UnitTotal> units = byUnit(result);
        assertValues(units.get("350502"), "B.NEW.NATURAL", "16", "B.NEW.BUSINESS", "5", "B.NEW.TOTAL", "21",
                "A.PROCUREMENT.AMOUNT_YUAN", "25211.75");
        assertValues(units.get("350503"), "B.NEW.NATURAL", "1", "B.NEW.TOTAL", "1", "A.PROCUREMENT.AMOUNT_YUAN", "0");
        assertValues(units.get("350500"), "B.NEW.NATURAL", "117", "B.NEW.TOTAL", "122", "A.PROCUREMENT.AMOUNT_YUAN", "25211.75");
        assertThat(units.get("350502").included()).containsExactly(KAIYUAN_2020.header(), HAIBIN_2020_AGAIN.header());
        assertSameAsFromScratch(result, now);
    }

    @Test
    void aReportGoneIsTakenAwayAndAUnitLeftWithNoneIsSummedFromScratch() {
        List<Report> now = List.of(KAIYUAN_2020, HAIBIN_2020_AGAIN, CITY_OFFICE_2020);
        List<ReportHeader> read = new ArrayList<>();

        Rollup.Result result = ROLLUP.compute(ReportContent.headers(now), TREE, Set.of(2020), true, reading(read), ErrorCounts.NONE,
                false, earlier(BEFORE));

        // the city: 海滨 and 东海 taken away, 海滨's new version added (three reads, one fewer than from scratch)
        assertThat(read).containsExactlyInAnyOrder(HAIBIN_2020.header(), HAIBIN_2020_AGAIN.header(), DONGHAI_2020.header());
        Map<String, UnitTotal> units = byUnit(result);
        assertValues(units.get("350503"), "B.NEW.NATURAL", "0", "B.NEW.TOTAL", "0");
        assertThat(units.get("350503").missing()).containsExactly(DONGHAI);
        assertValues(units.get("350500"), "B.NEW.NATURAL", "116", "B.NEW.TOTAL", "121");
        assertSameAsFromScratch(result, now);
    }

    @Test
    void whereTakingAwayAndAddingReadsMoreThanSummingItIsSummedFromScratch() {
        Agency all = new Agency("ALL", "全部", List.of(), "汇总", null);
        UnitTree one = new UnitTree(List.of(all), List.of());
        List<Report> before = List.of(KAIYUAN_2020, HAIBIN_2020);
        Report kaiyuanAgain = TestReports.gov2019().agency(KAIYUAN).file("in/开元-重报.xlsx", "2021-02-01T00:00:00Z")
                .set("B.NEW.NATURAL", 20).set("B.NEW.TOTAL", 20).build();
        List<Report> now = List.of(kaiyuanAgain, HAIBIN_2020_AGAIN);
        Rollup.Result earlier = ROLLUP.compute(before, one, Set.of(2020), false);
        List<ReportHeader> read = new ArrayList<>();

        Rollup.Result result = ROLLUP.compute(ReportContent.headers(now), one, Set.of(2020), false, reading(read, kaiyuanAgain),
                ErrorCounts.NONE,
                false, (unit, year) -> earlier.totals().stream().filter(t -> t.unit().code().equals(unit) && t.year() == year).findFirst());

        assertThat(read).containsExactly(kaiyuanAgain.header(), HAIBIN_2020_AGAIN.header());
        assertValues(result.totals().get(0), "B.NEW.NATURAL", "26", "B.NEW.TOTAL", "28");
    }

    @Test
    void aReportGoneWhoseContentIsNoLongerStoredMakesEverySumFromScratch() {
        List<Report> now = List.of(KAIYUAN_2020, HAIBIN_2020_AGAIN, DONGHAI_2020, CITY_OFFICE_2020);
        Map<ReportHeader, Report> stored = new HashMap<>();
        now.forEach(r -> stored.put(r.header(), r)); // 海滨's first version is gone from the store
        List<ReportHeader> read = new ArrayList<>();
        ReportContent content = (reports, action) -> reports.forEach(h -> {
            read.add(h);
            action.accept(stored.getOrDefault(h, h.withContent(Map.of())));
        });

        Rollup.Result result = ROLLUP.compute(ReportContent.headers(now), TREE, Set.of(2020), true, content, ErrorCounts.NONE,
                false, earlier(BEFORE));

        assertValues(byUnit(result).get("350502"), "B.NEW.NATURAL", "16", "B.NEW.TOTAL", "21");
        assertThat(read).containsAll(ReportContent.headers(now));
        assertSameAsFromScratch(result, now);
    }

    @Test
    void anEarlierTotalInAnotherFormatIsNotStartedFrom() {
        List<Report> now = List.of(KAIYUAN_2020, HAIBIN_2020_AGAIN, DONGHAI_2020, CITY_OFFICE_2020);
        Map<String, BigDecimal> wrong = new LinkedHashMap<>();
        TestReports.CATALOGUE.require("GOV2019").datapoints().keySet().forEach(id -> wrong.put(id, new BigDecimal("999")));
        UnitTotal earlier2021Format = new UnitTotal(new Agency("350502", "鲤城区", List.of(), "区", "350500"), 2020, "GOV2021", wrong,
                List.of(KAIYUAN_2020.header()), List.of(KAIYUAN, HAIBIN), List.of(HAIBIN), List.of(), false, null);

        Rollup.Result result = ROLLUP.compute(ReportContent.headers(now), TREE, Set.of(2020), true, ReportContent.of(now),
                ErrorCounts.NONE, false, (unit, year) -> Optional.of(earlier2021Format).filter(t -> t.unit().code().equals(unit)));

        assertValues(byUnit(result).get("350502"), "B.NEW.NATURAL", "16", "B.NEW.TOTAL", "21");
        assertSameAsFromScratch(result, now);
    }

    @Test
    void twoReportsOfTheSameBytesAreTwoReportsAndOneOfThemGoingTakesOneAway() {
        // 开元 and 海滨 sent the very same file (same hash, same values): two reports; then 海滨's goes
        Report kaiyuan = TestReports.gov2019().agency(KAIYUAN).file("in/同一文件.xlsx", "2021-01-15T02:00:00Z")
                .set("B.NEW.NATURAL", 4).set("B.NEW.TOTAL", 4).build();
        Report haibin = TestReports.gov2019().agency(HAIBIN).file("in/同一文件.xlsx", "2021-01-15T02:00:00Z")
                .set("B.NEW.NATURAL", 4).set("B.NEW.TOTAL", 4).build();
        List<Report> before = List.of(kaiyuan, haibin, DONGHAI_2020, CITY_OFFICE_2020);
        List<Report> now = List.of(kaiyuan, DONGHAI_2020, CITY_OFFICE_2020);
        Map<ReportHeader, Report> all = new HashMap<>();
        before.forEach(r -> all.put(r.header(), r));

        Rollup.Result result = ROLLUP.compute(ReportContent.headers(now), TREE, Set.of(2020), true,
                (reports, action) -> reports.forEach(h -> action.accept(all.get(h))), ErrorCounts.NONE, false, earlier(before));

        assertValues(byUnit(result).get("350502"), "B.NEW.NATURAL", "4", "B.NEW.TOTAL", "4");
        assertValues(byUnit(result).get("350500"), "B.NEW.NATURAL", "105", "B.NEW.TOTAL", "105");
        assertSameAsFromScratch(result, now);
    }

    /** The earlier run's totals of {@code reports}, as the roll-up step would hand them over. */
    private static EarlierSums earlier(List<Report> reports) {
        Rollup.Result earlier = ROLLUP.compute(reports, TREE, Set.of(2020), true);
        return (unit, year) -> earlier.totals().stream().filter(t -> t.unit().code().equals(unit) && t.year() == year).findFirst();
    }

    /** Content of every report, before and after, that notes which it was asked for. */
    private static ReportContent reading(List<ReportHeader> read, Report... more) {
        Map<ReportHeader, Report> all = new HashMap<>();
        for (Report r : List.of(KAIYUAN_2020, HAIBIN_2020, DONGHAI_2020, CITY_OFFICE_2020, HAIBIN_2020_AGAIN)) {
            all.put(r.header(), r);
        }
        for (Report r : more) {
            all.put(r.header(), r);
        }
        return (reports, action) -> reports.forEach(h -> {
            read.add(h);
            action.accept(all.get(h));
        });
    }

    private static Map<String, UnitTotal> byUnit(Rollup.Result result) {
        Map<String, UnitTotal> units = new HashMap<>();
        result.totals().forEach(t -> units.put(t.unit().code(), t));
        return units;
    }

    private static void assertSameAsFromScratch(Rollup.Result result, List<Report> now) {
        Rollup.Result scratch = ROLLUP.compute(now, TREE, Set.of(2020), true);
        assertThat(result.totals()).hasSameSizeAs(scratch.totals());
        for (int i = 0; i < scratch.totals().size(); i++) {
            UnitTotal expected = scratch.totals().get(i);
            UnitTotal actual = result.totals().get(i);
            assertThat(actual.values().keySet()).containsExactlyElementsOf(expected.values().keySet());
            expected.values().forEach((id, v) -> assertThat(actual.values().get(id)).as(id).isEqualByComparingTo(v));
            assertThat(actual.included()).isEqualTo(expected.included());
        }
    }

    private static void assertValues(UnitTotal total, String... idsAndValues) {
        for (int i = 0; i < idsAndValues.length; i += 2) {
            assertThat(total.values().get(idsAndValues[i])).as(idsAndValues[i]).isEqualByComparingTo(new BigDecimal(idsAndValues[i + 1]));
        }
    }
}
