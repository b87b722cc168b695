package cn.nianbao.validate;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

/**
 * An arithmetic expression of the relation language: numbers, datapoint references, sums over a
 * numbered range, +, - and parentheses. Nothing else can be expressed, so a rule file cannot run code.
 */
public sealed interface Expr {

    /** The value, given a binding of the wildcard and the value of every datapoint id. */
    BigDecimal evaluate(String wildcard, Function<String, BigDecimal> values);

    /** The concrete datapoint ids this expression reads, in the order they are written. */
    void collectIds(String wildcard, List<String> into);

    /** The references as written, with their wildcard, in the order they are written. */
    void collectRefs(List<Ref> into);

    record Num(BigDecimal value) implements Expr {
        public BigDecimal evaluate(String wildcard, Function<String, BigDecimal> values) { return value; }
        public void collectIds(String wildcard, List<String> into) { }
        public void collectRefs(List<Ref> into) { }
    }

    /**
     * A datapoint id TABLE.ROW.COLUMN; at most one segment may be the wildcard {@code *}, replaced by
     * the bound row or column id. A class rather than a record so that it keeps the ids it binds to: every
     * report evaluates every rule, and building the id string each time would be most of what validate allocates.
     */
    final class Ref implements Expr {
        public static final String WILDCARD = "*";

        private final String table;
        private final String row;
        private final String column;
        /** TABLE.ROW.COLUMN as written: the datapoint id itself when there is no wildcard. */
        private final String written;
        /** Wildcard binding → datapoint id; a rule's bindings are the few rows or columns of one table. */
        private final java.util.concurrent.ConcurrentHashMap<String, String> bound = new java.util.concurrent.ConcurrentHashMap<>();

        public Ref(String table, String row, String column) {
            this.table = table;
            this.row = row;
            this.column = column;
            this.written = table + "." + row + "." + column;
        }

        public String table() { return table; }

        public String row() { return row; }

        public String column() { return column; }

        public boolean hasWildcard() {
            return WILDCARD.equals(row) || WILDCARD.equals(column);
        }

        /** Which segment the wildcard is in: "row", "column" or null. */
        public String wildcardPosition() {
            return WILDCARD.equals(row) ? "row" : WILDCARD.equals(column) ? "column" : null;
        }

        public String bind(String wildcard) {
            if (!hasWildcard()) {
                return written;
            }
            return wildcard == null ? bound(null) : bound.computeIfAbsent(wildcard, this::bound);
        }

        private String bound(String wildcard) {
            return table + "." + (WILDCARD.equals(row) ? wildcard : row) + "." + (WILDCARD.equals(column) ? wildcard : column);
        }

        public BigDecimal evaluate(String wildcard, Function<String, BigDecimal> values) {
            return values.apply(bind(wildcard));
        }

        public void collectIds(String wildcard, List<String> into) { into.add(bind(wildcard)); }
        public void collectRefs(List<Ref> into) { into.add(this); }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ref r && table.equals(r.table) && row.equals(r.row) && column.equals(r.column);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(table, row, column);
        }

        @Override
        public String toString() { return written; }
    }

    /** {@code sum(B.DENIED_1..8.*)}: the references of a numbered range, added up. */
    record Sum(List<Ref> terms) implements Expr {
        public Sum {
            terms = List.copyOf(terms);
        }

        public BigDecimal evaluate(String wildcard, Function<String, BigDecimal> values) {
            BigDecimal total = BigDecimal.ZERO;
            for (Ref ref : terms) {
                total = total.add(ref.evaluate(wildcard, values));
            }
            return total;
        }

        public void collectIds(String wildcard, List<String> into) {
            for (Ref ref : terms) {
                ref.collectIds(wildcard, into);
            }
        }

        public void collectRefs(List<Ref> into) { into.addAll(terms); }
    }

    record Add(Expr left, Expr right) implements Expr {
        public BigDecimal evaluate(String wildcard, Function<String, BigDecimal> values) {
            return left.evaluate(wildcard, values).add(right.evaluate(wildcard, values));
        }
        public void collectIds(String wildcard, List<String> into) { left.collectIds(wildcard, into); right.collectIds(wildcard, into); }
        public void collectRefs(List<Ref> into) { left.collectRefs(into); right.collectRefs(into); }
    }

    record Subtract(Expr left, Expr right) implements Expr {
        public BigDecimal evaluate(String wildcard, Function<String, BigDecimal> values) {
            return left.evaluate(wildcard, values).subtract(right.evaluate(wildcard, values));
        }
        public void collectIds(String wildcard, List<String> into) { left.collectIds(wildcard, into); right.collectIds(wildcard, into); }
        public void collectRefs(List<Ref> into) { left.collectRefs(into); right.collectRefs(into); }
    }

    record Negate(Expr operand) implements Expr {
        public BigDecimal evaluate(String wildcard, Function<String, BigDecimal> values) {
            return operand.evaluate(wildcard, values).negate();
        }
        public void collectIds(String wildcard, List<String> into) { operand.collectIds(wildcard, into); }
        public void collectRefs(List<Ref> into) { operand.collectRefs(into); }
    }
}
