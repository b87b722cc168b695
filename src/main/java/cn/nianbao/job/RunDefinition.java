package cn.nianbao.job;

/**
 * What a run was started with, as stored when it started and read back by each of its steps: the job (name, years,
 * folders, units, roster) and the text of its rule override file (null when it names none). A job or rule file edited
 * while the run goes on does not change it.
 */
public record RunDefinition(JobDefinition job, String rulesText) {
}
