package cn.nianbao.yaml;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonProperty;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.dataformat.yaml.YAMLAnchorReplayingFactory;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLReadFeature;

/** The Jackson set-up that binds a user's YAML to records, and the Chinese words for what Jackson refuses. */
final class YamlBinding {

    /** By nesting depth, the only limit Jackson enforces (the others are counted by {@link YamlDocument}). */
    private static final Map<Integer, YAMLMapper> AS_WRITTEN = new ConcurrentHashMap<>();
    private static final Map<Integer, YAMLMapper> BINDING = new ConcurrentHashMap<>();

    private YamlBinding() {
    }

    /** Reads the file as written: an alias is a token of its own, not what it refers to. */
    static YAMLMapper asWritten(YamlDocument.Limits limits) {
        return AS_WRITTEN.computeIfAbsent(limits.maxDepth(), depth -> YAMLMapper.builder(YAMLFactory.builder()
                .enable(YAMLReadFeature.EMPTY_STRING_AS_NULL).streamReadConstraints(constraints(depth)).build()).build());
    }

    /**
     * Binds records strictly: an unknown key, a fraction or empty text where a whole number belongs,
     * or a number where true/false belongs is a mistake rather than a guess. Aliases are expanded (anchors are used on
     * purpose, for instance the catalogue's shared tables); {@link YamlDocument} has counted them first.
     */
    static YAMLMapper mapper(YamlDocument.Limits limits) {
        return BINDING.computeIfAbsent(limits.maxDepth(), depth -> YAMLMapper.builder((YAMLFactory) YAMLAnchorReplayingFactory.builder()
                        .enable(YAMLReadFeature.EMPTY_STRING_AS_NULL) // 「key:」 with nothing after it is empty, not ""
                        .streamReadConstraints(constraints(depth)).build())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                // an absent true/false key is false (a written empty value is refused before binding)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .withCoercionConfigDefaults(c -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .build());
    }

    private static StreamReadConstraints constraints(int maxDepth) {
        return StreamReadConstraints.builder().maxNestingDepth(maxDepth).build();
    }

    /** What Jackson refused, placed and said in Chinese. */
    static YamlFileException problem(YamlDocument document, DatabindException e) {
        List<JacksonException.Reference> path = e.getPath();
        String pointer = pointer(path);
        String owner = path.isEmpty() ? "" : ownerId(document, pointer(path.subList(0, path.size() - 1)));
        String what = (owner.isEmpty() ? "" : owner + "的 ") + describe(path);
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining("、", "（可用的键：", "）"));
            return document.at(place(document.keyPlace(pointer), document.valuePlace(pointer)),
                    (owner.isEmpty() ? "" : owner + "中") + "未知的键「" + u.getPropertyName() + "」" + known, e);
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return document.at(document.valuePlace(pointer), spaced(what) + "应为" + (expected(path, m.getTargetType()).charAt(0) < 128 ? " " : "") + expected(path, m.getTargetType())
                    + "，实际为" + document.shown(pointer), e);
        }
        return document.at(document.valuePlace(pointer), spaced(what) + "无法读取：" + e.getOriginalMessage(), e);
    }

    /** 「B-BALANCE」: the id of the entry a key belongs to, where it has one, so that a message names it. */
    private static String ownerId(YamlDocument document, String owner) {
        String id = YamlDocument.child(owner, "id");
        return owner.isEmpty() || !document.has(id) || !document.shown(id).startsWith("「") ? "" : document.shown(id);
    }

    /** 「year 」 before Chinese text, 「aliases 的第 2 项」 as it is. */
    static String spaced(String subject) {
        char last = subject.charAt(subject.length() - 1);
        return last < 128 ? subject + " " : subject;
    }

    private static YamlDocument.Place place(YamlDocument.Place first, YamlDocument.Place second) {
        return first != null ? first : second;
    }

    private static String pointer(List<JacksonException.Reference> path) {
        StringBuilder p = new StringBuilder();
        for (JacksonException.Reference step : path) {
            p.append(step.getPropertyName() != null ? YamlDocument.pointer(step.getPropertyName())
                    : YamlDocument.pointer(step.getIndex()));
        }
        return p.toString();
    }

    /** 「year」, 「aliases 的第 2 项」, 「文件内容」. */
    private static String describe(List<JacksonException.Reference> path) {
        if (path.isEmpty()) {
            return "文件内容";
        }
        JacksonException.Reference last = path.get(path.size() - 1);
        if (last.getPropertyName() != null) {
            return last.getPropertyName();
        }
        String list = path.size() > 1 && path.get(path.size() - 2).getPropertyName() != null
                ? path.get(path.size() - 2).getPropertyName() : "列表";
        return list + " 的第 " + (last.getIndex() + 1) + " 项";
    }

    /** What the key at the end of {@code path} should hold: its {@link Expect}, or its type in words. */
    private static String expected(List<JacksonException.Reference> path, Class<?> target) {
        if (!path.isEmpty() && path.get(path.size() - 1).getPropertyName() != null) {
            JacksonException.Reference last = path.get(path.size() - 1);
            Object from = last.from();
            Class<?> owner = from instanceof Class<?> c ? c : from == null ? null : from.getClass();
            if (owner != null && owner.isRecord()) {
                for (RecordComponent component : owner.getRecordComponents()) {
                    JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class); // not a record-component annotation
                    String key = property != null && !property.value().isEmpty() ? property.value() : component.getName();
                    Expect expect = component.getAnnotation(Expect.class);
                    if (key.equals(last.getPropertyName()) && expect != null) {
                        return expect.value();
                    }
                }
            }
        }
        return typeInWords(target);
    }

    static String typeInWords(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "整数";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true 或 false";
        }
        if (type == BigDecimal.class || Number.class.isAssignableFrom(type)) {
            return "数字";
        }
        if (type == String.class) {
            return "文本";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "列表（如 [甲, 乙]）";
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            StringBuilder names = new StringBuilder();
            for (Object c : constants) {
                names.append(names.isEmpty() ? "" : "、").append(((Enum<?>) c).name().toLowerCase(Locale.ROOT));
            }
            return "以下之一：" + names;
        }
        return "键值表（「键: 值」）";
    }

    /** SnakeYAML's words for a syntax error, in Chinese where it is one of the usual mistakes. */
    static String syntaxProblem(String problem) {
        String p = problem == null ? "" : problem;
        String chinese;
        if (p.contains("mapping values are not allowed")) {
            chinese = "此处不能有「: 」（值中含有冒号时，请给整个值加引号）";
        } else if (p.contains("cannot start any token") && p.contains("\\t")) {
            chinese = "不能用制表符（Tab）缩进，请改用空格";
        } else if (p.contains("could not find expected ':'")) {
            chinese = "缺少「:」（键和值之间应为冒号加空格）";
        } else if (p.contains("expected <block end>") || p.contains("did not find expected key")
                || p.contains("did not find expected '-' indicator")) {
            chinese = "缩进不一致：请检查这一行和上一行的缩进（同一层的键或「-」应对齐）";
        } else if (p.contains("expected ',' or ']'")) {
            chinese = "方括号 [ ] 没有闭合，或列表项之间缺少逗号";
        } else if (p.contains("expected ',' or '}'")) {
            chinese = "花括号 { } 没有闭合，或项之间缺少逗号";
        } else if (p.contains("found unexpected end of stream") || p.contains("found unexpected document separator")) {
            chinese = "引号没有闭合";
        } else if (p.contains("found unknown escape character")) {
            chinese = "双引号中有无效的转义符「\\」（可改用单引号）";
        } else {
            chinese = "YAML 格式有误";
        }
        return p.isEmpty() ? chinese : chinese + "（" + p.strip() + "）";
    }
}
