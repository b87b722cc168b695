package cn.nianbao.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

import cn.nianbao.history.DecisionMerge;
import cn.nianbao.job.JobDefinition;
import cn.nianbao.job.RunDefinition;
import cn.nianbao.model.Disposition;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Severity;
import cn.nianbao.publish.DecisionReader;
import cn.nianbao.store.DispositionStore;
import cn.nianbao.store.RunStore;
import cn.nianbao.store.RunRecords;

/**
 * The step before publish that reads auditors' decisions back: from the exceptions.xlsx the last run wrote, if an
 * auditor saved it since (kept in history/ first: publish rewrites it), and from the dispositions file the job names.
 * New and changed decisions are stored with the job (nb_disposition); rows that cannot be taken are findings of
 * {@value DecisionMerge#RULE}. Publish then carries the job's decisions into every output.
 */
@Component
public class DispositionTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(DispositionTasklet.class);

    private final RunStore store;
    private final RunRecords records;
    private final DispositionStore dispositions;
    private final DecisionSources sources;

    public DispositionTasklet(RunStore store, RunRecords records, DispositionStore dispositions, DecisionSources sources) {
        this.store = store;
        this.records = records;
        this.dispositions = dispositions;
        this.sources = sources;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        long run = RunParameters.runOf(chunkContext.getStepContext().getStepExecution());
        RunDefinition definition = records.runDefinition(run);
        JobDefinition job = definition.job();
        List<Finding> current = store.findings(run).stream().filter(f -> !DecisionMerge.RULE.equals(f.rule())).toList();
        Map<String, Finding> known = new HashMap<>();
        store.previousRunFindings(job.name(), run).ifPresent(previous -> previous.forEach(f -> known.put(f.fingerprint(), f)));
        current.forEach(f -> known.put(f.fingerprint(), f));

        List<Finding> problems = new ArrayList<>();
        List<DecisionMerge.Row> fileRows = new ArrayList<>();
        if (job.dispositions() != null) {
            fileRows.addAll(read(job.dispositions(), job.dispositions().toString(), problems));
        }
        List<DecisionMerge.Row> workbookRows = new ArrayList<>();
        for (Path workbook : sources.workbooks(job)) {
            if (sources.edited(job, workbook)) {
                String kept = sources.keep(job, workbook);
                log.info("{} 在上次运行后被编辑过，已另存为 {}，读取其中的处理意见", workbook.getFileName(), kept);
                workbookRows.addAll(read(workbook, kept, problems));
            }
        }

        Map<String, Disposition> stored = dispositions.decisions(job.name());
        DecisionMerge.Result merged = DecisionMerge.merge(stored, dispositions.fileSaid(job.name()), fileRows, workbookRows,
                known, dispositions.now());
        dispositions.save(job.name(), run, merged.changed(), merged.fileSaid());
        dispositions.recordSeen(job.name(), current.stream().filter(f -> stored.containsKey(f.fingerprint())).toList());
        problems.addAll(merged.problems());
        store.replaceFindings(run, RunStore.Stage.DISPOSITION, RunDefinitions.rules(definition).apply(problems));

        Map<String, Disposition> decided = new HashMap<>(stored);
        merged.changed().forEach(d -> decided.put(d.fingerprint(), d));
        long closed = current.stream().map(f -> decided.get(f.fingerprint())).filter(d -> d != null && d.closes()).count();
        log.info("处理意见：读取 {} 行，新增或修改 {} 条{}；本次 {} 个问题已说明或不适用，不计入 --fail-on", fileRows.size() + workbookRows.size(),
                merged.changed().size(), problems.isEmpty() ? "" : "，" + problems.size() + " 处未能采用（见问题清单中的「处理意见未能采用」）",
                closed);
        return RepeatStatus.FINISHED;
    }

    /** The rows of one workbook; a workbook that cannot be read is a finding, and its decisions are not taken. */
    private static List<DecisionMerge.Row> read(Path file, String shownAs, List<Finding> problems) {
        try {
            return DecisionReader.read(file, shownAs);
        } catch (DecisionReader.UnreadableException e) {
            log.warn("处理意见文件 {} {}", shownAs, e.getMessage());
            problems.add(new Finding(Severity.WARNING, DecisionMerge.RULE, null, null, null, shownAs, null, List.of(), null, null, null,
                    "处理意见文件「" + shownAs + "」" + e.getMessage()));
            return List.of();
        }
    }
}
