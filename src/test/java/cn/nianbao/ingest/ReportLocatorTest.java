package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.nianbao.template.TemplateCatalogue;

/**
 * The locator's hard cases on grids written here, against a small catalogue of two formats: which format a workbook
 * is when the formats' markers tie or differ, the same table twice, values under merged headers, headers that compete,
 * and the column-group layout. Every expected cell and value is the one the test wrote.
 */
class ReportLocatorTest {

    /** Format P: table T (rows 收入, 支出; columns 件数, 金额) and table G drawn as column groups. */
    private static final String FORMAT_P = """
              - id: P
                name: 甲格式
                years: { from: 2019, to: 2020 }
                markers: [甲格式标记]
                tables:
                  - id: T
                    title: 一、收支情况
                    blocks:
                      - header: 收支
                        corner: 项目
                        columns:
                          - { id: N, label: 件数 }
                          - { id: M, label: 金额, aliases: [金额合计] }
                        rows:
                          - { id: IN, label: 收入 }
                          - { id: OUT, label: 支出, aliases: [支出合计] }
                  - id: G
                    title: 二、复议诉讼
                    blocks:
                      - header: 复议诉讼
                        rowsAreColumnGroups: true
                        columns:
                          - { id: KEPT, label: 维持 }
                          - { id: FIXED, label: 纠正 }
                          - { id: TOTAL, label: 总计 }
                        rows:
                          - { id: REVIEW, label: 复议 }
                          - { id: SUIT, label: 诉讼 }
            """;
    /** Format Q: table T with a third row, 结余; two markers. */
    private static final String FORMAT_Q = """
              - id: Q
                name: 乙格式
                years: { from: 2021, to: 2099 }
                markers: [乙格式标记, 乙格式另一标记]
                tables:
                  - id: T
                    title: 一、收支情况
                    blocks:
                      - header: 收支
                        corner: 项目
                        columns:
                          - { id: N, label: 件数 }
                          - { id: M, label: 金额 }
                        rows:
                          - { id: IN, label: 收入 }
                          - { id: OUT, label: 支出 }
                          - { id: BAL, label: 结余 }
            """;

    /**
     * Format R: table S of two blocks (the upper with an optional subtotal row), table W of four-column groups, table U
     * of one-column groups and table D whose two columns have the same label.
     */
    private static final String FORMAT_R = """
              - id: R
                name: 丙格式
                years: { from: 2019, to: 2099 }
                markers: [丙格式标记]
                tables:
                  - id: S
                    title: 三、两段表
                    blocks:
                      - header: 上段
                        corner: 项目
                        columns:
                          - { id: N, label: 件数 }
                        rows:
                          - { id: IN, label: 收入 }
                          - { id: SUB, label: 小计, optional: true }
                          - { id: OUT, label: 支出 }
                      - header: 下段
                        corner: 项目
                        columns:
                          - { id: N, label: 件数 }
                        rows:
                          - { id: LOAN, label: 借款 }
                          - { id: DEBT, label: 欠款 }
                  - id: W
                    title: 四、四列分组
                    blocks:
                      - header: 分组
                        rowsAreColumnGroups: true
                        columns:
                          - { id: A, label: 甲列 }
                          - { id: B, label: 乙列 }
                          - { id: C, label: 丙列 }
                          - { id: D, label: 丁列 }
                        rows:
                          - { id: X, label: 一组 }
                          - { id: Y, label: 二组 }
                  - id: U
                    title: 五、一列分组
                    blocks:
                      - header: 一列
                        rowsAreColumnGroups: true
                        columns:
                          - { id: SUM, label: 合计 }
                        rows:
                          - { id: FIVE, label: 五组 }
                          - { id: SIX, label: 六组 }
                  - id: D
                    title: 六、同名列
                    blocks:
                      - header: 同名
                        corner: 类别
                        columns:
                          - { id: A, label: 数量 }
                          - { id: B, label: 数量 }
                        rows:
                          - { id: ONE, label: 甲项 }
            """;

    private static final TemplateCatalogue P_THEN_Q = GridBuilder.catalogue("formats:\n" + FORMAT_P + FORMAT_Q);
    private static final TemplateCatalogue Q_THEN_P = GridBuilder.catalogue("formats:\n" + FORMAT_Q + FORMAT_P);
    private static final TemplateCatalogue P_ONLY = GridBuilder.catalogue("formats:\n" + FORMAT_P);
    private static final TemplateCatalogue R_ONLY = GridBuilder.catalogue("formats:\n" + FORMAT_R);

