package cn.nianbao.validate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Binds the wildcard of a reference to the row or column ids that exist among a set of datapoint ids. */
final class Wildcards {

    /** The binding used for a reference or relation without a wildcard. */
    static final String NONE = "";

    private Wildcards() {
    }

    /**
     * The values the wildcard of {@code ref} can take so that the bound id is in {@code ids}, in the
     * order of {@code ids}; for a reference without wildcard, {@link #NONE} if the id is there.
     */
    static List<String> bindings(Expr.Ref ref, Collection<String> ids) {
        if (!ref.hasWildcard()) {
            return ids.contains(ref.bind(NONE)) ? List.of(NONE) : List.of();
        }
        Set<String> values = new LinkedHashSet<>();
        for (String id : ids) {
            String[] parts = id.split("\\.");
            if (parts.length != 3 || !parts[0].equals(ref.table())) {
                continue;
            }
            if (Expr.Ref.WILDCARD.equals(ref.row()) && parts[2].equals(ref.column())) {
                values.add(parts[1]);
            } else if (Expr.Ref.WILDCARD.equals(ref.column()) && parts[1].equals(ref.row())) {
                values.add(parts[2]);
            }
        }
        return new ArrayList<>(values);
    }

    /** The bindings of a relation: those of its first wildcard reference (or NONE when it has none). */
    static List<String> bindings(Relation relation, Collection<String> ids) {
        for (Expr.Ref ref : relation.refs()) {
            if (ref.hasWildcard()) {
                return bindings(ref, ids);
            }
        }
        return List.of(NONE);
    }

    /** Whether a datapoint id matches a pattern such as {@code B.*.TOTAL}. */
    static boolean matches(String pattern, String id) {
        String[] p = pattern.split("\\.");
        String[] i = id.split("\\.");
        if (p.length != 3 || i.length != 3) {
            return false;
        }
        for (int k = 0; k < 3; k++) {
            if (!p[k].equals(Expr.Ref.WILDCARD) && !p[k].equals(i[k])) {
                return false;
            }
        }
        return true;
    }
}
