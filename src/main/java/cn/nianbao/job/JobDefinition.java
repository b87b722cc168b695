package cn.nianbao.job;

import java.nio.file.Path;
import java.util.List;

import cn.nianbao.model.Agency;

/**
 * What a district edits to run its consolidation: the report year(s), where the workbooks are, where
 * the outputs go, the units above the agencies and the roster of expected 编制主体.
 *
 * @param name        the job's name; runs of the same name share history and a lock
 * @param years       the report years consolidated; empty = every year found in the workbooks
 * @param input       folder scanned recursively for the agencies' report files
 * @param output      folder the output files are written to
 * @param rules       optional rule override file
 * @param units       the units above the agencies (district, city …), each with its parent
 * @param roster      the expected 编制主体; empty = no roster (ad hoc run)
 * @param source      the job file it was read from, or null for an ad hoc run
 * @param fromJobs    for a roll-up job (city, province): the jobs whose latest completed runs it consolidates
 *                    from the database instead of reading workbooks ({@code input} is then null, and units and
 *                    roster come from those runs, see {@link RollupDefinition}); empty for a district job
 * @param leaveOutErrors whether reports with ERROR findings are left out of the roll-up's sums (they are named on the
 *                    summary either way); false: they are summed, so the sums are complete but may not balance
 * @param dispositions optional: an auditor's own workbook of decisions on findings (指纹, 处理状态, 处理说明), read
 *                    by every run besides the 处理状态 and 处理说明 columns of the previous exceptions.xlsx
 * @param notice      the deadline and issuing office the 整改通知 name
 */
public record JobDefinition(String name, List<Integer> years, Path input, Path output, Path rules,
                            List<Agency> units, List<Agency> roster, Path source, List<String> fromJobs,
                            boolean leaveOutErrors, Path dispositions, Notice notice) {

    public JobDefinition {
        years = List.copyOf(years);
        units = List.copyOf(units);
        roster = List.copyOf(roster);
        fromJobs = fromJobs == null ? List.of() : List.copyOf(fromJobs);
        notice = notice == null ? Notice.NONE : notice;
    }

    /** A district job: reads the workbooks under {@code input}. */
    public JobDefinition(String name, List<Integer> years, Path input, Path output, Path rules,
                         List<Agency> units, List<Agency> roster, Path source) {
        this(name, years, input, output, rules, units, roster, source, List.of(), false);
    }

    /** A job that sums reports with ERROR findings like the others. */
    public JobDefinition(String name, List<Integer> years, Path input, Path output, Path rules,
                         List<Agency> units, List<Agency> roster, Path source, List<String> fromJobs) {
        this(name, years, input, output, rules, units, roster, source, fromJobs, false);
    }

    /** A job without a dispositions file or notice settings. */
    public JobDefinition(String name, List<Integer> years, Path input, Path output, Path rules,
                         List<Agency> units, List<Agency> roster, Path source, List<String> fromJobs,
                         boolean leaveOutErrors) {
        this(name, years, input, output, rules, units, roster, source, fromJobs, leaveOutErrors, null, Notice.NONE);
    }

    /** Whether this job consolidates other jobs' stored runs rather than workbooks. */
    public boolean isRollup() {
        return !fromJobs.isEmpty();
    }

    /** The same job for other years. */
    public JobDefinition withYears(List<Integer> otherYears) {
        return new JobDefinition(name, otherYears, input, output, rules, units, roster, source, fromJobs, leaveOutErrors,
                dispositions, notice);
    }

    /** The same job with these units and roster (a roll-up job's, as taken from its source runs). */
    public JobDefinition withUnitsAndRoster(List<Agency> otherUnits, List<Agency> otherRoster) {
        return new JobDefinition(name, years, input, output, rules, otherUnits, otherRoster, source, fromJobs, leaveOutErrors,
                dispositions, notice);
    }

    public boolean hasRoster() {
        return !roster.isEmpty();
    }

    public boolean coversYear(int year) {
        return years.isEmpty() || years.contains(year);
    }
}