    private static LocatedReport locate(TemplateCatalogue catalogue, GridBuilder... sheets) {
        return new ReportLocator(catalogue).locate(GridBuilder.workbook(sheets));
    }

    /** Table T with its header at row {@code top} (1-based) from column A: 项目 | 件数 | 金额, then one row per label. */
    private static GridBuilder tableT(GridBuilder g, int top, Object... labelsAndValues) {
        g.text("A" + top, "项目").text("B" + top, "件数").text("C" + top, "金额");
        int r = top + 1;
        for (int i = 0; i < labelsAndValues.length; i += 3, r++) {
            g.text("A" + r, (String) labelsAndValues[i]).numbers("B" + r, (Integer) labelsAndValues[i + 1], (Integer) labelsAndValues[i + 2]);
        }
        return g;
    }

    /** Every located datapoint as 「address=value」 (blank: 「address=」), by id. */
    private static Map<String, String> cells(LocatedReport located) {
        Map<String, String> out = new LinkedHashMap<>();
        located.cells().forEach((id, c) -> out.put(id, c.sheet() + "!" + c.address() + "="
                + (c.cell().number() == null ? "" : c.cell().number().toPlainString())));
        return out;
    }

    // ------------------------------------------------------------------ competing formats

    @Test
    void markersDecideTheFormatEvenWhereTheOtherFormatPlacesMoreCells() {
        GridBuilder g = tableT(new GridBuilder("表"), 3, "收入", 1, 2, "支出", 3, 4, "结余", 5, 6).text("A1", "甲格式标记");

        LocatedReport located = locate(P_THEN_Q, g);

        assertThat(located.format().id()).as("P has a marker, Q none, though Q places 6 cells and P 4").isEqualTo("P");
        assertThat(cells(located)).containsExactly(
                Map.entry("T.IN.N", "表!B4=1"), Map.entry("T.IN.M", "表!C4=2"),
                Map.entry("T.OUT.N", "表!B5=3"), Map.entry("T.OUT.M", "表!C5=4"));
        assertThat(located.tables()).containsExactly("T");
        assertThat(located.complete()).isFalse();
        assertThat(located.problems()).extracting(LocateProblem::table, LocateProblem::rule, LocateProblem::sheet, LocateProblem::cell)
                .containsExactly(tuple("G", "PARSE-NO-TABLE", null, null));
        assertThat(located.problems().get(0).message()).isEqualTo("未找到表格「二、复议诉讼」（按行、列标签查找）；请按国家统一格式填报该表");
    }

    @Test
    void theFormatWithMoreMarkersWinsWhereBothHaveSome() {
        GridBuilder g = tableT(new GridBuilder("表"), 4, "收入", 1, 2, "支出", 3, 4)
                .text("A1", "甲格式标记").text("A2", "乙格式标记").text("B2", "乙格式另一标记");

        LocatedReport located = locate(P_THEN_Q, g);

        assertThat(located.format().id()).as("Q has two markers, P one; both place 4 cells of T").isEqualTo("Q");
        assertThat(cells(located)).containsOnlyKeys("T.IN.N", "T.IN.M", "T.OUT.N", "T.OUT.M");
        assertThat(located.problems()).extracting(LocateProblem::rule, LocateProblem::sheet, LocateProblem::cell)
                .containsExactly(tuple("PARSE-MISSING-ROW", "表", "A5"));
        assertThat(located.problems().get(0).message()).isEqualTo("表格「一、收支情况」中未找到「结余」行；请按国家统一格式补齐该行");
    }

    @Test
    void whereMarkersTieTheFormatPlacingMoreCellsWins() {
        GridBuilder none = tableT(new GridBuilder("表"), 1, "收入", 1, 2, "支出", 3, 4, "结余", 5, 6);
        GridBuilder both = tableT(new GridBuilder("表"), 3, "收入", 1, 2, "支出", 3, 4, "结余", 5, 6)
                .text("A1", "甲格式标记").text("B1", "乙格式标记");

        assertThat(locate(P_THEN_Q, none).format().id()).as("no markers: Q places 6 cells, P 4").isEqualTo("Q");
        assertThat(cells(locate(P_THEN_Q, none))).containsEntry("T.BAL.M", "表!C4=6").hasSize(6);
        assertThat(locate(P_THEN_Q, both).format().id()).as("one marker each: Q places more").isEqualTo("Q");
    }

    @Test
    void whereMarkersAndCellsTieTheFormatListedFirstWins() {
        GridBuilder g = tableT(new GridBuilder("表"), 1, "收入", 1, 2, "支出", 3, 4);

        assertThat(locate(P_THEN_Q, g).format().id()).isEqualTo("P");
        assertThat(locate(Q_THEN_P, g).format().id()).isEqualTo("Q");
    }

