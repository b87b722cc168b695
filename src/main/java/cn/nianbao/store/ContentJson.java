package cn.nianbao.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import cn.nianbao.ingest.ParsedWorkbook;
import cn.nianbao.ingest.ReportTitle;
import cn.nianbao.model.Datapoint;
import cn.nianbao.model.Severity;
import cn.nianbao.model.SourceCell;
import cn.nianbao.model.UnitNote;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.sym.BinaryNameMatcher;
import tools.jackson.core.sym.PropertyNameMatcher;

/**
 * A report's titles and problems as stored: JSON (UTF-8 bytes in a binary column), one array per kind, one object per
 * item, with the item's fields by name. Also the JSON form datapoints were stored in by earlier versions, which runs
 * still look up as history and which is still read (the current form is {@link StoredDatapoints}):
 * <pre>
 * [{"id":"B.NEW.TOTAL","value":"12","sheet":"Sheet1","cell":"H8","label":"本年新收… / 总计"},
 *  {"id":"A.FEES.CHANGE","blank":true,"sheet":"Sheet1","cell":"D20","label":"…"},
 *  {"id":"A.PROCUREMENT.AMOUNT_YUAN","value":"25211","unit":"YUAN_ASSUMED",…}]
 * </pre>
 * Values are decimal strings, exactly as read; the array was stored either plain or deflated (zlib). JSON starts with
 * '[', a zlib stream never does.
 */
public final class ContentJson {

    private static final JsonFactory JSON = new JsonFactory();

    // A datapoint's fields, matched by the parser on the name's bytes: no string is made for a name (a run parses
    // the stored content of every report once per step, a few hundred datapoints each).
    private static final int ID = 0;
    private static final int VALUE = 1;
    private static final int BLANK = 2;
    private static final int UNIT = 3;
    private static final int SHEET = 4;
    private static final int CELL = 5;
    private static final int LABEL = 6;
    private static final PropertyNameMatcher DATAPOINT_FIELDS =
            BinaryNameMatcher.construct(List.of("id", "value", "blank", "unit", "sheet", "cell", "label"));

    private ContentJson() {
    }

    /**
     * The datapoints of JSON bytes, plain or deflated, in their stored order; without {@code labels} each datapoint's
     * source comes without its label (findings name sheet and cell; only outputs print the label).
     */
    public static Map<String, Datapoint> datapoints(byte[] stored, boolean labels) {
        Map<String, Datapoint> out = new LinkedHashMap<>();
        boolean plain = stored.length > 0 && stored[0] == '[';
        Inflater inflater = plain ? null : new Inflater();
        try (JsonParser p = plain ? JSON.createParser(stored)
                : JSON.createParser(new InflaterInputStream(new ByteArrayInputStream(stored), inflater, 8192))) {
            expect(p.nextToken(), JsonToken.START_ARRAY);
            while (p.nextToken() == JsonToken.START_OBJECT) {
                String id = null;
                BigDecimal value = null;
                boolean blank = false;
                UnitNote unit = null;
                String sheet = null;
                String cell = null;
                String label = null;
                for (int name = p.nextNameMatch(DATAPOINT_FIELDS); name != PropertyNameMatcher.MATCH_END_OBJECT;
                     name = p.nextNameMatch(DATAPOINT_FIELDS)) {
                    p.nextToken();
                    switch (name) {
                        case ID -> id = p.getString();
                        case VALUE -> value = new BigDecimal(p.getString());
                        case BLANK -> blank = p.getBooleanValue();
                        case UNIT -> unit = UnitNote.valueOf(p.getString());
                        case SHEET -> sheet = p.getString();
                        case CELL -> cell = p.getString();
                        case LABEL -> label = labels ? p.getString() : null;
                        default -> p.skipChildren();
                    }
                }
                out.put(id, new Datapoint(id, blank ? null : value, blank, new SourceCell(sheet, cell, label), unit));
            }
        } catch (tools.jackson.core.JacksonException e) {
            if (e.getCause() instanceof java.util.zip.ZipException z) { // damaged in the database, or not this format
                throw new IllegalStateException("stored datapoints are neither JSON nor deflated JSON: " + z.getMessage(), z);
            }
            throw e;
        } finally {
            if (inflater != null) {
                inflater.end();
            }
        }
        return out;
    }

    public static byte[] titles(List<ReportTitle> titles) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            for (ReportTitle t : titles) {
                g.writeStartObject();
                g.writeStringProperty("text", t.text());
                writeIfPresent(g, "agency", t.agencyName());
                if (t.year() != null) {
                    g.writeNumberProperty("year", t.year().intValue());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        return out.toByteArray();
    }

    public static List<ReportTitle> titles(byte[] json) {
        List<ReportTitle> out = new ArrayList<>();
        if (json == null) {
            return out;
        }
        try (JsonParser p = JSON.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_ARRAY);
            while (p.nextToken() == JsonToken.START_OBJECT) {
                String text = null;
                String agency = null;
                Integer year = null;
                for (String name = p.nextName(); name != null; name = p.nextName()) {
                    p.nextToken();
                    switch (name) {
                        case "text" -> text = p.getString();
                        case "agency" -> agency = p.getString();
                        case "year" -> year = p.getIntValue();
                        default -> p.skipChildren();
                    }
                }
                out.add(new ReportTitle(text, agency, year));
            }
        }
        return out;
    }

    public static byte[] problems(List<ParsedWorkbook.ContentProblem> problems) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            for (ParsedWorkbook.ContentProblem c : problems) {
                g.writeStartObject();
                g.writeStringProperty("kind", c.kind().name());
                g.writeStringProperty("severity", c.severity().name());
                g.writeStringProperty("rule", c.rule());
                writeIfPresent(g, "sheet", c.sheet());
                writeIfPresent(g, "cell", c.cell());
                writeIfPresent(g, "message", c.message());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        return out.toByteArray();
    }

    public static List<ParsedWorkbook.ContentProblem> problems(byte[] json) {
        List<ParsedWorkbook.ContentProblem> out = new ArrayList<>();
        if (json == null) {
            return out;
        }
        try (JsonParser p = JSON.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_ARRAY);
            while (p.nextToken() == JsonToken.START_OBJECT) {
                ParsedWorkbook.ContentProblem.Kind kind = ParsedWorkbook.ContentProblem.Kind.LOCATE;
                Severity severity = Severity.ERROR;
                String rule = null;
                String sheet = null;
                String cell = null;
                String message = null;
                for (String name = p.nextName(); name != null; name = p.nextName()) {
                    p.nextToken();
                    switch (name) {
                        case "kind" -> kind = ParsedWorkbook.ContentProblem.Kind.valueOf(p.getString());
                        case "severity" -> severity = Severity.valueOf(p.getString());
                        case "rule" -> rule = p.getString();
                        case "sheet" -> sheet = p.getString();
                        case "cell" -> cell = p.getString();
                        case "message" -> message = p.getString();
                        default -> p.skipChildren();
                    }
                }
                out.add(new ParsedWorkbook.ContentProblem(kind, severity, rule, sheet, cell, message));
            }
        }
        return out;
    }

    private static void writeIfPresent(JsonGenerator g, String name, String value) {
        if (value != null) {
            g.writeStringProperty(name, value);
        }
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new IllegalStateException("stored content is not the JSON this program writes: " + actual + " where " + expected);
        }
    }
}
