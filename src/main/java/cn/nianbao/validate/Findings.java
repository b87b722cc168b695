package cn.nianbao.validate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.nianbao.model.Datapoint;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;
import cn.nianbao.model.ReportHeader;
import cn.nianbao.model.SourceCell;

/** Builds findings about a report: who, which file, which sheet and cells, from the datapoints' sources. */
final class Findings {

    private Findings() {
    }

    /**
     * A finding on {@code report} about the datapoints {@code ids} (in that order; absent ones are left
     * out), with the message filled from {@code placeholders}.
     */
    static Finding about(Rule rule, Report report, List<String> ids, BigDecimal expected, BigDecimal actual,
                         BigDecimal delta, Map<String, ?> placeholders) {
        Set<String> cells = new LinkedHashSet<>();
        String sheet = null;
        for (String id : ids) {
            Datapoint dp = report.datapoints().get(id);
            if (dp == null || dp.source() == null) {
                continue;
            }
            SourceCell source = dp.source();
            if (sheet == null) {
                sheet = source.sheet();
            }
            if (source.cell() != null) {
                cells.add(source.cell());
            }
        }
        return new Finding(rule.severity(), rule.id(), report.agency().code(), report.agency().name(), report.year(),
                report.submission() == null ? null : report.submission().path(), sheet, new ArrayList<>(cells),
                expected, actual, delta, Messages.fill(rule.message(), placeholders));
    }

    /** A finding on a report as a whole (no cells): its file, its agency and year. */
    static Finding aboutFile(Rule rule, ReportHeader report, Map<String, ?> placeholders) {
        return new Finding(rule.severity(), rule.id(), report.agency().code(), report.agency().name(), report.year(),
                report.submission() == null ? null : report.submission().path(), null, List.of(), null, null, null,
                Messages.fill(rule.message(), placeholders));
    }

    /** A finding with a message from a template other than the rule's own (a relation's own message). */
    static Finding about(Rule rule, String template, Report report, List<String> ids, BigDecimal expected,
                         BigDecimal actual, BigDecimal delta, Map<String, ?> placeholders) {
        Finding f = about(rule, report, ids, expected, actual, delta, Map.of());
        return new Finding(f.severity(), f.rule(), f.agencyCode(), f.agencyName(), f.year(), f.sourceFile(), f.sheet(),
                f.cells(), f.expected(), f.actual(), f.delta(), Messages.fill(template, placeholders));
    }

    /** "sheet!A1" of a datapoint, for naming a cell of another report in a message. */
    static String where(Report report, String id) {
        Datapoint dp = report.datapoints().get(id);
        if (dp == null || dp.source() == null) {
            return id;
        }
        return (dp.source().sheet() == null ? "" : dp.source().sheet() + "!") + dp.source().cell();
    }
}
