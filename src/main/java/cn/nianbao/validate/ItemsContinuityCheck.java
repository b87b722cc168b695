package cn.nianbao.validate;

import java.util.ArrayList;
import java.util.List;

import cn.nianbao.model.Report;

/** A-ITEMS-CONTINUITY (GOV2019): PREV_ITEMS (N) = PREV_ITEMS (N−1) + CHANGE (N−1), per row of table A. */
public final class ItemsContinuityCheck extends ContinuityCheck {

    @Override
    List<Comparison> comparisons(Report current, Report previous) {
        ReportValues now = new ReportValues(current);
        ReportValues before = new ReportValues(previous);
        List<Comparison> result = new ArrayList<>();
        for (String id : current.datapoints().keySet()) {
            if (!id.startsWith("A.") || !id.endsWith(".PREV_ITEMS")) {
                continue;
            }
            String change = id.substring(0, id.length() - "PREV_ITEMS".length()) + "CHANGE";
            if (before.has(id) && before.has(change)) {
                result.add(new Comparison(id, now.value(id), before.value(id).add(before.value(change)), List.of(id), id));
            }
        }
        return result;
    }
}
