package cn.nianbao.samples;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import cn.nianbao.template.DatapointDef;
import cn.nianbao.template.ReportFormat;
import cn.nianbao.template.TemplateCatalogue;

/**
 * Writes the {@code sample-input/} tree: the real seed report (开元街道 2020) and synthetic reports for the
 * other 编制主体 of 鲤城区 for 2020 (GOV2019) and 2021 (GOV2021), in a spread of layouts, with a few
 * documented deliberate mistakes, plus {@code README.md}. One agency a year sends its Word report (.docx)
 * instead of the Excel form. Deterministic: a fixed seed per agency and year.
 *
 * <pre>mvn -q -B compile dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/classpath.txt \
 *   &amp;&amp; java -cp "target/classes:$(cat target/classpath.txt)" cn.nianbao.samples.SampleGenerator sample-input</pre>
 */
public final class SampleGenerator {

    public static final long SEED = 20210106L;

    /** A 编制主体 of the sample district. {@code titleName} is how its (synthetic) titles name it. */
    public record SampleAgency(String code, String name, String titleName, String kind, AgencyProfile profile) {
    }

    /** A mistake put into a workbook on purpose, with the rule that should find it. */
    public record DeliberateMistake(String rule, String severity, List<String> datapoints, String what) {
    }

    /** One workbook written: where, how, and exactly what values went in (blank = null). */
    public record GeneratedSample(Path path, int year, SampleAgency agency, Set<Layout> layout, SampleReport report,
                                  Map<String, String> cells, List<DeliberateMistake> mistakes) {

        /** No deliberate mistake of severity ERROR: every 勾稽关系 holds. */
        public boolean consistent() {
            return mistakes.stream().noneMatch(m -> m.severity().equals("ERROR"));
        }
    }

    private enum Mistake { B_BALANCE, B_ROW_TOTAL, B_ROW_TOTAL_BLANK, A_REGULATION_SCOPE, B_CARRY_OVER, A_UNIT_ASSUMED }

    private record Plan(String agencyCode, int year, String fileName, Set<Layout> layout, Mistake mistake) {
    }

    public static final String SEED_AGENCY_CODE = "350502-KY";
    public static final String SEED_TITLE = "鲤城区人民政府开元街道办事处 2020年政府信息公开工作年度报告";
    /** In the 2021 roster but deliberately without a workbook (rule MISSING-SUBMISSION). */
    public static final String MISSING_AGENCY = "鲤城区财政局";

    public static final List<SampleAgency> AGENCIES = List.of(
            new SampleAgency("350502-GOV", "鲤城区人民政府办公室", "鲤城区人民政府办公室", "区政府本级", AgencyProfile.districtOffice()),
            new SampleAgency(SEED_AGENCY_CODE, "鲤城区人民政府开元街道办事处", "鲤城区人民政府开元街道办事处", "街道",
                    new AgencyProfile(2, 80, 20000, 2, 0, 0, 9, 0, 0)),
            street("350502-HB", "海滨"), street("350502-LJ", "临江"), street("350502-LZ", "鲤中"), street("350502-FQ", "浮桥"),
            street("350502-JN", "江南"), street("350502-JL", "金龙"), street("350502-CT", "常泰"),
            new SampleAgency("350502-JY", "鲤城区教育局", "鲤城区教育局", "部门", new AgencyProfile(14, 120, 600, 2, 0, 3, 25, 0, 1)),
            new SampleAgency("350502-SJ", "鲤城区市场监督管理局", "鲤城区市场监督管理局", "部门",
                    new AgencyProfile(20, 900, 3000, 120, 15, 2, 10, 6.8, 2)),
            new SampleAgency("350502-RS", "鲤城区人力资源和社会保障局", "鲤城区人力资源和社会保障局", "部门", AgencyProfile.department()),
            new SampleAgency("350502-WJ", "鲤城区卫生健康局", "鲤城区卫生健康局", "部门", new AgencyProfile(10, 300, 800, 25, 3, 1, 15, 1.2, 1)));

