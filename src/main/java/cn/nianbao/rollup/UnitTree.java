package cn.nianbao.rollup;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.nianbao.model.Agency;

/** The units of a job (district, city …) and which roster agencies each one covers, through any depth. */
public final class UnitTree {

    private final Map<String, Agency> units = new LinkedHashMap<>();
    private final List<Agency> roster;

    public UnitTree(List<Agency> units, List<Agency> roster) {
        for (Agency u : units) {
            this.units.put(u.code(), u);
        }
        this.roster = List.copyOf(roster);
    }

    public List<Agency> units() {
        return new ArrayList<>(units.values());
    }

    /** Whether {@code code} is {@code unit} or nested below it. */
    public boolean isUnder(String parentCode, String unitCode) {
        Set<String> seen = new HashSet<>();
        String at = parentCode;
        while (at != null && seen.add(at)) {
            if (at.equals(unitCode)) {
                return true;
            }
            Agency u = units.get(at);
            at = u == null ? null : u.parent();
        }
        return false;
    }

    /** The roster agencies a unit covers. */
    public List<Agency> agenciesUnder(String unitCode) {
        List<Agency> out = new ArrayList<>();
        for (Agency a : roster) {
            if (isUnder(a.parent(), unitCode)) {
                out.add(a);
            }
        }
        return out;
    }
}
