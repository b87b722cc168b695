package cn.nianbao.template;

import java.util.List;

/**
 * One row of a table block. {@code groups} are the merged label cells drawn left of it in the
 * official layout (outermost first); {@code optional} marks a subtotal row the template lacks.
 */
public record RowDef(String id, String label, List<String> aliases, List<String> groups, boolean optional) {

    /** Keys the catalogue leaves out: no aliases, no groups. */
    public RowDef {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    public List<String> allLabels() {
        return TemplateCatalogue.concat(label, aliases);
    }
}
