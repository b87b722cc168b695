package cn.nianbao.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import cn.nianbao.samples.AgencyProfile;
import cn.nianbao.samples.Layout;
import cn.nianbao.samples.SampleReport;
import cn.nianbao.samples.SampleWorkbookWriter;
import cn.nianbao.samples.SyntheticReports;
import cn.nianbao.template.ReportFormat;
import cn.nianbao.template.TemplateCatalogue;

/**
 * Two districts of 泉州市 for the scale-out tests, each with its own input folder and job file, plus the city's
 * roll-up job file and the job file of the equivalent single run over all the files:
 * <ul>
 * <li>鲤城区 (licheng-2020): the 13 sample workbooks of 2020 (with their deliberate mistakes), the roster of
 *     {@code jobs/licheng-2020.yml};</li>
 * <li>丰泽区 (fengze-2020): 5 synthetic workbooks written here (one .xls), one unreadable file (a PARSE finding of
 *     ingest) and a roster of 6 agencies, one of which submitted nothing (MISSING-SUBMISSION).</li>
 * </ul>
 * The single run's folder holds each district's files under a folder named after the district's job, which is
 * the path a roll-up run gives the files it copies ({@code <job name>/<path in the district run>}).
 */
final class TwoDistricts {

    static final String LICHENG = "licheng-2020";
    static final String FENGZE = "fengze-2020";
    static final String CITY = "quanzhou-2020";

    static final String CITY_UNIT = "  - { code: \"350500\", name: 泉州市, kind: 市 }";
    static final String FENGZE_UNIT = "  - { code: \"350503\", name: 泉州市丰泽区, kind: 区, parent: \"350500\" }";

    /** 丰泽区's roster: code, name, alias used in the file name, kind, profile, layout, .xls; the last has no file. */
    private record Agency(String code, String name, String alias, String kind, AgencyProfile profile, Set<Layout> layout,
                          boolean xls, boolean submits) {
        String rosterLine() {
            return "  - { code: \"" + code + "\", name: " + name + ", aliases: [" + alias + "], kind: " + kind
                    + ", parent: \"350503\" }";
        }
    }

    private static final List<Agency> FENGZE_AGENCIES = List.of(
            new Agency("350503-GOV", "丰泽区人民政府办公室", "丰泽区政府办", "区政府本级", AgencyProfile.districtOffice(),
                    EnumSet.of(Layout.OFFICIAL), false, true),
            new Agency("350503-DH", "丰泽区人民政府东海街道办事处", "东海街道", "街道", AgencyProfile.subDistrict(),
                    Layout.of(Layout.SHEET_PER_TABLE, Layout.TEXT_NUMBERS), false, true),
            new Agency("350503-CD", "丰泽区人民政府城东街道办事处", "城东街道", "街道", AgencyProfile.subDistrict(),
                    Layout.of(Layout.SHIFTED, Layout.LABEL_NOISE), true, true),
            new Agency("350503-JY", "丰泽区教育局", "丰泽区教育局", "部门", AgencyProfile.department(),
                    Layout.of(Layout.FORMULAS), false, true),
            new Agency("350503-WJ", "丰泽区卫生健康局", "丰泽区卫健局", "部门", AgencyProfile.department(),
                    Layout.of(Layout.GROUP_LABEL_IN_CELL, Layout.TABLE_C_VERTICAL), false, true),
            new Agency("350503-ZJ", "丰泽区住房和城乡建设局", "丰泽区住建局", "部门", AgencyProfile.department(),
                    EnumSet.of(Layout.OFFICIAL), false, false));

    final Path dir;

    private TwoDistricts(Path dir) {
        this.dir = dir;
    }

