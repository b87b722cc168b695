package cn.nianbao.batch;

import cn.nianbao.job.RunDefinition;
import cn.nianbao.validate.RuleBook;

/** What a step makes of the definition its run stored. */
final class RunDefinitions {

    private RunDefinitions() {
    }

    /** The rule book of a run: the shipped rules with the override text the run stored when it started. */
    static RuleBook rules(RunDefinition definition) {
        return RuleBook.load(definition.rulesText(), definition.job().rules() == null ? null : definition.job().rules().toString());
    }
}