    @Test
    void markersWithoutTablesAreNoReport() {
        GridBuilder g = new GridBuilder("表").text("A1", "甲格式标记").text("A2", "乙格式标记").text("A3", "收入").number("B3", 1);

        assertThat(locate(P_THEN_Q, g)).isNull();
        assertThat(locate(P_THEN_Q, new GridBuilder("空"))).isNull();
    }

    // ------------------------------------------------------------------ the same table twice

    @Test
    void theSameTableTwiceOnOneSheetIsNamedAndTheFirstRead() {
        GridBuilder g = tableT(new GridBuilder("表"), 1, "收入", 1, 2, "支出", 3, 4);
        tableT(g, 11, "收入", 10, 20, "支出", 30, 40);

        LocatedReport located = locate(P_ONLY, g);

        assertThat(cells(located)).containsExactly(
                Map.entry("T.IN.N", "表!B2=1"), Map.entry("T.IN.M", "表!C2=2"),
                Map.entry("T.OUT.N", "表!B3=3"), Map.entry("T.OUT.M", "表!C3=4"));
        assertThat(located.problems()).extracting(LocateProblem::table, LocateProblem::rule, LocateProblem::sheet, LocateProblem::cell)
                .containsExactly(tuple("T", "PARSE-DUPLICATE-ROW", "表", "A12"), tuple("G", "PARSE-NO-TABLE", null, null));
        assertThat(located.problems().get(0).message())
                .isEqualTo("表格「一、收支情况」出现不止一次（另见工作表「表」A12）；已采用工作表「表」A2 处的表格，请删除重复的表格");
    }

    @Test
    void theSameTableOnTwoSheetsIsNamedAndTheFirstSheetRead() {
        GridBuilder draft = tableT(new GridBuilder("初稿"), 3, "收入", 1, 2, "支出", 3, 4);
        GridBuilder last = tableT(new GridBuilder("定稿"), 1, "收入", 10, 20, "支出", 30, 40);

        LocatedReport located = locate(P_ONLY, draft, last);

        assertThat(cells(located)).containsEntry("T.IN.N", "初稿!B4=1").containsEntry("T.OUT.M", "初稿!C5=4").hasSize(4);
        assertThat(located.problems()).extracting(LocateProblem::rule, LocateProblem::sheet, LocateProblem::cell)
                .contains(tuple("PARSE-DUPLICATE-ROW", "定稿", "A2"));
        assertThat(located.problems()).filteredOn(p -> p.rule().equals("PARSE-DUPLICATE-ROW")).singleElement()
                .extracting(LocateProblem::message).isEqualTo("表格「一、收支情况」出现不止一次（另见工作表「定稿」A2）；已采用工作表「初稿」A4 处的表格，请删除重复的表格");
    }

    @Test
    void anIncompleteCopyIsNoDuplicateAndTheCompleteOneIsRead() {
        // the first copy has no 金额 column; the complete copy after it places more cells
        GridBuilder incompleteFirst = new GridBuilder("表").text("A1", "项目").text("B1", "件数")
                .text("A2", "收入").number("B2", 1).text("A3", "支出").number("B3", 3);
        tableT(incompleteFirst, 11, "收入", 10, 20, "支出", 30, 40);
        GridBuilder completeFirst = tableT(new GridBuilder("表"), 1, "收入", 1, 2, "支出", 3, 4)
                .text("A11", "项目").text("B11", "件数").text("A12", "收入").number("B12", 10).text("A13", "支出").number("B13", 30);

        LocatedReport second = locate(P_ONLY, incompleteFirst);
        LocatedReport first = locate(P_ONLY, completeFirst);

        assertThat(cells(second)).containsExactly(
                Map.entry("T.IN.N", "表!B12=10"), Map.entry("T.IN.M", "表!C12=20"),
                Map.entry("T.OUT.N", "表!B13=30"), Map.entry("T.OUT.M", "表!C13=40"));
        assertThat(cells(first)).containsExactly(
                Map.entry("T.IN.N", "表!B2=1"), Map.entry("T.IN.M", "表!C2=2"),
                Map.entry("T.OUT.N", "表!B3=3"), Map.entry("T.OUT.M", "表!C3=4"));
        for (LocatedReport located : List.of(first, second)) {
            assertThat(located.problems()).extracting(LocateProblem::rule).containsExactly("PARSE-NO-TABLE");
        }
    }

    // ------------------------------------------------------------------ rows and columns missing

