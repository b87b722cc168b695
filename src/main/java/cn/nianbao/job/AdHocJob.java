package cn.nianbao.job;

import java.nio.file.Path;
import java.util.List;

import cn.nianbao.model.Agency;

/** A run without a job file: every workbook under one input folder, rolled up into one unit. */
public final class AdHocJob {

    private AdHocJob() {
    }

    public static JobDefinition of(Path input, Path output, Integer year) {
        Path in = input.toAbsolutePath().normalize();
        String folder = in.getFileName() == null ? "input" : in.getFileName().toString();
        Agency all = new Agency(RosterResolver.ALL, folder, List.of(), "汇总", null);
        return new JobDefinition("adhoc-" + folder, year == null ? List.of() : List.of(year), in,
                output.toAbsolutePath().normalize(), null, List.of(all), List.of(), null);
    }
}
