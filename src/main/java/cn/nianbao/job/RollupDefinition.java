package cn.nianbao.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import cn.nianbao.model.Agency;

/**
 * The units and roster of a roll-up job (city, province), made from the definitions its source runs were
 * run with. Each district keeps its own roster in its own job file; the city takes the union as stored by
 * the districts' runs, so its expected list (MISSING-SUBMISSION, coverage) is exactly the districts' and
 * cannot drift from them. The result is the job file a single run over all the districts' files would
 * have had: the roll-up file's units first, then each source's units and roster in {@code from-jobs} order.
 */
public final class RollupDefinition {

    /** What a source run was run with (stored by that run). */
    public record Source(String jobName, List<Integer> years, List<Agency> units, List<Agency> roster) {
    }

    private RollupDefinition() {
    }

    /**
     * The roll-up job with its units and roster filled in from its sources.
     *
     * @throws JobFileException when the sources do not fit together (their message says which jobs and codes)
     */
    public static JobDefinition merge(JobDefinition rollup, List<Source> sources) {
        Map<String, Agency> units = new LinkedHashMap<>();
        Map<String, String> unitFrom = new LinkedHashMap<>();
        for (Agency u : rollup.units()) {
            units.put(u.code(), u);
            unitFrom.put(u.code(), null); // the roll-up's own file: it overrides what the sources say
        }
        Map<String, Agency> roster = new LinkedHashMap<>();
        Map<String, String> rosterFrom = new LinkedHashMap<>();
        for (Source s : sources) {
            if (s.roster().isEmpty()) {
                throw new JobFileException("作业「" + s.jobName() + "」的运行没有名册（不用作业文件的临时运行），不能用于逐级汇总："
                        + "逐级汇总需要各作业名册中的应报单位");
            }
            // Another year set would have resolved the workbooks' years differently: the roll-up would not be
            // the single run over all files it stands for.
            if (!new TreeSet<>(s.years()).equals(new TreeSet<>(rollup.years()))) {
                throw new JobFileException("作业「" + s.jobName() + "」的年度 " + new TreeSet<>(s.years()) + " 与汇总作业「"
                        + rollup.name() + "」的年度 " + new TreeSet<>(rollup.years()) + " 不同；请汇总同一年度的作业");
            }
            for (Agency u : s.units()) {
                Agency known = units.get(u.code());
                if (known == null) {
                    units.put(u.code(), u);
                    unitFrom.put(u.code(), s.jobName());
                } else if (unitFrom.get(u.code()) != null && !sameUnit(known, u)) {
                    throw new JobFileException("单位「" + u.code() + "」在作业「" + unitFrom.get(u.code()) + "」中是「" + describe(known)
                            + "」，在作业「" + s.jobName() + "」中是「" + describe(u) + "」；请统一两份作业文件，或在汇总作业文件的 units 中写明该单位");
                }
            }
            for (Agency a : s.roster()) {
                if (rosterFrom.containsKey(a.code())) {
                    throw new JobFileException("编制主体「" + a.code() + " " + a.name() + "」同时在作业「" + rosterFrom.get(a.code())
                            + "」和「" + s.jobName() + "」的名册中：同一单位只能由一个作业报送，否则会重复汇总");
                }
                roster.put(a.code(), a);
                rosterFrom.put(a.code(), s.jobName());
            }
        }
        for (Agency a : roster.values()) {
            if (units.containsKey(a.code())) {
                throw new JobFileException("代码「" + a.code() + "」在作业「" + rosterFrom.get(a.code()) + "」的名册中是编制主体，又是汇总单位");
            }
        }
        return rollup.withUnitsAndRoster(new ArrayList<>(units.values()), new ArrayList<>(roster.values()));
    }

    private static boolean sameUnit(Agency a, Agency b) {
        return a.name().equals(b.name()) && Objects.equals(a.kind(), b.kind()) && Objects.equals(a.parent(), b.parent());
    }

    private static String describe(Agency u) {
        return u.name() + (u.kind() == null || u.kind().isEmpty() ? "" : "，" + u.kind())
                + (u.parent() == null ? "，无上级" : "，上级 " + u.parent());
    }
}