    /** Writes both districts' input folders and the four job files under {@code dir}. */
    static TwoDistricts create(Path dir) throws IOException {
        TwoDistricts d = new TwoDistricts(dir);
        copyTree(Path.of("sample-input/2020"), d.input(LICHENG));
        writeFengze(d.input(FENGZE));
        List<String> licheng = Files.readAllLines(Path.of("jobs/licheng-2020.yml"), StandardCharsets.UTF_8);
        List<String> lichengUnits = licheng.stream().filter(l -> l.startsWith("  - { code: \"3505") && !l.contains("\"350502-")).toList();
        List<String> lichengRoster = licheng.stream().filter(l -> l.startsWith("  - { code: \"350502-")).toList();
        assertThat(lichengUnits).hasSize(2).anyMatch(l -> l.contains("\"350500\""));
        assertThat(lichengRoster).hasSize(13);
        List<String> fengzeRoster = FENGZE_AGENCIES.stream().map(Agency::rosterLine).toList();

        write(dir.resolve(LICHENG + ".yml"), "name: " + LICHENG, "year: 2020", "input: in/" + LICHENG, "output: out/" + LICHENG,
                "units:", String.join("\n", lichengUnits), "roster:", String.join("\n", lichengRoster));
        write(dir.resolve(FENGZE + ".yml"), "name: " + FENGZE, "year: 2020", "input: in/" + FENGZE, "output: out/" + FENGZE,
                "units:", FENGZE_UNIT, CITY_UNIT, "roster:", String.join("\n", fengzeRoster));
        // The city: its own unit only; the districts and agencies come from the districts' runs.
        write(dir.resolve(CITY + ".yml"), "name: " + CITY, "year: 2020", "from-jobs: [" + LICHENG + ", " + FENGZE + "]",
                "output: out/" + CITY, "units:", CITY_UNIT);
        // One run over all the files: the union the roll-up stands for, in the order it documents (the roll-up
        // file's units, then each district's units and roster in from-jobs order).
        List<String> units = new ArrayList<>(List.of(CITY_UNIT));
        lichengUnits.stream().filter(l -> !l.contains("\"350500\", name")).forEach(units::add);
        units.add(FENGZE_UNIT);
        write(dir.resolve("single/" + CITY + ".yml"), "name: " + CITY, "year: 2020", "input: ../all", "output: ../single-out/" + CITY,
                "units:", String.join("\n", units), "roster:", String.join("\n", lichengRoster), String.join("\n", fengzeRoster));
        return d;
    }

    Path input(String job) {
        return dir.resolve("in").resolve(job);
    }

    Path job(String name) {
        return dir.resolve(name + ".yml");
    }

    Path singleJob() {
        return dir.resolve("single/" + CITY + ".yml");
    }

    Path out(String job) {
        return dir.resolve("out").resolve(job);
    }

    Path singleOut() {
        return dir.resolve("single-out").resolve(CITY);
    }

    /** The single run's input: each district's files under its job's name (modification times kept). */
    void copyInputsForSingleRun() throws IOException {
        for (String job : List.of(LICHENG, FENGZE)) {
            copyTree(input(job), dir.resolve("all").resolve(job));
        }
    }

    /** Deletes the districts' input folders: a roll-up that still needed a workbook would now fail or differ. */
    void deleteDistrictInputs() throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("in"))) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void writeFengze(Path in) throws IOException {
        Files.createDirectories(in);
        TemplateCatalogue catalogue = TemplateCatalogue.load();
        ReportFormat gov2019 = catalogue.formatForYear(2020).orElseThrow();
        SampleWorkbookWriter writer = new SampleWorkbookWriter(catalogue);
        Random rnd = new Random(350503L);
        for (Agency a : FENGZE_AGENCIES) {
            if (!a.submits()) {
                continue;
            }
            Map<String, BigDecimal> values = SyntheticReports.values(gov2019, a.profile(), rnd, null,
                    a.layout().contains(Layout.SUBTOTAL_ROWS));
            String title = a.name() + " 2020年政府信息公开工作年度报告（模拟数据）";
            writer.write(new SampleReport(a.name(), title, 2020, gov2019.id(), values, Map.of(), true), a.layout(),
                    in.resolve(a.alias() + "-2020年报" + (a.xls() ? ".xls" : ".xlsx")));
        }
        // A file that is not a workbook at all: ingest's PARSE finding must reach the city's exceptions too.
        byte[] junk = new byte[4096];
        rnd.nextBytes(junk);
        Files.write(in.resolve("东海街道-2020年报（损坏）.xlsx"), junk);
        Files.writeString(in.resolve("说明.txt"), "报送说明", StandardCharsets.UTF_8);
    }

    private static void write(Path file, String... lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
