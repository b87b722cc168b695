package cn.nianbao.validate;

import java.util.ArrayList;
import java.util.List;

import cn.nianbao.model.Report;

/** A-IN-FORCE-CONTINUITY (GOV2021): IN_FORCE (N) = IN_FORCE (N−1) + ISSUED (N) − REPEALED (N). */
public final class InForceContinuityCheck extends ContinuityCheck {

    @Override
    List<Comparison> comparisons(Report current, Report previous) {
        ReportValues now = new ReportValues(current);
        ReportValues before = new ReportValues(previous);
        List<Comparison> result = new ArrayList<>();
        for (String id : current.datapoints().keySet()) {
            if (!id.startsWith("A.") || !id.endsWith(".IN_FORCE")) {
                continue;
            }
            String row = id.substring(0, id.length() - "IN_FORCE".length());
            String issued = row + "ISSUED";
            String repealed = row + "REPEALED";
            if (before.has(id) && now.has(issued) && now.has(repealed)) {
                result.add(new Comparison(id, now.value(id),
                        before.value(id).add(now.value(issued)).subtract(now.value(repealed)),
                        List.of(id, issued, repealed), id));
            }
        }
        return result;
    }
}
