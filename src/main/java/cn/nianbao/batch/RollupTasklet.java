package cn.nianbao.batch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

import cn.nianbao.model.UnitTotal;
import cn.nianbao.store.ReportStore;

/** Rolls the run's reports up into every unit and year and stores the sums. */
@Component
public class RollupTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(RollupTasklet.class);

    private final ReportStore store;
    private final RunAssembler assembler;
    private final RunReuse reuse;

    public RollupTasklet(ReportStore store, RunAssembler assembler, RunReuse reuse) {
        this.store = store;
        this.assembler = assembler;
        this.reuse = reuse;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        var step = chunkContext.getStepContext().getStepExecution();
        long run = RunParameters.runOf(step);
        RunAssembler.Assembled a = assembler.assemble(step);
        // Nothing changed since the job's previous completed run: its roll-up is this run's.
        var same = reuse.reusable(a.job().name(), run, reuse.basis(a.job()), !a.duplicates().findings().isEmpty(), false);
        if (same.isPresent()) {
            int rows = store.copySummary(same.get(), run);
            store.copyFindings(same.get(), run, ReportStore.Stage.ROLLUP);
            log.info("汇总：输入与上次完成的运行相同，沿用其 {} 个汇总数值", rows);
            return RepeatStatus.FINISHED;
        }
        store.replaceSummary(run, a.rollup().totals());
        store.replaceFindings(run, ReportStore.Stage.ROLLUP, a.rules().apply(a.rollup().findings()));
        for (UnitTotal t : a.rollup().totals()) {
            log.info("汇总 {} {}年：{} 份报表（应报 {}，缺 {}）", t.unit().name(), t.year(), t.included().size(),
                    t.expected().size(), t.missing().size());
        }
        return RepeatStatus.FINISHED;
    }
}
