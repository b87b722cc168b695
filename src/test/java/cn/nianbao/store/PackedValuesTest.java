package cn.nianbao.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.nianbao.ingest.ParsedValue;
import cn.nianbao.model.Datapoint;
import cn.nianbao.model.SourceCell;

class PackedValuesTest {

    @Test
    void decimalsReadBackExactlyAsTheirTextWithTheSameScale() {
        for (String text : List.of("0", "7", "-7", "25211", "-25211", "999999999999999999", "1000000000000000000",
                "-999999999999999999", "0.5", "-0.0001", "12.3400", "1E+3", "123456789012345678901234")) {
            String packed = "x\t" + text + "\ty";
            BigDecimal read = PackedValues.decimal(packed, 2, 2 + text.length());
            assertThat(read).as(text).isEqualTo(new BigDecimal(text));
            assertThat(read.scale()).as(text).isEqualTo(new BigDecimal(text).scale());
        }
    }

    @Test
    void labelsRoundTripBesideTheValuesInIdOrder() {
        String longLabel = "长".repeat(1200);
        List<Datapoint> points = List.of(
                new Datapoint("B.2", new BigDecimal("1.23456"), false, new SourceCell("表\t一", "C7", "a\tb\nc\\d")),
                new Datapoint("A.1", null, true, new SourceCell("表一", "B3", null)),
                new Datapoint("C.3", BigDecimal.TEN, false, new SourceCell(null, null, "\\0")),
                new Datapoint("D.4", BigDecimal.ONE, false, new SourceCell("s", "D1", "")),
                new Datapoint("E.5", BigDecimal.ONE, false, new SourceCell("s", "E1", longLabel)));
        Map<String, ParsedValue.UnitNote> notes = new LinkedHashMap<>();
        notes.put("C.3", ParsedValue.UnitNote.values()[0]);

        List<Datapoint> back = new ArrayList<>();
        Map<String, ParsedValue.UnitNote> backNotes = new LinkedHashMap<>();
        PackedValues.unpack(PackedValues.pack(points, notes), PackedValues.packLabels(points), (d, note) -> {
            back.add(d);
            if (note != null) {
                backNotes.put(d.id(), note);
            }
        });

        assertThat(back).extracting(Datapoint::id).containsExactly("A.1", "B.2", "C.3", "D.4", "E.5");
        assertThat(back.get(0).source()).isEqualTo(new SourceCell("表一", "B3", null));
        assertThat(back.get(0).blank()).isTrue();
        assertThat(back.get(1).value()).isEqualByComparingTo("1.2346");
        assertThat(back.get(1).source()).isEqualTo(new SourceCell("表\t一", "C7", "a\tb\nc\\d"));
        assertThat(back.get(2).source()).isEqualTo(new SourceCell(null, null, "\\0"));
        assertThat(back.get(3).source().label()).isEmpty();
        assertThat(back.get(4).source().label()).isEqualTo(longLabel.substring(0, 1000)); // as nb_datapoint.label kept it
        assertThat(backNotes).isEqualTo(notes);

        // without labels (the passes that only add up or compare)
        List<Datapoint> values = new ArrayList<>();
        PackedValues.unpack(PackedValues.pack(points, notes), (d, note) -> values.add(d));
        assertThat(values).extracting(d -> d.source().label()).containsOnlyNulls();
    }

    /**
     * Ids and cell addresses read back are the same string objects each time (one per distinct text, per thread), and
     * the table stops growing at its bound, cutting new strings past it.
     */
    @Test
    void idsAndCellsReadBackShareOneStringEach() {
        List<Datapoint> points = List.of(new Datapoint("A.1", BigDecimal.ONE, false, new SourceCell("s", "C7", "x")),
                new Datapoint("B.2", BigDecimal.ONE, false, new SourceCell("s", "C\\8", "y")));
        String packed = PackedValues.pack(points, Map.of());
        List<Datapoint> first = new ArrayList<>();
        List<Datapoint> second = new ArrayList<>();
        PackedValues.unpack(packed, (d, n) -> first.add(d));
        PackedValues.unpack(new String(packed), (d, n) -> second.add(d));
        assertThat(second.get(0).id()).isSameAs(first.get(0).id()).isEqualTo("A.1");
        assertThat(second.get(0).source().cell()).isSameAs(first.get(0).source().cell()).isEqualTo("C7");
        assertThat(second.get(1).source().cell()).isEqualTo("C\\8"); // escaped: unescaped, not from the table

        CanonicalStrings table = new CanonicalStrings();
        String text = "x".repeat(10);
        String[] made = new String[CanonicalStrings.MAX_ENTRIES + 10];
        for (int i = 0; i < made.length; i++) {
            String s = "c" + i;
            made[i] = table.of(s, 0, s.length());
            assertThat(made[i]).isEqualTo(s);
        }
        assertThat(table.of("c5", 0, 2)).isSameAs(made[5]);
        String past = "c" + (CanonicalStrings.MAX_ENTRIES + 5);
        assertThat(table.of(past, 0, past.length())).isEqualTo(past).isNotSameAs(made[CanonicalStrings.MAX_ENTRIES + 5]);
        assertThat(table.of(text, 2, 5)).isEqualTo("xxx");
    }
}
