package cn.nianbao.samples;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import cn.nianbao.template.BlockDef;
import cn.nianbao.template.ColumnDef;
import cn.nianbao.template.DatapointDef;
import cn.nianbao.template.ReportFormat;
import cn.nianbao.template.RowDef;
import cn.nianbao.template.TableDef;

/**
 * Plausible, internally consistent random report values for one agency and year. Every 勾稽关系 of
 * rules.md holds: B-BALANCE per column, B-ROW-TOTAL, B-RESULT-TOTAL, B-GROUP-SUM (when subtotal rows
 * are asked for), C-TOTAL, NON-NEGATIVE, A-ITEMS-NONNEG, A-PROCUREMENT-PAIR, and none of the WARNING
 * patterns (规章 is always 0, A-ITEMS-AS-DECISIONS is avoided).
 *
 * <p>Table and row structure come from the catalogue; only the ids the rules name are spelled here.
 * Public and allocation-light because a benchmark generates 100,000 reports with it.
 */
public final class SyntheticReports {

    /** How often each applicant column asks, relative to 自然人. */
    private static final Map<String, Double> APPLICANT_WEIGHT = Map.of(
            "NATURAL", 1.0, "BUSINESS", 0.25, "RESEARCH", 0.02, "NONPROFIT", 0.03, "LEGAL", 0.08, "OTHER_ORG", 0.05);

    /** How often each outcome happens; rows not listed are rare. */
    private static final Map<String, Double> OUTCOME_WEIGHT = Map.ofEntries(
            Map.entry("GRANTED", 0.45), Map.entry("PARTIAL", 0.08),
            Map.entry("DENIED_3", 0.01), Map.entry("DENIED_4", 0.03), Map.entry("DENIED_6", 0.02),
            Map.entry("UNABLE_1", 0.20), Map.entry("UNABLE_2", 0.04), Map.entry("UNABLE_3", 0.02),
            Map.entry("REFUSED_1", 0.04), Map.entry("REFUSED_2", 0.04), Map.entry("REFUSED_3", 0.01),
            Map.entry("REFUSED_5", 0.01),
            Map.entry("OTHER", 0.04), Map.entry("OTHER_1", 0.03), Map.entry("OTHER_3", 0.02));
    private static final double RARE_OUTCOME_WEIGHT = 0.004;

    /** How 复议/诉讼 cases end. */
    private static final Map<String, Double> CASE_WEIGHT = Map.of(
            "UPHELD", 0.5, "CORRECTED", 0.1, "OTHER", 0.25, "PENDING", 0.15);

    private SyntheticReports() {
    }

    /**
     * Random values for every datapoint of the format.
     *
     * @param carriedIn    B.CARRIED_IN per column id (NATURAL … OTHER_ORG), e.g. last year's CARRIED_OUT;
     *                     null = a small random carry-in
     * @param subtotalRows also fill the optional subtotal rows (B.DENIED.*, …) with their sums
     */
    public static Map<String, BigDecimal> values(ReportFormat format, AgencyProfile profile, Random rnd,
                                                 Map<String, BigDecimal> carriedIn, boolean subtotalRows) {
        Map<String, BigDecimal> v = new HashMap<>();
        if (format.datapoint("A.REGULATION.NEW_MADE").isPresent()) {   // GOV2019 table A
            tableA2019(v, profile, rnd);
        } else {
            tableA2021(v, profile, rnd);
        }
        tableB(v, format.table("B").orElseThrow(), profile, rnd, carriedIn, subtotalRows);
        tableC(v, format.table("C").orElseThrow(), profile, rnd);
        // the official order, so maps print and iterate like the form
        Map<String, BigDecimal> ordered = new LinkedHashMap<>();
        for (DatapointDef dp : format.datapoints().values()) {
            if (v.containsKey(dp.id())) {
                ordered.put(dp.id(), v.get(dp.id()));
            }
        }
        return ordered;
    }

    // --- table A ---------------------------------------------------------------------------------

