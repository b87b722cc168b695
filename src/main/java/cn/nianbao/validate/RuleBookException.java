package cn.nianbao.validate;

/**
 * A rule file that cannot be used: unknown key, malformed relation, unknown check … The message names
 * the file, the rule id and the problem; the batch turns it into exit code 2.
 */
public class RuleBookException extends RuntimeException {

    public RuleBookException(String file, String ruleId, String problem) {
        super("规则文件 " + file + (ruleId == null ? "" : "，规则 " + ruleId) + "：" + problem);
    }

    public RuleBookException(String file, String ruleId, String problem, Throwable cause) {
        super("规则文件 " + file + (ruleId == null ? "" : "，规则 " + ruleId) + "：" + problem, cause);
    }
}
