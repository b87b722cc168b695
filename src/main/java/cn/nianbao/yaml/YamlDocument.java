package cn.nianbao.yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DatabindException;
import tools.jackson.dataformat.yaml.JacksonYAMLParseException;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * A YAML file a user edits, read into records by Jackson, with every mistake reported in Chinese with the file's name,
 * line and column (a {@link YamlFileException}).
 * <p>
 * The text is read three times, each small: once as written, to refuse syntax errors, deep nesting and more aliases
 * than {@link Limits#maxAliases} before any alias is expanded (each alias repeats what its anchor holds, so a few
 * nested ones make a file expand without bound); once with aliases expanded, to note where each key and value starts
 * and to refuse a key written twice in one mapping or written with no value (an empty value is never guessed to mean
 * a default); once to bind the records. Checks after binding name a value by its
 * JSON pointer ({@link #pointer}) and get its place from {@link #problem}.
 */
public final class YamlDocument {

    /** How much one file may make the reader do. */
    public record Limits(int maxChars, int maxAliases, int maxDepth) {

        /** 3 M characters, 50 aliases, 50 levels: far above any hand-written file. */
        public static final Limits DEFAULT = new Limits(3 * 1024 * 1024, 50, 50);

        public Limits withMaxAliases(int aliases) {
            return new Limits(maxChars, aliases, maxDepth);
        }
    }

    /** Where a key or value starts, and how it is shown in a message (「二〇二〇」, 列表 …). */
    record Place(int line, int column, String shown) {
    }

    private final String name;
    private final String text;
    private final Limits limits;
    private final Map<String, Place> values = new HashMap<>();
    private final Map<String, Place> keys = new HashMap<>();

    private YamlDocument(String name, String text, Limits limits) {
        this.name = name;
        this.text = text;
        this.limits = limits;
    }

    /** Reads and checks a file; {@code file} as given is the name messages use. */
    public static YamlDocument read(Path file, Limits limits) {
        String name = file.toString();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, name, limits);
        } catch (NoSuchFileException e) {
            throw new YamlFileException(name, "文件不存在（当前文件夹：" + Path.of("").toAbsolutePath() + "）", e);
        } catch (CharacterCodingException e) {
            throw new YamlFileException(name, "文件不是 UTF-8 编码，请用文本编辑器另存为 UTF-8", e);
        } catch (IOException e) {
            throw new YamlFileException(name, "无法读取：" + e.getMessage(), e);
        }
    }

    /** Reads and checks a text; {@code name} is what messages call it. */
    public static YamlDocument parse(Reader reader, String name, Limits limits) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        for (int n; (n = reader.read(buffer)) > 0; ) {
            text.append(buffer, 0, n);
            if (text.length() > limits.maxChars()) {
                throw new YamlFileException(name, "文件过大：超过 " + limits.maxChars() + " 个字符；请检查是否选错了文件", null);
            }
        }
        YamlDocument document = new YamlDocument(name, text.toString(), limits);
        document.checkAsWritten();
        document.notePlaces();
        return document;
    }

    /** Reads and checks a text held in memory (a rule file as a run stored it). */
    public static YamlDocument parse(String text, String name, Limits limits) {
        try {
            return parse(new java.io.StringReader(text), name, limits);
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringReader does not fail
        }
    }

    /** The file as messages name it. */
    public String name() {
        return name;
    }

    /** The document bound to {@code type}; any key or value that does not fit is a {@link YamlFileException}. */
    public <T> T bind(Class<T> type) {
        if (!values.containsKey("")) {
            throw new YamlFileException(name, "文件是空的", null);
        }
        try {
            return YamlBinding.mapper(limits).readValue(text, type);
        } catch (DatabindException e) {
            throw YamlBinding.problem(this, e);
        } catch (JacksonException e) {
            throw new YamlFileException(name, "无法读取：" + e.getOriginalMessage(), e);
        }
    }

    /** Whether the file writes a value at this pointer (a key given, even if empty). */
    public boolean has(String pointer) {
        return values.containsKey(pointer);
    }

    /** A mistake in the value at {@code pointer} (or, if it is not written, in the nearest thing around it). */
    public YamlFileException problem(String pointer, String message) {
        return at(placeOf(pointer, values), message, null);
    }

    /** A mistake in the key at {@code pointer} (an unknown key): placed at the key, not its value. */
    public YamlFileException keyProblem(String pointer, String message) {
        Place key = keys.get(pointer);
        return at(key != null ? key : placeOf(pointer, values), message, null);
    }

    /** How the value at {@code pointer} is shown in a message: 「text」, 列表, 键值表 or 空值. */
    public String shown(String pointer) {
        Place place = values.get(pointer);
        return place == null ? "空值" : place.shown();
    }

    /** The JSON pointer of a key or list item: {@code pointer("roster", 2, "code")} is {@code /roster/2/code}. */
    public static String pointer(Object... steps) {
        StringBuilder p = new StringBuilder();
        for (Object step : steps) {
            p.append('/').append(step.toString().replace("~", "~0").replace("/", "~1"));
        }
        return p.toString();
    }

    /** {@code pointer} followed by more steps. */
    public static String child(String base, Object... steps) {
        return base + pointer(steps);
    }

    YamlFileException at(Place place, String message, Throwable cause) {
        return place == null ? new YamlFileException(name, message, cause)
                : new YamlFileException(name, place.line(), place.column(), message, cause);
    }

    private static Place placeOf(String pointer, Map<String, Place> places) {
        for (String p = pointer; ; p = p.substring(0, Math.max(0, p.lastIndexOf('/')))) {
            Place place = places.get(p);
            if (place != null || p.isEmpty()) {
                return place;
            }
        }
    }

    // ---- reading ----

    /** The file as written, aliases not expanded: syntax, depth and the number of aliases. */
    private void checkAsWritten() {
        YAMLMapper asWritten = YamlBinding.asWritten(limits);
        int aliases = 0;
        JsonParser parser = asWritten.createParser(text);
        try (parser) {
            while (parser.nextToken() != null) {
                if (((YAMLParser) parser).isCurrentAlias() && ++aliases > limits.maxAliases()) {
                    throw at(place(parser.currentTokenLocation(), ""), "引用（*别名）超过 " + limits.maxAliases()
                            + " 个：每个引用都会重复其锚点（&）的内容，引用过多的文件可能无限膨胀；请直接写出内容", null);
                }
            }
        } catch (JacksonException e) {
            throw syntax(e, parser);
        }
    }

    /** The file with aliases expanded: where each key and value starts, and no key twice in one mapping. */
    private void notePlaces() {
        Deque<Container> open = new ArrayDeque<>();
        JsonParser parser = YamlBinding.mapper(limits).createParser(text);
        try (parser) {
            for (JsonToken token; (token = parser.nextToken()) != null; ) {
                Place here = place(parser.currentTokenLocation(), shown(token, parser));
                if (token == JsonToken.PROPERTY_NAME) {
                    Container mapping = open.peek();
                    String key = parser.currentName();
                    Place earlier = mapping.keys.put(key, here);
                    if (earlier != null) {
                        throw at(here, "键「" + key + "」重复（第" + earlier.line() + "行第" + earlier.column()
                                + "列已写过）；同一键只能写一次", null);
                    }
                    mapping.key = key;
                    keys.put(child(mapping.pointer, key), here);
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    open.pop();
                } else {
                    if (open.isEmpty() && values.containsKey("")) {
                        throw at(here, "文件中只能有一份内容（「---」之后又开始了一份）", null);
                    }
                    String what = open.isEmpty() ? "文件内容" : open.peek().nextInWords();
                    String pointer = open.isEmpty() ? "" : open.peek().next();
                    if (token == JsonToken.VALUE_NULL) {
                        throw at(here, YamlBinding.spaced(what) + "没有值（不需要时请删去这一行）", null);
                    }
                    values.put(pointer, here);
                    if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                        open.push(new Container(pointer, token == JsonToken.START_OBJECT));
                    }
                }
            }
        } catch (JacksonException e) {
            throw syntax(e, parser);
        }
    }

    /** An open mapping or list while the places are noted. */
    private static final class Container {
        final String pointer;
        final boolean mapping;
        final Map<String, Place> keys = new HashMap<>();
        String key;
        int index;

        Container(String pointer, boolean mapping) {
            this.pointer = pointer;
            this.mapping = mapping;
        }

        /** The key or item about to be read, in a message: 「year」, 「aliases 的第 2 项」. */
        String nextInWords() {
            if (mapping) {
                return key;
            }
            String list = pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
            return (list.isEmpty() || list.chars().allMatch(Character::isDigit) ? "列表" : list) + " 的第 " + (index + 1) + " 项";
        }

        String next() {
            return mapping ? child(pointer, key) : child(pointer, index++);
        }
    }

    private static String shown(JsonToken token, JsonParser parser) {
        return switch (token) {
            case START_OBJECT -> "键值表";
            case START_ARRAY -> "列表";
            case VALUE_NULL -> "空值";
            default -> {
                String text = parser.getString();
                yield "「" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "」";
            }
        };
    }

    private static Place place(TokenStreamLocation location, String shown) {
        return location == null || location.getLineNr() < 1 ? null : new Place(location.getLineNr(), location.getColumnNr(), shown);
    }

    /** What the parser refused, placed where it was when it refused (SnakeYAML's own mark for a syntax error). */
    private YamlFileException syntax(JacksonException e, JsonParser parser) {
        Place where = place(parser.currentTokenLocation(), "");
        if (e instanceof StreamConstraintsException) {
            // nesting, or an anchored part too large for its aliases to be expanded (Jackson keeps at most 9,999 events)
            return at(where, String.valueOf(e.getOriginalMessage()).contains("nesting depth")
                    ? "层次过深：键值表和列表最多嵌套 " + limits.maxDepth() + " 层"
                    : "锚点（&）标记的内容过大，无法展开引用（*别名）；请去掉锚点和引用，直接写出内容", e);
        }
        if (e instanceof JacksonYAMLParseException && e.getCause() instanceof org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException m
                && m.getProblemMark().isPresent()) {
            var mark = m.getProblemMark().get();
            return new YamlFileException(name, mark.getLine() + 1, mark.getColumn() + 1, YamlBinding.syntaxProblem(m.getProblem()), e);
        }
        String message = e.getOriginalMessage();
        if (message != null && message.startsWith("invalid alias")) {
            return at(where, "引用「*" + message.substring("invalid alias".length()).replaceFirst("^[:\\s]*", "")
                    + "」之前没有对应的锚点（&）", e);
        }
        return at(where, YamlBinding.syntaxProblem(message), e);
    }

    /** Where a key was written, for the binding's messages. */
    Place keyPlace(String pointer) {
        return keys.get(pointer);
    }

    /** Where a value was written, for the binding's messages. */
    Place valuePlace(String pointer) {
        return placeOf(pointer, values);
    }
}
