package cn.nianbao.template;

import java.util.List;

/** One statistical table of the report (二 = A, 三 = B, 四 = C). */
public record TableDef(String id, String title, List<String> aliases, List<BlockDef> blocks) {
}
