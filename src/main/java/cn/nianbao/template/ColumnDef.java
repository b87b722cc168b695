package cn.nianbao.template;

import java.util.List;

/** One column of a table block: its canonical id, the official label and the variants agencies write. */
public record ColumnDef(String id, String label, List<String> aliases, ValueKind kind, List<String> group) {

    /** Keys the catalogue leaves out: no aliases, a count, no group above. */
    public ColumnDef {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        kind = kind == null ? ValueKind.COUNT : kind;
        group = group == null ? List.of() : List.copyOf(group);
    }

    public List<String> allLabels() {
        return TemplateCatalogue.concat(label, aliases);
    }
}