    private static void tableA2019(Map<String, BigDecimal> v, AgencyProfile p, Random rnd) {
        // 规章: only 设区的市 and provinces make them, never our agencies
        put(v, "A.REGULATION.NEW_MADE", 0);
        put(v, "A.REGULATION.NEW_PUBLISHED", 0);
        put(v, "A.REGULATION.TOTAL_PUBLISHED", 0);
        int made = around(rnd, p.normative());
        put(v, "A.NORMATIVE.NEW_MADE", made);
        put(v, "A.NORMATIVE.NEW_PUBLISHED", made);
        put(v, "A.NORMATIVE.TOTAL_PUBLISHED", p.normative() == 0 ? made : made + 10 + rnd.nextInt(30));
        items(v, "LICENSING", rnd, 2 + rnd.nextInt(8), around(rnd, p.licensing()));
        items(v, "OTHER_SERVICE", rnd, 5 + rnd.nextInt(40), around(rnd, p.otherService()));
        items(v, "PENALTY", rnd, 1 + rnd.nextInt(5), around(rnd, p.penalty()));
        items(v, "ENFORCEMENT", rnd, rnd.nextInt(3), around(rnd, p.enforcement()));
        int feeItems = p.feesWan() > 0 ? 1 + rnd.nextInt(4) : 0;
        put(v, "A.FEES.PREV_ITEMS", feeItems);
        put(v, "A.FEES.CHANGE", feeItems == 0 ? 0 : rnd.nextInt(3) - 1);
        int projects = around(rnd, p.procurement());
        put(v, "A.PROCUREMENT.PROJECTS", projects);
        // whole hundreds of 元, so 「2.52万元」 and 「（万元）」 layouts are exact
        long amount = 0;
        for (int i = 0; i < projects; i++) {
            amount += 100L * (20 + rnd.nextInt(600));
        }
        v.put("A.PROCUREMENT.AMOUNT_YUAN", BigDecimal.valueOf(amount));
    }

    /** 上一年项目数量 / 本年增/减 / 处理决定数量 of one GOV2019 row, never A-ITEMS-AS-DECISIONS. */
    private static void items(Map<String, BigDecimal> v, String row, Random rnd, int prevItems, int decisions) {
        int change = rnd.nextInt(7) - Math.min(prevItems, 2);
        if (decisions != 0 && decisions == prevItems + change) {
            decisions++;
        }
        put(v, "A." + row + ".PREV_ITEMS", prevItems);
        put(v, "A." + row + ".CHANGE", change);
        put(v, "A." + row + ".DECISIONS", decisions);
    }

    private static void tableA2021(Map<String, BigDecimal> v, AgencyProfile p, Random rnd) {
        put(v, "A.REGULATION.ISSUED", 0);
        put(v, "A.REGULATION.REPEALED", 0);
        put(v, "A.REGULATION.IN_FORCE", 0);
        int issued = around(rnd, p.normative());
        int repealed = issued == 0 ? 0 : rnd.nextInt(issued + 1);
        put(v, "A.NORMATIVE.ISSUED", issued);
        put(v, "A.NORMATIVE.REPEALED", repealed);
        put(v, "A.NORMATIVE.IN_FORCE", p.normative() == 0 ? issued : issued + 8 + rnd.nextInt(25));
        put(v, "A.LICENSING.DECISIONS", around(rnd, p.licensing()));
        put(v, "A.PENALTY.DECISIONS", around(rnd, p.penalty()));
        put(v, "A.ENFORCEMENT.DECISIONS", around(rnd, p.enforcement()));
        long cents = p.feesWan() <= 0 ? 0 : Math.round(p.feesWan() * (0.75 + 0.5 * rnd.nextDouble()) * 100);
        v.put("A.FEES.AMOUNT_WAN", BigDecimal.valueOf(cents, 2));
    }

    // --- table B ---------------------------------------------------------------------------------