    @Test
    void aMissingRowAndAMissingColumnAreNamedWithTheTablesPlace() {
        GridBuilder g = new GridBuilder("表").text("C5", "项目").text("D5", "件数").text("C6", "收入").number("D6", 7);

        LocatedReport located = locate(P_ONLY, g);

        assertThat(cells(located)).containsExactly(Map.entry("T.IN.N", "表!D6=7"));
        assertThat(located.problems()).extracting(LocateProblem::rule, LocateProblem::sheet, LocateProblem::cell, LocateProblem::message)
                .containsExactly(
                        tuple("PARSE-MISSING-ROW", "表", "C6", "表格「一、收支情况」中未找到「支出」行；请按国家统一格式补齐该行"),
                        tuple("PARSE-MISSING-COLUMN", "表", "C6", "表格「一、收支情况」中未找到「金额」列；请按国家统一格式补齐该列"),
                        tuple("PARSE-NO-TABLE", null, null, "未找到表格「二、复议诉讼」（按行、列标签查找）；请按国家统一格式填报该表"));
    }

    @Test
    void rowsAreFoundByTheirAliasesAndOnlyWithinReachOfTheRowAbove() {
        // 支出合计 is an alias of 支出; twelve rows below 收入 is the farthest its table's next row may stand
        GridBuilder near = tableT(new GridBuilder("表"), 1, "收入", 1, 2).text("A14", "支出合计").numbers("B14", 3, 4);
        GridBuilder far = tableT(new GridBuilder("表"), 1, "收入", 1, 2).text("A15", "支出").numbers("B15", 3, 4);

        assertThat(cells(locate(P_ONLY, near))).containsEntry("T.OUT.N", "表!B14=3").hasSize(4);
        assertThat(cells(locate(P_ONLY, far))).containsOnlyKeys("T.IN.N", "T.IN.M");
    }

    // ------------------------------------------------------------------ values under merged headers

    @Test
    void theValueUnderAMergedHeaderIsItsFirstFilledColumn() {
        GridBuilder g = new GridBuilder("表").text("A1", "项目")
                .text("B1", "件数").merge("B1:C1").text("D1", "金额").merge("D1:E1")
                .text("A2", "收入").number("B2", 1).number("E2", 2) // 件数 under its first column, 金额 under its second
                .text("A3", "支出").number("B3", 3).merge("B3:C3"); // 件数 a merged value, 金额 left empty

        LocatedReport located = locate(P_ONLY, g);

        assertThat(cells(located)).containsExactly(
                Map.entry("T.IN.N", "表!B2=1"), Map.entry("T.IN.M", "表!E2=2"),
                Map.entry("T.OUT.N", "表!B3=3"), Map.entry("T.OUT.M", "表!D3="));
        assertThat(located.cells().get("T.OUT.M").cell().kind()).isEqualTo(CellKind.BLANK);
        assertThat(located.cells().get("T.IN.M").columnLabel()).isEqualTo("金额");
        assertThat(located.cells().get("T.IN.M").rowLabel()).isEqualTo("收入");
    }

    @Test
    void aValueMergedOverTwoColumnsIsReadOnceFromItsFirstCell() {
        // 收入's 件数 is merged across B:C under a header merged the same way; C2 is a copy, not a second value
        GridBuilder g = new GridBuilder("表").text("A1", "项目").text("B1", "件数").merge("B1:C1").text("D1", "金额")
                .text("A2", "收入").number("B2", 5).merge("B2:C2").number("D2", 6)
                .text("A3", "支出").number("C3", 7).number("D3", 8);

        assertThat(cells(locate(P_ONLY, g))).containsExactly(
                Map.entry("T.IN.N", "表!B2=5"), Map.entry("T.IN.M", "表!D2=6"),
                Map.entry("T.OUT.N", "表!C3=7"), Map.entry("T.OUT.M", "表!D3=8"));
    }

    @Test
    void aValueMergedDownFromTheRowAboveIsReadFromTheCellThatHoldsIt() {
        // 支出's 金额 stands in a region merged down from row 2: the value is the one in C2, and it says so
        GridBuilder g = tableT(new GridBuilder("表"), 1, "收入", 1, 2).text("A3", "支出").number("B3", 3).merge("C2:C3");

        LocatedReport located = locate(P_ONLY, g);

        assertThat(cells(located)).containsEntry("T.IN.M", "表!C2=2").containsEntry("T.OUT.M", "表!C2=2");
        assertThat(located.cells().get("T.OUT.M").cell().row()).isEqualTo(1);
    }

