package cn.nianbao.validate;

import java.math.BigDecimal;

import cn.nianbao.template.ValueKind;

/** INTEGER: counts are whole numbers; money amounts (元, 万元) may have decimals. */
public final class IntegerCheck extends CellValueCheck {

    @Override
    boolean offends(BigDecimal value, ValueKind kind) {
        return !kind.isAmount() && value.signum() != 0 && value.stripTrailingZeros().scale() > 0;
    }
}
