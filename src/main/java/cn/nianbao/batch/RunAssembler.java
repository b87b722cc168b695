package cn.nianbao.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import cn.nianbao.model.Agency;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;
import cn.nianbao.roster.JobDefinition;
import cn.nianbao.rollup.Rollup;
import cn.nianbao.rollup.UnitTree;
import cn.nianbao.store.ReportStore;
import cn.nianbao.template.TemplateCatalogue;
import cn.nianbao.validate.CrossReportValidator;
import cn.nianbao.validate.DuplicateResolution;
import cn.nianbao.validate.RuleBook;

/**
 * Reads a run back from the store in the shape the later steps need: the reports that count (one per
 * agency and year, duplicates resolved, years outside the job left out) and their roll-up. Every step
 * derives these the same way, so a restarted step sees what an uninterrupted one would.
 */
public final class RunAssembler {

    /** A run as stored, resolved. */
    public record Assembled(JobDefinition job, RuleBook rules, List<Report> reports, DuplicateResolution duplicates,
                            Rollup.Result rollup, Set<Integer> years) {
    }

    private final ReportStore store;
    private final TemplateCatalogue catalogue;

    public RunAssembler(ReportStore store, TemplateCatalogue catalogue) {
        this.store = store;
        this.catalogue = catalogue;
    }

    /** The run of a step, assembled. */
    public Assembled assemble(org.springframework.batch.core.step.StepExecution step) {
        return assemble(RunParameters.runOf(step), RunParameters.job(step.getJobParameters()));
    }

    public Assembled assemble(long run, JobDefinition job) {
        RuleBook rules = RuleBook.load(job.rules());
        List<Report> stored = store.reports(run);
        List<Report> inYears = new ArrayList<>();
        for (Report r : stored) {
            if (job.coversYear(r.year())) {
                inYears.add(r);
            }
        }
        DuplicateResolution duplicates = new CrossReportValidator(rules).resolveDuplicates(inYears);
        Set<Integer> years = new TreeSet<>(job.years());
        duplicates.winners().forEach(r -> years.add(r.year()));
        List<Agency> units = job.units();
        UnitTree tree = new UnitTree(units, job.roster());
        Rollup.Result rollup = new Rollup(catalogue).compute(duplicates.winners(), tree, years, job.hasRoster());
        return new Assembled(job, rules, duplicates.winners(), duplicates, rollup, years);
    }

}
