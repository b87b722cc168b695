package cn.nianbao.validate;

import static cn.nianbao.yaml.YamlDocument.pointer;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.nianbao.model.Finding;
import cn.nianbao.model.Severity;
import cn.nianbao.template.ReportFormat;
import cn.nianbao.template.TemplateCatalogue;
import cn.nianbao.yaml.YamlDocument;
import cn.nianbao.yaml.YamlFileException;

/**
 * The rules in force for a run: the shipped {@code rules/default-rules.yml} merged with an optional
 * override file. Everything is checked on load (keys, severities, relations, check names, parameters,
 * message placeholders), so a bad file stops the run before any report is read; each mistake is named with the file,
 * line and column where the key was last written.
 */
public final class RuleBook {

    public static final String DEFAULT_RESOURCE = "rules/default-rules.yml";
    private static final String DEFAULT_NAME = "classpath:" + DEFAULT_RESOURCE;
    /** A hand-written rule file names a formats list by an alias a few times at most. */
    static final YamlDocument.Limits LIMITS = YamlDocument.Limits.DEFAULT.withMaxAliases(20);

    static final Set<String> RELATION_PLACEHOLDERS = Set.of("left", "right", "delta", "tolerance", "row", "column",
            "target", "agency", "year");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    private final List<Rule> rules;

    private RuleBook(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The shipped rules. */
    public static RuleBook load() {
        return load((String) null, null);
    }

    /** The shipped rules merged with {@code overrideOrNull}; throws {@link RuleBookException} on any problem. */
    public static RuleBook load(Path overrideOrNull) {
        return load(readOverride(overrideOrNull), overrideOrNull == null ? null : overrideOrNull.toString());
    }

    /**
     * The shipped rules merged with an override file's text as a run stored it when it started ({@code overrideText}
     * null: none); {@code origin} names the file in messages.
     */
    public static RuleBook load(String overrideText, String origin) {
        TemplateCatalogue catalogue = TemplateCatalogue.load();
        Map<String, MergedRule> entries = new LinkedHashMap<>();
        merge(entries, parse(defaultText(), DEFAULT_NAME));
        if (overrideText != null) {
            merge(entries, parse(overrideText, origin == null ? "规则文件" : origin));
        }
        List<Rule> rules = new ArrayList<>();
        for (MergedRule rule : entries.values()) {
            rules.add(build(rule, catalogue));
        }
        return new RuleBook(rules);
    }

    /** The text of a rule override file, as a run stores it when it starts (null for none). */
    public static String readOverride(Path overrideOrNull) {
        if (overrideOrNull == null) {
            return null;
        }
        try {
            return Files.readString(overrideOrNull, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new RuleBookException(overrideOrNull.toString(), null, "文件不存在（当前文件夹：" + Path.of("").toAbsolutePath() + "）", e);
        } catch (IOException e) {
            throw new RuleBookException(overrideOrNull.toString(), null, "无法读取：" + e.getMessage(), e);
        }
    }

    private static String defaultText() {
        try (InputStream in = RuleBook.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new RuleBookException(DEFAULT_NAME, null, "文件不在 classpath 中");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RuleBookException(DEFAULT_NAME, null, "无法读取：" + e.getMessage(), e);
        }
    }

    public List<Rule> rules() {
        return rules;
    }

    public Optional<Rule> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /**
     * Findings the pipeline made itself (check {@code reader} or {@code run}: PARSE-*, INPUT-NO-REPORT, …) as the
     * rule book says: left out where their rule is switched off or not in force for the finding's year, with the
     * rule's severity, and the message framed by the rule's ({@code {detail}} is the pipeline's text). Any other
     * finding passes as it is.
     */
    public List<Finding> apply(List<Finding> findings) {
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            Optional<Rule> rule = rule(f.rule()).filter(r -> r.check() != null && Checks.BUILT_IN.contains(r.check()));
            if (rule.isEmpty()) {
                out.add(f);
                continue;
            }
            Rule r = rule.get();
            if (!(f.year() == null ? r.enabled() : r.appliesTo(f.year()))) {
                continue;
            }
            out.add(new Finding(r.severity(), f.rule(), f.agencyCode(), f.agencyName(), f.year(), f.sourceFile(), f.sheet(),
                    f.cells(), f.expected(), f.actual(), f.delta(), Messages.fill(r.message(), Map.of("detail", f.message()))));
        }
        return out;
    }

    /** The Chinese name of a rule for auditors; the id itself for a rule the book does not know. */
    public String nameOf(String ruleId) {
        return rule(ruleId).map(Rule::name).orElse(ruleId);
    }

    /** The rule with this id; a built-in rule id missing would be a programming error. */
    public Rule require(String id) {
        return rule(id).orElseThrow(() -> new IllegalStateException("rule " + id + " is not in the rule book"));
    }

    // ---- reading and merging ----

    /** A rule file's entries, each with an id, and the document they were read from. */
    private record RuleFileEntries(YamlDocument document, List<RuleFile.Entry> entries) {
    }

    private static RuleFileEntries parse(String text, String name) {
        try {
            YamlDocument document = YamlDocument.parse(text, name, LIMITS);
            RuleFile file = document.bind(RuleFile.class);
            if (file.rules() == null) {
                throw document.problem("", "顶层应为 rules: 列表");
            }
            for (int i = 0; i < file.rules().size(); i++) {
                String id = file.rules().get(i).id();
                if (id == null || id.isBlank()) {
                    throw document.problem(pointer("rules", i), "rules 的第 " + (i + 1) + " 项缺少 id");
                }
            }
            return new RuleFileEntries(document, file.rules());
        } catch (YamlFileException e) {
            throw new RuleBookException(e);
        }
    }

    /** Adds a file's entries: a new id adds a rule, a known one changes only the keys the entry gives. */
    private static void merge(Map<String, MergedRule> rules, RuleFileEntries file) {
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < file.entries().size(); i++) {
            RuleFile.Entry entry = file.entries().get(i);
            String at = pointer("rules", i);
            if (!seen.add(entry.id())) {
                throw new RuleBookException(file.document().problem(YamlDocument.child(at, "id"), "规则 " + entry.id() + " 出现了两次"));
            }
            MergedRule rule = rules.get(entry.id());
            if (rule == null) {
                rules.put(entry.id(), new MergedRule(entry, file.document(), at));
            } else {
                rule.override(entry, file.document(), at);
            }
        }
    }

