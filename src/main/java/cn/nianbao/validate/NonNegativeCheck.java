package cn.nianbao.validate;

import java.math.BigDecimal;

import cn.nianbao.template.ValueKind;

/** NON-NEGATIVE: every value is ≥ 0 except the signed 本年增/减 (A.*.CHANGE). */
public final class NonNegativeCheck extends CellValueCheck {

    @Override
    boolean offends(BigDecimal value, ValueKind kind) {
        return value.signum() < 0 && kind != ValueKind.SIGNED;
    }
}
