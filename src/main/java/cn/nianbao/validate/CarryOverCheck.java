package cn.nianbao.validate;

import java.util.ArrayList;
import java.util.List;

import cn.nianbao.model.Report;

/**
 * B-CARRY-OVER: 上年结转 of year N equals 结转下年度继续办理 of year N−1, per column. Table B's columns
 * are the same in both formats, so this holds across the 2020→2021 change. Blank totals count as
 * recomputed (blank policy) on both sides.
 */
public final class CarryOverCheck extends ContinuityCheck {

    @Override
    List<Comparison> comparisons(Report current, Report previous) {
        ReportValues now = new ReportValues(current);
        ReportValues before = new ReportValues(previous);
        List<Comparison> result = new ArrayList<>();
        for (String id : current.datapoints().keySet()) {
            if (!id.startsWith("B.CARRIED_IN.")) {
                continue;
            }
            String out = "B.CARRIED_OUT." + id.substring("B.CARRIED_IN.".length());
            if (before.has(out)) {
                result.add(new Comparison(id, now.value(id), before.value(out), List.of(id), out));
            }
        }
        return result;
    }
}