    @Test
    void theHeaderNearestAboveTheRowsWinsAndNoHeaderServesTwoColumns() {
        // a 件数 far above in column D, the table's own header row right above its rows; 金额 written twice in one row
        GridBuilder g = new GridBuilder("表").text("D1", "件数").text("A4", "项目").text("B4", "件数").text("C4", "金额").text("E4", "金额")
                .text("A5", "收入").numbers("B5", 1, 2, 99, 98).text("A6", "支出").numbers("B6", 3, 4, 97, 96);

        assertThat(cells(locate(P_ONLY, g))).containsExactly(
                Map.entry("T.IN.N", "表!B5=1"), Map.entry("T.IN.M", "表!C5=2"),
                Map.entry("T.OUT.N", "表!B6=3"), Map.entry("T.OUT.M", "表!C6=4"));
    }

    @Test
    void aHeaderMergedDownToTheRowsBeatsOneStandingHigher() {
        // 件数 in B1 (one row) and 件数 merged C1:C2 ending right above the rows: the lower one is the column's header
        GridBuilder g = new GridBuilder("表").text("A2", "项目").text("B1", "件数").text("C1", "件数").merge("C1:C2").text("D2", "金额")
                .text("A3", "收入").numbers("B3", 91, 1, 2).text("A4", "支出").numbers("B4", 92, 3, 4);

        assertThat(cells(locate(P_ONLY, g))).containsEntry("T.IN.N", "表!C3=1").containsEntry("T.OUT.N", "表!C4=3")
                .containsEntry("T.IN.M", "表!D3=2");
    }

    @Test
    void aHeaderBeyondReachAboveTheRowsIsNoHeader() {
        // the table's header eleven rows above its first row (notes between) is too far to be its header; ten rows is not
        GridBuilder g = new GridBuilder("表").text("A1", "项目").text("B1", "件数").text("C1", "金额")
                .text("A12", "收入").numbers("B12", 1, 2).text("A13", "支出").numbers("B13", 3, 4);
        GridBuilder within = new GridBuilder("表").text("A2", "项目").text("B2", "件数").text("C2", "金额")
                .text("A12", "收入").numbers("B12", 1, 2).text("A13", "支出").numbers("B13", 3, 4);

        assertThat(locate(P_ONLY, g)).isNull();
        assertThat(cells(locate(P_ONLY, within))).hasSize(4);
    }

    // ------------------------------------------------------------------ column groups

    @Test
    void columnGroupsReadTheirValuesFromTheFirstFilledRowUnderTheHeaders() {
        GridBuilder g = new GridBuilder("表")
                .text("A1", "复议").merge("A1:C1").text("D1", "诉讼").merge("D1:F1")
                .text("A2", "维持").text("B2", "纠正").text("C2", "总计").text("D2", "维持").text("E2", "纠正").text("F2", "总计")
                .numbers("A4", 1, 2, 3, 4, 5, 9); // row 3 left empty

        LocatedReport located = locate(P_ONLY, g);

        assertThat(cells(located)).containsExactly(
                Map.entry("G.REVIEW.KEPT", "表!A4=1"), Map.entry("G.REVIEW.FIXED", "表!B4=2"), Map.entry("G.REVIEW.TOTAL", "表!C4=3"),
                Map.entry("G.SUIT.KEPT", "表!D4=4"), Map.entry("G.SUIT.FIXED", "表!E4=5"), Map.entry("G.SUIT.TOTAL", "表!F4=9"));
        assertThat(located.cells().get("G.SUIT.FIXED").rowLabel()).isEqualTo("诉讼");
        assertThat(located.cells().get("G.SUIT.FIXED").columnLabel()).isEqualTo("纠正");
    }

    @Test
    void aColumnGroupWithoutValuesWithinThreeRowsReadsBlanksUnderItsHeaders() {
        GridBuilder g = new GridBuilder("表")
                .text("A1", "复议").merge("A1:C1").text("D1", "诉讼").merge("D1:F1")
                .text("A2", "维持").text("B2", "纠正").text("C2", "总计").text("D2", "维持").text("E2", "纠正").text("F2", "总计")
                .numbers("A6", 1, 2, 3, 4, 5, 9); // four rows below the headers

        assertThat(cells(locate(P_ONLY, g))).containsEntry("G.REVIEW.KEPT", "表!A3=").containsEntry("G.SUIT.TOTAL", "表!F3=").hasSize(6);
    }

