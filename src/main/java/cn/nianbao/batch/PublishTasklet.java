package cn.nianbao.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

import cn.nianbao.job.RunDefinition;
import cn.nianbao.model.Agency;
import cn.nianbao.model.Finding;
import cn.nianbao.publish.Review;
import cn.nianbao.store.DispositionStore;
import cn.nianbao.validate.RuleBook;
import cn.nianbao.model.ReportHeader;
import cn.nianbao.job.JobDefinition;
import cn.nianbao.history.RunComparison;
import cn.nianbao.model.RunChanges;
import cn.nianbao.model.RunResult;
import cn.nianbao.history.FindingChanges;
import cn.nianbao.publish.Publisher;
import cn.nianbao.store.RunStore;
import cn.nianbao.store.RunRecords;
import cn.nianbao.template.TemplateCatalogue;

/** Writes the output files of outputs.md from what the run stored, each file atomically. */
@Component
public class PublishTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(PublishTasklet.class);

    private final RunStore store;
    private final Publisher publisher;
    private final TemplateCatalogue catalogue;

    private final List<RunProgressListener> listeners;
    private final RunRecords records;
    private final DispositionStore dispositions;

    public PublishTasklet(RunStore store, TemplateCatalogue catalogue,
                          org.springframework.beans.factory.ObjectProvider<RunProgressListener> listeners,
                          RunRecords records, DispositionStore dispositions,
                          @org.springframework.beans.factory.annotation.Qualifier("publishExecutor")
                          org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor publishExecutor) {
        this.records = records;
        this.dispositions = dispositions;
        this.store = store;
        this.catalogue = catalogue;
        this.publisher = new Publisher(catalogue, publishExecutor, publishExecutor.getMaxPoolSize());
        this.listeners = listeners.orderedStream().toList();
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        var step = chunkContext.getStepContext().getStepExecution();
        long run = RunParameters.runOf(step);
        RunDefinition definition = records.runDefinition(run);
        JobDefinition job = definition.job();
        List<ReportHeader> counted = store.countedHeaders(run);
        List<Finding> findings = store.findings(run);
        List<String> skipped = store.skipped(run).stream().map(s -> s.path() + "（" + s.reason() + "）").toList();
        // the run's times as the database's clock recorded them, as every other stored time
        Instant started = records.startedAt(run).orElseGet(records::databaseNow);
        store.recordVersions(job.name(), run, counted);
        RunChanges runChanges = compareWithPreviousRun(job.name(), run);
        RunResult result = new RunResult(step.getJobExecution().getId(), job.name(), "COMPLETED", started, records.databaseNow(),
                store.submissions(run, counted), counted, findings, store.unitTotals(run, job, counted, catalogue), skipped,
                store.reusedPathsOfRun(run), runChanges, records.sources(run));
        FindingChanges changes = store.previousRunFindings(job.name(), run)
                .map(previous -> FindingChanges.compare(previous, findings))
                .orElse(null);
        Path out = job.output();
        RuleBook rules = RunDefinitions.rules(definition);
        Review review = new Review(rules::nameOf, job.roster().stream().map(Agency::code).toList(),
                dispositions.decisions(job.name()), job.notice(), ZoneId.systemDefault());
        List<Path> written = publisher.publish(result, out, changes, count -> listeners.forEach(l -> l.outputsWritten(count)), store.content(),
                history(run, job.name(), out), review);
        log.info("已写出 {} 个文件到 {}", written.size(), out);
        return RepeatStatus.FINISHED;
    }

    /** The job's earlier outputs in this folder, as the runs recorded them (nb_output). */
    private cn.nianbao.publish.OutputHistory history(long run, String jobName, Path out) {
        String folder = out.toAbsolutePath().normalize().toString();
        return new cn.nianbao.publish.OutputHistory() {
            @Override
            public String program() {
                return ProgramIdentity.current();
            }

            @Override
            public java.util.Optional<State> last(String fileName) {
                return records.lastOutput(jobName, folder, fileName)
                        .map(o -> new State(o.contentKey(), o.sizeBytes(), o.modifiedMicros()));
            }

            @Override
            public void record(String fileName, State state) {
                if (state != null) {
                    records.recordOutput(run, jobName, folder, fileName,
                            new RunRecords.Output(state.contentKey(), state.sizeBytes(), state.modifiedMicros()));
                }
            }

            @Override
            public java.util.Map<String, Piece> pieces(String fileName) {
                java.util.Map<String, Piece> pieces = new java.util.HashMap<>();
                records.lastPieces(jobName, folder, fileName).forEach((k, p) -> pieces.put(k, new Piece(p.offset(), p.length())));
                return pieces;
            }

            @Override
            public void recordPieces(String fileName, java.util.Map<String, Piece> pieces) {
                java.util.Map<String, RunRecords.Piece> rows = new java.util.HashMap<>();
                pieces.forEach((k, p) -> rows.put(k, new RunRecords.Piece(p.offset(), p.length())));
                records.recordPieces(run, fileName, rows);
            }
        };
    }

    /** How many changed reports the log names one by one. */
    static final int AGENCY_LINES = 200;

    /** What changed since the job's previous completed run, logged for the operator and written to run.json. */
    private RunChanges compareWithPreviousRun(String jobName, long run) {
        var previous = store.previousCompletedRun(jobName, run);
        if (previous.isEmpty()) {
            log.info("作业「{}」首次完成运行，无上次结果可比较", jobName);
            return RunChanges.firstRun();
        }
        long before = previous.get().jobInstanceId();
        RunChanges changes = RunComparison.compare(previous.get().jobExecutionId(), store.acceptedVersions(before),
                store.acceptedVersions(run), store.summaryValues(before), store.summaryValues(run));
        log.info("与上次完成的运行（执行号 {}）相比：{} 份报表有变化，{} 个汇总数值变动", changes.previousJobExecutionId(),
                changes.agencies().size(), changes.totals().size());
        // a district's night names every agency that changed; a province's first week would be tens of thousands of
        // lines, so past AGENCY_LINES the rest is counted and left to run.json
        int listed = 0;
        for (RunChanges.AgencyChange c : changes.agencies()) {
            if (++listed > AGENCY_LINES) {
                log.info("  ……其余 {} 份报表的变化见 run.json 的 changes.agencies", changes.agencies().size() - AGENCY_LINES);
                break;
            }
            String what = switch (c.change()) {
                case NEW -> "新报送";
                case CHANGED -> "已更新（文件内容变化）";
                case REMOVED -> "已不在输入中";
            };
            log.info("  {} {}年：{}（{}）", c.agencyName(), c.year(), what, c.path());
        }
        int shown = 0;
        for (RunChanges.TotalMove t : changes.totals()) {
            if (++shown > 30) {
                log.info("  ……其余 {} 个变动见 run.json 的 changes.totals", changes.totals().size() - 30);
                break;
            }
            log.info("  汇总 {} {}年 {}：{} → {}", t.unitName(), t.year(), t.datapoint(),
                    t.previous() == null ? "无" : t.previous().toPlainString(), t.current() == null ? "无" : t.current().toPlainString());
        }
        return changes;
    }
}
