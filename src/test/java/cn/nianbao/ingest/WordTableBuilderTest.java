package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.nianbao.ingest.WordTableBuilder.VMerge;

/**
 * A Word table's cells placed on a grid as a person sees them: spans across grid columns, merges down, legacy
 * horizontal merges, rows indented by skipped columns, malformed merges, and the limits checked as cells arrive.
 */
class WordTableBuilderTest {

    private static WordTableBuilder table(ReadLimits limits) {
        return new WordTableBuilder(3, limits);
    }

    private static WordTableBuilder table() {
        return table(ReadLimits.defaults());
    }

    private static ReadLimits limits(int rows, int columns, int cells) {
        return new ReadLimits(ReadLimits.DEFAULT_MAX_FILE_BYTES, 5, rows, columns, ReadLimits.DEFAULT_MAX_ENTRY_BYTES, 0.01, cells);
    }

    /** Every cell that holds text as 「第R行第C列=text」. */
    private static List<String> texts(SheetGrid grid) {
        List<String> out = new ArrayList<>();
        for (GridCell c : GridFiles.cells(grid)) {
            if (c.kind() != CellKind.BLANK) {
                out.add(grid.address(c.row(), c.col()) + "=" + c.text());
            }
        }
        return out;
    }

    private static SheetGrid.Region region(int firstRow, int lastRow, int firstCol, int lastCol) {
        return new SheetGrid.Region(firstRow, lastRow, firstCol, lastCol);
    }

    @Test
    void cellsSpanningColumnsAndRowsIndentedBySkippedColumns() throws Exception {
        WordTableBuilder t = table();
        t.startRow(0);
        t.cell(1, VMerge.NONE, "项目");
        t.cell(2, VMerge.NONE, "申请人情况");
        t.cell(0, VMerge.NONE, "总计"); // no span given: one column
        t.startRow(1);
        t.cell(1, VMerge.NONE, "自然人");
        t.skip(0);
        t.skip(-1);
        t.cell(1, VMerge.NONE, "");
        t.cell(1, VMerge.NONE, null);
        t.startRow(0);
        t.skip(2);
        t.cell(1, VMerge.NONE, "5");

        SheetGrid grid = t.build();

        assertThat(t.number()).isEqualTo(3);
        assertThat(t.name()).isEqualTo("表3");
        assertThat(grid.name()).isEqualTo("表3");
        assertThat(grid.addressing()).isEqualTo(SheetGrid.Addressing.TABLE);
        assertThat(texts(grid)).containsExactly("第1行第1列=项目", "第1行第2列=申请人情况", "第1行第4列=总计", "第2行第2列=自然人", "第3行第3列=5");
        assertThat(grid.mergedRegions()).containsExactly(region(0, 0, 1, 2));
    }

    @Test
    void cellsMergedDownAreOneRegionWithTheTextOfItsFirstCell() throws Exception {
        WordTableBuilder t = table();
        t.startRow(0);
        t.cell(1, VMerge.RESTART, "三、本年度办理结果");
        t.cell(1, VMerge.NONE, "（一）予以公开");
        t.startRow(0);
        t.cell(1, VMerge.CONTINUE, "Word 不显示的文字");
        t.cell(1, VMerge.NONE, "（二）部分公开");
        t.startRow(0);
        t.cell(1, VMerge.CONTINUE, null);
        t.cell(1, VMerge.RESTART, "单独一格"); // restarted, never continued: no region
        t.startRow(0);
        t.cell(1, VMerge.NONE, "四、结转下年度继续办理");
        t.cell(1, VMerge.NONE, "x");
        t.cell(1, VMerge.CONTINUE, "接不上"); // continues nothing above: a cell of its own

        SheetGrid grid = t.build();

        assertThat(texts(grid)).containsExactly("第1行第1列=三、本年度办理结果", "第1行第2列=（一）予以公开", "第2行第2列=（二）部分公开",
                "第3行第2列=单独一格", "第4行第1列=四、结转下年度继续办理", "第4行第2列=x", "第4行第3列=接不上");
        assertThat(grid.mergedRegions()).containsExactly(region(0, 2, 0, 0));
        assertThat(grid.get(2, 0).text()).isEqualTo("三、本年度办理结果");
    }

