package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** Which cells are values (where a row's data begins) rather than labels. */
class LabelIndexTest {

    private static GridCell text(String t) {
        return new GridCell(0, 1, CellKind.TEXT, t, null);
    }

    @Test
    void numbersErrorsAndTextThatReadsAsANumberAreValues() {
        for (CellKind kind : new CellKind[] {CellKind.NUMBER, CellKind.ERROR, CellKind.BOOLEAN, CellKind.DATE, CellKind.PERCENT,
                CellKind.SHOWN_OTHERWISE, CellKind.UNCALCULATED}) {
            assertThat(LabelIndex.isValueLike(new GridCell(0, 1, kind, null, BigDecimal.ONE))).as(kind.name()).isTrue();
        }
        assertThat(LabelIndex.isValueLike(GridCell.blank(0, 1))).isFalse();
        assertThat(LabelIndex.isValueLike(text("１２"))).isTrue();
        assertThat(LabelIndex.isValueLike(text("—"))).isTrue();
        assertThat(LabelIndex.isValueLike(text("规章"))).isFalse();
        assertThat(LabelIndex.isValueLike(text("  "))).as("spaces only").isFalse();
        // a value is short: 24 characters at most, so that a long label of digits (a document number) is not one
        assertThat(LabelIndex.isValueLike(text("1".repeat(24)))).isTrue();
        assertThat(LabelIndex.isValueLike(text("1".repeat(25)))).isFalse();
    }
}