    private static SampleAgency street(String code, String shortName) {
        return new SampleAgency(code, "鲤城区人民政府" + shortName + "街道办事处", "鲤城区" + shortName + "街道办事处", "街道",
                AgencyProfile.subDistrict());
    }

    private static final Set<Layout> OFFICIAL = EnumSet.of(Layout.OFFICIAL);

    /** Which file each agency sends, in which layout. Every layout appears at least once per year. */
    private static final List<Plan> PLANS = List.of(
            new Plan(SEED_AGENCY_CODE, 2020, "开元街道-2020.xlsx", Layout.of(Layout.OFFICIAL, Layout.GROUP_LABEL_MISSING), null),
            new Plan("350502-HB", 2020, "海滨街道-2020年报.xlsx", Layout.of(Layout.SHEET_PER_TABLE, Layout.MONEY_WAN_TEXT), null),
            new Plan("350502-LJ", 2020, "临江街道-2020年报.xls", Layout.of(Layout.SHIFTED, Layout.TABLE_C_VERTICAL, Layout.MONEY_WAN_HEADER), null),
            new Plan("350502-LZ", 2020, "鲤中街道-2020年报.xlsx", Layout.of(Layout.TEXT_NUMBERS), null),
            new Plan("350502-FQ", 2020, "浮桥街道-2020年报.xlsx", Layout.of(Layout.OFFICIAL, Layout.MONEY_BARE), Mistake.A_UNIT_ASSUMED),
            new Plan("350502-JN", 2020, "江南街道-2020年报.xlsx", Layout.of(Layout.GROUP_LABEL_IN_CELL), null),
            new Plan("350502-JL", 2020, "金龙街道-2020年报.xls", Layout.of(Layout.SUBTOTAL_ROWS, Layout.FORMULAS), null),
            new Plan("350502-CT", 2020, "常泰街道-2020年报.xlsx", Layout.of(Layout.LABEL_NOISE), Mistake.A_REGULATION_SCOPE),
            new Plan("350502-GOV", 2020, "区政府办-2020年报.xlsx", Layout.of(Layout.FORMULAS), null),
            // sent as the Word report itself, not the Excel form (as is the 2021 开元街道 report)
            new Plan("350502-JY", 2020, "教育局-2020年报.docx", OFFICIAL, Mistake.B_ROW_TOTAL_BLANK),
            new Plan("350502-SJ", 2020, "鲤城区市场监督管理局2020年政府信息公开工作年度报告.xls",
                    Layout.of(Layout.SHEET_PER_TABLE, Layout.TEXT_NUMBERS, Layout.LABEL_NOISE), null),
            new Plan("350502-RS", 2020, "人社局-2020年报.xlsx", Layout.of(Layout.SHIFTED, Layout.SUBTOTAL_ROWS), Mistake.B_BALANCE),
            new Plan("350502-WJ", 2020, "卫健局-2020年报.xlsx",
                    Layout.of(Layout.GROUP_LABEL_IN_CELL, Layout.GROUP_LABEL_MISSING, Layout.TABLE_C_VERTICAL), null),

            new Plan(SEED_AGENCY_CODE, 2021, "开元街道-2021年报.docx", OFFICIAL, null),
            new Plan("350502-HB", 2021, "海滨街道-2021年报.xlsx", Layout.of(Layout.SHIFTED, Layout.LABEL_NOISE), null),
            new Plan("350502-LJ", 2021, "临江街道-2021年报.xlsx", Layout.of(Layout.SHEET_PER_TABLE, Layout.FORMULAS), null),
            new Plan("350502-LZ", 2021, "鲤中街道-2021年报.xls", Layout.of(Layout.TEXT_NUMBERS, Layout.TABLE_C_VERTICAL), null),
            new Plan("350502-FQ", 2021, "浮桥街道-2021年报.xlsx", Layout.of(Layout.GROUP_LABEL_IN_CELL), null),
            new Plan("350502-JN", 2021, "江南街道-2021年报.xlsx", OFFICIAL, Mistake.B_CARRY_OVER),
            new Plan("350502-JL", 2021, "金龙街道-2021年报.xlsx", Layout.of(Layout.GROUP_LABEL_MISSING), null),
            new Plan("350502-CT", 2021, "常泰街道-2021年报.xls", Layout.of(Layout.SUBTOTAL_ROWS), null),
            new Plan("350502-GOV", 2021, "鲤城区人民政府办公室-2021年报.xlsx", Layout.of(Layout.SUBTOTAL_ROWS, Layout.FORMULAS), null),
            new Plan("350502-JY", 2021, "教育局-2021年报.xlsx", Layout.of(Layout.SHEET_PER_TABLE, Layout.TEXT_NUMBERS), null),
            new Plan("350502-SJ", 2021, "2021年度政府信息公开工作年度报告（市场监管局）.xls", OFFICIAL, null),
            new Plan("350502-RS", 2021, "人社局-2021年报.xlsx", Layout.of(Layout.SHIFTED, Layout.TABLE_C_VERTICAL), null),
            new Plan("350502-WJ", 2021, "卫健局-2021年报.xlsx", OFFICIAL, Mistake.B_ROW_TOTAL));

