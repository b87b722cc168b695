package cn.nianbao.validate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the relation language of the rule file. Grammar (nothing else is accepted, so a rule file
 * can describe arithmetic but never run code):
 *
 * <pre>
 * relation := expr ('=' | '&gt;=' | '&lt;=') expr
 * expr     := term (('+' | '-') term)*
 * term     := '-' term | NUMBER | ref | 'sum' '(' range ')' | '(' expr ')'
 * ref      := TABLE '.' ROW '.' COLUMN      each an UPPER_CASE id, at most one of ROW/COLUMN '*'
 * range    := like ref, with ROW written NAME_a..b (e.g. B.DENIED_1..8.*), meaning NAME_a … NAME_b
 * </pre>
 *
 * Every wildcard of one relation must sit in the same position (all rows or all columns): it is one
 * variable, bound in turn to each row or column id the report's format has.
 */
public final class RelationParser {

    static final int MAX_LENGTH = 2000;
    private static final Pattern ID = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern RANGE = Pattern.compile("([A-Z][A-Z0-9_]*_)(\\d+)\\.\\.(\\d+)");
    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");
    private static final int MAX_RANGE = 100;

    private final String text;
    private int pos;

    private RelationParser(String text) {
        this.text = text;
    }

    public static Relation parse(String text) {
        if (text == null || text.isBlank()) {
            throw new RelationSyntaxException("关系式为空");
        }
        if (text.length() > MAX_LENGTH) {
            throw new RelationSyntaxException("关系式过长（超过 " + MAX_LENGTH + " 个字符）");
        }
        RelationParser p = new RelationParser(text);
        Expr left = p.expr();
        Relation.Comparison op = p.comparison();
        Expr right = p.expr();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("多余的内容");
        }
        Relation relation = new Relation(text.strip(), left, op, right);
        String position = null;
        for (Expr.Ref ref : relation.refs()) {
            if (ref.hasWildcard()) {
                if (position != null && !position.equals(ref.wildcardPosition())) {
                    throw new RelationSyntaxException("关系式「" + text.strip() + "」中的通配符 * 必须都在行位置或都在列位置");
                }
                position = ref.wildcardPosition();
            }
        }
        return relation;
    }

    private Relation.Comparison comparison() {
        skipSpace();
        if (text.startsWith(">=", pos)) {
            pos += 2;
            return Relation.Comparison.AT_LEAST;
        }
        if (text.startsWith("<=", pos)) {
            pos += 2;
            return Relation.Comparison.AT_MOST;
        }
        if (text.startsWith("=", pos) && !text.startsWith("==", pos)) {
            pos += 1;
            return Relation.Comparison.EQUAL;
        }
        throw error("应为比较符 =、>= 或 <=");
    }

    private Expr expr() {
        Expr result = term();
        while (true) {
            skipSpace();
            if (peek('+')) {
                pos++;
                result = new Expr.Add(result, term());
            } else if (peek('-')) {
                pos++;
                result = new Expr.Subtract(result, term());
            } else {
                return result;
            }
        }
    }

    private Expr term() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("关系式不完整");
        }
        char c = text.charAt(pos);
        if (c == '-') {
            pos++;
            return new Expr.Negate(term());
        }
        if (c == '(') {
            pos++;
            Expr inner = expr();
            expect(')');
            return inner;
        }
        if (Character.isDigit(c)) {
            Matcher m = NUMBER.matcher(text).region(pos, text.length());
            if (!m.lookingAt()) {
                throw error("无法识别的数字");
            }
            pos = m.end();
            return new Expr.Num(new BigDecimal(m.group()));
        }
        if (isPathChar(c)) {
            int start = pos;
            while (pos < text.length() && isPathChar(text.charAt(pos))) {
                pos++;
            }
            String word = text.substring(start, pos);
            skipSpace();
            if (peek('(')) {
                if (!word.equals("sum")) {
                    throw errorAt(start, "不支持的函数「" + word + "」（只允许 sum）");
                }
                pos++;
                skipSpace();
                int rangeStart = pos;
                while (pos < text.length() && isPathChar(text.charAt(pos))) {
                    pos++;
                }
                Expr sum = range(text.substring(rangeStart, pos), rangeStart);
                expect(')');
                return sum;
            }
            return ref(word, start);
        }
        throw error("无法识别的字符「" + c + "」");
    }

    private Expr.Ref ref(String word, int at) {
        String[] parts = segments(word, at);
        for (String part : parts) {
            if (part.contains("..")) {
                throw errorAt(at, "编号范围「" + word + "」只能写在 sum(...) 里");
            }
        }
        return checkedRef(parts[0], parts[1], parts[2], word, at);
    }

    private Expr.Sum range(String word, int at) {
        String[] parts = segments(word, at);
        Matcher m = RANGE.matcher(parts[1]);
        if (!m.matches()) {
            throw errorAt(at, "sum(...) 的行应写成 名称_起..止，如 B.DENIED_1..8.*，而不是「" + word + "」");
        }
        int from = Integer.parseInt(m.group(2));
        int to = Integer.parseInt(m.group(3));
        if (from > to || to - from > MAX_RANGE) {
            throw errorAt(at, "编号范围「" + parts[1] + "」无效");
        }
        List<Expr.Ref> terms = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            terms.add(checkedRef(parts[0], m.group(1) + i, parts[2], word, at));
        }
        return new Expr.Sum(terms);
    }

    private Expr.Ref checkedRef(String table, String row, String column, String word, int at) {
        if (!ID.matcher(table).matches()) {
            throw errorAt(at, "「" + word + "」不是数据项编号（表名应为大写字母）");
        }
        for (String seg : new String[] {row, column}) {
            if (!seg.equals(Expr.Ref.WILDCARD) && !ID.matcher(seg).matches()) {
                throw errorAt(at, "「" + word + "」不是数据项编号（应为 表.行.列，大写字母、数字、下划线或 *）");
            }
        }
        if (row.equals(Expr.Ref.WILDCARD) && column.equals(Expr.Ref.WILDCARD)) {
            throw errorAt(at, "「" + word + "」中只能有一个通配符 *");
        }
        return new Expr.Ref(table, row, column);
    }

    /** Splits TABLE.ROW.COLUMN on single dots (the ".." of a range stays inside its segment). */
    private String[] segments(String word, int at) {
        String[] parts = word.split("(?<!\\.)\\.(?!\\.)", -1);
        if (parts.length != 3) {
            throw errorAt(at, "「" + word + "」不是数据项编号（应为 表.行.列，如 B.NEW.TOTAL）");
        }
        return parts;
    }

    private static boolean isPathChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '*';
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) {
        skipSpace();
        if (!peek(c)) {
            throw error("应为「" + c + "」");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private RelationSyntaxException error(String problem) {
        return errorAt(pos, problem);
    }

    private RelationSyntaxException errorAt(int at, String problem) {
        return new RelationSyntaxException("关系式「" + text.strip() + "」第 " + (at + 1) + " 个字符处：" + problem);
    }
}
