package cn.nianbao.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;

/** A-UNIT-ASSUMED: the reader took a bare amount as 元 (a {@link ReaderNote.Kind#UNIT_ASSUMED} note). */
public final class UnitAssumedCheck implements ReportCheck {

    @Override
    public Set<String> placeholders() {
        return Set.of("target", "row", "column", "value", "detail", "agency", "year");
    }

    @Override
    public List<Finding> check(Report report, ValidationContext ctx, Rule rule, ReportValues values) {
        List<Finding> findings = new ArrayList<>();
        for (ReaderNote note : ctx.notes()) {
            if (note.kind() != ReaderNote.Kind.UNIT_ASSUMED) {
                continue;
            }
            Map<String, Object> p = Placeholders.of(report, ctx.catalogue(), note.datapointId());
            p.put("value", values.value(note.datapointId()));
            p.put("detail", note.detail() == null || note.detail().isBlank() ? "" : "（原文：" + note.detail() + "）");
            findings.add(Findings.about(rule, report, List.of(note.datapointId()), null,
                    values.datapoint(note.datapointId()).map(d -> d.value()).orElse(null), null, p));
        }
        return findings;
    }
}
