package cn.nianbao.store;

import java.io.ByteArrayOutputStream;
import java.util.Collection;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import cn.nianbao.model.Datapoint;
import cn.nianbao.model.SourceCell;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

/**
 * Datapoints in the JSON form earlier versions stored (an array of objects, deflated at zlib's fastest level), for the
 * tests that check such content still reads: a database keeps it as history, and this program no longer writes it.
 */
final class EarlierContent {

    private static final JsonFactory JSON = new JsonFactory();

    private EarlierContent() {
    }

    static byte[] deflatedJson(Collection<Datapoint> datapoints) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(datapoints.size() * 12);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (JsonGenerator g = JSON.createGenerator(new DeflaterOutputStream(out, deflater, 8192))) {
            g.writeStartArray();
            for (Datapoint d : datapoints) {
                g.writeStartObject();
                g.writeStringProperty("id", d.id());
                if (d.blank()) {
                    g.writeBooleanProperty("blank", true);
                } else {
                    g.writeStringProperty("value", d.value().toPlainString());
                }
                if (d.unitNote() != null) {
                    g.writeStringProperty("unit", d.unitNote().name());
                }
                SourceCell s = d.source();
                if (s != null) {
                    property(g, "sheet", s.sheet());
                    property(g, "cell", s.cell());
                    property(g, "label", s.label());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    private static void property(JsonGenerator g, String name, String value) {
        if (value != null) {
            g.writeStringProperty(name, value);
        }
    }
}
