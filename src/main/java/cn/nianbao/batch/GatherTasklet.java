package cn.nianbao.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

import cn.nianbao.model.SourceRun;
import cn.nianbao.job.JobDefinition;
import cn.nianbao.job.RollupDefinition;
import cn.nianbao.job.RunDefinition;
import cn.nianbao.store.RunRecords;

/**
 * The first step of a roll-up run (city, province), in place of ingest: copies the file rows (and ingest
 * findings) of the source runs the runner chose into this run and records the merged units and roster. One
 * transaction: a crash leaves nothing half-copied, and a restart copies again. Validate, roll-up and publish
 * then run unchanged on what was copied, as they would after ingest over all the districts' files.
 */
@Component
public class GatherTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(GatherTasklet.class);

    private final RunRecords records;

    public GatherTasklet(RunRecords records) {
        this.records = records;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        var step = chunkContext.getStepContext().getStepExecution();
        long run = RunParameters.runOf(step);
        RunDefinition stored = records.runDefinition(run);
        JobDefinition job = stored.job();
        List<Map.Entry<Long, Boolean>> executions = RunParameters.sources(step.getJobParameters());
        if (executions.size() != job.fromJobs().size()) {
            throw new IllegalStateException("作业文件的 from-jobs 在运行开始后被修改（" + job.fromJobs().size() + " 个作业，运行参数中 "
                    + executions.size() + " 个）；请重新运行");
        }
        List<SourceRun> sources = new ArrayList<>();
        List<RollupDefinition.Source> definitions = new ArrayList<>();
        for (int i = 0; i < executions.size(); i++) {
            String name = job.fromJobs().get(i);
            long execution = executions.get(i).getKey();
            SourceRun source = records.completedExecution(name, execution, executions.get(i).getValue())
                    .orElseThrow(() -> new IllegalStateException("作业「" + name + "」的运行（执行号 " + execution + "）已不在数据库中"
                            + "（可能已被清理）；请重新运行汇总作业"));
            sources.add(source);
            definitions.add(records.definition(source.jobInstanceId()).orElseThrow(() -> new IllegalStateException(
                    "作业「" + name + "」的运行（执行号 " + execution + "）未记录名册")));
        }
        JobDefinition merged = RollupDefinition.merge(job, definitions);
        records.clearCopiedFiles(run);
        int files = 0;
        for (SourceRun s : sources) {
            int n = records.copyFiles(s.jobInstanceId(), run, s.jobName() + "/");
            files += n;
            log.info("汇总自作业「{}」的运行（执行号 {}，结束于 {}）：{} 个文件{}", s.jobName(), s.jobExecutionId(), s.ended(), n,
                    s.runningThen() ? "（该作业正在重新运行，使用的是其最近一次已完成的运行）" : "");
        }
        records.recordDefinition(run, new RunDefinition(merged, stored.rulesText()));
        records.recordSources(run, sources);
        log.info("共 {} 个文件，来自 {} 个作业；未打开任何报表文件，内容取自各作业已存的读取结果", files, sources.size());
        return RepeatStatus.FINISHED;
    }
}
