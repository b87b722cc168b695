package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;

import org.junit.jupiter.api.Test;

/** How hidden rows and columns are named to the agency: runs, from the first row and column on. */
class ReportFinderTest {

    private static BitSet of(int... indexes) {
        BitSet set = new BitSet();
        for (int i : indexes) {
            set.set(i);
        }
        return set;
    }

    @Test
    void hiddenRowsAndColumnsAreNamedInRunsFromTheFirstOn() {
        SheetGrid sheet = new SheetGrid("表");
        SheetGrid table = new SheetGrid("表1", SheetGrid.Addressing.TABLE);

        assertThat(ReportFinder.describe(sheet, of(0, 1, 4), of(0, 2, 3))).isEqualTo("第 1–2、5 行和A、C–D 列");
        assertThat(ReportFinder.describe(table, new BitSet(), of(0))).isEqualTo("第 1 列");
    }
}
