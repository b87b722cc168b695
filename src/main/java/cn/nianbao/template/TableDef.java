package cn.nianbao.template;

import java.util.List;

/** One statistical table of the report (二 = A, 三 = B, 四 = C). */
public record TableDef(String id, String title, List<String> aliases, List<BlockDef> blocks) {

    /** Keys the catalogue leaves out are empty lists. */
    public TableDef {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        blocks = blocks == null ? List.of() : List.copyOf(blocks);
    }
}
