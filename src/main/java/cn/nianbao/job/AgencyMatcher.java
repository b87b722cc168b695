package cn.nianbao.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import cn.nianbao.ingest.LabelKey;
import cn.nianbao.model.Agency;

/**
 * Finds the roster entry a workbook belongs to, from its file name and its title cells: the entry
 * whose code, name or alias is the longest text found in them. Two entries matching equally well is
 * no match: a guess would put one agency's numbers under another's name.
 */
public final class AgencyMatcher {

    private final List<Agency> candidates;

    /** @param candidates roster entries and units (a unit's own 汇总 report matches the unit) */
    public AgencyMatcher(List<Agency> candidates) {
        this.candidates = List.copyOf(candidates);
    }

    public Optional<Agency> match(String fileName, List<String> titles) {
        List<String> haystacks = new ArrayList<>();
        haystacks.add(LabelKey.compact(fileName));
        for (String t : titles) {
            haystacks.add(LabelKey.compact(t));
        }
        Agency best = null;
        int bestLength = 0;
        boolean tie = false;
        for (Agency agency : candidates) {
            int len = longestFound(agency, haystacks);
            if (len > bestLength) {
                best = agency;
                bestLength = len;
                tie = false;
            } else if (len == bestLength && len > 0 && best != agency) {
                tie = true;
            }
        }
        return tie ? Optional.empty() : Optional.ofNullable(best);
    }

    private static int longestFound(Agency agency, List<String> haystacks) {
        List<String> needles = new ArrayList<>(agency.aliases());
        needles.add(agency.name());
        needles.add(agency.code());
        int longest = 0;
        for (String needle : needles) {
            String n = LabelKey.compact(needle);
            if (n.length() < 2) {
                continue;
            }
            for (String h : haystacks) {
                if (h.contains(n)) {
                    longest = Math.max(longest, n.length());
                }
            }
        }
        return longest;
    }
}
