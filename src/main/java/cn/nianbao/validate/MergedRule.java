package cn.nianbao.validate;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import cn.nianbao.yaml.YamlDocument;

/**
 * One rule's keys as merged from the shipped file and an override, and where each key was last written, so that a
 * mistake is placed in the file the user edits.
 */
final class MergedRule {

    static final Set<String> KEYS = Set.of("id", "name", "severity", "enabled", "formats", "years", "tolerance",
            "message", "relation", "relations", "check", "params", "description");

    /** An entry of a rule file: the document and the entry's pointer in it. */
    private record Written(YamlDocument document, String entry) {
    }

    private RuleFile.Entry entry;
    private final Map<String, Written> written = new HashMap<>();
    private Written last;

    MergedRule(RuleFile.Entry entry, YamlDocument document, String at) {
        this.entry = entry;
        note(document, at);
    }

    RuleFile.Entry entry() {
        return entry;
    }

    /** The file that last changed the rule. */
    String file() {
        return last.document().name();
    }

    /**
     * An override's entry: the keys it gives replace the rule's; parameters merge key by key (an override names only
     * the threshold it changes); a relation replaces the old one whichever key either was written with.
     */
    void override(RuleFile.Entry o, YamlDocument document, String at) {
        RuleFile.Entry b = entry;
        Map<String, Object> params = b.params();
        if (o.params() != null) {
            params = new LinkedHashMap<>(b.params() == null ? Map.of() : b.params());
            params.putAll(o.params());
        }
        boolean newRelation = o.relation() != null || o.relations() != null;
        entry = new RuleFile.Entry(b.id(), or(o.name(), b.name()), or(o.severity(), b.severity()), or(o.enabled(), b.enabled()),
                or(o.formats(), b.formats()), or(o.years(), b.years()), or(o.tolerance(), b.tolerance()),
                or(o.message(), b.message()), newRelation ? o.relation() : b.relation(), newRelation ? o.relations() : b.relations(),
                or(o.check(), b.check()), params, or(o.description(), b.description()));
        note(document, at);
    }

    private void note(YamlDocument document, String at) {
        last = new Written(document, at);
        for (String key : KEYS) {
            if (document.has(YamlDocument.child(at, key))) {
                written.put(key, last);
            }
        }
    }

    private static <T> T or(T given, T before) {
        return given != null ? given : before;
    }

    /**
     * A mistake in the value under {@code at} (a key, then list indexes or keys below it), placed where that key was
     * last written; with no {@code at}, a mistake of the whole rule, placed at its entry in the file that last changed it.
     */
    RuleBookException problem(String text, Object... at) {
        Written where = at.length == 0 ? last : written.getOrDefault(String.valueOf(at[0]), last);
        String pointer = at.length == 0 ? where.entry() : YamlDocument.child(where.entry(), at);
        return new RuleBookException(where.document().problem(pointer, "规则 " + entry.id() + "：" + text));
    }

    /** How the value under {@code at} is written (「abc」, 列表 …), for a message. */
    String shown(Object... at) {
        Written where = written.getOrDefault(String.valueOf(at[0]), last);
        return where.document().shown(YamlDocument.child(where.entry(), at));
    }
}
