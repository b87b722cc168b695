package cn.nianbao.batch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import cn.nianbao.model.Datapoint;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;
import cn.nianbao.model.ReportHeader;
import cn.nianbao.model.Scope;
import cn.nianbao.model.Severity;
import cn.nianbao.model.Submission;
import cn.nianbao.model.UnitNote;
import cn.nianbao.job.JobDefinition;
import cn.nianbao.job.RunDefinition;
import cn.nianbao.store.RunStore;
import cn.nianbao.store.RunRecords;
import cn.nianbao.template.TemplateCatalogue;
import cn.nianbao.validate.AgencyPartitions;
import cn.nianbao.validate.CrossReportValidator;
import cn.nianbao.validate.DuplicateResolution;
import cn.nianbao.validate.ReaderNote;
import cn.nianbao.validate.ReportHistory;
import cn.nianbao.validate.ReportValidator;
import cn.nianbao.validate.RuleBook;
import cn.nianbao.validate.SlimReports;
import cn.nianbao.validate.ValidationContext;

/**
 * The validate step. Reads the run's stored reports; decides which count (one per agency and year of the job's
 * years, duplicates resolved: DUPLICATE-SUBMISSION) and stores that; checks every counted report against the rule
 * book, then across reports and years (carry-over, continuity, completeness); stores the findings.
 */