    // ---- building and checking one rule ----

    private static Rule build(MergedRule merged, TemplateCatalogue catalogue) {
        RuleFile.Entry raw = merged.entry();
        Severity severity = severity(merged);
        boolean enabled = raw.enabled() == null || raw.enabled();
        List<String> formats = raw.formats() == null ? List.of() : raw.formats();
        checkFormats(merged, formats, catalogue, "formats");
        Integer from = raw.years() == null ? null : raw.years().from();
        Integer to = raw.years() == null ? null : raw.years().to();
        BigDecimal tolerance = raw.tolerance() == null ? BigDecimal.ZERO : raw.tolerance();
        if (tolerance.signum() < 0) {
            throw merged.problem("tolerance 不能为负数", "tolerance");
        }
        String message = raw.message();
        if (message == null || message.isBlank()) {
            throw merged.problem("缺少 message（给审核人员看的中文说明）");
        }
        boolean hasRelation = raw.relation() != null || raw.relations() != null;
        List<Rule.RelationSpec> relations = new ArrayList<>();
        String check = raw.check();
        Map<String, Object> params = new LinkedHashMap<>();
        Set<String> placeholders;
        if (check != null) {
            if (hasRelation) {
                throw merged.problem("一条规则不能同时有 check 和 relation", "check");
            }
            if (!Checks.exists(check)) {
                throw merged.problem("未知的 check「" + check + "」（可用：" + String.join("、", Checks.names()) + "）", "check");
            }
            params.putAll(Checks.defaultParams(check));
            if (raw.params() != null) {
                for (Map.Entry<String, Object> p : raw.params().entrySet()) {
                    String name = p.getKey();
                    if (!params.containsKey(name)) {
                        throw merged.problem("check「" + check + "」没有参数「" + name + "」"
                                + (params.isEmpty() ? "（它没有参数）" : "（允许：" + String.join("、", params.keySet().stream().sorted().toList()) + "）"),
                                "params", name);
                    }
                    params.put(name, param(merged, params.get(name), p.getValue(), name));
                }
            }
            placeholders = Checks.placeholders(check);
        } else {
            if (!hasRelation) {
                throw merged.problem("规则需要 relation（算术关系）或 check（内置检查）");
            }
            if (raw.params() != null) {
                throw merged.problem("params 只用于 check 规则", "params");
            }
            relations.addAll(relations(merged, formats, catalogue));
            placeholders = RELATION_PLACEHOLDERS;
        }
        checkPlaceholders(merged, message, placeholders, "message");
        for (int i = 0; i < relations.size(); i++) {
            if (relations.get(i).message() != null) {
                checkPlaceholders(merged, relations.get(i).message(), placeholders, relationAt(raw, i, "message"));
            }
        }
        return new Rule(raw.id(), severity, formats, from, to, tolerance, enabled, message, relations, check, params, merged.file(),
                raw.name());
    }

    /** Where the i-th relation (or one of its keys) is written: under {@code relation} or {@code relations}. */
    private static Object[] relationAt(RuleFile.Entry raw, int i, String key) {
        return raw.relation() != null ? new Object[] {"relation", key} : new Object[] {"relations", i, key};
    }

