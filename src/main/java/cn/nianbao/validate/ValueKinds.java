package cn.nianbao.validate;

import cn.nianbao.model.Report;
import cn.nianbao.template.DatapointDef;
import cn.nianbao.template.ValueKind;

/** What a datapoint holds, from the catalogue; ids the catalogue lacks are taken as counts. */
final class ValueKinds {

    private ValueKinds() {
    }

    static ValueKind of(ValidationContext ctx, Report report, String id) {
        if (ctx.catalogue() != null) {
            var format = ctx.catalogue().format(report.format());
            if (format.isPresent()) {
                return format.get().datapoint(id).map(DatapointDef::kind).orElse(ValueKind.COUNT);
            }
        }
        return ValueKind.COUNT;
    }
}