    @Test
    void aColumnMissingFromAGroupIsNamedAtTheGroupsLabel() {
        GridBuilder g = new GridBuilder("表")
                .text("B1", "复议").merge("B1:D1").text("E1", "诉讼").merge("E1:F1")
                .text("B2", "维持").text("C2", "纠正").text("D2", "总计").text("E2", "维持").text("F2", "纠正")
                .numbers("B3", 1, 2, 3, 4, 5);

        LocatedReport located = locate(P_ONLY, g);

        assertThat(cells(located)).containsEntry("G.SUIT.FIXED", "表!F3=5").doesNotContainKey("G.SUIT.TOTAL").hasSize(5);
        assertThat(located.problems()).extracting(LocateProblem::table, LocateProblem::rule, LocateProblem::sheet, LocateProblem::cell,
                LocateProblem::message).contains(tuple("G", "PARSE-MISSING-COLUMN", "表", "E1", "「诉讼」下未找到「总计」列"));
    }

    @Test
    void theGroupsDrawnAsRowsAreReadAsRows() {
        GridBuilder g = new GridBuilder("表").text("A1", "类别").text("B1", "维持").text("C1", "纠正").text("D1", "总计")
                .text("A2", "复议").numbers("B2", 1, 2, 3).text("A3", "诉讼").numbers("B3", 4, 5, 9);

        assertThat(cells(locate(P_ONLY, g))).containsExactly(
                Map.entry("G.REVIEW.KEPT", "表!B2=1"), Map.entry("G.REVIEW.FIXED", "表!C2=2"), Map.entry("G.REVIEW.TOTAL", "表!D2=3"),
                Map.entry("G.SUIT.KEPT", "表!B3=4"), Map.entry("G.SUIT.FIXED", "表!C3=5"), Map.entry("G.SUIT.TOTAL", "表!D3=9"));
    }

    // ------------------------------------------------------------------ further cases

    @Test
    void aTableWhoseFirstRowIsMissingIsReadFromTheRowsThatAreThere() {
        GridBuilder g = new GridBuilder("表").text("A1", "项目").text("B1", "件数").text("C1", "金额").text("A2", "支出").numbers("B2", 3, 4);

        LocatedReport located = locate(P_ONLY, g);

        assertThat(cells(located)).containsExactly(Map.entry("T.OUT.N", "表!B2=3"), Map.entry("T.OUT.M", "表!C2=4"));
        assertThat(located.problems()).extracting(LocateProblem::table, LocateProblem::rule, LocateProblem::sheet, LocateProblem::cell,
                LocateProblem::message).startsWith(tuple("T", "PARSE-MISSING-ROW", "表", "A2", "表格「一、收支情况」中未找到「收入」行；请按国家统一格式补齐该行"));
    }

    @Test
    void aRowLabelWrittenInTwoConsecutiveRowsStartsTwoTables() {
        // 收入 in rows 2 and 3: a table from each, both complete; the first is read and the one from row 3 named
        GridBuilder g = tableT(new GridBuilder("表"), 1, "收入", 1, 2, "收入", 5, 6, "支出", 3, 4);

        LocatedReport located = locate(P_ONLY, g);

        assertThat(cells(located)).containsEntry("T.IN.N", "表!B2=1").containsEntry("T.OUT.N", "表!B4=3").hasSize(4);
        assertThat(located.problems()).extracting(LocateProblem::rule, LocateProblem::cell).contains(tuple("PARSE-DUPLICATE-ROW", "A3"));
    }

    @Test
    void aColumnLabelTypedInTheRowsOwnRowOrInTheLabelColumnIsNoHeader() {
        // 金额 typed again right of 收入's values, 件数 as a caption in the label column between the headers and the rows
        GridBuilder inRow = tableT(new GridBuilder("表"), 1, "收入", 1, 2, "支出", 3, 4).text("E2", "金额");
        GridBuilder inLabelColumn = new GridBuilder("表").text("A1", "项目").text("B1", "件数").text("C1", "金额").text("A2", "件数")
                .text("A3", "收入").numbers("B3", 1, 2).text("A4", "支出").numbers("B4", 3, 4);

        assertThat(cells(locate(P_ONLY, inRow))).containsEntry("T.IN.M", "表!C2=2").containsEntry("T.OUT.M", "表!C3=4");
        assertThat(cells(locate(P_ONLY, inLabelColumn))).containsEntry("T.IN.N", "表!B3=1").containsEntry("T.OUT.N", "表!B4=3");
    }

