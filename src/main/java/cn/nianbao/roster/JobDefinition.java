package cn.nianbao.roster;

import java.nio.file.Path;
import java.util.List;

import cn.nianbao.model.Agency;

/**
 * What a district edits to run its consolidation: the report year(s), where the workbooks are, where
 * the outputs go, the units above the agencies and the roster of expected 编制主体.
 *
 * @param name        the job's name; runs of the same name share history and a lock
 * @param years       the report years consolidated; empty = every year found in the workbooks
 * @param input       folder scanned recursively for .xlsx/.xls
 * @param output      folder the output files are written to
 * @param rules       optional rule override file
 * @param units       the units above the agencies (district, city …), each with its parent
 * @param roster      the expected 编制主体; empty = no roster (ad hoc run)
 * @param source      the job file it was read from, or null for an ad hoc run
 */
public record JobDefinition(String name, List<Integer> years, Path input, Path output, Path rules,
                            List<Agency> units, List<Agency> roster, Path source) {

    public JobDefinition {
        years = List.copyOf(years);
        units = List.copyOf(units);
        roster = List.copyOf(roster);
    }

    public boolean hasRoster() {
        return !roster.isEmpty();
    }

    public boolean coversYear(int year) {
        return years.isEmpty() || years.contains(year);
    }
}
