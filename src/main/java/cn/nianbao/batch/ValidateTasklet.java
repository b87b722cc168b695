package cn.nianbao.batch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import cn.nianbao.model.Datapoint;
import cn.nianbao.model.UnitNote;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Severity;
import cn.nianbao.roster.JobDefinition;
import cn.nianbao.model.Report;
import cn.nianbao.model.Scope;
import cn.nianbao.model.Submission;
import cn.nianbao.model.UnitTotal;
import cn.nianbao.store.ReportStore;
import cn.nianbao.template.TemplateCatalogue;
import cn.nianbao.validate.AgencyPartitions;
import cn.nianbao.validate.CrossReportInput;
import cn.nianbao.validate.CrossReportValidator;
import cn.nianbao.validate.ReaderNote;
import cn.nianbao.validate.ReportHistory;
import cn.nianbao.validate.ReportValidator;
import cn.nianbao.validate.SlimReports;
import cn.nianbao.validate.ValidationContext;

/**
 * Checks every accepted report against the rule book, then the checks across reports and years
 * (carry-over, continuity, completeness, published 汇总 against the computed sums), and stores the findings.
 */
@Component
public class ValidateTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ValidateTasklet.class);

    private final ReportStore store;
    private final RunAssembler assembler;
    private final TemplateCatalogue catalogue;
    private final RunReuse reuse;

    /** Reports (at least) whose slim copies are checked across reports together; bounds validate's memory. */
    private final int groupSize;

    public ValidateTasklet(ReportStore store, RunAssembler assembler, TemplateCatalogue catalogue, RunReuse reuse,
                           @Value("${nianbao.validate.group-size:2000}") int groupSize) {
        this.groupSize = groupSize;
        this.store = store;
        this.assembler = assembler;
        this.catalogue = catalogue;
        this.reuse = reuse;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        var step = chunkContext.getStepContext().getStepExecution();
        long run = RunParameters.runOf(step);
        RunAssembler.Assembled a = assembler.assemble(step);
        String basis = reuse.basis(a.job());
        String stamp = store.historyStamp(run);
        // Nothing changed since the job's previous completed run: its findings are this run's.
        Optional<Long> same = reuse.reusable(a.job().name(), run, basis, !a.duplicates().findings().isEmpty(), true);
        if (same.isPresent()) {
            int copied = store.copyFindings(same.get(), run, ReportStore.Stage.VALIDATE);
            store.recordRunBasis(run, basis, stamp);
            log.info("校验完成：{} 份报表，发现 {} 个问题（输入与上次完成的运行相同，沿用其校验结果）", a.reports().size(), copied);
            return RepeatStatus.FINISHED;
        }
        List<Finding> findings = new ArrayList<>(a.duplicates().findings());
        if (a.reports().isEmpty()) {
            findings.addAll(a.rules().apply(List.of(noReport(a.job(), store.fileCounts(run)))));
        }

        // Within each report, one report at a time; what the checks across reports read is kept (slim) and
        // checked a group of agencies at a time (AgencyPartitions), so memory does not grow with the run.
        ReportValidator within = new ReportValidator(a.rules());
        SlimReports slimmer = new SlimReports(a.rules());
        CrossReportValidator across = new CrossReportValidator(a.rules());
        ReportHistory history = store::latestReport; // earlier years missing from this input: earlier runs
        Set<String> used = new HashSet<>();
        a.reports().forEach(r -> used.add(r.submission().path()));
        List<Submission> unused = store.submissions(run).stream().filter(s -> !used.contains(s.path())).toList();
        AgencyPartitions partitions = new AgencyPartitions(across, catalogue, a.years(), history,
                a.job().hasRoster() ? a.job().roster() : null, unused, a.content(), groupSize, findings::addAll);
        List<Report> byAgency = new ArrayList<>(a.reports());
        byAgency.sort(Comparator.comparing((Report r) -> r.agency().code()).thenComparingInt(Report::year));
        List<Report> consolidated = new ArrayList<>();
        // the roll-up's sums are made in this pass too, not in a pass of the roll-up step's own
        cn.nianbao.rollup.Rollup.Pending rollup = a.pendingRollup();
        int[] next = {0};
        a.content().forEachValues(byAgency, r -> {
            if (rollup != null) {
                rollup.add(byAgency.get(next[0]), r);
            }
            next[0]++;
            ValidationContext ctx = ValidationContext.of(catalogue).withAgency(r.agency()).withNotes(notes(r));
            findings.addAll(within.validate(r, ctx));
            if (r.scope() == Scope.OWN) {
                partitions.add(slimmer.slim(r));
            } else if (r.scope() == Scope.CONSOLIDATED) {
                consolidated.add(r); // compared whole with the computed roll-up (a few per run)
            }
        });
        partitions.finish();
        if (rollup != null) {
            a.rollupSummed(rollup);
        }

        // Only a published 汇总 report is compared with the roll-up: compute it only then.
        if (!consolidated.isEmpty()) {
            List<UnitTotal> totals = a.rollup().totals();
            for (Report published : consolidated) {
                CrossReportInput input = new CrossReportInput(catalogue, published.year(), List.of(), history, null, List.of(),
                        totals, a.content());
                totals.stream().filter(t -> t.year() == published.year() && t.unit().code().equals(published.agency().code()))
                        .findFirst().ifPresent(t -> findings.addAll(across.rollupMismatches(published, t, input)));
            }
        }
        store.replaceFindings(run, ReportStore.Stage.VALIDATE, findings);
        store.recordRunBasis(run, basis, stamp);
        log.info("校验完成：{} 份报表，发现 {} 个问题", a.reports().size(), findings.size());
        return RepeatStatus.FINISHED;
    }

    /**
     * INPUT-NO-REPORT: not one report could be read for the job's years. A wrong or unmounted input folder must not
     * look like a clean run; the log says so too.
     */
    private static Finding noReport(JobDefinition job, int[] fileCounts) {
        String years = job.years().isEmpty() ? "" : job.years().stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining("、")) + " 年度";
        String where = job.input() == null ? "汇总的各作业运行中" : "输入文件夹「" + job.input().toAbsolutePath().normalize() + "」中";
        String message = where + "没有可以计入汇总的" + years + "年报（共 " + fileCounts[0] + " 个文件"
                + (fileCounts[0] == 0 ? "" : "，均未能读取或不属于本次汇总的年度，见其他问题") + "）；"
                + "请确认作业文件中的输入文件夹是否正确、网络盘是否已挂载，以及报送的是否为年报表格";
        log.error("{}", message);
        return new Finding(Severity.ERROR, "INPUT-NO-REPORT", null, null, null, null, null, List.of(), null, null, null, message);
    }

    /** What the reader assumed or converted about money units in a report, for the unit rules. */
    private static List<ReaderNote> notes(Report r) {
        List<ReaderNote> notes = new ArrayList<>();
        for (Datapoint d : r.datapoints().values()) {
            if (d.unitNote() == null) {
                continue;
            }
            ReaderNote.Kind kind = d.unitNote() == UnitNote.YUAN_ASSUMED ? ReaderNote.Kind.UNIT_ASSUMED
                    : ReaderNote.Kind.YUAN_IN_WAN_COLUMN;
            // What the cell said, as far as the stored value tells: the bare number, or the 元 amount converted.
            String detail = kind == ReaderNote.Kind.UNIT_ASSUMED ? d.valueOrZero().toPlainString()
                    : d.valueOrZero().multiply(java.math.BigDecimal.valueOf(10_000)).stripTrailingZeros().toPlainString() + "元";
            notes.add(new ReaderNote(d.id(), kind, detail));
        }
        return notes;
    }
}