    private static List<Rule.RelationSpec> relations(MergedRule merged, List<String> ruleFormats, TemplateCatalogue catalogue) {
        RuleFile.Entry raw = merged.entry();
        List<RuleFile.RelationEntry> items = raw.relation() != null ? List.of(raw.relation())
                : raw.relations() == null ? List.of() : raw.relations();
        if (items.isEmpty()) {
            throw merged.problem("relations 应为非空列表", "relations");
        }
        List<Rule.RelationSpec> specs = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            RuleFile.RelationEntry item = items.get(i);
            if (item.relation() == null || item.relation().isBlank()) {
                throw merged.problem("relations 的每一项都需要 relation 文本", relationAt(raw, i, "relation"));
            }
            List<String> formats = item.formats() == null ? List.of() : item.formats();
            Object[] formatsAt = relationAt(raw, i, "formats");
            checkFormats(merged, formats, catalogue, formatsAt);
            Relation relation;
            try {
                relation = RelationParser.parse(item.relation());
            } catch (RelationSyntaxException e) {
                throw merged.problem(e.getMessage(), relationAt(raw, i, "relation"));
            }
            checkIdsExist(merged, relation, formats.isEmpty() ? ruleFormats : formats, catalogue, relationAt(raw, i, "relation"));
            specs.add(new Rule.RelationSpec(relation, formats, item.message()));
        }
        return specs;
    }

    private static void checkFormats(MergedRule merged, List<String> formats, TemplateCatalogue catalogue, Object... at) {
        for (int i = 0; i < formats.size(); i++) {
            if (catalogue.format(formats.get(i)).isEmpty()) {
                Object[] item = java.util.Arrays.copyOf(at, at.length + 1);
                item[at.length] = i;
                throw merged.problem("未知的报告格式「" + formats.get(i) + "」（可用："
                        + String.join("、", catalogue.formats().stream().map(ReportFormat::id).toList()) + "）", item);
            }
        }
    }

    /** A misspelt id would make a relation silently never apply: every reference must exist in some format. */
    private static void checkIdsExist(MergedRule merged, Relation relation, List<String> formats, TemplateCatalogue catalogue,
                                      Object... at) {
        List<ReportFormat> candidates = formats.isEmpty() ? catalogue.formats()
                : formats.stream().map(catalogue::require).toList();
        for (Expr.Ref ref : relation.refs()) {
            boolean found = candidates.stream().anyMatch(f -> !Wildcards.bindings(ref, f.datapoints().keySet()).isEmpty());
            if (!found) {
                throw merged.problem("关系式「" + relation.text() + "」中的「" + ref + "」在"
                        + (formats.isEmpty() ? "任何报告格式" : "格式 " + String.join("、", formats)) + "中都不存在", at);
            }
        }
    }

    private static void checkPlaceholders(MergedRule merged, String message, Set<String> allowed, Object... at) {
        Matcher m = PLACEHOLDER.matcher(message);
        while (m.find()) {
            if (!allowed.contains(m.group(1))) {
                throw merged.problem("message 中未知的占位符「{" + m.group(1) + "}」（允许："
                        + String.join("、", allowed.stream().sorted().map(p -> "{" + p + "}").toList()) + "）", at);
            }
        }
    }

    // ---- scalar values ----

    private static Severity severity(MergedRule merged) {
        String value = merged.entry().severity();
        if (value == null) {
            throw merged.problem("缺少 severity（ERROR、WARNING 或 INFO）");
        }
        String s = value.trim();
        for (Severity severity : Severity.values()) {
            if (severity.name().equals(s.toUpperCase(Locale.ROOT)) || severity.chinese().equals(s)) {
                return severity;
            }
        }
        throw merged.problem("severity 应为 ERROR、WARNING 或 INFO，实际为「" + s + "」", "severity");
    }

    /** A parameter keeps the type of its default: number, text or list of text. */
    private static Object param(MergedRule merged, Object defaultValue, Object value, String name) {
        if (defaultValue instanceof BigDecimal) {
            if (value instanceof Number || value instanceof String) {
                try {
                    return new BigDecimal(value.toString().trim());
                } catch (NumberFormatException e) {
                    // refused below
                }
            }
            throw merged.problem("参数 " + name + " 应为数字，实际为" + merged.shown("params", name), "params", name);
        }
        if (defaultValue instanceof List<?>) {
            if (!(value instanceof List<?> list) || list.stream().anyMatch(v -> v instanceof Map<?, ?> || v instanceof List<?>)) {
                throw merged.problem("参数 " + name + " 应为文本的列表，如 [\"B.*.TOTAL\"]，实际为" + merged.shown("params", name), "params", name);
            }
            return list.stream().map(String::valueOf).toList();
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw merged.problem("参数 " + name + " 应为文本，实际为" + merged.shown("params", name), "params", name);
        }
        return String.valueOf(value);
    }
}
