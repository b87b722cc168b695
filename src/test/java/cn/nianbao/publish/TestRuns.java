package cn.nianbao.publish;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.nianbao.model.Agency;
import cn.nianbao.model.Datapoint;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;
import cn.nianbao.model.ReportContent;
import cn.nianbao.model.RunResult;
import cn.nianbao.model.Scope;
import cn.nianbao.model.Severity;
import cn.nianbao.model.SourceCell;
import cn.nianbao.model.Submission;
import cn.nianbao.model.UnitTotal;
import cn.nianbao.template.DatapointDef;
import cn.nianbao.template.ReportFormat;
import cn.nianbao.template.TemplateCatalogue;

/**
 * A small but complete run: district 鲤城区 with three expected agencies, two GOV2019 reports for 2020 (one
 * with the optional 不予公开 subtotal row), one GOV2021 report for 2021, one unreadable workbook, one
 * skipped file, and findings with hostile text (formula-looking, HTML, quotes, line breaks).
 */
final class TestRuns {

    static final String HOSTILE_NAME = "<script>alert(\"名\")</script>局";
    static final String FORMULA_MESSAGE = "=HYPERLINK(\"http://evil.example\",\"点我\")";
    static final String SCRIPT_MESSAGE = "说明<script>alert('x')</script>&更多";

    static final Agency DISTRICT = new Agency("350502", "泉州市鲤城区", List.of("鲤城区"), "区", null);
    static final Agency KAIYUAN = new Agency("350502001", "鲤城区人民政府开元街道办事处", List.of("开元街道"), "街道", "350502");
    static final Agency HOSTILE = new Agency("350502002", HOSTILE_NAME, List.of(), "部门", "350502");
    static final Agency HAIBIN = new Agency("350502003", "鲤城区人民政府海滨街道办事处", List.of("海滨街道"), "街道", "350502");

    static final Submission KAIYUAN_2020 = new Submission("2020/开元街道2020年报.xlsx", "a".repeat(64), 20480,
            Instant.parse("2021-01-20T08:00:00Z"));
    static final Submission HOSTILE_2020 = new Submission("2020/局,\"报告\".xlsx", "b".repeat(64), 10240,
            Instant.parse("2021-01-21T08:00:00Z"));
    static final Submission KAIYUAN_2021 = new Submission("2021/开元街道2021年报.xlsx", "c".repeat(64), 30720,
            Instant.parse("2022-01-20T08:00:00Z"));
    static final Submission BROKEN = new Submission("2020/损坏.xlsx", "d".repeat(64), 12, Instant.parse("2021-01-22T08:00:00Z"));

    final TemplateCatalogue catalogue = TemplateCatalogue.load();
    final Report kaiyuan2020;
    final Report hostile2020;
    final Report kaiyuan2021;
    final UnitTotal district2020;
    final UnitTotal district2021;
    final List<Finding> findings;
    final RunResult run;
    /** The reports' datapoints, as publish reads them from the store. */
    final ReportContent content;

