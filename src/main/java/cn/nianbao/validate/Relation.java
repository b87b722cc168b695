package cn.nianbao.validate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** {@code left op right} with op one of =, >=, <=, as parsed by {@link RelationParser}. */
public record Relation(String text, Expr left, Comparison op, Expr right) {

    public enum Comparison {
        EQUAL("="), AT_LEAST(">="), AT_MOST("<=");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        /** Whether {@code left op right} holds, allowing {@code tolerance} either way. */
        public boolean holds(BigDecimal left, BigDecimal right, BigDecimal tolerance) {
            BigDecimal delta = left.subtract(right);
            return switch (this) {
                case EQUAL -> delta.abs().compareTo(tolerance) <= 0;
                case AT_LEAST -> delta.compareTo(tolerance.negate()) >= 0;
                case AT_MOST -> delta.compareTo(tolerance) <= 0;
            };
        }
    }

    /** Every reference as written, left side first. */
    public List<Expr.Ref> refs() {
        List<Expr.Ref> refs = new ArrayList<>();
        left.collectRefs(refs);
        right.collectRefs(refs);
        return refs;
    }

    /** "row", "column", or null when the relation has no wildcard. */
    public String wildcardPosition() {
        for (Expr.Ref ref : refs()) {
            if (ref.hasWildcard()) {
                return ref.wildcardPosition();
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return text;
    }
}