    /** Table G drawn both ways on one sheet: as column groups (rows 1 to 3) and as rows (rows 11 to 13). */
    private static GridBuilder tableGBothWays(boolean suitGroupComplete) {
        GridBuilder g = new GridBuilder("表")
                .text("A1", "复议").merge("A1:C1").text("D1", "诉讼").merge(suitGroupComplete ? "D1:F1" : "D1:E1")
                .text("A2", "维持").text("B2", "纠正").text("C2", "总计").text("D2", "维持").text("E2", "纠正")
                .numbers("A3", 1, 2, 3, 4, 5);
        if (suitGroupComplete) {
            g.text("F2", "总计").number("F3", 9);
        }
        return g.text("A11", "类别").text("B11", "维持").text("C11", "纠正").text("D11", "总计")
                .text("A12", "复议").numbers("B12", 10, 20, 30).text("A13", "诉讼").numbers("B13", 40, 50, 90);
    }

    @Test
    void whereColumnGroupsAndRowsPlaceAsManyCellsTheGroupsAreReadAndWhereRowsPlaceMoreTheRows() {
        // six columns under the two groups, two rows of three columns: a tie
        assertThat(cells(locate(P_ONLY, tableGBothWays(true)))).containsEntry("G.REVIEW.KEPT", "表!A3=1")
                .containsEntry("G.SUIT.TOTAL", "表!F3=9").hasSize(6);
        // 诉讼's group has two of its three columns: five against six
        assertThat(cells(locate(P_ONLY, tableGBothWays(false)))).containsEntry("G.REVIEW.KEPT", "表!B12=10")
                .containsEntry("G.SUIT.TOTAL", "表!D13=90").hasSize(6);
    }

    @Test
    void columnGroupsInRowsNumberedOnTheLeftAreReadThoughNoRowHasALabel() {
        // every row numbered in column A: a row's label stands before its first number, so no row has one, and only the
        // groups place the table
        GridBuilder g = new GridBuilder("表").number("A1", 1).text("B1", "复议").merge("B1:D1").text("E1", "诉讼").merge("E1:G1")
                .number("A2", 2).text("B2", "维持").text("C2", "纠正").text("D2", "总计").text("E2", "维持").text("F2", "纠正").text("G2", "总计")
                .numbers("A3", 3, 1, 2, 3, 4, 5, 9);

        LocatedReport located = locate(P_ONLY, g);

        assertThat(cells(located)).containsExactly(
                Map.entry("G.REVIEW.KEPT", "表!B3=1"), Map.entry("G.REVIEW.FIXED", "表!C3=2"), Map.entry("G.REVIEW.TOTAL", "表!D3=3"),
                Map.entry("G.SUIT.KEPT", "表!E3=4"), Map.entry("G.SUIT.FIXED", "表!F3=5"), Map.entry("G.SUIT.TOTAL", "表!G3=9"));
        assertThat(located.problems()).extracting(LocateProblem::table).doesNotContain("G");
    }

    @Test
    void aMissingGroupIsNamedAtTheFirstGroupsLabel() {
        GridBuilder g = new GridBuilder("表").text("B1", "复议").merge("B1:D1").text("B2", "维持").text("C2", "纠正").text("D2", "总计")
                .numbers("B3", 1, 2, 3);

        LocatedReport located = locate(P_ONLY, g);

        assertThat(cells(located)).containsOnlyKeys("G.REVIEW.KEPT", "G.REVIEW.FIXED", "G.REVIEW.TOTAL");
        assertThat(located.problems()).extracting(LocateProblem::table, LocateProblem::rule, LocateProblem::sheet, LocateProblem::cell)
                .contains(tuple("G", "PARSE-MISSING-ROW", "表", "B1"));
    }

    @Test
    void columnGroupHeadersMayStandFourRowsBelowTheirLabelAndValuesThreeRowsBelowTheHeaders() {
        GridBuilder g = new GridBuilder("表")
                .text("A1", "复议").merge("A1:C1").text("D1", "诉讼").merge("D1:F1")
                .text("A5", "维持").text("B5", "纠正").text("C5", "总计").text("D5", "维持").text("E5", "纠正").text("F5", "总计")
                .numbers("A8", 1, 2, 3, 4, 5, 9);

        assertThat(cells(locate(P_ONLY, g))).containsEntry("G.REVIEW.KEPT", "表!A8=1").containsEntry("G.SUIT.TOTAL", "表!F8=9").hasSize(6);
    }