    @Test
    void aWideCellMergedDownAndTheLastRowOfATable() throws Exception {
        WordTableBuilder t = table();
        t.startRow(0);
        t.cell(2, VMerge.RESTART, "行政复议");
        t.cell(1, VMerge.RESTART, "行政诉讼");
        t.startRow(0);
        t.cell(2, VMerge.CONTINUE, null);
        t.cell(1, VMerge.CONTINUE, null);

        SheetGrid grid = t.build();

        assertThat(grid.mergedRegions()).containsExactlyInAnyOrder(region(0, 1, 0, 1), region(0, 1, 2, 2));
        assertThat(grid.get(1, 1).text()).isEqualTo("行政复议");
        assertThat(grid.get(1, 2).text()).isEqualTo("行政诉讼");
    }

    @Test
    void aWideRestartNeverContinuedIsStillMergedAcross() throws Exception {
        WordTableBuilder t = table();
        t.startRow(0);
        t.cell(2, VMerge.RESTART, "合计");
        t.startRow(0);
        t.cell(1, VMerge.NONE, "1");

        assertThat(t.build().mergedRegions()).containsExactly(region(0, 0, 0, 1));
    }

    @Test
    void aCellInTheColumnsOfARegionMergedDownEndsTheRegionAndCoversItsOwnColumns() throws Exception {
        // a region over columns 2-3 merged down two rows, then a cell of row 2 from column 3 on: Word shows that cell
        WordTableBuilder t = table();
        t.startRow(0);
        t.cell(1, VMerge.NONE, "a");
        t.cell(2, VMerge.RESTART, "合并");
        t.startRow(0);
        t.cell(1, VMerge.NONE, "b");
        t.cell(1, VMerge.CONTINUE, null);
        t.cell(2, VMerge.NONE, "新");

        SheetGrid grid = t.build();

        assertThat(grid.mergedRegions()).containsExactly(region(0, 1, 1, 2), region(1, 1, 2, 3));
        assertThat(grid.get(1, 2).text()).isEqualTo("新");
        assertThat(grid.get(1, 3).text()).isEqualTo("新");
        assertThat(grid.get(1, 1).text()).isEqualTo("合并");
        assertThat(grid.get(0, 2).text()).isEqualTo("合并");
    }

    @Test
    void aCellEndingInTheFirstColumnOfARegionEndsItToo() throws Exception {
        WordTableBuilder t = table();
        t.startRow(0);
        t.cell(1, VMerge.NONE, "a");
        t.cell(1, VMerge.RESTART, "合并");
        t.startRow(0);
        t.cell(2, VMerge.NONE, "宽"); // columns 1-2: ends the region that starts in column 2
        t.cell(1, VMerge.CONTINUE, "接");

        SheetGrid grid = t.build();

        assertThat(grid.mergedRegions()).containsExactly(region(1, 1, 0, 1));
        assertThat(texts(grid)).containsExactly("第1行第1列=a", "第1行第2列=合并", "第2行第1列=宽", "第2行第3列=接");
    }

    @Test
    void legacyHorizontalMergesWidenTheCellToTheirLeft() throws Exception {
        WordTableBuilder t = table();
        t.startRow(0);
        t.cell(1, VMerge.NONE, "申请人情况");
        t.continueLeft(1);
        t.continueLeft(0);
        t.cell(1, VMerge.NONE, "总计");
        t.startRow(0);
        t.continueLeft(2); // nothing to its left: an empty cell of its own
        t.cell(1, VMerge.NONE, "x");

        SheetGrid grid = t.build();

        assertThat(grid.mergedRegions()).containsExactly(region(0, 0, 0, 2), region(1, 1, 0, 1));
        assertThat(texts(grid)).containsExactly("第1行第1列=申请人情况", "第1行第4列=总计", "第2行第3列=x");
    }

