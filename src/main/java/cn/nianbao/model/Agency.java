package cn.nianbao.model;

import java.util.List;

/**
 * A 编制主体 or a unit above it (district, city). {@code parent} is the code of the unit it rolls up
 * into, or null at the top. {@code kind} is free text from the roster: 区政府本级, 部门, 街道, 乡镇, 区, 市 ….
 */
public record Agency(String code, String name, List<String> aliases, String kind, String parent) {

    public Agency {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    /** An agency known only by the name found in its workbook (no roster). */
    public static Agency unlisted(String name, String parent) {
        return new Agency(name, name, List.of(), "", parent);
    }

    /** Kinds that have no power to make 规章 (rule A-REGULATION-SCOPE). */
    public boolean lacksRuleMakingPower() {
        return kind != null && (kind.contains("街道") || kind.contains("乡") || kind.contains("镇") || kind.contains("部门"));
    }
}
