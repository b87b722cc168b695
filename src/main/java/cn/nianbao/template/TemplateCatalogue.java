package cn.nianbao.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

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
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read template catalogue", e);
        }
    }

    public static TemplateCatalogue parse(Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        // Anchors and aliases are used on purpose (shared tables); SafeConstructor builds no Java types.
        Yaml yaml = new Yaml(new SafeConstructor(options));
        Map<String, Object> root = yaml.load(reader);
        List<ReportFormat> formats = new ArrayList<>();
        for (Map<String, Object> f : maps(root.get("formats"))) {
            Map<String, Object> years = map(f.get("years"));
            List<TableDef> tables = new ArrayList<>();
            for (Map<String, Object> t : maps(f.get("tables"))) {
                List<BlockDef> blocks = new ArrayList<>();
                for (Map<String, Object> b : maps(t.get("blocks"))) {
                    List<ColumnDef> columns = new ArrayList<>();
                    for (Map<String, Object> c : maps(b.get("columns"))) {
                        String kind = str(c.get("kind"));
                        columns.add(new ColumnDef(str(c.get("id")), str(c.get("label")), strings(c.get("aliases")),
                                kind == null ? ValueKind.COUNT : ValueKind.valueOf(kind.toUpperCase(Locale.ROOT)),
                                strings(c.get("group"))));
                    }
                    List<RowDef> rows = new ArrayList<>();
                    for (Map<String, Object> r : maps(b.get("rows"))) {
                        rows.add(new RowDef(str(r.get("id")), str(r.get("label")), strings(r.get("aliases")),
                                strings(r.get("groups")), Boolean.TRUE.equals(r.get("optional"))));
                    }
                    blocks.add(new BlockDef(str(b.get("header")), str(b.get("corner")), columns, rows,
                            Boolean.TRUE.equals(b.get("rowsAreColumnGroups"))));
                }
                tables.add(new TableDef(str(t.get("id")), str(t.get("title")), strings(t.get("aliases")), blocks));
            }
            formats.add(new ReportFormat(str(f.get("id")), str(f.get("name")),
                    ((Number) years.get("from")).intValue(), ((Number) years.get("to")).intValue(),
                    strings(f.get("markers")), tables));
        }
        return new TemplateCatalogue(formats);
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

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object o) {
        return o == null ? List.of() : (List<Map<String, Object>>) o;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static List<String> strings(Object o) {
        if (o == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object e : (List<?>) o) {
            out.add(e.toString());
        }
        return List.copyOf(out);
    }
}
