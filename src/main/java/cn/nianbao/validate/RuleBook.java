package cn.nianbao.validate;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import cn.nianbao.model.Finding;
import cn.nianbao.model.Severity;
import cn.nianbao.template.ReportFormat;
import cn.nianbao.template.TemplateCatalogue;

/**
 * The rules in force for a run: the shipped {@code rules/default-rules.yml} merged with an optional
 * override file. Everything is checked on load (keys, severities, relations, check names, parameters,
 * message placeholders), so a bad file stops the run before any report is read.
 */
public final class RuleBook {

    public static final String DEFAULT_RESOURCE = "rules/default-rules.yml";
    private static final String DEFAULT_NAME = "classpath:" + DEFAULT_RESOURCE;

    static final Set<String> RULE_KEYS = Set.of("id", "name", "severity", "enabled", "formats", "years", "tolerance",
            "message", "relation", "relations", "check", "params", "description");
    private static final Set<String> RELATION_KEYS = Set.of("relation", "formats", "message");
    private static final Set<String> YEAR_KEYS = Set.of("from", "to");
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
        Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        readDefaults(entries, origins);
        if (overrideText != null) {
            String name = origin == null ? "规则文件" : origin;
            merge(entries, origins, read(new java.io.StringReader(overrideText), name), name, true);
        }
        return build(entries, origins, catalogue);
    }

    /** The text of a rule override file, as a run stores it when it starts (null for none). */
    public static String readOverride(Path overrideOrNull) {
        if (overrideOrNull == null) {
            return null;
        }
        try {
            return Files.readString(overrideOrNull, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RuleBookException(overrideOrNull.toString(), null, "无法读取：" + e.getMessage(), e);
        }
    }

    private static void readDefaults(Map<String, Map<String, Object>> entries, Map<String, String> origin) {
        try (InputStream in = RuleBook.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new RuleBookException(DEFAULT_NAME, null, "文件不在 classpath 中");
            }
            merge(entries, origin, read(new InputStreamReader(in, StandardCharsets.UTF_8), DEFAULT_NAME), DEFAULT_NAME, false);
        } catch (IOException e) {
            throw new RuleBookException(DEFAULT_NAME, null, "无法读取：" + e.getMessage(), e);
        }
    }

    private static RuleBook build(Map<String, Map<String, Object>> entries, Map<String, String> origin, TemplateCatalogue catalogue) {
        List<Rule> rules = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> e : entries.entrySet()) {
            rules.add(build(e.getKey(), e.getValue(), origin.get(e.getKey()), catalogue));
        }
        return new RuleBook(rules);
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
            Optional<Rule> rule = rule(f.rule()).filter(r -> Checks.BUILT_IN.contains(r.check()));
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

    // ---- reading ----

    private static List<Map<String, Object>> read(Reader reader, String file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        // SafeConstructor: plain maps, lists and scalars only, never a Java type named in the file.
        Yaml yaml = new Yaml(new SafeConstructor(options));
        Object root;
        try {
            root = yaml.load(reader);
        } catch (RuntimeException e) {
            throw new RuleBookException(file, null, "不是有效的 YAML：" + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> map) || !map.containsKey("rules")) {
            throw new RuleBookException(file, null, "顶层应为 rules: 列表");
        }
        for (Object key : map.keySet()) {
            if (!"rules".equals(key)) {
                throw new RuleBookException(file, null, "未知的顶层键「" + key + "」（只允许 rules）");
            }
        }
        if (!(map.get("rules") instanceof List<?> list)) {
            throw new RuleBookException(file, null, "rules 应为列表");
        }
        List<Map<String, Object>> result = new ArrayList<>();
        int index = 0;
        for (Object item : list) {
            index++;
            if (!(item instanceof Map<?, ?> entry)) {
                throw new RuleBookException(file, null, "rules 的第 " + index + " 项不是键值表");
            }
            Map<String, Object> rule = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : entry.entrySet()) {
                rule.put(String.valueOf(e.getKey()), e.getValue());
            }
            Object id = rule.get("id");
            if (!(id instanceof String s) || s.isBlank()) {
                throw new RuleBookException(file, null, "rules 的第 " + index + " 项缺少 id");
            }
            for (String key : rule.keySet()) {
                if (!RULE_KEYS.contains(key)) {
                    throw new RuleBookException(file, s, "未知的键「" + key + "」（允许：" + String.join("、", sorted(RULE_KEYS)) + "）");
                }
            }
            result.add(rule);
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Map<String, Object>> entries, Map<String, String> origin,
                              List<Map<String, Object>> incoming, String file, boolean isOverride) {
        Set<String> seen = new LinkedHashSet<>();
        for (Map<String, Object> rule : incoming) {
            String id = (String) rule.get("id");
            if (!seen.add(id)) {
                throw new RuleBookException(file, id, "同一规则出现了两次");
            }
            Map<String, Object> existing = entries.get(id);
            if (existing == null) {
                entries.put(id, new LinkedHashMap<>(rule));
            } else {
                if (!isOverride) {
                    throw new RuleBookException(file, id, "同一规则出现了两次");
                }
                for (Map.Entry<String, Object> e : rule.entrySet()) {
                    if (e.getKey().equals("params") && existing.get("params") instanceof Map<?, ?> old
                            && e.getValue() instanceof Map<?, ?> changed) {
                        // Parameters merge key by key: an override names only the threshold it changes.
                        Map<String, Object> params = new LinkedHashMap<>((Map<String, Object>) old);
                        params.putAll((Map<String, Object>) changed);
                        existing.put("params", params);
                    } else if (e.getKey().equals("relation") || e.getKey().equals("relations")) {
                        // A new relation replaces the old one whichever key either was written with.
                        existing.remove("relation");
                        existing.remove("relations");
                        existing.put(e.getKey(), e.getValue());
                    } else {
                        existing.put(e.getKey(), e.getValue());
                    }
                }
            }
            origin.put(id, file);
        }
    }

    // ---- building and checking one rule ----

    private static Rule build(String id, Map<String, Object> raw, String file, TemplateCatalogue catalogue) {
        Severity severity = severity(raw.get("severity"), file, id);
        boolean enabled = bool(raw.getOrDefault("enabled", Boolean.TRUE), file, id, "enabled");
        List<String> formats = strings(raw.get("formats"), file, id, "formats");
        for (String format : formats) {
            if (catalogue.format(format).isEmpty()) {
                throw new RuleBookException(file, id, "未知的报告格式「" + format + "」");
            }
        }
        Integer from = null;
        Integer to = null;
        if (raw.get("years") != null) {
            if (!(raw.get("years") instanceof Map<?, ?> years)) {
                throw new RuleBookException(file, id, "years 应写成 { from: 年份, to: 年份 }");
            }
            for (Object key : years.keySet()) {
                if (!YEAR_KEYS.contains(String.valueOf(key))) {
                    throw new RuleBookException(file, id, "years 中未知的键「" + key + "」（允许 from、to）");
                }
            }
            from = year(years.get("from"), file, id);
            to = year(years.get("to"), file, id);
        }
        BigDecimal tolerance = raw.get("tolerance") == null ? BigDecimal.ZERO : decimal(raw.get("tolerance"), file, id, "tolerance");
        if (tolerance.signum() < 0) {
            throw new RuleBookException(file, id, "tolerance 不能为负数");
        }
        Object messageValue = raw.get("message");
        if (!(messageValue instanceof String message) || message.isBlank()) {
            throw new RuleBookException(file, id, "缺少 message");
        }
        Object checkValue = raw.get("check");
        boolean hasRelation = raw.containsKey("relation") || raw.containsKey("relations");
        List<Rule.RelationSpec> relations = new ArrayList<>();
        String check = null;
        Map<String, Object> params = new LinkedHashMap<>();
        Set<String> placeholders;
        if (checkValue != null) {
            if (hasRelation) {
                throw new RuleBookException(file, id, "一条规则不能同时有 check 和 relation");
            }
            check = checkValue.toString();
            if (!Checks.exists(check)) {
                throw new RuleBookException(file, id, "未知的 check「" + check + "」（可用：" + String.join("、", Checks.names()) + "）");
            }
            params.putAll(Checks.defaultParams(check));
            if (raw.get("params") != null) {
                if (!(raw.get("params") instanceof Map<?, ?> given)) {
                    throw new RuleBookException(file, id, "params 应为键值表");
                }
                for (Map.Entry<?, ?> p : given.entrySet()) {
                    String name = String.valueOf(p.getKey());
                    if (!params.containsKey(name)) {
                        throw new RuleBookException(file, id, "check「" + check + "」没有参数「" + name + "」"
                                + (params.isEmpty() ? "（它没有参数）" : "（允许：" + String.join("、", params.keySet()) + "）"));
                    }
                    params.put(name, param(params.get(name), p.getValue(), file, id, name));
                }
            }
            placeholders = Checks.placeholders(check);
        } else {
            if (!hasRelation) {
                throw new RuleBookException(file, id, "规则需要 relation（算术关系）或 check（内置检查）");
            }
            if (raw.get("params") != null) {
                throw new RuleBookException(file, id, "params 只用于 check 规则");
            }
            relations.addAll(relations(raw, file, id, formats, catalogue));
            placeholders = RELATION_PLACEHOLDERS;
        }
        checkPlaceholders(message, placeholders, file, id);
        for (Rule.RelationSpec spec : relations) {
            if (spec.message() != null) {
                checkPlaceholders(spec.message(), placeholders, file, id);
            }
        }
        Object name = raw.get("name");
        if (name != null && !(name instanceof String)) {
            throw new RuleBookException(file, id, "name 应为文本（规则的中文名称）");
        }
        return new Rule(id, severity, formats, from, to, tolerance, enabled, message, relations, check, params, file, (String) name);
    }

    private static List<Rule.RelationSpec> relations(Map<String, Object> raw, String file, String id,
                                                     List<String> ruleFormats, TemplateCatalogue catalogue) {
        List<Object> items = new ArrayList<>();
        if (raw.get("relation") != null) {
            items.add(raw.get("relation"));
        } else if (raw.get("relations") instanceof List<?> list && !list.isEmpty()) {
            items.addAll(list);
        } else {
            throw new RuleBookException(file, id, "relations 应为非空列表");
        }
        List<Rule.RelationSpec> specs = new ArrayList<>();
        for (Object item : items) {
            String text;
            List<String> formats = List.of();
            String message = null;
            if (item instanceof String s) {
                text = s;
            } else if (item instanceof Map<?, ?> m) {
                for (Object key : m.keySet()) {
                    if (!RELATION_KEYS.contains(String.valueOf(key))) {
                        throw new RuleBookException(file, id, "relations 中未知的键「" + key + "」（允许 relation、formats、message）");
                    }
                }
                if (!(m.get("relation") instanceof String s)) {
                    throw new RuleBookException(file, id, "relations 的每一项都需要 relation 文本");
                }
                text = s;
                formats = strings(m.get("formats"), file, id, "formats");
                message = m.get("message") == null ? null : m.get("message").toString();
            } else {
                throw new RuleBookException(file, id, "relation 应为文本");
            }
            Relation relation;
            try {
                relation = RelationParser.parse(text);
            } catch (RelationSyntaxException e) {
                throw new RuleBookException(file, id, e.getMessage(), e);
            }
            checkIdsExist(relation, formats.isEmpty() ? ruleFormats : formats, catalogue, file, id);
            specs.add(new Rule.RelationSpec(relation, formats, message));
        }
        return specs;
    }

    /** A misspelt id would make a relation silently never apply: every reference must exist in some format. */
    private static void checkIdsExist(Relation relation, List<String> formats, TemplateCatalogue catalogue, String file, String id) {
        List<ReportFormat> candidates = formats.isEmpty() ? catalogue.formats()
                : formats.stream().map(catalogue::require).toList();
        for (Expr.Ref ref : relation.refs()) {
            boolean found = candidates.stream().anyMatch(f -> !Wildcards.bindings(ref, f.datapoints().keySet()).isEmpty());
            if (!found) {
                throw new RuleBookException(file, id, "关系式「" + relation.text() + "」中的「" + ref + "」在"
                        + (formats.isEmpty() ? "任何报告格式" : "格式 " + String.join("、", formats)) + "中都不存在");
            }
        }
    }

    private static void checkPlaceholders(String message, Set<String> allowed, String file, String id) {
        Matcher m = PLACEHOLDER.matcher(message);
        while (m.find()) {
            if (!allowed.contains(m.group(1))) {
                throw new RuleBookException(file, id, "message 中未知的占位符「{" + m.group(1) + "}」（允许："
                        + String.join("、", sorted(allowed).stream().map(p -> "{" + p + "}").toList()) + "）");
            }
        }
    }

    // ---- scalar values ----

    private static Severity severity(Object value, String file, String id) {
        if (value == null) {
            throw new RuleBookException(file, id, "缺少 severity");
        }
        String s = value.toString().trim();
        for (Severity severity : Severity.values()) {
            if (severity.name().equals(s.toUpperCase(Locale.ROOT)) || severity.chinese().equals(s)) {
                return severity;
            }
        }
        throw new RuleBookException(file, id, "severity「" + s + "」无效（应为 ERROR、WARNING 或 INFO）");
    }

    private static boolean bool(Object value, String file, String id, String key) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw new RuleBookException(file, id, key + " 应为 true 或 false，而不是「" + value + "」");
    }

    private static Integer year(Object value, String file, String id) {
        if (value == null) {
            return null;
        }
        if (value instanceof Integer i) {
            return i;
        }
        throw new RuleBookException(file, id, "年份「" + value + "」应为整数");
    }

    private static BigDecimal decimal(Object value, String file, String id, String key) {
        if (value instanceof Number || value instanceof String) {
            try {
                return new BigDecimal(value.toString().trim());
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new RuleBookException(file, id, key + " 应为数字，而不是「" + value + "」");
    }

    private static List<String> strings(Object value, String file, String id, String key) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new RuleBookException(file, id, key + " 应为列表，如 [GOV2019]");
        }
        return list.stream().map(String::valueOf).toList();
    }

    /** A parameter keeps the type of its default: number, text or list of text. */
    private static Object param(Object defaultValue, Object value, String file, String id, String name) {
        if (defaultValue instanceof BigDecimal) {
            return decimal(value, file, id, "参数 " + name);
        }
        if (defaultValue instanceof List<?>) {
            return strings(value, file, id, "参数 " + name);
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new RuleBookException(file, id, "参数 " + name + " 应为文本");
        }
        return String.valueOf(value);
    }

    private static List<String> sorted(Set<String> set) {
        return set.stream().sorted().toList();
    }
}
