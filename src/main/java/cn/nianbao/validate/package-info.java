/**
 * The consistency rules (勾稽关系) and the engine that evaluates them.
 *
 * <p>Rules are data: {@code rules/default-rules.yml}, merged with an optional district override by
 * {@link cn.nianbao.validate.RuleBook#load(java.nio.file.Path)}. Arithmetic rules are relations over
 * datapoint ids in a tiny language ({@link cn.nianbao.validate.RelationParser}) that can express sums
 * and comparisons and nothing else; every other rule names a built-in check ({@link cn.nianbao.validate.Checks}).
 *
 * <p>For the batch: per accepted report, {@link cn.nianbao.validate.ReportValidator#validate}; once per
 * run, {@link cn.nianbao.validate.CrossReportValidator#resolveDuplicates} (before roll-ups) and
 * {@link cn.nianbao.validate.CrossReportValidator#validate}.
 */
package cn.nianbao.validate;