    private SampleGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "sample-input");
        List<GeneratedSample> samples = generate(root);
        for (GeneratedSample s : samples) {
            System.out.println(root.relativize(s.path()) + "  " + Layout.describe(s.layout())
                    + (s.mistakes().isEmpty() ? "" : "  mistakes: " + s.mistakes().stream().map(DeliberateMistake::rule).toList()));
        }
        System.out.println(samples.size() + " reports and README.md written to " + root.toAbsolutePath());
    }

    /** Writes every sample workbook and README.md under {@code root} and returns what was written. */
    public static List<GeneratedSample> generate(Path root) throws IOException {
        TemplateCatalogue catalogue = TemplateCatalogue.load();
        SampleWorkbookWriter writer = new SampleWorkbookWriter(catalogue);
        SampleWordWriter wordWriter = new SampleWordWriter(catalogue);
        Map<String, SampleReport> previousYear = new HashMap<>();
        List<GeneratedSample> samples = new ArrayList<>();
        for (Plan plan : PLANS) {
            SampleAgency agency = agency(plan.agencyCode());
            ReportFormat format = catalogue.formatForYear(plan.year()).orElseThrow();
            SampleReport report;
            List<DeliberateMistake> mistakes = new ArrayList<>();
            if (plan.agencyCode().equals(SEED_AGENCY_CODE) && plan.year() == 2020) {
                report = seedReport(format);
            } else {
                report = synthetic(format, agency, plan, previousYear.get(agency.code()), mistakes);
            }
            previousYear.put(agency.code(), report);
            Path file = root.resolve(Integer.toString(plan.year())).resolve(plan.fileName());
            Map<String, String> cells = plan.fileName().endsWith(".docx") ? wordWriter.write(report, plan.layout(), file)
                    : writer.write(report, plan.layout(), file);
            samples.add(new GeneratedSample(file, plan.year(), agency, plan.layout(), report, cells, List.copyOf(mistakes)));
        }
        SampleReadme.write(root.resolve("README.md"), samples);
        return samples;
    }

    public static SampleAgency agency(String code) {
        return AGENCIES.stream().filter(a -> a.code().equals(code)).findFirst().orElseThrow();
    }

    /** The real report of 开元街道 2020 (seed/000_27cd43e467ef10f4.txt): every number exactly. */
    public static SampleReport seedReport(ReportFormat gov2019) {
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        for (DatapointDef dp : gov2019.requiredDatapoints()) {
            values.put(dp.id(), BigDecimal.ZERO);
        }
        values.put("A.LICENSING.CHANGE", BigDecimal.valueOf(2));
        values.put("A.LICENSING.DECISIONS", BigDecimal.valueOf(80));
        values.put("A.OTHER_SERVICE.CHANGE", BigDecimal.valueOf(152));
        values.put("A.OTHER_SERVICE.DECISIONS", BigDecimal.valueOf(20470));
        values.put("A.PENALTY.CHANGE", BigDecimal.valueOf(1));
        values.put("A.PROCUREMENT.PROJECTS", BigDecimal.valueOf(9));
        values.put("A.PROCUREMENT.AMOUNT_YUAN", BigDecimal.valueOf(25211));
        return new SampleReport("鲤城区人民政府开元街道办事处", SEED_TITLE, 2020, gov2019.id(), values,
                Map.of("A.PROCUREMENT.AMOUNT_YUAN", "25211 元"), false);
    }

    private static SampleReport synthetic(ReportFormat format, SampleAgency agency, Plan plan, SampleReport lastYear,
                                          List<DeliberateMistake> mistakes) {
        Random rnd = new Random(SEED ^ (agency.code().hashCode() * 31L + plan.year()));
        Map<String, BigDecimal> carriedIn = null;
        if (lastYear != null) {
            // B-CARRY-OVER: this year's 上年结转 is last year's 结转下年度, column by column
            carriedIn = new HashMap<>();
            String prefix = "B.CARRIED_OUT.";
            for (Map.Entry<String, BigDecimal> e : lastYear.values().entrySet()) {
                if (e.getKey().startsWith(prefix) && e.getValue() != null) {
                    carriedIn.put(e.getKey().substring(prefix.length()), e.getValue());
                }
            }
            if (plan.mistake() == Mistake.B_CARRY_OVER) {
                carriedIn.merge("NATURAL", BigDecimal.ONE, BigDecimal::add);
                mistakes.add(new DeliberateMistake("B-CARRY-OVER", "ERROR", List.of("B.CARRIED_IN.NATURAL", "B.CARRIED_IN.TOTAL"),
                        "上年结转 自然人 (and so 总计) is one more than the " + (plan.year() - 1)
                                + " report's 结转下年度继续办理; the " + plan.year() + " report is otherwise consistent"));
            }
        }
        boolean subtotals = plan.layout().contains(Layout.SUBTOTAL_ROWS);
        Map<String, BigDecimal> values = SyntheticReports.values(format, agency.profile(), rnd, carriedIn, subtotals);
        // a year-on-year jump > 10× would be a (correct) OUTLIER-YOY warning on a clean file: draw again
        for (int attempt = 0; attempt < 100 && lastYear != null && outlier(lastYear.values(), values); attempt++) {
            values = SyntheticReports.values(format, agency.profile(), rnd, carriedIn, subtotals);
        }
        values = new LinkedHashMap<>(values);
        if (plan.layout().contains(Layout.TEXT_NUMBERS)) {
            blankSomeZeros(values);
        }
        if (plan.mistake() != null && plan.mistake() != Mistake.B_CARRY_OVER) {
            mistakes.add(applyMistake(plan.mistake(), values, format));
        }
        String title = agency.titleName() + " " + plan.year() + "年政府信息公开工作年度报告（模拟数据）";
        return new SampleReport(agency.titleName(), title, plan.year(), format.id(), values, Map.of(), true);
    }

    /**
     * TEXT_NUMBERS files leave some zero cells blank (「—」「/」「无」), as agencies do; never a 总计,
     * because a blank 总计 is a finding of its own (B-ROW-TOTAL-BLANK).
     */
    private static void blankSomeZeros(Map<String, BigDecimal> values) {
        for (Map.Entry<String, BigDecimal> e : values.entrySet()) {
            String id = e.getKey();
            boolean candidate = id.startsWith("A.REGULATION.")
                    || (id.startsWith("B.") && (id.endsWith(".RESEARCH") || id.endsWith(".NONPROFIT")));
            if (candidate && e.getValue() != null && e.getValue().signum() == 0) {
                e.setValue(null);
            }
        }
    }

    private static DeliberateMistake applyMistake(Mistake mistake, Map<String, BigDecimal> v, ReportFormat format) {
        switch (mistake) {
            case B_BALANCE -> {
                // one more new application in 自然人, 总计 follows so the row still adds up
                v.merge("B.NEW.NATURAL", BigDecimal.ONE, BigDecimal::add);
                v.merge("B.NEW.TOTAL", BigDecimal.ONE, BigDecimal::add);
                return new DeliberateMistake("B-BALANCE", "ERROR", List.of("B.NEW.NATURAL", "B.NEW.TOTAL"),
                        "本年新收 自然人 is one too many: 第一项加第二项之和 exceeds 第三项加第四项之和 by 1 in column 自然人 "
                                + "(and therefore in 总计, since the row total was kept equal to its parts)");
            }
            case B_ROW_TOTAL -> {
                v.merge("B.GRANTED.TOTAL", BigDecimal.ONE, BigDecimal::add);
                return new DeliberateMistake("B-ROW-TOTAL", "ERROR", List.of("B.GRANTED.TOTAL"),
                        "（一）予以公开 总计 is one more than the sum of its six applicant columns "
                                + "(a consequence: B-RESULT-TOTAL also fails in column 总计)");
            }
            case B_ROW_TOTAL_BLANK -> {
                List<String> blanked = new ArrayList<>();
                for (DatapointDef dp : format.datapoints().values()) {
                    if (dp.table().id().equals("B") && dp.column().id().equals(SampleWorkbookWriter.TOTAL_COLUMN)
                            && !dp.row().groups().isEmpty() && !dp.row().id().equals(SampleWorkbookWriter.RESULT_TOTAL_ROW)
                            && v.containsKey(dp.id())) {
                        v.put(dp.id(), null);
                        blanked.add(dp.id());
                    }
                }
                return new DeliberateMistake("B-ROW-TOTAL-BLANK", "WARNING", blanked,
                        "总计 left blank in every outcome row (予以公开 … 其他处理) while the applicant columns are filled; "
                                + "（七）总计 is filled. Expected: one WARNING, and no ERROR (rules use the recomputed totals)");
            }
            case A_REGULATION_SCOPE -> {
                List<String> ids = new ArrayList<>();
                for (DatapointDef dp : format.datapoints().values()) {
                    if (dp.id().startsWith("A.REGULATION.") && !dp.column().id().equals("REPEALED")) {
                        v.put(dp.id(), BigDecimal.ONE);
                        ids.add(dp.id());
                    }
                }
                return new DeliberateMistake("A-REGULATION-SCOPE", "WARNING", ids,
                        "a 街道 reports 1 规章 (it has no rule-making power)");
            }
            case A_UNIT_ASSUMED -> {
                return new DeliberateMistake("A-UNIT-ASSUMED", "INFO", List.of("A.PROCUREMENT.AMOUNT_YUAN"),
                        "采购总金额 is a bare number with no unit in the cell or the header; it means 元");
            }
            default -> throw new IllegalStateException("unhandled mistake " + mistake);
        }
    }

    /** A datapoint both years share that moves more than 10× (or from 0 to ≥ 50): rule OUTLIER-YOY. */
    private static boolean outlier(Map<String, BigDecimal> lastYear, Map<String, BigDecimal> thisYear) {
        for (Map.Entry<String, BigDecimal> e : thisYear.entrySet()) {
            if (!lastYear.containsKey(e.getKey()) || e.getValue() == null) {
                continue;
            }
            BigDecimal before = lastYear.get(e.getKey());
            double a = before == null ? 0 : before.abs().doubleValue();
            double b = e.getValue().abs().doubleValue();
            double hi = Math.max(a, b);
            double lo = Math.min(a, b);
            if ((lo == 0 && hi >= 50) || (lo > 0 && hi > 10 * lo)) {
                return true;
            }
        }
        return false;
    }

}