@Component
public class ValidateTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ValidateTasklet.class);

    private final RunStore store;
    private final RunRecords records;
    private final TemplateCatalogue catalogue;
    private final RunReuse reuse;

    /** Reports (at least) whose slim copies are checked across reports together; bounds validate's memory. */
    private final int groupSize;

    public ValidateTasklet(RunStore store, RunRecords records, TemplateCatalogue catalogue, RunReuse reuse,
                           @Value("${nianbao.validate.group-size:500}") int groupSize) {
        this.groupSize = groupSize;
        this.store = store;
        this.records = records;
        this.catalogue = catalogue;
        this.reuse = reuse;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long run = RunParameters.runOf(chunkContext.getStepContext().getStepExecution());
        RunDefinition definition = records.runDefinition(run);
        JobDefinition job = definition.job();
        RuleBook rules = RunDefinitions.rules(definition);
        List<ReportHeader> accepted = store.reportHeaders(run);
        List<ReportHeader> inYears = new ArrayList<>();
        for (ReportHeader r : accepted) {
            if (job.coversYear(r.year())) {
                inYears.add(r);
            }
        }
        CrossReportValidator across = new CrossReportValidator(rules);
        DuplicateResolution duplicates = across.resolveDuplicates(inYears);
        List<ReportHeader> counted = duplicates.winners();
        store.markCounted(run, accepted, counted);

        String basis = reuse.basis(definition);
        String stamp = store.historyStamp(run);
        // Nothing changed since the job's previous completed run: its findings are this run's.
        Optional<Long> same = reuse.reusable(job.name(), run, basis, !duplicates.findings().isEmpty(), true);
        if (same.isPresent()) {
            int copied = store.copyFindings(same.get(), run, RunStore.Stage.VALIDATE);
            store.recordRunBasis(run, basis, stamp);
            log.info("校验完成：{} 份报表，发现 {} 个问题（输入与上次完成的运行相同，沿用其校验结果）", counted.size(), copied);
            return RepeatStatus.FINISHED;
        }
        List<Finding> findings = new ArrayList<>(duplicates.findings());
        if (counted.isEmpty()) {
            findings.addAll(rules.apply(List.of(noReport(job, store.fileCounts(run)))));
        }

        // Within each report, one report at a time; what the checks across reports read is kept (slim) and
        // checked a group of agencies at a time (AgencyPartitions), so memory does not grow with the run.
        ReportValidator within = new ReportValidator(rules);
        SlimReports slimmer = new SlimReports(rules);
        ReportHistory history = store::latestReport; // earlier years missing from this input: earlier runs
        Set<Integer> years = new TreeSet<>(job.years());
        counted.forEach(r -> years.add(r.year()));
        Set<String> used = new HashSet<>();
        counted.forEach(r -> used.add(r.submission().path()));
        List<Submission> unused = store.submissions(run).stream().filter(s -> !used.contains(s.path())).toList();
        List<Finding> acrossFindings = new ArrayList<>();
        AgencyPartitions partitions = new AgencyPartitions(across, catalogue, years, history,
                job.hasRoster() ? job.roster() : null, unused, store.content(), groupSize, acrossFindings::addAll);
        List<ReportHeader> byAgency = new ArrayList<>(counted);
        byAgency.sort(Comparator.comparing((ReportHeader r) -> r.agency().code()).thenComparingInt(ReportHeader::year));

        // What the job's previous run checked under the same keys is copied, not checked again: a report's own
        // findings by the report's key, an agency's findings across reports by the agency's (AgencyKeys). A report's
        // key is worked out again each time it is needed rather than held: a province's 100,000 keys would take
        // 14 MB of a heap that validate already fills with the run's headers.
        Function<ReportHeader, String> reportKey = r -> RunReuse.reportKey(basis, r);
        Map<String, List<ReportHeader>> ownByAgency = new LinkedHashMap<>();
        for (ReportHeader r : byAgency) {
            if (r.scope() == Scope.OWN) {
                ownByAgency.computeIfAbsent(r.agency().code(), c -> new ArrayList<>()).add(r);
            }
        }
        Map<String, String> agencyKeys = AgencyKeys.of(basis, years, ownByAgency, reportKey,
                job.hasRoster() ? job.roster() : null, unused, store::latestReportKeys);
        Optional<Long> previous = store.previousCompletedRun(job.name(), run).map(RunStore.CompletedRun::jobInstanceId);
        // The keys are stored first and compared in the database: what comes back is only what changed, so memory
        // follows the night's changes, not the run's size. Without a previous run every key is new.
        store.replaceCheckedKeys(run, byAgency.stream().map(reportKey), agencyKeys.values());
        Set<String> newReports = previous.map(p -> store.newReportKeys(run, p)).orElse(null);
        Set<String> newAgencies = previous.map(p -> store.newAgencyKeys(run, p)).orElse(null);
        Predicate<String> earlierReports = key -> newReports != null && !newReports.contains(key);
        Predicate<String> earlierAgencies = key -> newAgencies != null && !newAgencies.contains(key);
        Set<String> agenciesCopied = new HashSet<>();
        agencyKeys.forEach((code, key) -> {
            if (earlierAgencies.test(key)) {
                agenciesCopied.add(code);
                partitions.checkedElsewhere(code);
            }
        });
        List<ReportHeader> toRead = new ArrayList<>();
        for (ReportHeader r : byAgency) {
            boolean checkedAcross = r.scope() == Scope.OWN && !agenciesCopied.contains(r.agency().code());
            if (checkedAcross || !earlierReports.test(reportKey.apply(r))) {
                toRead.add(r);
            }
        }
        Map<Finding, String> findingReports = new IdentityHashMap<>();
        store.content().forEachValues(toRead, r -> {
            String key = reportKey.apply(r.header());
            if (!earlierReports.test(key)) {
                ValidationContext ctx = ValidationContext.of(catalogue).withAgency(r.agency()).withNotes(notes(r));
                List<Finding> own = within.validate(r, ctx);
                own.forEach(f -> findingReports.put(f, key));
                findings.addAll(own);
            }
            if (r.scope() == Scope.OWN && !agenciesCopied.contains(r.agency().code())) {
                partitions.add(slimmer.slim(r));
            }
        });
        partitions.finish();
        Map<Finding, String> findingAgencies = new IdentityHashMap<>();
        for (Finding f : acrossFindings) {
            String key = agencyKeys.get(f.agencyCode()); // none for a roster agency without a report: checked every run
            if (key != null) {
                findingAgencies.put(f, key);
            }
        }
        findings.addAll(acrossFindings);
        store.replaceFindings(run, RunStore.Stage.VALIDATE, findings, findingReports, findingAgencies);
        int copied = previous.map(p -> store.copyCheckedFindings(p, run)).orElse(0);
        store.recordRunBasis(run, basis, stamp);
        // every key of this run is either new or one the previous run checked (the keys are distinct: each names its file and part)
        long reportsCopied = newReports == null ? 0 : byAgency.size() - newReports.size();
        if (reportsCopied > 0) {
            log.info("校验：{} 份报表与上次运行时相同，沿用其表内检查结果", reportsCopied);
        }
        if (!agenciesCopied.isEmpty()) {
            log.info("校验：{} 个编制主体的报表、上年度报表和名单信息与上次运行时相同，沿用其跨报表检查结果（跨年度、名单），"
                    + "读取 {} 份报表的数值（共 {} 份计入的报表）", agenciesCopied.size(), toRead.size(), counted.size());
        }
        log.info("校验完成：{} 份报表，发现 {} 个问题", counted.size(), findings.size() + copied);
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
