package cn.nianbao.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.NianbaoApplication;
import cn.nianbao.testing.CsvFiles;

/**
 * The checks across reports run a group of agencies at a time (validate.AgencyPartitions) so that a
 * province's run fits in memory. Groups of one report — every agency checked on its own, and the roster's
 * silent agencies after them — must find exactly what one group of the whole district finds.
 */
class ValidateInGroupsTest {

    @TempDir
    Path whole;
    @TempDir
    Path grouped;

    @Test
    void groupsOfOneFindWhatTheWholeDistrictFinds() throws Exception {
        Path expected = exceptions(whole, List.of());
        Path actual = exceptions(grouped, List.of("--nianbao.validate.group-size=1"));

        assertThat(Files.readString(actual)).isEqualTo(Files.readString(expected));
        // and the cases that cross agencies' boundaries are among them
        List<Map<String, String>> rows = CsvFiles.rows(actual);
        assertThat(rows).anyMatch(f -> f.get("rule").equals("MISSING-SUBMISSION"));
        assertThat(rows).anyMatch(f -> f.get("rule").equals("B-CARRY-OVER"));
    }

    /** 2020 then 2021 of the sample district in a fresh workspace (own database); 2021's exceptions.csv. */
    private static Path exceptions(Path dir, List<String> extra) throws Exception {
        Workspace ws = Workspace.create(dir);
        for (String job : List.of("licheng-2020", "licheng-2021")) {
            List<String> args = new java.util.ArrayList<>(List.of("consolidate", "--job", ws.job(job).toString()));
            args.addAll(extra);
            assertThat(NianbaoApplication.run(args.toArray(String[]::new))).isZero();
        }
        return ws.out("licheng-2021").resolve("exceptions.csv");
    }
}
