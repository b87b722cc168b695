package cn.nianbao.validate;

import cn.nianbao.yaml.YamlFileException;

/**
 * A rule file that cannot be used: unknown key, malformed relation, unknown check … The message names
 * the file, the line and column and the rule id where there is one; the batch turns it into exit code 2.
 */
public class RuleBookException extends RuntimeException {

    public RuleBookException(String file, String ruleId, String problem) {
        super("规则文件 " + file + (ruleId == null ? "" : "，规则 " + ruleId) + "：" + problem);
    }

    public RuleBookException(String file, String ruleId, String problem, Throwable cause) {
        super("规则文件 " + file + (ruleId == null ? "" : "，规则 " + ruleId) + "：" + problem, cause);
    }

    /** A mistake at a place in the file (its message says where). */
    public RuleBookException(YamlFileException located) {
        super(located.getMessage(), located);
    }
}