    @Test
    void aTableOfTwoBlocksNamesTheFirstRowOfABlockNotFound() {
        GridBuilder g = new GridBuilder("表").text("A1", "项目").text("B1", "件数").text("A2", "收入").number("B2", 1)
                .text("A3", "小计").text("A4", "支出");

        LocatedReport located = locate(R_ONLY, g);

        // the subtotal row standing alone with no numbers is no row; 支出 with none is read as blank
        assertThat(cells(located)).containsExactly(Map.entry("S.IN.N", "表!B2=1"), Map.entry("S.OUT.N", "表!B4="));
        assertThat(located.problems()).extracting(LocateProblem::table, LocateProblem::rule, LocateProblem::sheet, LocateProblem::cell,
                LocateProblem::message).contains(tuple("S", "PARSE-MISSING-ROW", null, null, "未找到表格「三、两段表」中「借款」等行"));

        GridBuilder withSubtotal = new GridBuilder("表").text("A1", "项目").text("B1", "件数").text("A2", "收入").number("B2", 1)
                .text("A3", "小计").number("B3", 1).text("A4", "支出").number("B4", 0)
                .text("A6", "借款").number("B6", 5).text("A7", "欠款").number("B7", 6);
        assertThat(cells(locate(R_ONLY, withSubtotal))).containsEntry("S.SUB.N", "表!B3=1").containsEntry("S.DEBT.N", "表!B7=6").hasSize(5);
    }

    @Test
    void aGroupWithHalfItsColumnsIsReadAndNamesTheOthers() {
        GridBuilder g = new GridBuilder("表")
                .text("A1", "一组").merge("A1:D1").text("A2", "甲列").text("B2", "乙列").numbers("A3", 1, 2)
                .text("E1", "二组").merge("E1:H1").text("E2", "甲列").text("F2", "乙列").text("G2", "丙列").text("H2", "丁列")
                .numbers("E3", 5, 6, 7, 8);

        LocatedReport located = locate(R_ONLY, g);

        assertThat(cells(located)).containsEntry("W.X.A", "表!A3=1").containsEntry("W.X.B", "表!B3=2").doesNotContainKey("W.X.C")
                .containsEntry("W.Y.D", "表!H3=8");
        assertThat(located.problems()).extracting(LocateProblem::table, LocateProblem::rule, LocateProblem::cell)
                .contains(tuple("W", "PARSE-MISSING-COLUMN", "A1"));
    }

    @Test
    void aOneColumnGroupMayHaveALabelOfOneCell() {
        GridBuilder g = new GridBuilder("表").text("A1", "五组").text("A2", "合计").number("A3", 7)
                .text("B1", "六组").text("B2", "合计").number("B3", 8);

        assertThat(cells(locate(R_ONLY, g))).containsExactly(Map.entry("U.FIVE.SUM", "表!A3=7"), Map.entry("U.SIX.SUM", "表!B3=8"));
    }

    @Test
    void twoColumnsOfTheSameLabelTakeOneHeaderEach() {
        GridBuilder g = new GridBuilder("表").text("A1", "类别").text("B1", "数量").text("C1", "数量").text("A2", "甲项").numbers("B2", 1, 2);

        assertThat(cells(locate(R_ONLY, g))).containsExactly(Map.entry("D.ONE.A", "表!B2=1"), Map.entry("D.ONE.B", "表!C2=2"));
    }

    /** 复议 twice as a group (rows 1 to 3 with 诉讼 beside it, rows 11 to 13 alone), the first with or without its 总计. */
    private static GridBuilder reviewTwice(boolean firstComplete) {
        GridBuilder g = new GridBuilder("表")
                .text("A1", "复议").merge("A1:C1").text("D1", "诉讼").merge("D1:F1")
                .text("A2", "维持").text("B2", "纠正").text("D2", "维持").text("E2", "纠正").text("F2", "总计")
                .numbers("A3", 1, 2, 3, 4, 5, 9)
                .text("A11", "复议").merge("A11:C11").text("A12", "维持").text("B12", "纠正").text("C12", "总计").numbers("A13", 10, 20, 30);
        return firstComplete ? g.text("C2", "总计") : g;
    }

    @Test
    void ofTwoGroupsOfOneLabelTheOneWithMoreColumnsIsReadAndOfEquallyManyTheFirst() {
        assertThat(cells(locate(P_ONLY, reviewTwice(false)))).containsEntry("G.REVIEW.KEPT", "表!A13=10")
                .containsEntry("G.REVIEW.TOTAL", "表!C13=30").containsEntry("G.SUIT.TOTAL", "表!F3=9");
        assertThat(cells(locate(P_ONLY, reviewTwice(true)))).containsEntry("G.REVIEW.KEPT", "表!A3=1")
                .containsEntry("G.REVIEW.TOTAL", "表!C3=3").containsEntry("G.SUIT.TOTAL", "表!F3=9");
    }
}
