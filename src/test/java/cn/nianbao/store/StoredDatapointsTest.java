package cn.nianbao.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.nianbao.model.Datapoint;
import cn.nianbao.model.SourceCell;
import cn.nianbao.model.UnitNote;

class StoredDatapointsTest {

    private static final List<Datapoint> ODD_ONES = List.of(
            new Datapoint("B.2", new BigDecimal("1.234567"), false, new SourceCell("表\t一", "C7", "a\tb\nc\\d\"e"), null),
            new Datapoint("A.1", null, true, new SourceCell("表一", "B3", null), null),
            new Datapoint("C.3", new BigDecimal("-25211.50"), false, new SourceCell(null, null, "\\0"), UnitNote.YUAN_ASSUMED),
            new Datapoint("D.4", new BigDecimal("123456789012345678901234"), false, new SourceCell("s", "第5行第2列", ""),
                    UnitNote.YUAN_IN_WAN_COLUMN),
            new Datapoint("D.5", new BigDecimal("-999999999999999999"), false, new SourceCell("表一", "D9", "十八位"), null),
            new Datapoint("D.6", new BigDecimal("0.000000000000000000001"), false, new SourceCell("表一", "D10", null), null),
            new Datapoint("E.5", BigDecimal.ONE, false, new SourceCell("s", "E1", "长".repeat(5000)), null),
            new Datapoint("F.6", BigDecimal.ZERO, false, null, null),
            new Datapoint("空表格😀", new BigDecimal("0.00"), false, new SourceCell("😀", "A1", "😀"), null));

    @Test
    void datapointsRoundTripExactlyWithTheirSourcesNotesAndAnyText() {
        byte[] stored = StoredDatapoints.encode(ODD_ONES);
        assertThat(stored[0]).isEqualTo((byte) StoredDatapoints.MARK);

        Map<String, Datapoint> back = StoredDatapoints.read(stored, true);

        // stored order, every field, the decimal's scale too ("0.00" is not "0"); no source reads as an empty one
        List<Datapoint> expected = new ArrayList<>(ODD_ONES);
        expected.set(7, new Datapoint("F.6", BigDecimal.ZERO, false, new SourceCell(null, null, null), null));
        assertThat(new ArrayList<>(back.values())).containsExactlyElementsOf(expected);
        assertThat(back.get("C.3").value().scale()).isEqualTo(2);
        assertThat(back.get("空表格😀").value().scale()).isEqualTo(2);
    }

    @Test
    void withoutLabelsEverythingElseReads() {
        Map<String, Datapoint> values = StoredDatapoints.read(StoredDatapoints.encode(ODD_ONES), false);

        assertThat(values.keySet()).containsExactly("B.2", "A.1", "C.3", "D.4", "D.5", "D.6", "E.5", "F.6", "空表格😀");
        assertThat(values.get("B.2")).isEqualTo(new Datapoint("B.2", new BigDecimal("1.234567"), false, new SourceCell("表\t一", "C7", null), null));
        assertThat(values.get("D.4").value()).isEqualTo(new BigDecimal("123456789012345678901234"));
        assertThat(values.get("D.4").unitNote()).isEqualTo(UnitNote.YUAN_IN_WAN_COLUMN);
        assertThat(values.get("A.1").blank()).isTrue();
        assertThat(values.get("A.1").value()).isNull();
        assertThat(values.values()).allSatisfy(d -> assertThat(d.source().label()).isNull());
    }

    @Test
    void aNegativeScaleIsStoredAsTheDecimalReads() {
        Datapoint thousand = new Datapoint("A.1", new BigDecimal("1E+3"), false, new SourceCell("s", "B2", null), null);

        BigDecimal back = StoredDatapoints.read(StoredDatapoints.encode(List.of(thousand)), true).get("A.1").value();

        assertThat(back).isEqualTo(new BigDecimal("1000"));
        assertThat(back.scale()).isZero();
    }

    @Test
    void contentStoredAsJsonByAnEarlierVersionStillReads() throws Exception {
        byte[] deflatedJson = EarlierContent.deflatedJson(ODD_ONES);
        byte[] json;
        try (var in = new java.util.zip.InflaterInputStream(new java.io.ByteArrayInputStream(deflatedJson))) {
            json = in.readAllBytes();
        }

        assertThat(StoredDatapoints.read(deflatedJson, true)).isEqualTo(ContentJson.datapoints(deflatedJson, true));
        assertThat(StoredDatapoints.read(json, false)).isEqualTo(ContentJson.datapoints(json, false));
        assertThat(StoredDatapoints.read(json, true).get("C.3").unitNote()).isEqualTo(UnitNote.YUAN_ASSUMED);
    }

    @Test
    void aReportsValuesTakeAFewBytesEachAndItsLabelsAreCompressed() {
        List<Datapoint> report = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            report.add(new Datapoint("B.ROW" + i + ".TOTAL", BigDecimal.valueOf(i * 37L % 1000), false,
                    new SourceCell("2020年报", "C" + (i + 5), "本年新收政府信息公开申请数量 / 自然人 / 第" + i + "项"), null));
        }
        byte[] stored = StoredDatapoints.encode(report);

        assertThat(stored.length).isLessThan(EarlierContent.deflatedJson(report).length);
        assertThat(new ArrayList<>(StoredDatapoints.read(stored, true).values())).containsExactlyElementsOf(report);
    }

    @Test
    void damagedOrCutStoredDatapointsAreAnErrorNotAnEmptyReport() {
        byte[] stored = StoredDatapoints.encode(ODD_ONES);
        for (int at : new int[] {1, 3, stored.length / 3, stored.length / 2, stored.length - 5, stored.length - 1}) {
            byte[] damaged = Arrays.copyOf(stored, stored.length);
            damaged[at] ^= 0x55;
            assertThatThrownBy(() -> StoredDatapoints.read(damaged, true)).as("byte %d changed", at)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("stored datapoints");
        }
        for (int length : new int[] {1, 2, 5, stored.length / 2, stored.length - 1}) {
            byte[] cut = Arrays.copyOf(stored, length);
            assertThatThrownBy(() -> StoredDatapoints.read(cut, true)).as("cut to %d bytes", length)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("stored datapoints");
        }
        // a section's length and a count damaged to a billion and more: an error, not an array sized by them
        byte[] hugeSection = {StoredDatapoints.MARK, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x04, 0x08, 0, 0, 0, 0, 0, 0, 0, 0};
        assertThatThrownBy(() -> StoredDatapoints.read(hugeSection, true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1073741824 bytes from 8");
        byte[] raw = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 0};
        java.util.zip.Deflater deflater = new java.util.zip.Deflater();
        deflater.setInput(raw);
        deflater.finish();
        byte[] section = new byte[64];
        int n = deflater.deflate(section);
        deflater.end();
        byte[] damagedCount = new byte[3 + n];
        damagedCount[0] = (byte) StoredDatapoints.MARK;
        damagedCount[1] = (byte) raw.length;
        damagedCount[2] = (byte) n;
        System.arraycopy(section, 0, damagedCount, 3, n);
        assertThatThrownBy(() -> StoredDatapoints.read(damagedCount, false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("a count of");
        byte[] longer = Arrays.copyOf(stored, stored.length + 3);
        assertThatThrownBy(() -> StoredDatapoints.read(longer, true)).isInstanceOf(IllegalStateException.class);
    }
}
