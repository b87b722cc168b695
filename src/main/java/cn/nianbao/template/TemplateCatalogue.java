package cn.nianbao.template;

import static cn.nianbao.yaml.YamlDocument.child;
import static cn.nianbao.yaml.YamlDocument.pointer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import cn.nianbao.yaml.YamlDocument;
import cn.nianbao.yaml.YamlFileException;

/**
 * The official report formats, loaded from {@code templates/catalogue.yml}. A new national format is a
 * new entry in that file, not new Java.
 */
public final class TemplateCatalogue {

    public static final String DEFAULT_RESOURCE = "templates/catalogue.yml";

    private final List<ReportFormat> formats;

    public TemplateCatalogue(List<ReportFormat> formats) {
        this.formats = List.copyOf(formats);
    }

    /** The catalogue shipped with the application. */
    public static TemplateCatalogue load() {
        try (InputStream in = TemplateCatalogue.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("template catalogue " + DEFAULT_RESOURCE + " is missing from the classpath");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), "classpath:" + DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read template catalogue", e);
        }
    }

    /** A catalogue written in the catalogue's YAML (a test's own formats). */
    public static TemplateCatalogue parse(Reader reader) {
        try {
            return parse(reader, "模板目录");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read template catalogue", e);
        }
    }

    /** @throws YamlFileException naming {@code name}, the line and column of the first mistake */
    static TemplateCatalogue parse(Reader reader, String name) throws IOException {
        YamlDocument doc = YamlDocument.parse(reader, name, YamlDocument.Limits.DEFAULT);
        CatalogueFile file = doc.bind(CatalogueFile.class);
        if (file.formats() == null || file.formats().isEmpty()) {
            throw doc.problem("", "formats 应为报告格式的非空列表");
        }
        List<ReportFormat> formats = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < file.formats().size(); i++) {
            CatalogueFile.Format f = file.formats().get(i);
            String at = pointer("formats", i);
            require(doc, at, f.id(), "id（格式代码，如 GOV2021）");
            require(doc, at, f.name(), "name（格式名称）");
            if (!ids.add(f.id())) {
                throw doc.problem(child(at, "id"), "报告格式「" + f.id() + "」重复");
            }
            if (f.years() == null || f.years().from() == null || f.years().to() == null) {
                throw doc.problem(f.years() == null ? at : child(at, "years"), "须写明 years: { from: 年份, to: 年份 }");
            }
            if (f.years().to() < f.years().from()) {
                throw doc.problem(child(at, "years", "to"), "years 的 to（" + f.years().to() + "）早于 from（" + f.years().from() + "）");
            }
            if (f.tables() == null || f.tables().isEmpty()) {
                throw doc.problem(f.tables() == null ? at : child(at, "tables"), "tables 应为统计表的非空列表");
            }
            checkTables(doc, at, f.tables());
            formats.add(new ReportFormat(f.id(), f.name(), f.years().from(), f.years().to(),
                    f.markers() == null ? List.of() : f.markers(), f.tables()));
        }
        return new TemplateCatalogue(formats);
    }

    /** Every table, row and column has its id and label, and no datapoint id is defined twice. */
    private static void checkTables(YamlDocument doc, String format, List<TableDef> tables) {
        for (int t = 0; t < tables.size(); t++) {
            TableDef table = tables.get(t);
            String at = child(format, "tables", t);
            require(doc, at, table.id(), "id（表的代码，如 A）");
            require(doc, at, table.title(), "title（表的标题）");
            Set<String> datapoints = new HashSet<>();
            for (int b = 0; b < table.blocks().size(); b++) {
                BlockDef block = table.blocks().get(b);
                String blockAt = child(at, "blocks", b);
                for (int c = 0; c < block.columns().size(); c++) {
                    require(doc, child(blockAt, "columns", c), block.columns().get(c).id(), "id（列的代码）");
                    require(doc, child(blockAt, "columns", c), block.columns().get(c).label(), "label（列的标签）");
                }
                for (int r = 0; r < block.rows().size(); r++) {
                    RowDef row = block.rows().get(r);
                    String rowAt = child(blockAt, "rows", r);
                    require(doc, rowAt, row.id(), "id（行的代码）");
                    require(doc, rowAt, row.label(), "label（行的标签）");
                    for (ColumnDef column : block.columns()) {
                        String id = table.id() + "." + row.id() + "." + column.id();
                        if (!datapoints.add(id)) {
                            throw doc.problem(child(rowAt, "id"), "数据项 " + id + " 重复：同一表中两处的行代码和列代码相同");
                        }
                    }
                }
            }
        }
    }

    private static void require(YamlDocument doc, String at, String value, String key) {
        if (value == null || value.isBlank()) {
            throw doc.problem(at, "缺少 " + key);
        }
    }

    public List<ReportFormat> formats() {
        return formats;
    }

    public Optional<ReportFormat> format(String id) {
        // a plain loop: called for every report (and datapoint) of a run, and there are only a few formats
        for (ReportFormat f : formats) {
            if (f.id().equals(id)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public ReportFormat require(String id) {
        return format(id).orElseThrow(() -> new IllegalArgumentException("unknown report format " + id));
    }

    /** The format in force for a report year, if any. */
    public Optional<ReportFormat> formatForYear(int year) {
        for (ReportFormat f : formats) {
            if (f.inForce(year)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
