package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A sheet's cells, merged regions and hidden rows and columns, and the sheet as the agency sees it. */
class SheetGridTest {

    private static GridCell number(int r, int c, long n) {
        return new GridCell(r, c, CellKind.NUMBER, null, BigDecimal.valueOf(n));
    }

    private static GridCell text(int r, int c, String t) {
        return new GridCell(r, c, CellKind.TEXT, t, null);
    }

    @Test
    void cellsFarDownAndFarRightAreKept() {
        SheetGrid grid = new SheetGrid("表");
        grid.put(number(0, 0, 1));
        grid.put(number(0, 500, 2));   // beyond the row's first allocation
        grid.put(number(1000, 0, 3));  // beyond twice the rows allocated
        grid.put(number(2000, 300, 4)); // a new row, far right at once
        grid.put(number(-1, 3, 9));    // no cell a person could point at
        grid.put(number(3, -1, 9));

        assertThat(grid.get(0, 0).number()).isEqualByComparingTo("1");
        assertThat(grid.get(0, 500).number()).isEqualByComparingTo("2");
        assertThat(grid.get(1000, 0).number()).isEqualByComparingTo("3");
        assertThat(grid.get(2000, 300).number()).isEqualByComparingTo("4");
        assertThat(grid.lastRow()).isEqualTo(2000);
        assertThat(grid.rowIndexes()).containsExactly(0, 1000, 2000);
        assertThat(grid.row(0)).extracting(GridCell::col).containsExactly(0, 500);
        assertThat(grid.row(3)).isEmpty();
    }

    @Test
    void outsideTheStoredCellsIsBlank() {
        SheetGrid grid = new SheetGrid("表");
        grid.put(number(2, 3, 5));

        for (int[] at : new int[][] {{32, 0}, {64, 0}, {2, 16}, {2, 32}, {-1, 0}, {0, -1}, {2, 2}, {1, 3}}) {
            GridCell cell = grid.get(at[0], at[1]);
            assertThat(cell.kind()).as("%d,%d", at[0], at[1]).isEqualTo(CellKind.BLANK);
            assertThat(cell.row()).isEqualTo(at[0]);
            assertThat(cell.col()).isEqualTo(at[1]);
        }
        assertThat(grid.row(32)).isEmpty();
        assertThat(grid.row(-1)).isEmpty();
        assertThat(grid.regionOf(40, 40)).isEqualTo(new SheetGrid.Region(40, 40, 40, 40));
        assertThat(grid.isMergedCopy(40, 40)).isFalse();
    }

