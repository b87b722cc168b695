package cn.nianbao.rollup;

import java.util.Optional;

import cn.nianbao.model.UnitTotal;

/**
 * What an earlier run of the same job, under the same definition and program, summed for a unit and year: its sums and
 * the reports they were made of. The roll-up then reads only the reports that came or went since, and adds or takes
 * away their values (sums are exact decimals, so the result is the sum it would have made from scratch).
 */
@FunctionalInterface
public interface EarlierSums {

    /** The earlier total of a unit in a year, if the earlier run made one. */
    Optional<UnitTotal> of(String unitCode, int year);

    /** No earlier run: every sum is made from scratch. */
    EarlierSums NONE = (unit, year) -> Optional.empty();
}
