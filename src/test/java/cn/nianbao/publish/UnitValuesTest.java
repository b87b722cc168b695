package cn.nianbao.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import cn.nianbao.model.Agency;
import cn.nianbao.model.Datapoint;
import cn.nianbao.model.Report;
import cn.nianbao.model.ReportContent;
import cn.nianbao.model.ReportHeader;
import cn.nianbao.model.Scope;
import cn.nianbao.model.SourceCell;
import cn.nianbao.model.Submission;
import cn.nianbao.template.ReportFormat;
import cn.nianbao.template.TemplateCatalogue;

/** The grid the 分单位明细 sheet draws from gives back each stored value exactly, and nothing for a blank or a gap. */
class UnitValuesTest {

    private static final ReportFormat FORMAT = TemplateCatalogue.load().require("GOV2021");
    private static final SourceCell CELL = new SourceCell("Sheet1", "C4", null);

    @Test
    void everyValueComesBackAsTheExactDecimalItWas() {
        String[] stored = {"0", "7", "-12", "25211.50", "0.0001", "999999999", "1000000000", "-98765432101234.5678",
                "1E+3", "3.14159265358979323846"};
        List<String> ids = List.copyOf(FORMAT.datapoints().keySet()).subList(0, stored.length);
        Map<String, Datapoint> points = new LinkedHashMap<>();
        for (int i = 0; i < stored.length; i++) {
            points.put(ids.get(i), Datapoint.of(ids.get(i), new BigDecimal(stored[i]), CELL));
        }
        Report report = report("A", points);

        UnitValues values = UnitValues.read(ReportContent.of(List.of(report)), List.of(report.header()), FORMAT);

        for (int i = 0; i < stored.length; i++) {
            BigDecimal back = values.value(0, ids.get(i));
            // equals, not compareTo: the scale decides how the sheet shows it (25211.50 as 25,211.50)
            assertEquals(new BigDecimal(stored[i]), back, ids.get(i));
            assertEquals(stored[i], back.toString(), ids.get(i));
        }
    }

    @Test
    void blankAndMissingHaveNoValueButOnlyBlankIsPresent() {
        List<String> ids = List.copyOf(FORMAT.datapoints().keySet());
        String blank = ids.get(3);
        String missing = ids.get(4);
        Map<String, Datapoint> first = new LinkedHashMap<>();
        first.put(blank, Datapoint.blank(blank, CELL));
        first.put(ids.get(0), Datapoint.of(ids.get(0), new BigDecimal("5"), CELL));
        first.put("X.NOT.IN.FORMAT", Datapoint.of("X.NOT.IN.FORMAT", new BigDecimal("1"), CELL));
        Map<String, Datapoint> second = new LinkedHashMap<>();
        second.put(ids.get(0), Datapoint.of(ids.get(0), new BigDecimal("6"), CELL));
        Report a = report("A", first);
        Report b = report("B", second);

        UnitValues values = UnitValues.read(ReportContent.of(List.of(a, b)), List.of(b.header(), a.header()), FORMAT);

        assertNull(values.value(1, blank));
        assertTrue(values.present(blank));
        assertNull(values.value(0, missing));
        assertNull(values.value(1, missing));
        assertFalse(values.present(missing));
        assertFalse(values.present("X.NOT.IN.FORMAT"));
        assertNull(values.value(1, "X.NOT.IN.FORMAT"));
        // rows follow the order the reports were asked for, not the order they were stored in
        assertEquals(new BigDecimal("6"), values.value(0, ids.get(0)));
        assertEquals(new BigDecimal("5"), values.value(1, ids.get(0)));
    }

    @Test
    void theStoreIsReadOnce() {
        Report a = report("A", Map.of());
        AtomicInteger passes = new AtomicInteger();
        ReportContent counting = (headers, action) -> {
            passes.incrementAndGet();
            headers.forEach(h -> action.accept(h.withContent(Map.of())));
        };

        UnitValues values = UnitValues.read(counting, List.of(a.header(), a.header()), FORMAT);

        assertEquals(1, passes.get());
        assertNull(values.value(1, List.copyOf(FORMAT.datapoints().keySet()).get(0)));
    }

    private static Report report(String code, Map<String, Datapoint> points) {
        Agency agency = new Agency(code, "单位" + code, List.of(), "部门", null);
        Submission s = new Submission(code + ".xlsx", code.repeat(64).substring(0, 64), 1, Instant.EPOCH);
        return new ReportHeader(agency, 2021, FORMAT.id(), Scope.OWN, s, cn.nianbao.model.ReportPart.WHOLE, null)
                .withContent(points);
    }
}