    private static void tableB(Map<String, BigDecimal> v, TableDef table, AgencyProfile p, Random rnd,
                               Map<String, BigDecimal> carriedIn, boolean subtotalRows) {
        BlockDef block = table.blocks().get(0);
        List<ColumnDef> applicants = new ArrayList<>();
        for (ColumnDef c : block.columns()) {
            if (!c.id().equals(SampleWorkbookWriter.TOTAL_COLUMN)) {
                applicants.add(c);
            }
        }
        List<RowDef> outcomes = new ArrayList<>();
        double[] cumulative = new double[block.rows().size()];
        double sum = 0;
        for (RowDef r : block.rows()) {
            if (!r.groups().isEmpty() && !r.optional() && !r.id().equals(SampleWorkbookWriter.RESULT_TOTAL_ROW)) {
                sum += OUTCOME_WEIGHT.getOrDefault(r.id(), RARE_OUTCOME_WEIGHT);
                cumulative[outcomes.size()] = sum;
                outcomes.add(r);
            }
        }
        String b = table.id() + ".";
        for (ColumnDef c : applicants) {
            double expected = p.applications() * APPLICANT_WEIGHT.getOrDefault(c.id(), 0.05);
            int fresh = expected < 1 ? (rnd.nextDouble() < expected ? 1 : 0) : around(rnd, (int) Math.round(expected));
            int in = carriedIn != null
                    ? carriedIn.getOrDefault(c.id(), BigDecimal.ZERO).intValueExact()
                    : (expected >= 1 && rnd.nextDouble() < 0.4 ? 1 + rnd.nextInt(2) : 0);
            int available = fresh + in;
            int out = available > 0 && rnd.nextDouble() < 0.35 ? rnd.nextInt(Math.max(1, available / 6) + 1) : 0;
            int done = available - out;
            put(v, b + "NEW." + c.id(), fresh);
            put(v, b + "CARRIED_IN." + c.id(), in);
            put(v, b + "CARRIED_OUT." + c.id(), out);
            put(v, b + SampleWorkbookWriter.RESULT_TOTAL_ROW + "." + c.id(), done);
            int[] counts = new int[outcomes.size()];
            for (int i = 0; i < done; i++) {
                double x = rnd.nextDouble() * sum;
                int k = 0;
                while (k < outcomes.size() - 1 && x >= cumulative[k]) {
                    k++;
                }
                counts[k]++;
            }
            for (int k = 0; k < outcomes.size(); k++) {
                put(v, b + outcomes.get(k).id() + "." + c.id(), counts[k]);
            }
            if (subtotalRows) {
                for (RowDef r : block.rows()) {
                    if (r.optional()) {
                        int subtotal = 0;
                        for (RowDef item : block.rows()) {
                            if (!item.groups().isEmpty() && item.groups().get(item.groups().size() - 1).equals(r.label())) {
                                subtotal += v.get(b + item.id() + "." + c.id()).intValue();
                            }
                        }
                        put(v, b + r.id() + "." + c.id(), subtotal);
                    }
                }
            }
        }
        // 总计 of every row present = the sum of its applicant columns
        for (RowDef r : block.rows()) {
            if (r.optional() && !subtotalRows) {
                continue;
            }
            BigDecimal total = BigDecimal.ZERO;
            for (ColumnDef c : applicants) {
                total = total.add(v.get(b + r.id() + "." + c.id()));
            }
            v.put(b + r.id() + "." + SampleWorkbookWriter.TOTAL_COLUMN, total);
        }
    }

    // --- table C ---------------------------------------------------------------------------------

    private static void tableC(Map<String, BigDecimal> v, TableDef table, AgencyProfile p, Random rnd) {
        BlockDef block = table.blocks().get(0);
        for (int i = 0; i < block.rows().size(); i++) {
            RowDef r = block.rows().get(i);
            // suits are rarer than reviews
            int cases = p.reviews() == 0 ? 0 : rnd.nextInt(p.reviews() / (i + 1) + 2);
            Map<String, Integer> counts = new HashMap<>();
            for (int k = 0; k < cases; k++) {
                double x = rnd.nextDouble();
                String outcome = "PENDING";
                double acc = 0;
                for (ColumnDef c : block.columns()) {
                    Double w = CASE_WEIGHT.get(c.id());
                    if (w != null && x < (acc += w)) {
                        outcome = c.id();
                        break;
                    }
                }
                counts.merge(outcome, 1, Integer::sum);
            }
            for (ColumnDef c : block.columns()) {
                int n = c.id().equals(SampleWorkbookWriter.TOTAL_COLUMN) ? cases : counts.getOrDefault(c.id(), 0);
                put(v, table.id() + "." + r.id() + "." + c.id(), n);
            }
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** A whole number near {@code typical} (±35 %), 0 stays 0. */
    static int around(Random rnd, int typical) {
        if (typical <= 0) {
            return 0;
        }
        return Math.max(0, (int) Math.round(typical * (0.7 + 0.6 * rnd.nextDouble())));
    }

    private static void put(Map<String, BigDecimal> v, String id, int n) {
        v.put(id, BigDecimal.valueOf(n));
    }
}
