package cn.nianbao.validate;

import java.util.Optional;

import cn.nianbao.template.DatapointDef;
import cn.nianbao.template.ReportFormat;
import cn.nianbao.template.RowDef;
import cn.nianbao.template.TemplateCatalogue;

/** The Chinese labels of rows, columns and datapoints, from the template catalogue. */
public final class Labels {

    private Labels() {
    }

    /** e.g. 「（三）不予公开 1.属于国家秘密」 for B.DENIED_1, 「行政许可」 for A.LICENSING. */
    public static String row(TemplateCatalogue catalogue, String format, String datapointId) {
        return def(catalogue, format, datapointId).map(d -> rowLabel(d.row())).orElseGet(() -> part(datapointId, 1));
    }

    /** e.g. 「自然人」 for B.NEW.NATURAL. */
    public static String column(TemplateCatalogue catalogue, String format, String datapointId) {
        return def(catalogue, format, datapointId).map(d -> d.column().label()).orElseGet(() -> part(datapointId, 2));
    }

    /** e.g. 「（三）不予公开 1.属于国家秘密 · 自然人」. */
    public static String datapoint(TemplateCatalogue catalogue, String format, String datapointId) {
        return def(catalogue, format, datapointId).map(d -> rowLabel(d.row()) + " · " + d.column().label()).orElse(datapointId);
    }

    private static String rowLabel(RowDef row) {
        // A numbered sub-item (「1.属于国家秘密」) means little without its group (「（三）不予公开」).
        if (!row.groups().isEmpty() && !row.label().isEmpty() && Character.isDigit(row.label().charAt(0))) {
            return row.groups().get(row.groups().size() - 1) + " " + row.label();
        }
        return row.label();
    }

    private static Optional<DatapointDef> def(TemplateCatalogue catalogue, String format, String id) {
        if (catalogue == null || format == null) {
            return Optional.empty();
        }
        Optional<ReportFormat> f = catalogue.format(format);
        if (f.isEmpty()) {
            return Optional.empty();
        }
        return f.get().datapoint(id);
    }

    private static String part(String id, int index) {
        String[] parts = id.split("\\.");
        return parts.length == 3 ? parts[index] : id;
    }
}