    @Test
    void aMergedRegionReadsAsItsTopLeftCellEverywhere() {
        SheetGrid grid = new SheetGrid("表");
        grid.put(text(1, 0, "三、本年度办理结果"));
        grid.addMerged(new SheetGrid.Region(1, 40, 0, 1)); // down past the rows stored, across two columns
        grid.put(number(5, 2, 7));

        assertThat(grid.get(40, 1).text()).isEqualTo("三、本年度办理结果");
        assertThat(grid.get(40, 1).row()).isEqualTo(40);
        assertThat(grid.get(40, 1).col()).isEqualTo(1);
        assertThat(grid.raw(40, 1).kind()).isEqualTo(CellKind.BLANK);
        assertThat(grid.isMergedCopy(1, 0)).isFalse();
        assertThat(grid.isMergedCopy(1, 1)).isTrue();
        assertThat(grid.isMergedCopy(2, 0)).isTrue();
        assertThat(grid.isMergedCopy(41, 0)).isFalse();
        assertThat(grid.regionOf(20, 1)).isEqualTo(new SheetGrid.Region(1, 40, 0, 1));
        assertThat(grid.lastRow()).isEqualTo(40);
        assertThat(grid.rowIndexes()).hasSize(40).startsWith(1, 2).endsWith(40);
        assertThat(grid.row(5)).extracting(GridCell::col, GridCell::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, CellKind.TEXT), org.assertj.core.groups.Tuple.tuple(1, CellKind.TEXT),
                        org.assertj.core.groups.Tuple.tuple(2, CellKind.NUMBER));
        assertThat(grid.mergedRegions()).containsExactly(new SheetGrid.Region(1, 40, 0, 1));
    }

    @Test
    void regionsWideAndFarRightAndTheLaterOfTwoOverlappingOnesCover() {
        SheetGrid grid = new SheetGrid("表");
        grid.put(text(0, 0, "标题"));
        grid.put(text(0, 2, "副标题"));
        grid.addMerged(new SheetGrid.Region(0, 0, 0, 3));
        grid.addMerged(new SheetGrid.Region(0, 0, 2, 40)); // overlaps the first from column C; covers past 32 columns
        grid.addMerged(new SheetGrid.Region(3, 3, 100, 200)); // a new row of regions far right at once

        assertThat(grid.get(0, 1).text()).isEqualTo("标题");
        assertThat(grid.get(0, 3).text()).isEqualTo("副标题");
        assertThat(grid.get(0, 40).text()).isEqualTo("副标题");
        assertThat(grid.regionOf(3, 200)).isEqualTo(new SheetGrid.Region(3, 3, 100, 200));
        assertThat(grid.isMergedCopy(3, 150)).isTrue();
    }

    @Test
    void wholeColumnAndWholeRowReferencesCoverNoAddressableCellOnTheirOpenSide() {
        SheetGrid grid = new SheetGrid("表");
        grid.addMerged(new SheetGrid.Region(-1, -1, 2, 2)); // "C:C": no rows
        grid.addMerged(new SheetGrid.Region(4, 4, -1, -1)); // "5:5": no columns
        grid.addMerged(new SheetGrid.Region(-1, 3, -1, 1));  // open above and to the left: rows 0-3, columns 0-1

        assertThat(grid.isMergedCopy(0, 2)).isFalse();
        assertThat(grid.isMergedCopy(4, 0)).isFalse();
        assertThat(grid.regionOf(2, 1)).isEqualTo(new SheetGrid.Region(-1, 3, -1, 1));
        assertThat(grid.lastRow()).isEqualTo(4);
    }

    @Test
    void hiddenRowsAndColumnsFromTheFirst() {
        SheetGrid grid = new SheetGrid("表");
        assertThat(grid.hasHiddenRowsOrColumns()).isFalse();
        grid.hideRow(0);
        grid.hideRow(-1);
        assertThat(grid.hasHiddenRowsOrColumns()).isTrue();
        assertThat(grid.isRowHidden(0)).isTrue();
        assertThat(grid.isRowHidden(1)).isFalse();
        assertThat(grid.isRowHidden(-1)).isFalse();

        SheetGrid columns = new SheetGrid("表");
        columns.hideColumn(0);
        columns.hideColumn(-1);
        columns.hideColumns(3, 3);
        columns.hideColumns(6, 8);
        columns.hideColumns(12, 11);
        columns.hideColumns(-2, 1);
        assertThat(columns.hasHiddenRowsOrColumns()).isTrue();
        assertThat(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12).stream().filter(columns::isColumnHidden))
                .containsExactly(0, 3, 6, 7, 8);
        assertThat(columns.isColumnHidden(-1)).isFalse();

        SheetGrid fromZero = new SheetGrid("表");
        fromZero.hideColumns(0, 1);
        assertThat(fromZero.isColumnHidden(0)).isTrue();
        assertThat(fromZero.isColumnHidden(1)).isTrue();
        assertThat(fromZero.isColumnHidden(2)).isFalse();
    }

    @Test
    void theSheetAsTheAgencySeesIt() {
        SheetGrid grid = new SheetGrid("表", SheetGrid.Addressing.TABLE);
        grid.setVisibility(SheetGrid.Visibility.HIDDEN);
        grid.put(text(0, 0, "标题"));
        grid.addMerged(new SheetGrid.Region(0, 0, 0, 2));  // shows in B1 and C1 though A is hidden
        grid.put(text(1, 3, "三、本年度办理结果"));
        grid.addMerged(new SheetGrid.Region(1, 3, 3, 3));  // shows in D3 and D4 though row 2 is hidden
        grid.put(text(5, 1, "旧标签"));
        grid.addMerged(new SheetGrid.Region(5, 5, 1, 2));  // its only row hidden
        grid.put(text(7, 0, "旧列"));
        grid.addMerged(new SheetGrid.Region(7, 8, 0, 0));  // its only column hidden
        grid.put(number(2, 2, 11));
        grid.put(number(3, 2, 12));
        grid.put(number(3, 0, 13));
        grid.hideRow(1);
        grid.hideRow(5);
        grid.hideColumn(0);

        SheetGrid seen = grid.visibleOnly();

        assertThat(seen.name()).isEqualTo("表");
        assertThat(seen.addressing()).isEqualTo(SheetGrid.Addressing.TABLE);
        assertThat(seen.visibility()).isEqualTo(SheetGrid.Visibility.HIDDEN);
        assertThat(seen.get(0, 1).text()).isEqualTo("标题");
        assertThat(seen.get(2, 3).text()).isEqualTo("三、本年度办理结果");
        assertThat(seen.get(5, 2).kind()).isEqualTo(CellKind.BLANK);
        assertThat(seen.get(8, 0).kind()).isEqualTo(CellKind.BLANK);
        assertThat(seen.get(2, 2).number()).isEqualByComparingTo("11");
        assertThat(seen.get(3, 2).number()).isEqualByComparingTo("12");
        assertThat(seen.raw(3, 0).kind()).as("a hidden column's own cell").isEqualTo(CellKind.BLANK);
        assertThat(seen.mergedRegions()).isEqualTo(grid.mergedRegions());
        assertThat(seen.hasHiddenRowsOrColumns()).isFalse();
        assertThat(grid.get(1, 3).text()).as("the grid keeps every cell").isEqualTo("三、本年度办理结果");
        assertThat(grid.get(3, 0).number()).isEqualByComparingTo("13");

        SheetGrid nothingHidden = new SheetGrid("表");
        nothingHidden.put(number(0, 0, 1));
        assertThat(nothingHidden.visibleOnly()).isSameAs(nothingHidden);
    }

    @Test
    void addressesAsAPersonFindsThem() {
        assertThat(new SheetGrid("表").address(11, 2)).isEqualTo("C12");
        assertThat(new SheetGrid("表").addressing()).isEqualTo(SheetGrid.Addressing.A1);
        assertThat(new SheetGrid("表1", SheetGrid.Addressing.TABLE).address(11, 2)).isEqualTo("第12行第3列");
        assertThat(new SheetGrid("表").isHidden()).isFalse();
        SheetGrid veryHidden = new SheetGrid("表");
        veryHidden.setVisibility(SheetGrid.Visibility.VERY_HIDDEN);
        assertThat(veryHidden.isHidden()).isTrue();
    }
}
