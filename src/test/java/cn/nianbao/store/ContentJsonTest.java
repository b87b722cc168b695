package cn.nianbao.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.nianbao.ingest.ParsedWorkbook;
import cn.nianbao.ingest.ReportTitle;
import cn.nianbao.model.Datapoint;
import cn.nianbao.model.Severity;
import cn.nianbao.model.SourceCell;
import cn.nianbao.model.UnitNote;

class ContentJsonTest {

    @Test
    void datapointsRoundTripExactlyWithTheirSourcesNotesAndAnyText() {
        String longLabel = "长".repeat(5000);
        List<Datapoint> points = List.of(
                new Datapoint("B.2", new BigDecimal("1.234567"), false, new SourceCell("表\t一", "C7", "a\tb\nc\\d\"e"), null),
                new Datapoint("A.1", null, true, new SourceCell("表一", "B3", null), null),
                new Datapoint("C.3", new BigDecimal("-25211.50"), false, new SourceCell(null, null, "\\0"), UnitNote.YUAN_ASSUMED),
                new Datapoint("D.4", new BigDecimal("123456789012345678901234"), false, new SourceCell("s", "第5行第2列", ""),
                        UnitNote.YUAN_IN_WAN_COLUMN),
                new Datapoint("E.5", BigDecimal.ONE, false, new SourceCell("s", "E1", longLabel), null));

        Map<String, Datapoint> back = ContentJson.datapoints(EarlierContent.deflatedJson(points), true);

        assertThat(new ArrayList<>(back.values())).containsExactlyElementsOf(points); // stored order, every field, exactly
        assertThat(back.get("C.3").value().scale()).isEqualTo(2);

        Map<String, Datapoint> values = ContentJson.datapoints(EarlierContent.deflatedJson(points), false);
        assertThat(values.get("B.2")).isEqualTo(new Datapoint("B.2", new BigDecimal("1.234567"), false, new SourceCell("表\t一", "C7", null), null));
        assertThat(values.get("C.3").unitNote()).isEqualTo(UnitNote.YUAN_ASSUMED);
        assertThat(values.get("A.1").blank()).isTrue();
    }

    @Test
    void datapointsAreStoredDeflatedAndContentStoredAsPlainJsonStillReads() throws Exception {
        List<Datapoint> points = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            points.add(new Datapoint("B.ROW" + i + ".TOTAL", BigDecimal.valueOf(i % 7), false,
                    new SourceCell("2020年报", "C" + (i + 5), "本年新收政府信息公开申请数量 / 自然人 / 第" + i + "项"), null));
        }
        byte[] stored = EarlierContent.deflatedJson(points);
        byte[] json;
        try (var in = new java.util.zip.InflaterInputStream(new java.io.ByteArrayInputStream(stored))) {
            json = in.readAllBytes();
        }
        assertThat(json[0]).isEqualTo((byte) '[');
        assertThat(stored.length).isLessThan(json.length / 4);
        // what an earlier version stored, and later runs still look up as history
        assertThat(new ArrayList<>(ContentJson.datapoints(json, true).values())).containsExactlyElementsOf(points);
        assertThat(new ArrayList<>(ContentJson.datapoints(stored, true).values())).containsExactlyElementsOf(points);
    }

    @Test
    void damagedStoredDatapointsAreAnErrorNotAnEmptyReport() {
        byte[] stored = EarlierContent.deflatedJson(List.of(new Datapoint("A.1", BigDecimal.TEN, false, new SourceCell("s", "B3", "l"), null)));
        byte[] damaged = java.util.Arrays.copyOf(stored, stored.length);
        damaged[2] ^= 0x55;
        damaged[damaged.length - 1] ^= 0x55; // the checksum
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ContentJson.datapoints(damaged, true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("stored datapoints");
        byte[] truncated = java.util.Arrays.copyOf(stored, stored.length / 2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ContentJson.datapoints(truncated, true))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void titlesAndProblemsRoundTrip() {
        List<ReportTitle> titles = List.of(new ReportTitle("某街道2020年政府信息公开工作年度报告", "某街道", 2020),
                new ReportTitle("无年份的标题", null, null));
        assertThat(ContentJson.titles(ContentJson.titles(titles))).isEqualTo(titles);
        List<ParsedWorkbook.ContentProblem> problems = List.of(
                new ParsedWorkbook.ContentProblem(ParsedWorkbook.ContentProblem.Kind.BAD_NUMBER, Severity.ERROR, "PARSE-BAD-NUMBER",
                        "Sheet1", "C5", "「规章」「暂无」不是数字"),
                new ParsedWorkbook.ContentProblem(ParsedWorkbook.ContentProblem.Kind.LOCATE, Severity.WARNING, "PARSE-HIDDEN-CONTENT",
                        "旧表", null, null));
        assertThat(ContentJson.problems(ContentJson.problems(problems))).isEqualTo(problems);
        assertThat(ContentJson.titles((byte[]) null)).isEmpty();
    }
}
