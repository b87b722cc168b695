package cn.nianbao.validate;

import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.nianbao.model.Finding;

/** A check across reports or years; named in the rule file by {@code check:}. */
public interface CrossReportCheck {

    default Map<String, Object> defaultParams() {
        return Map.of();
    }

    Set<String> placeholders();

    List<Finding> check(CrossReportInput input, Rule rule);
}
