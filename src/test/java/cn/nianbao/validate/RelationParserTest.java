package cn.nianbao.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RelationParserTest {

    @Test
    void parsesTheBalanceWithAColumnWildcard() {
        Relation r = RelationParser.parse("B.NEW.* + B.CARRIED_IN.* = B.RESULT_TOTAL.* + B.CARRIED_OUT.*");
        assertEquals(Relation.Comparison.EQUAL, r.op());
        assertEquals("column", r.wildcardPosition());
        List<String> ids = new ArrayList<>();
        r.left().collectIds("NATURAL", ids);
        r.right().collectIds("NATURAL", ids);
        assertEquals(List.of("B.NEW.NATURAL", "B.CARRIED_IN.NATURAL", "B.RESULT_TOTAL.NATURAL", "B.CARRIED_OUT.NATURAL"), ids);
    }

    @Test
    void sumExpandsANumberedRange() {
        Relation r = RelationParser.parse("B.DENIED.* = sum(B.DENIED_1..8.*)");
        List<String> ids = new ArrayList<>();
        r.right().collectIds("LEGAL", ids);
        assertEquals(8, ids.size());
        assertEquals("B.DENIED_1.LEGAL", ids.get(0));
        assertEquals("B.DENIED_8.LEGAL", ids.get(7));
    }

    @Test
    void evaluatesArithmeticWithParenthesesLiteralsAndMinus() {
        Relation r = RelationParser.parse("(A.X.P - A.X.Q) + 2.5 - -1 >= 0");
        Map<String, BigDecimal> values = Map.of("A.X.P", new BigDecimal("3"), "A.X.Q", new BigDecimal("10"));
        BigDecimal left = r.left().evaluate(Wildcards.NONE, values::get);
        assertEquals(new BigDecimal("-3.5"), left);
        assertEquals(Relation.Comparison.AT_LEAST, r.op());
        assertTrue(!r.op().holds(left, BigDecimal.ZERO, BigDecimal.ZERO));
        assertTrue(r.op().holds(left, BigDecimal.ZERO, new BigDecimal("4")));
        assertEquals(Relation.Comparison.AT_MOST, RelationParser.parse("A.*.PREV_ITEMS <= 5").op());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "T(java.lang.Runtime).getRuntime().exec('rm -rf /') = 0",
            "B.NEW.TOTAL = T(java.lang.Runtime)",
            "#{T(java.lang.System).exit(1)} = 0",
            "${jndi:ldap://x/a} = 0",
            "B.NEW.TOTAL = java.lang.Runtime",
            "B.NEW.TOTAL = exec(B.NEW.NATURAL)",
            "B.NEW.TOTAL = B.NEW.NATURAL; B.NEW.TOTAL = 0",
            "B.NEW.TOTAL == B.NEW.NATURAL",
            "B.NEW.TOTAL = B.NEW.NATURAL * 2",
            "B.NEW.TOTAL = 'abc'",
            "B.NEW.TOTAL",
            "B.NEW.TOTAL =",
            "= B.NEW.TOTAL",
            "B.NEW.TOTAL = (B.NEW.NATURAL",
            "B.NEW = 1",
            "b.new.total = 1",
            "B.*.* = 1",
            "B.DENIED_1..8.* = 1",
            "B.*.TOTAL = B.NEW.*",
            "B.NEW.TOTAL = 1e9",
            "",
    })
    void rejectsAnythingThatIsNotArithmeticOverIds(String text) {
        assertThrows(RelationSyntaxException.class, () -> RelationParser.parse(text));
    }

    @Test
    void theErrorSaysWhereAndWhat() {
        RelationSyntaxException e = assertThrows(RelationSyntaxException.class,
                () -> RelationParser.parse("B.NEW.TOTAL = T(java.lang.Runtime)"));
        assertTrue(e.getMessage().contains("不支持的函数「T」"), e.getMessage());
        assertTrue(e.getMessage().contains("第 15 个字符"), e.getMessage());
    }

    @Test
    void rejectsOverlongText() {
        String text = "B.NEW.TOTAL = " + "1 + ".repeat(600) + "1";
        assertThrows(RelationSyntaxException.class, () -> RelationParser.parse(text));
    }
}
