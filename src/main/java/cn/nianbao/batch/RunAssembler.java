package cn.nianbao.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import cn.nianbao.model.Report;
import cn.nianbao.model.ReportContent;
import cn.nianbao.roster.JobDefinition;
import cn.nianbao.roster.RollupDefinition;
import cn.nianbao.store.RunRecords;
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

    /**
     * A run as stored, resolved. {@code reports} are headers (no datapoints: read them through
     * {@link #content()}); the roll-up is computed when first asked for (one pass over the datapoints).
     */
    public static final class Assembled {
        private final JobDefinition job;
        private final RuleBook rules;
        private final List<Report> reports;
        private final DuplicateResolution duplicates;
        private final Set<Integer> years;
        private final ReportContent content;
        private final java.util.function.Supplier<Rollup.Result> computeRollup;
        private final java.util.function.Supplier<Rollup.Pending> startRollup;
        private Rollup.Result rollup;

        Assembled(JobDefinition job, RuleBook rules, List<Report> reports, DuplicateResolution duplicates, Set<Integer> years,
                  ReportContent content, java.util.function.Supplier<Rollup.Result> computeRollup,
                  java.util.function.Supplier<Rollup.Pending> startRollup) {
            this.startRollup = startRollup;
            this.job = job;
            this.rules = rules;
            this.reports = reports;
            this.duplicates = duplicates;
            this.years = years;
            this.content = content;
            this.computeRollup = computeRollup;
        }

        public JobDefinition job() {
            return job;
        }

        public RuleBook rules() {
            return rules;
        }

        /** The reports that count (one per agency and year), as headers without datapoints. */
        public List<Report> reports() {
            return reports;
        }

        public DuplicateResolution duplicates() {
            return duplicates;
        }

        public Set<Integer> years() {
            return years;
        }

        /** Where the reports' datapoints are read from, a batch at a time. */
        public ReportContent content() {
            return content;
        }

        public synchronized Rollup.Result rollup() {
            if (rollup == null) {
                rollup = computeRollup.get();
            }
            return rollup;
        }

        /**
         * The roll-up to be summed during a pass over {@link #reports()} made for another reason (validate's), or null
         * when it is known already. Hand it back with {@link #rollupSummed} once every report was added.
         */
        public synchronized Rollup.Pending pendingRollup() {
            return rollup == null ? startRollup.get() : null;
        }

        /** The roll-up summed in such a pass: {@link #rollup()} needs no pass of its own. */
        public synchronized void rollupSummed(Rollup.Pending summed) {
            if (rollup == null) {
                rollup = summed.result();
            }
        }
    }

    private final ReportStore store;
    private final TemplateCatalogue catalogue;
    private final RunRecords records;

    public RunAssembler(ReportStore store, TemplateCatalogue catalogue, RunRecords records) {
        this.store = store;
        this.catalogue = catalogue;
        this.records = records;
    }

    /** The run of a step, assembled. */
    public Assembled assemble(org.springframework.batch.core.step.StepExecution step) {
        long run = RunParameters.runOf(step);
        JobDefinition job = RunParameters.job(step.getJobParameters());
        if (job.isRollup()) {
            // A roll-up job's units and roster are those its gather step merged from the source runs.
            RollupDefinition.Source merged = records.definition(run)
                    .orElseThrow(() -> new IllegalStateException("汇总运行 " + run + " 未记录合并后的名册"));
            job = job.withUnitsAndRoster(merged.units(), merged.roster());
        }
        return assemble(run, job);
    }

    /** The run assembled last, kept for the next step of the same run in this process (see {@link #assemble(long, JobDefinition)}). */
    private Assembled last;
    private long lastRun = -1;

    /**
     * The run assembled: once per run in a process. Validate, roll-up and publish each asked for it, and each read the
     * run's report headers again, resolved the duplicates again, and publish recomputed the roll-up (a pass over all
     * stored datapoints). A restarted step in a new process assembles it afresh, from the same stored rows.
     */
    public synchronized Assembled assemble(long run, JobDefinition job) {
        if (last != null && lastRun == run && last.job().equals(job)) {
            return last;
        }
        last = null; // the previous run's reports are not held while this one's are read
        Assembled assembled = build(run, job);
        last = assembled;
        lastRun = run;
        return assembled;
    }

    /** Lets go of the run assembled last (at the end of a job: its reports are no longer needed). */
    public synchronized void forget() {
        last = null;
        lastRun = -1;
    }

    private Assembled build(long run, JobDefinition job) {
        RuleBook rules = RuleBook.load(job.rules());
        List<Report> stored = store.reportHeaders(run);
        List<Report> inYears = new ArrayList<>();
        for (Report r : stored) {
            if (job.coversYear(r.year())) {
                inYears.add(r);
            }
        }
        DuplicateResolution duplicates = new CrossReportValidator(rules).resolveDuplicates(inYears);
        Set<Integer> years = new TreeSet<>(job.years());
        duplicates.winners().forEach(r -> years.add(r.year()));
        ReportContent content = store.content();
        Rollup rollup = new Rollup(catalogue);
        return new Assembled(job, rules, duplicates.winners(), duplicates, years, content,
                () -> rollup.compute(duplicates.winners(), new UnitTree(job.units(), job.roster()), years, job.hasRoster(), content),
                () -> rollup.start(duplicates.winners(), new UnitTree(job.units(), job.roster()), years, job.hasRoster()));
    }

}
