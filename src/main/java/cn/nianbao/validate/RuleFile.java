package cn.nianbao.validate;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;

import cn.nianbao.yaml.Expect;

/**
 * A rule file as written: the shipped {@code rules/default-rules.yml} or a district's override (the keys are explained
 * at the top of the shipped file). Null where a key is not written: an override names only what it changes.
 * {@link RuleBook} merges and checks the entries.
 */
record RuleFile(@Expect("规则的列表（每项如 { id: B-BALANCE, severity: WARNING }）") List<Entry> rules) {

    record Entry(String id, String name, String severity, Boolean enabled,
                 @Expect("报告格式的列表，如 [GOV2019]") List<String> formats,
                 @Expect("键值表，如 { from: 2019, to: 2020 }") Years years,
                 @Expect("数字（如 0 或 0.5）") BigDecimal tolerance,
                 String message,
                 @Expect("关系式文本，如 \"B.NEW.* >= 0\"") RelationEntry relation,
                 @Expect("关系式的列表") List<RelationEntry> relations,
                 String check,
                 @Expect("键值表，如 { factor: 20 }") Map<String, Object> params,
                 String description) {
    }

    record Years(@Expect("年份（如 2019）") Integer from, @Expect("年份（如 2020）") Integer to) {
    }

    /** One relation: its text alone, or { relation, formats, message }. */
    record RelationEntry(String relation, @Expect("报告格式的列表，如 [GOV2021]") List<String> formats, String message) {

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static RelationEntry of(String relation) {
            return new RelationEntry(relation, null, null);
        }
    }
}
