package cn.nianbao.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;
import cn.nianbao.model.ReportContent;
import cn.nianbao.testing.TestReports;

/**
 * Which of an agency's reports for a year is used: the newest file, whatever order the files were found in
 * and however their paths sort; on equal times the path that sorts last, so that a re-run chooses the same.
 */
class DuplicateSubmissionTest {

    private static final Rule RULE = RuleBook.load().require("DUPLICATE-SUBMISSION");
    private static final DuplicateSubmissionCheck CHECK = new DuplicateSubmissionCheck();

    /** Every order of the reports gives the same winner. */
    private static void assertWinnerInEveryOrder(Report expected, Report... reports) {
        List<List<Report>> orders = new ArrayList<>();
        permute(new ArrayList<>(List.of(reports)), 0, orders);
        for (List<Report> order : orders) {
            DuplicateResolution r = CHECK.resolve(ReportContent.headers(order), RULE);
            assertThat(r.winners()).as("order %s", order.stream().map(x -> x.submission() == null ? "-" : x.submission().path()).toList())
                    .containsExactly(expected.header());
            assertThat(r.findings()).hasSize(reports.length - 1);
            assertThat(CHECK.check(new CrossReportInput(TestReports.CATALOGUE, 2022, order, ReportHistory.none(), null, List.of(),
                    List.of()), RULE)).isEqualTo(r.findings());
        }
    }

    private static void permute(List<Report> list, int k, List<List<Report>> into) {
        if (k == list.size()) {
            into.add(List.copyOf(list));
            return;
        }
        for (int i = k; i < list.size(); i++) {
            Collections.swap(list, k, i);
            permute(list, k + 1, into);
            Collections.swap(list, k, i);
        }
    }

    private static Report file(String path, String modified) {
        return TestReports.gov2021().consistent().year(2022).file(path, modified).build();
    }

    @Test
    void theNewestFileWinsEvenWhenItsPathSortsFirst() {
        Report newest = file("in/a-教育局.xlsx", "2023-01-20T02:00:00Z");
        Report middle = file("in/m-教育局.xlsx", "2023-01-15T02:00:00Z");
        Report oldest = file("in/z-教育局.xlsx", "2023-01-10T02:00:00Z");
        assertWinnerInEveryOrder(newest, newest, middle, oldest);
    }

    @Test
    void onEqualTimesThePathThatSortsLastWins() {
        Report a = file("in/a.xlsx", "2023-01-20T02:00:00Z");
        Report b = file("in/b.xlsx", "2023-01-20T02:00:00Z");
        assertWinnerInEveryOrder(b, a, b);
    }

    /** The report {@code r} as read from sheet {@code index} of its workbook. */
    private static Report onSheet(Report r, int index) {
        return new Report(new cn.nianbao.model.ReportHeader(r.agency(), r.year(), r.format(), r.scope(), r.submission(),
                new cn.nianbao.model.ReportPart(index, "Sheet" + (index + 1)), r.title()), r.datapoints());
    }

    @Test
    void ofTwoSheetsOfOneWorkbookTheLaterWins() {
        Report workbook = file("in/教育局.xlsx", "2023-01-20T02:00:00Z");
        assertWinnerInEveryOrder(onSheet(workbook, 1), onSheet(workbook, 0), onSheet(workbook, 1));
    }

    @Test
    void aFileWithoutATimeLosesToOneWithATimeAndIsNamedAsUnknown() {
        Report timed = file("in/a.xlsx", "2023-01-20T02:00:00Z");
        Report untimed = withoutTime(file("in/z.xlsx", "2023-01-25T02:00:00Z"));
        Report unnamed = withoutSubmission(timed);
        assertWinnerInEveryOrder(timed, timed, untimed, unnamed);
        List<Finding> findings = CHECK.resolve(ReportContent.headers(List.of(timed, untimed, unnamed)), RULE).findings();
        assertThat(findings).extracting(Finding::message).containsExactly(
                "某区教育局 2022 年的报告收到多份：采用 a.xlsx（修改时间 2023-01-20 10:00:00），忽略 z.xlsx（修改时间 未知）",
                "某区教育局 2022 年的报告收到多份：采用 a.xlsx（修改时间 2023-01-20 10:00:00），忽略 （未知文件）（修改时间 未知）");
        assertThat(findings).extracting(Finding::sourceFile).containsExactly("in/z.xlsx", null);
    }

    @Test
    void aRuleOutOfItsYearsStillChoosesButSaysNothing() {
        Report older = file("in/a.xlsx", "2023-01-10T02:00:00Z");
        Report newer = file("in/b.xlsx", "2023-01-20T02:00:00Z");
        Rule before2022 = new Rule(RULE.id(), RULE.severity(), List.of(), null, 2021, RULE.tolerance(), true, RULE.message(),
                List.of(), RULE.check(), RULE.params(), "test");
        DuplicateResolution r = CHECK.resolve(ReportContent.headers(List.of(newer, older)), before2022);
        assertThat(r.winners()).containsExactly(newer.header());
        assertThat(r.findings()).isEmpty();
    }

    private static Report withoutTime(Report r) {
        return new Report(r.agency(), r.year(), r.format(), r.scope(),
                new cn.nianbao.model.Submission(r.submission().path(), r.submission().sha256(), r.submission().sizeBytes(), null),
                r.title(), r.datapoints());
    }

    private static Report withoutSubmission(Report r) {
        return new Report(r.agency(), r.year(), r.format(), r.scope(), null, r.title(), r.datapoints());
    }
}
