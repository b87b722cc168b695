package cn.nianbao.batch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

import cn.nianbao.model.Finding;
import cn.nianbao.model.ReportHeader;
import cn.nianbao.model.Scope;
import cn.nianbao.model.UnitTotal;
import cn.nianbao.rollup.EarlierSums;
import cn.nianbao.rollup.Rollup;
import cn.nianbao.rollup.UnitTree;
import cn.nianbao.job.JobDefinition;
import cn.nianbao.job.RunDefinition;
import cn.nianbao.store.RunStore;
import cn.nianbao.store.RunRecords;
import cn.nianbao.template.TemplateCatalogue;
import cn.nianbao.validate.CrossReportInput;
import cn.nianbao.validate.CrossReportValidator;
import cn.nianbao.validate.RuleBook;

/**
 * The roll-up step. Reads the reports validate counted, sums the agencies' own reports into every unit and year,
 * compares each published 汇总 report with the sums of its unit (ROLLUP-MISMATCH), and stores the sums, which
 * agencies each includes, and the findings.
 */
@Component
public class RollupTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(RollupTasklet.class);

    private final RunStore store;
    private final RunRecords records;
    private final TemplateCatalogue catalogue;
    private final RunReuse reuse;

    public RollupTasklet(RunStore store, RunRecords records, TemplateCatalogue catalogue, RunReuse reuse) {
        this.store = store;
        this.records = records;
        this.catalogue = catalogue;
        this.reuse = reuse;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        var step = chunkContext.getStepContext().getStepExecution();
        long run = RunParameters.runOf(step);
        RunDefinition definition = records.runDefinition(run);
        JobDefinition job = definition.job();
        RuleBook rules = RunDefinitions.rules(definition);
        List<ReportHeader> counted = store.countedHeaders(run);
        // Nothing changed since the job's previous completed run: its roll-up is this run's. Nor in the other runs the
        // checks across years look up: a report there that changed can change validate's ERROR findings, which name
        // the reports with errors beside the sums (and, with leave-out-errors, decide which are summed).
        var same = reuse.reusable(job.name(), run, reuse.basis(definition), store.hasDuplicates(run), true);
        if (same.isPresent()) {
            int rows = store.copySummary(same.get(), run);
            store.copyFindings(same.get(), run, RunStore.Stage.ROLLUP);
            log.info("汇总：输入与上次完成的运行相同，沿用其 {} 个汇总数值", rows);
            yearBefore(run, step.getJobExecution().getId(), job);
            return RepeatStatus.FINISHED;
        }
        Set<Integer> years = new TreeSet<>(job.years());
        counted.forEach(r -> years.add(r.year()));
        // which reports have ERROR findings is what validate stored; the job says whether they count in the sums
        Rollup.Result rollup = new Rollup(catalogue).compute(counted, new UnitTree(job.units(), job.roster()), years, job.hasRoster(),
                store.content(), store.errorCounts(run), job.leaveOutErrors(), earlier(run, definition));
        log.info("汇总：读取 {} 份报表的数值（共 {} 份计入的报表）", rollup.reportsRead(), counted.size());
        List<Finding> findings = new ArrayList<>(rules.apply(rollup.findings()));
        findings.addAll(mismatches(counted, rollup.totals(), rules));
        store.replaceSummary(run, rollup.totals());
        store.replaceFindings(run, RunStore.Stage.ROLLUP, findings);
        for (UnitTotal t : rollup.totals()) {
            log.info("汇总 {} {}年：{} 份报表（应报 {}，缺 {}）{}", t.unit().name(), t.year(), t.included().size(),
                    t.expected().size(), t.missing().size(), t.leftOut().isEmpty() ? "" : "，因有错误未计入 " + t.leftOut().size() + " 份");
        }
        yearBefore(run, step.getJobExecution().getId(), job);
        return RepeatStatus.FINISHED;
    }

    /**
     * The sums of the job's previous completed run, where it ran under the same basis (program, job definition, rule
     * file): the roll-up then reads only the reports that changed. A unit whose stored reports do not add up to the
     * count it recorded is summed from scratch.
     */
    private EarlierSums earlier(long run, RunDefinition definition) {
        JobDefinition job = definition.job();
        var previous = store.previousCompletedRun(job.name(), run);
        if (previous.isEmpty()) {
            return EarlierSums.NONE;
        }
        long before = previous.get().jobInstanceId();
        if (!store.runBasis(before).map(b -> b[0].equals(reuse.basis(definition))).orElse(false)) {
            return EarlierSums.NONE;
        }
        Map<String, Integer> counts = store.summaryIncludedCounts(before);
        Map<String, UnitTotal> byUnit = new HashMap<>();
        for (UnitTotal t : store.unitTotals(before, job, store.countedHeaders(before), catalogue)) {
            List<ReportHeader> own = t.included().stream().filter(r -> r.scope() == Scope.OWN).toList();
            String key = t.unit().code() + "|" + t.year();
            if (own.size() == counts.getOrDefault(key, -1)) {
                byUnit.put(key, new UnitTotal(t.unit(), t.year(), t.format(), t.values(), own, t.expected(), t.missing(),
                        t.withErrors(), t.leaveOutErrors(), t.previous()));
            }
        }
        return (unit, year) -> Optional.ofNullable(byUnit.get(unit + "|" + year));
    }

    /**
     * The units' sums of the year before, for the summaries' comparison. Only for a job with a roster: the unit of a run
     * without one (code ALL) is whatever folder it was given, and another folder's sums are no year before of it.
     */
    private void yearBefore(long run, long execution, JobDefinition job) {
        if (job.hasRoster()) {
            store.recordYearBefore(run, execution, job.name());
        }
    }

    /** ROLLUP-MISMATCH: each published 汇总 report (a few per run) against the sums of its unit. */
    private List<Finding> mismatches(List<ReportHeader> counted, List<UnitTotal> totals, RuleBook rules) {
        List<ReportHeader> published = counted.stream().filter(r -> r.scope() == Scope.CONSOLIDATED).toList();
        List<Finding> findings = new ArrayList<>();
        if (published.isEmpty()) {
            return findings;
        }
        CrossReportValidator across = new CrossReportValidator(rules);
        store.content().forEachValues(published, report -> {
            CrossReportInput input = new CrossReportInput(catalogue, report.year(), List.of(), null, null, List.of(), totals,
                    store.content());
            totals.stream().filter(t -> t.year() == report.year() && t.unit().code().equals(report.agency().code()))
                    .findFirst().ifPresent(t -> findings.addAll(across.rollupMismatches(report, t, input)));
        });
        return findings;
    }
}
