package cn.nianbao.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

import cn.nianbao.ingest.InputScanner;
import cn.nianbao.model.Finding;
import cn.nianbao.model.RunResult;
import cn.nianbao.validate.FindingChanges;
import cn.nianbao.publish.Publisher;
import cn.nianbao.store.ReportStore;
import cn.nianbao.template.TemplateCatalogue;

/** Writes the output files of outputs.md from what the run stored, each file atomically. */
@Component
public class PublishTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(PublishTasklet.class);

    private final ReportStore store;
    private final RunAssembler assembler;
    private final Publisher publisher;

    private final TestPause testPause;

    public PublishTasklet(ReportStore store, RunAssembler assembler, TemplateCatalogue catalogue, TestPause testPause) {
        this.store = store;
        this.assembler = assembler;
        this.publisher = new Publisher(catalogue);
        this.testPause = testPause;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        var step = chunkContext.getStepContext().getStepExecution();
        var execution = step.getJobExecution();
        long run = execution.getJobInstance().getInstanceId();
        RunAssembler.Assembled a = assembler.assemble(run, RunParameters.job(step.getJobParameters()));
        List<Finding> findings = store.findings(run);
        List<String> skipped = new ArrayList<>();
        for (InputScanner.Skipped s : InputScanner.scan(a.job().input()).skipped()) {
            skipped.add(s.path() + "（" + s.reason() + "）");
        }
        Instant started = execution.getStartTime() == null ? Instant.now()
                : execution.getStartTime().atZone(java.time.ZoneId.systemDefault()).toInstant();
        RunResult result = new RunResult(execution.getId(), a.job().name(), "COMPLETED", started, Instant.now(),
                store.submissions(run), a.reports(), findings, a.rollup().totals(), skipped);
        FindingChanges changes = store.previousRunFindings(a.job().name(), run)
                .map(previous -> FindingChanges.compare(previous, findings))
                .orElse(null);
        Path out = a.job().output();
        List<Path> written = publisher.publish(result, out, changes, count -> testPause.reached("publish", count));
        log.info("已写出 {} 个文件到 {}", written.size(), out);
        return RepeatStatus.FINISHED;
    }
}