    TestRuns() {
        ReportFormat gov2019 = catalogue.require("GOV2019");
        ReportFormat gov2021 = catalogue.require("GOV2021");
        kaiyuan2020 = report(KAIYUAN, 2020, gov2019, KAIYUAN_2020, 1, true);
        hostile2020 = report(HOSTILE, 2020, gov2019, HOSTILE_2020, 100, false);
        kaiyuan2021 = report(KAIYUAN, 2021, gov2021, KAIYUAN_2021, 7, false);
        // 2020: each included report has one ERROR (B-BALANCE, C-TOTAL below); 2021 is compared with 2020's sums
        UnitTotal sums2020 = sum(2020, "GOV2019", List.of(kaiyuan2020, hostile2020), List.of(HAIBIN));
        district2020 = new UnitTotal(DISTRICT, 2020, "GOV2019", sums2020.values(), sums2020.included(), sums2020.expected(),
                sums2020.missing(), sums2020.included().stream().map(r -> new UnitTotal.ReportErrors(r, 1, false)).toList(), false, null);
        district2021 = sum(2021, "GOV2021", List.of(kaiyuan2021), List.of(HOSTILE, HAIBIN))
                .withPrevious(new UnitTotal.PreviousYear("licheng-2020", 41L, 2020, "GOV2019", sums2020.values()));
        findings = List.of(
                new Finding(Severity.ERROR, "B-BALANCE", KAIYUAN.code(), KAIYUAN.name(), 2020, KAIYUAN_2020.path(), "Sheet1",
                        List.of("C12", "C13", "C30"), new BigDecimal("12"), new BigDecimal("11"), new BigDecimal("-1"),
                        "第一项加第二项之和(12)不等于第三项加第四项之和(11)，差 1"),
                new Finding(Severity.WARNING, "A-ITEMS-AS-DECISIONS", HOSTILE.code(), HOSTILE.name(), 2020, HOSTILE_2020.path(),
                        "-2", List.of("D8"), null, null, null, SCRIPT_MESSAGE),
                new Finding(Severity.ERROR, "C-TOTAL", HOSTILE.code(), HOSTILE.name(), 2020, HOSTILE_2020.path(),
                        "@SUM", List.of("F40"), new BigDecimal("3"), new BigDecimal("4"), new BigDecimal("1"), FORMULA_MESSAGE),
                new Finding(Severity.INFO, "A-UNIT-ASSUMED", KAIYUAN.code(), KAIYUAN.name(), 2021, KAIYUAN_2021.path(),
                        "年报", List.of("C20"), null, new BigDecimal("25211.5"), null, "+1 采购总金额未注明单位，按元计"),
                new Finding(Severity.ERROR, "PARSE-UNREADABLE", null, null, null, BROKEN.path(), null, List.of(), null, null,
                        null, "文件无法读取：\t格式\r\n错误"),
                new Finding(Severity.ERROR, "MISSING-SUBMISSION", HAIBIN.code(), HAIBIN.name(), 2020, null, null, List.of(),
                        null, null, null, "应报单位未提交 2020 年报告"));
        run = new RunResult(42L, "consolidate-鲤城区", "COMPLETED", Instant.parse("2022-02-01T01:02:03Z"),
                Instant.parse("2022-02-01T01:05:00Z"), List.of(KAIYUAN_2020, HOSTILE_2020, KAIYUAN_2021, BROKEN),
                ReportContent.headers(List.of(kaiyuan2020, hostile2020, kaiyuan2021)), findings, List.of(district2020, district2021),
                List.of("2020/说明.docx"));
        content = ReportContent.of(List.of(kaiyuan2020, hostile2020, kaiyuan2021));
    }

    /**
     * Every required datapoint of the format, value = seed × (position + 1), with a few fixed values:
     * A.LICENSING.DECISIONS = 80 × seed, B.NEW.TOTAL blank in the hostile report, A.*.CHANGE negative.
     */
    static Report report(Agency agency, int year, ReportFormat format, Submission submission, int seed, boolean withSubtotals) {
        Map<String, Datapoint> dps = new LinkedHashMap<>();
        int i = 0;
        for (DatapointDef def : format.datapoints().values()) {
            i++;
            if (def.row().optional() && !withSubtotals) {
                continue;
            }
            SourceCell source = new SourceCell("Sheet1", "C" + (i + 3), def.row().label());
            BigDecimal value = BigDecimal.valueOf((long) seed * i);
            if (def.id().equals("A.LICENSING.DECISIONS")) {
                value = BigDecimal.valueOf(80L * seed);
            } else if (def.id().endsWith(".CHANGE")) {
                value = value.negate();
            } else if (def.id().equals("A.PROCUREMENT.AMOUNT_YUAN")) {
                value = new BigDecimal("25211.50");
            }
            if (def.id().equals("B.NEW.TOTAL") && seed == 100) {
                dps.put(def.id(), Datapoint.blank(def.id(), source));
            } else {
                dps.put(def.id(), Datapoint.of(def.id(), value, source));
            }
        }
        return new Report(agency, year, format.id(), Scope.OWN, submission, agency.name() + year + "年报告", dps);
    }

    static UnitTotal sum(int year, String format, List<Report> included, List<Agency> missing) {
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        for (Report r : included) {
            for (Datapoint dp : r.datapoints().values()) {
                values.merge(dp.id(), dp.valueOrZero(), BigDecimal::add);
            }
        }
        List<Agency> expected = new ArrayList<>(List.of(KAIYUAN, HOSTILE, HAIBIN));
        return new UnitTotal(DISTRICT, year, format, values, ReportContent.headers(included), expected, missing);
    }
}