    @Test
    void aMergeDownReachesOnlyAsFarAsTheRowsRightBelowContinueIt() throws Exception {
        WordTableBuilder t = table();
        // the last cell of a row merged down into the next row, then a row that does not continue it
        t.startRow(0);
        t.cell(1, VMerge.NONE, "项目");
        t.cell(1, VMerge.RESTART, "合计");
        t.startRow(0);
        t.cell(1, VMerge.NONE, "收入");
        t.cell(1, VMerge.CONTINUE, null);
        t.startRow(0);
        t.cell(1, VMerge.NONE, "支出");
        t.cell(1, VMerge.NONE, "5");
        // a merge down, a row with no cell in its column, then a cell that says it continues: it continues nothing
        t.startRow(0);
        t.cell(1, VMerge.RESTART, "甲");
        t.startRow(0);
        t.startRow(0);
        t.cell(1, VMerge.CONTINUE, "乙");
        // a cell, skipped columns, then a legacy horizontal merge: it has nothing to its left to widen
        t.startRow(0);
        t.cell(1, VMerge.NONE, "丙");
        t.skip(1);
        t.continueLeft(1);

        SheetGrid g = t.build();

        assertThat(g.mergedRegions()).containsExactly(region(0, 1, 1, 1));
        assertThat(texts(g)).containsExactly("第1行第1列=项目", "第1行第2列=合计", "第2行第1列=收入", "第3行第1列=支出", "第3行第2列=5",
                "第4行第1列=甲", "第6行第1列=乙", "第7行第1列=丙");
    }

    @Test
    void cellsBeforeAnyRowAreTheFirstRow() throws Exception {
        WordTableBuilder t = table();
        t.cell(1, VMerge.NONE, "无行");
        t.startRow(0);
        t.cell(1, VMerge.NONE, "第二行");

        assertThat(texts(t.build())).containsExactly("第1行第1列=无行", "第2行第1列=第二行");
    }

    @Test
    void rowsColumnsCellsAndTextBeyondTheLimitsRefuseTheTable() throws Exception {
        WordTableBuilder rows = table(limits(2, 200, 100_000));
        rows.startRow(0);
        rows.startRow(0);
        assertRefused(() -> rows.startRow(0), "表格「表3」超过 2 行（上限）");

        WordTableBuilder columns = table(limits(100, 3, 100_000));
        columns.startRow(0);
        columns.cell(2, VMerge.NONE, "a");
        columns.cell(1, VMerge.NONE, "b"); // exactly three
        columns.startRow(1);
        assertRefused(() -> columns.cell(3, VMerge.NONE, "c"), "表格「表3」第2行超过 3 列（上限）");
        WordTableBuilder wide = table(limits(100, 3, 100_000));
        wide.startRow(0);
        assertRefused(() -> wide.skip(4), "表格「表3」第1行超过 3 列（上限）");
        WordTableBuilder merged = table(limits(100, 3, 100_000));
        merged.startRow(0);
        merged.cell(2, VMerge.NONE, "a");
        assertRefused(() -> merged.continueLeft(2), "表格「表3」第1行超过 3 列（上限）");

        WordTableBuilder cells = table(limits(100, 200, 5));
        cells.startRow(0);
        cells.cell(3, VMerge.NONE, "a");
        cells.startRow(1);
        cells.cell(1, VMerge.NONE, "b"); // five grid positions, the skipped one counted
        assertRefused(() -> cells.cell(1, VMerge.NONE, "c"), "表格「表3」超过 5 个单元格（上限）");

        WordTableBuilder text = table();
        text.startRow(0);
        text.cell(1, VMerge.NONE, "字".repeat(WordTableBuilder.MAX_CELL_CHARS));
        assertRefused(() -> text.cell(1, VMerge.NONE, "字".repeat(WordTableBuilder.MAX_CELL_CHARS + 1)),
                "表格「表3」第1行第2列的文字超过 100000 字");
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void assertRefused(Step step, String what) {
        assertThatThrownBy(step::run).isInstanceOfSatisfying(UnreadableWorkbookException.class, e -> {
            assertThat(e.rule()).isEqualTo("PARSE-TOO-LARGE");
            assertThat(e.getMessage()).isEqualTo(what + "，已拒绝读取；年报的表格只有几十行；请删除与年报无关的表格和内容，用 Word 或 WPS 另存为 .docx 后重新报送");
        });
    }
}
