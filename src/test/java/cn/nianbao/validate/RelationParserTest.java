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
            "B.NEW.TOTAL = sum(B.DENIED_1..8.*",
            "B.NEW.TOTAL = sum(B.DENIED_3..2.*)",
            "B.NEW.TOTAL = sum(B.DENIED_1..102.*)",
            "B.NEW.TOTAL = sum(B.DENIED.*)",
            "B.NEW.TOTAL = B.DENIED_1..8.* + 1",
            "B.NEW.TOTAL = 1 )",
            "B.NEW.TOTAL = ?",
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
    @Test
    void spacesMayStandAnywhereBetweenTokens() {
        Relation r = RelationParser.parse("  sum ( B.DENIED_1..2.* ) + ( B.NEW.* ) >= - 1  ");
        assertEquals("sum ( B.DENIED_1..2.* ) + ( B.NEW.* ) >= - 1", r.text());
        assertEquals(r.text(), r.toString());
        List<String> ids = new ArrayList<>();
        r.left().collectIds("TOTAL", ids);
        assertEquals(List.of("B.DENIED_1.TOTAL", "B.DENIED_2.TOTAL", "B.NEW.TOTAL"), ids);
        assertEquals(new BigDecimal("-1"), r.right().evaluate(Wildcards.NONE, id -> null));
    }

    @Test
    void identifiersUseEveryLetterAndDigitAtTheEdgesOfTheirRanges() {
        Relation r = RelationParser.parse("A0.Z9.AZ_09 = ZA.A_Z.Z0");
        assertEquals(List.of(new Expr.Ref("A0", "Z9", "AZ_09"), new Expr.Ref("ZA", "A_Z", "Z0")), r.refs());
        RelationSyntaxException e = assertThrows(RelationSyntaxException.class, () -> RelationParser.parse("B.NEW.TOTAL = az(1)"));
        assertTrue(e.getMessage().contains("不支持的函数「az」"), e.getMessage());
        e = assertThrows(RelationSyntaxException.class, () -> RelationParser.parse("B.NEW.TOTAL = za09(1)"));
        assertTrue(e.getMessage().contains("不支持的函数「za09」"), e.getMessage());
    }

    @Test
    void rangesFromOneNumberToAHundredMore() {
        assertEquals(1, ((Expr.Sum) RelationParser.parse("sum(B.X_7..7.*) = 0").left()).terms().size());
        List<Expr.Ref> hundredAndOne = ((Expr.Sum) RelationParser.parse("sum(B.X_0..100.*) = 0").left()).terms();
        assertEquals(101, hundredAndOne.size());
        assertEquals(new Expr.Ref("B", "X_100", "*"), hundredAndOne.get(100));
        assertEquals(51, ((Expr.Sum) RelationParser.parse("sum(B.X_50..100.*) = 0").left()).terms().size());
        assertThrows(RelationSyntaxException.class, () -> RelationParser.parse("sum(B.X_0..101.*) = 0"));
    }

    @Test
    void theLengthLimitIsTwoThousandCharacters() {
        String base = "B.NEW.TOTAL = 0";
        // exactly the limit (trailing spaces count, and are allowed)
        RelationParser.parse(base + " ".repeat(RelationParser.MAX_LENGTH - base.length()));
        assertThrows(RelationSyntaxException.class,
                () -> RelationParser.parse(base + " ".repeat(RelationParser.MAX_LENGTH - base.length() + 1)));
    }

    @Test
    void referencesAreCollectedInTheOrderWrittenThroughEveryOperator() {
        Relation r = RelationParser.parse("A.X.* - -A.Y.* = -(A.Z.* - 2) + A.W.*");
        assertEquals(List.of(new Expr.Ref("A", "X", "*"), new Expr.Ref("A", "Y", "*"), new Expr.Ref("A", "Z", "*"),
                new Expr.Ref("A", "W", "*")), r.refs());
        assertEquals("column", r.wildcardPosition());
        assertEquals("row", RelationParser.parse("A.*.P = 0").wildcardPosition());
        assertEquals(null, RelationParser.parse("A.B.C = 0").wildcardPosition());
        List<String> ids = new ArrayList<>();
        r.left().collectIds("P", ids);
        r.right().collectIds("P", ids);
        assertEquals(List.of("A.X.P", "A.Y.P", "A.Z.P", "A.W.P"), ids);
        Map<String, BigDecimal> values = Map.of("A.X.P", BigDecimal.ONE, "A.Y.P", BigDecimal.TEN, "A.Z.P", new BigDecimal("5"),
                "A.W.P", new BigDecimal("14"));
        assertEquals(new BigDecimal("11"), r.left().evaluate("P", values::get));       // 1 − (−10)
        assertEquals(new BigDecimal("11"), r.right().evaluate("P", values::get));      // −(5 − 2) + 14
    }

    @Test
    void aReferenceIsItsThreeSegments() {
        Expr.Ref ref = new Expr.Ref("B", "NEW", "*");
        assertEquals(new Expr.Ref("B", "NEW", "*"), ref);
        assertEquals(new Expr.Ref("B", "NEW", "*").hashCode(), ref.hashCode());
        assertTrue(!ref.equals(new Expr.Ref("C", "NEW", "*")) && !ref.equals(new Expr.Ref("B", "OLD", "*"))
                && !ref.equals(new Expr.Ref("B", "NEW", "TOTAL")) && !ref.equals("B.NEW.*"));
        assertEquals("B.NEW.*", ref.toString());
        assertTrue(ref.hasWildcard());
        assertTrue(!new Expr.Ref("B", "NEW", "TOTAL").hasWildcard());
        assertEquals("B.NEW.TOTAL", new Expr.Ref("B", "NEW", "TOTAL").bind("NATURAL"));
        assertEquals("B.NEW.LEGAL", ref.bind("LEGAL"));
        assertEquals("B.LEGAL.TOTAL", new Expr.Ref("B", "*", "TOTAL").bind("LEGAL"));
    }

    @Test
    void wildcardsBindToTheRowsOrColumnsTheIdsHave() {
        List<String> ids = List.of("B.NEW.NATURAL", "B.NEW.TOTAL", "B.GRANTED.TOTAL", "C.NEW.TOTAL", "B.NEW", "B.NEW.TOTAL.X");
        assertEquals(List.of("NATURAL", "TOTAL"), Wildcards.bindings(new Expr.Ref("B", "NEW", "*"), ids));
        assertEquals(List.of("NEW", "GRANTED"), Wildcards.bindings(new Expr.Ref("B", "*", "TOTAL"), ids));
        assertEquals(List.of(Wildcards.NONE), Wildcards.bindings(new Expr.Ref("B", "NEW", "TOTAL"), ids));
        assertEquals(List.of(), Wildcards.bindings(new Expr.Ref("B", "OLD", "TOTAL"), ids));
        assertEquals(List.of(), Wildcards.bindings(new Expr.Ref("D", "*", "TOTAL"), ids));
        assertEquals(List.of("NEW", "GRANTED"), Wildcards.bindings(RelationParser.parse("B.NEW.TOTAL + B.*.TOTAL = 0"), ids));
        assertEquals(List.of(Wildcards.NONE), Wildcards.bindings(RelationParser.parse("B.NEW.TOTAL = 0"), ids));

        assertTrue(Wildcards.matches("B.*.TOTAL", "B.NEW.TOTAL"));
        assertTrue(Wildcards.matches("B.NEW.TOTAL", "B.NEW.TOTAL"));
        assertTrue(!Wildcards.matches("B.*.TOTAL", "B.NEW.NATURAL"));
        assertTrue(!Wildcards.matches("B.*.TOTAL", "C.NEW.TOTAL"));
        assertTrue(!Wildcards.matches("B.*", "B.NEW"));
        assertTrue(!Wildcards.matches("B.*.TOTAL", "B.NEW"));
        assertTrue(!Wildcards.matches("B.*.*.TOTAL", "B.NEW.X.TOTAL"));
    }
}
