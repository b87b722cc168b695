package cn.nianbao.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import cn.nianbao.testing.CsvFiles;
import cn.nianbao.NianbaoApplication;
import cn.nianbao.samples.AgencyProfile;
import cn.nianbao.samples.Layout;
import cn.nianbao.samples.SampleReport;
import cn.nianbao.samples.SampleWorkbookWriter;
import cn.nianbao.samples.SyntheticReports;
import cn.nianbao.template.DatapointDef;
import cn.nianbao.template.ReportFormat;
import cn.nianbao.template.TemplateCatalogue;
import cn.nianbao.validate.Labels;

/**
 * Every rule of rules.md on workbooks this repository has never seen: a clean synthetic report in a
 * random layout (.xlsx or .xls, seeded per case so a failure reproduces), one planted error, the real
 * job end to end, and exceptions.csv read back. Each case asserts exactly the expected rule ids for its
 * agency (INFO ignored unless under test), their severity, the cells (as the writer placed the planted
 * datapoints), expected/actual/delta and the message with its numbers. The clean twins (the same
 * workbooks before planting) give no ERROR or WARNING at all.
 *
 * <p>Cases share job runs (one run holds many agencies, each with its own planted error) so the class
 * starts Spring only six times.
 */
class RulesOnWorkbooksTest {

    static final TemplateCatalogue CATALOGUE = TemplateCatalogue.load();
    static final SampleWorkbookWriter WRITER = new SampleWorkbookWriter(CATALOGUE);
    static final List<String> APPLICANTS = List.of("NATURAL", "BUSINESS", "RESEARCH", "NONPROFIT", "LEGAL", "OTHER_ORG");
    static final List<String> ALL_COLUMNS = List.of("NATURAL", "BUSINESS", "RESEARCH", "NONPROFIT", "LEGAL", "OTHER_ORG", "TOTAL");
    /** Layout flags a random case may combine (money layouts are chosen separately, MONEY_BARE only where under test). */
    static final List<Layout> FLAGS = List.of(Layout.SHEET_PER_TABLE, Layout.SHIFTED, Layout.TEXT_NUMBERS,
            Layout.GROUP_LABEL_IN_CELL, Layout.GROUP_LABEL_MISSING, Layout.FORMULAS, Layout.LABEL_NOISE, Layout.TABLE_C_VERTICAL);
    static final String[] WORDS = {"开元", "海滨", "临江", "鲤中", "浮桥", "江南", "金龙", "常泰", "东海", "西湖", "南岭",
            "北峰", "青阳", "紫帽", "池店", "罗溪", "马甲", "河市", "虹山", "梧林", "永宁", "深沪", "英林", "安海", "东石"};

    @TempDir
    Path dir;

    // =====================================================================================================
    // the model of one case
    // =====================================================================================================

    /** One expected finding. {@code ids}: the datapoints whose cells the finding names, in its order. */
    record Expect(String rule, String severity, Integer year, List<String> ids, BigDecimal expected, BigDecimal actual,
                  BigDecimal delta, String message, List<String> messageParts) {
        static Expect of(String rule, String severity, int year, List<String> ids, BigDecimal expected, BigDecimal actual,
                         BigDecimal delta, String message) {
            return new Expect(rule, severity, year, ids, expected, actual, delta, message, List.of());
        }
    }

    /** A workbook to write: who, which year, its values and the exact text of some cells. */
    static final class Book {
        final Agent agent;
        final int year;
        final ReportFormat format;
        final Set<Layout> layout;
        final boolean xls;
        final Map<String, BigDecimal> values;
        final Map<String, String> written = new HashMap<>();
        String titleYear;
        String suffix = "";
        Instant modified;
        Map<String, String> cells;
        String fileName;

        Book(Agent agent, int year, ReportFormat format, Set<Layout> layout, boolean xls, Map<String, BigDecimal> values) {
            this.agent = agent;
            this.year = year;
            this.format = format;
            this.layout = layout;
            this.xls = xls;
            this.values = values;
        }

        Book copy() {
            Book b = new Book(agent, year, format, EnumSet.copyOf(layout.isEmpty() ? EnumSet.of(Layout.OFFICIAL) : layout), xls,
                    new LinkedHashMap<>(values));
            b.written.putAll(written);
            return b;
        }

        BigDecimal v(String id) {
            BigDecimal x = values.get(id);
            return x == null ? BigDecimal.ZERO : x;
        }

        void add(String id, long n) {
            values.put(id, v(id).add(BigDecimal.valueOf(n)));
        }

        void set(String id, long n) {
            values.put(id, BigDecimal.valueOf(n));
        }

        /** "sheet!A1" → "A1". */
        String cell(String id) {
            String c = Objects.requireNonNull(cells.get(id), id);
            return c.substring(c.indexOf('!') + 1);
        }

        String sheet(String id) {
            String c = cells.get(id);
            return c.substring(0, c.indexOf('!'));
        }

        String label(String id) {
            return Labels.datapoint(CATALOGUE, format.id(), id);
        }

        String row(String id) {
            return Labels.row(CATALOGUE, format.id(), id);
        }

        String column(String id) {
            return Labels.column(CATALOGUE, format.id(), id);
        }
    }

    /** A roster entry (or, for a 汇总 report, a unit). */
    record Agent(String code, String name, String alias, String kind, String parent) {
    }

    /** One job run: its roster, units, workbooks and the findings expected per agency and year. */
    static final class Run {
        final String name;
        final List<Integer> years;
        final List<Agent> units = new ArrayList<>();
        final List<Agent> roster = new ArrayList<>();
        final List<Book> books = new ArrayList<>();
        /** agency code → expected findings; codes listed here are the ones asserted exactly. */
        final Map<String, List<Function<Run, List<Expect>>>> expected = new LinkedHashMap<>();
        final Map<String, Set<String>> infoRules = new HashMap<>();

        Run(String name, Integer... years) {
            this.name = name;
            this.years = List.of(years);
            units.add(new Agent("350502", "泉州市鲤城区", null, "区", "350500"));
            units.add(new Agent("350500", "泉州市", null, "市", null));
        }

        void expect(String code, Function<Run, List<Expect>> e) {
            expected.computeIfAbsent(code, k -> new ArrayList<>()).add(e);
        }

        void clean(String code) {
            expected.computeIfAbsent(code, k -> new ArrayList<>());
        }
    }

    // =====================================================================================================
    // building clean reports
    // =====================================================================================================

    static Agent agency(int i) {
        return agency(i, "街道");
    }

    static Agent agency(int i, String kind) {
        String w = WORDS[i];
        return new Agent("350502-%02d".formatted(i), "鲤城区" + w + "街道办事处", w + "街道", kind, "350502");
    }

    static Set<Layout> randomLayout(Random rnd, ReportFormat format, boolean subtotals) {
        Set<Layout> layout = EnumSet.noneOf(Layout.class);
        for (Layout l : FLAGS) {
            if (rnd.nextDouble() < 0.3) {
                layout.add(l);
            }
        }
        if (subtotals) {
            layout.add(Layout.SUBTOTAL_ROWS);
        }
        if (format.id().equals("GOV2019")) {
            int money = rnd.nextInt(3);
            if (money == 1) {
                layout.add(Layout.MONEY_WAN_TEXT);
            } else if (money == 2) {
                layout.add(Layout.MONEY_WAN_HEADER);
            }
        }
        return layout;
    }

    /** A clean report of the agency for the year, continuing {@code previous} (carry-over, items, in force) when given. */
    static Book clean(Agent agent, int year, long seed, Book previous, boolean subtotals) {
        Random rnd = new Random(seed);
        ReportFormat format = CATALOGUE.formatForYear(year).orElseThrow();
        Set<Layout> layout = randomLayout(rnd, format, subtotals);
        boolean xls = rnd.nextBoolean();
        Map<String, BigDecimal> carriedIn = null;
        if (previous != null) {
            carriedIn = new HashMap<>();
            for (String c : APPLICANTS) {
                carriedIn.put(c, previous.v("B.CARRIED_OUT." + c));
            }
        }
        Map<String, BigDecimal> v = null;
        for (int attempt = 0; attempt < 200; attempt++) {
            v = new LinkedHashMap<>(SyntheticReports.values(format, AgencyProfile.department(), rnd, carriedIn, subtotals));
            if (previous != null) {
                continueFrom(previous, format, v);
            }
            // plants need a few non-zero cells (a 予以公开 to move, a 规范性文件 to count)
            boolean usable = v.get("B.GRANTED.TOTAL").signum() > 0 && v.get("B.PARTIAL.TOTAL").signum() >= 0
                    && v.get("B.UNABLE_1.NATURAL") != null && v.get("B.RESULT_TOTAL.NATURAL").signum() > 0;
            if (usable && (previous == null || !outlier(previous.values, v))) {
                break;
            }
        }
        return new Book(agent, year, format, layout, xls, v);
    }

    /** Makes this year's report continue last year's: 上一年项目数量 and 现行有效件数 follow on. */
    static void continueFrom(Book previous, ReportFormat format, Map<String, BigDecimal> v) {
        if (!previous.format.id().equals(format.id())) {
            return; // 2020 GOV2019 → 2021 GOV2021: only table B carries over (done by carriedIn)
        }
        for (String id : new ArrayList<>(v.keySet())) {
            String row = id.substring(0, id.lastIndexOf('.') + 1);
            if (id.endsWith(".PREV_ITEMS")) {
                BigDecimal prev = previous.v(id).add(previous.v(row + "CHANGE"));
                v.put(id, prev);
                if (prev.add(v.get(row + "CHANGE")).signum() < 0) {
                    v.put(row + "CHANGE", prev.negate());
                }
                BigDecimal items = prev.add(v.get(row + "CHANGE"));
                BigDecimal decisions = v.get(row + "DECISIONS");
                if (decisions != null && items.signum() != 0 && items.compareTo(decisions) == 0) {
                    v.put(row + "DECISIONS", decisions.add(BigDecimal.ONE));
                }
            } else if (id.endsWith(".IN_FORCE")) {
                v.put(id, previous.v(id).add(v.get(row + "ISSUED")).subtract(v.get(row + "REPEALED")));
            }
        }
    }

    /** OUTLIER-YOY as rules.md states it, on the datapoints the rule book names (B.*.TOTAL, C.*.TOTAL). */
    static boolean outlier(Map<String, BigDecimal> before, Map<String, BigDecimal> now) {
        for (Map.Entry<String, BigDecimal> e : now.entrySet()) {
            String id = e.getKey();
            if (!(id.startsWith("B.") || id.startsWith("C.")) || !id.endsWith(".TOTAL") || !before.containsKey(id)) {
                continue;
            }
            BigDecimal a = e.getValue() == null ? BigDecimal.ZERO : e.getValue().abs();
            BigDecimal b = before.get(id) == null ? BigDecimal.ZERO : before.get(id).abs();
            BigDecimal lo = a.min(b);
            BigDecimal hi = a.max(b);
            if (lo.signum() == 0 ? hi.compareTo(BigDecimal.valueOf(50)) >= 0 : hi.compareTo(lo.multiply(BigDecimal.TEN)) > 0) {
                return true;
            }
        }
        return false;
    }

    // =====================================================================================================
    // writing and running
    // =====================================================================================================

    static String title(Book b) {
        return b.agent.name() + " " + (b.titleYear == null ? b.year : b.titleYear) + "年政府信息公开工作年度报告"
                + (b.suffix.equals("汇总") ? "（汇总）" : "");
    }

    List<Map<String, String>> execute(Run run) throws Exception {
        Path root = dir.resolve(run.name);
        Path input = root.resolve("in");
        Files.createDirectories(input);
        for (Book b : run.books) {
            String stem = (b.agent.alias() == null ? b.agent.name() : b.agent.alias()) + "-"
                    + (b.titleYear == null ? b.year : b.titleYear) + "年报" + b.suffix;
            b.fileName = stem + (b.xls ? ".xls" : ".xlsx");
            SampleReport report = new SampleReport(b.agent.name(), title(b), b.year, b.format.id(), b.values, b.written, true);
            Path file = input.resolve(b.fileName);
            b.cells = WRITER.write(report, b.layout, file);
            if (b.modified != null) {
                Files.setLastModifiedTime(file, FileTime.from(b.modified));
            }
        }
        StringBuilder job = new StringBuilder();
        job.append("name: ").append(run.name).append('\n');
        job.append("years: ").append(run.years).append('\n');
        job.append("input: ./in\noutput: ./out\nunits:\n");
        for (Agent u : run.units) {
            job.append("  - { code: \"").append(u.code()).append("\", name: ").append(u.name()).append(", kind: ").append(u.kind())
                    .append(u.parent() == null ? "" : ", parent: \"" + u.parent() + "\"").append(" }\n");
        }
        job.append("roster:\n");
        for (Agent a : run.roster) {
            job.append("  - { code: \"").append(a.code()).append("\", name: ").append(a.name()).append(", aliases: [")
                    .append(a.alias()).append("], kind: ").append(a.kind()).append(", parent: \"").append(a.parent()).append("\" }\n");
        }
        Path jobFile = root.resolve(run.name + ".yml");
        Files.writeString(jobFile, job, StandardCharsets.UTF_8);
        assertThat(NianbaoApplication.run(new String[] {"consolidate", "--job", jobFile.toString()})).isEqualTo(0);
        List<Map<String, String>> findings = CsvFiles.rows(root.resolve("out/exceptions.csv"));
        // each problem is reported once (a multi-year job once repeated every cross-year finding per year)
        assertThat(findings).doesNotHaveDuplicates();
        return findings;
    }

    /** Asserts, agency by agency, exactly the expected findings; no finding for an agency not listed. */
    static void assertFindings(Run run, List<Map<String, String>> findings) {
        for (Map<String, String> f : findings) {
            if (f.get("severity").equals("INFO") && !run.infoRules.containsKey(f.get("agency_code"))) {
                continue;
            }
            assertThat(run.expected).as("finding for an agency without a planted error: %s", f).containsKey(f.get("agency_code"));
        }
        for (Map.Entry<String, List<Function<Run, List<Expect>>>> e : run.expected.entrySet()) {
            String code = e.getKey();
            List<Expect> expects = new ArrayList<>();
            e.getValue().forEach(fn -> expects.addAll(fn.apply(run)));
            Set<String> info = run.infoRules.getOrDefault(code, Set.of());
            List<Map<String, String>> mine = findings.stream().filter(f -> code.equals(f.get("agency_code")))
                    .filter(f -> !f.get("severity").equals("INFO") || info.contains(f.get("rule"))).toList();
            assertThat(mine.stream().map(f -> f.get("rule")).sorted().toList()).as("rules found for %s in %s: %s", code, describe(run), mine)
                    .isEqualTo(expects.stream().map(Expect::rule).sorted().toList());
            for (Expect x : expects) {
                Book book = bookOf(run, code, x.year());
                String cells = book == null ? "" : x.ids().stream().map(book::cell).collect(Collectors.joining(" "));
                List<Map<String, String>> match = mine.stream().filter(f -> f.get("rule").equals(x.rule())
                        && f.get("cells").equals(cells) && (x.year() == null || f.get("year").equals(x.year().toString()))
                        && (x.message() == null || f.get("message").equals(x.message()))).toList();
                assertThat(match).as("%s %s cells [%s] in %s", code, x.rule(), cells, mine).hasSize(1);
                Map<String, String> f = match.get(0);
                assertThat(f.get("severity")).as("%s %s", code, x.rule()).isEqualTo(x.severity());
                if (!x.ids().isEmpty()) {
                    assertThat(f.get("sheet")).isEqualTo(book.sheet(x.ids().get(0)));
                    assertThat(f.get("source_file")).isEqualTo(book.fileName);
                }
                assertNumber(f, "expected", x.expected());
                assertNumber(f, "actual", x.actual());
                assertNumber(f, "delta", x.delta());
                if (x.message() != null) {
                    assertThat(f.get("message")).as("%s %s", code, x.rule()).isEqualTo(x.message());
                }
                for (String part : x.messageParts()) {
                    assertThat(f.get("message")).as("%s %s", code, x.rule()).contains(part);
                }
            }
        }
    }

    static Book bookOf(Run run, String code, Integer year) {
        Book found = null;
        for (Book b : run.books) {
            if (b.agent.code().equals(code) && (year == null || b.year == year)) {
                found = b; // the last one written: for a duplicate, the winner is written last
            }
        }
        return found;
    }

    static void assertNumber(Map<String, String> f, String column, BigDecimal expected) {
        String s = f.get(column);
        if (expected == null) {
            assertThat(s).as("%s of %s", column, f).isEmpty();
        } else {
            assertThat(s).as("%s of %s", column, f).isNotEmpty();
            assertThat(new BigDecimal(s)).as("%s of %s", column, f).isEqualByComparingTo(expected);
        }
    }

    static String n(BigDecimal v) {
        if (v.signum() == 0) {
            return "0";
        }
        return v.stripTrailingZeros().toPlainString();
    }

    static BigDecimal d(long n) {
        return BigDecimal.valueOf(n);
    }

    // =====================================================================================================
    // the plants: each changes the values and says what the run must report
    // =====================================================================================================

    /** B-BALANCE: one more 本年新收 in 自然人, its 总计 kept equal to its parts (so the 总计 column fails too). */
    static Function<Run, List<Expect>> bBalance(Book b) {
        b.add("B.NEW.NATURAL", 1);
        b.add("B.NEW.TOTAL", 1);
        return run -> {
            List<Expect> e = new ArrayList<>();
            for (String c : List.of("NATURAL", "TOTAL")) {
                BigDecimal left = b.v("B.NEW." + c).add(b.v("B.CARRIED_IN." + c));
                BigDecimal right = b.v("B.RESULT_TOTAL." + c).add(b.v("B.CARRIED_OUT." + c));
                e.add(Expect.of("B-BALANCE", "ERROR", b.year,
                        List.of("B.NEW." + c, "B.CARRIED_IN." + c, "B.RESULT_TOTAL." + c, "B.CARRIED_OUT." + c), right, left, d(1),
                        "%s列：第一项加第二项之和(%s)不等于第三项加第四项之和(%s)，差 1".formatted(b.column("B.NEW." + c), n(left), n(right))));
            }
            return e;
        };
    }

    /**
     * B-ROW-TOTAL: 总计 of 予以公开 one lower and of 部分公开 one higher. One wrong 总计 alone would also break
     * B-RESULT-TOTAL in the 总计 column; moving one between two rows keeps that column's sum, so B-ROW-TOTAL
     * fires for both rows and nothing else does.
     */
    static Function<Run, List<Expect>> bRowTotal(Book b) {
        b.add("B.GRANTED.TOTAL", -1);
        b.add("B.PARTIAL.TOTAL", 1);
        return run -> {
            List<Expect> e = new ArrayList<>();
            for (String r : List.of("GRANTED", "PARTIAL")) {
                List<String> ids = new ArrayList<>(List.of("B." + r + ".TOTAL"));
                BigDecimal parts = BigDecimal.ZERO;
                for (String c : APPLICANTS) {
                    ids.add("B." + r + "." + c);
                    parts = parts.add(b.v("B." + r + "." + c));
                }
                BigDecimal total = b.v("B." + r + ".TOTAL");
                e.add(Expect.of("B-ROW-TOTAL", "ERROR", b.year, ids, parts, total, total.subtract(parts),
                        "%s：总计(%s)不等于自然人与法人或其他组织各列之和(%s)，差 %s".formatted(b.row("B." + r + ".TOTAL"), n(total), n(parts),
                                n(total.subtract(parts)))));
            }
            return e;
        };
    }

    /** B-ROW-TOTAL-BLANK: 予以公开 总计 left blank; every other rule uses the recomputed total, so nothing else fires. */
    static Function<Run, List<Expect>> bRowTotalBlank(Book b) {
        BigDecimal parts = b.v("B.GRANTED.TOTAL");
        b.values.put("B.GRANTED.TOTAL", null);
        return run -> List.of(Expect.of("B-ROW-TOTAL-BLANK", "WARNING", b.year, List.of("B.GRANTED.TOTAL"), parts, null, null,
                "%s：总计为空，而自然人与法人或其他组织各列之和为 %s；其他校验按 %s 计算".formatted(b.row("B.GRANTED.TOTAL"), n(parts), n(parts))));
    }

    /** B-RESULT-TOTAL: one more 予以公开 in 自然人 (and its 总计), （七）总计 left as it was: columns 自然人 and 总计 fail. */
    static Function<Run, List<Expect>> bResultTotal(Book b) {
        b.add("B.GRANTED.NATURAL", 1);
        b.add("B.GRANTED.TOTAL", 1);
        boolean gov2019 = b.format.id().equals("GOV2019");
        return run -> {
            List<Expect> e = new ArrayList<>();
            for (String c : List.of("NATURAL", "TOTAL")) {
                List<String> rows = new ArrayList<>(List.of("RESULT_TOTAL", "GRANTED", "PARTIAL"));
                for (int i = 1; i <= 8; i++) {
                    rows.add("DENIED_" + i);
                }
                for (int i = 1; i <= 3; i++) {
                    rows.add("UNABLE_" + i);
                }
                for (int i = 1; i <= 5; i++) {
                    rows.add("REFUSED_" + i);
                }
                if (gov2019) {
                    rows.add("OTHER");
                } else {
                    rows.addAll(List.of("OTHER_1", "OTHER_2", "OTHER_3"));
                }
                List<String> ids = rows.stream().map(r -> "B." + r + "." + c).toList();
                BigDecimal left = b.v(ids.get(0));
                BigDecimal right = ids.subList(1, ids.size()).stream().map(b::v).reduce(BigDecimal.ZERO, BigDecimal::add);
                e.add(Expect.of("B-RESULT-TOTAL", "ERROR", b.year, ids, right, left, d(-1),
                        "%s列：办理结果总计(%s)不等于各项办理结果之和(%s)，差 -1".formatted(b.column(ids.get(0)), n(left), n(right))));
            }
            return e;
        };
    }

    /** B-GROUP-SUM (subtotal rows present): （四）无法提供 小计 one too high in 自然人 and so in 总计. */
    static Function<Run, List<Expect>> bGroupSum(Book b) {
        assertThat(b.layout).contains(Layout.SUBTOTAL_ROWS);
        b.add("B.UNABLE.NATURAL", 1);
        b.add("B.UNABLE.TOTAL", 1);
        return run -> {
            List<Expect> e = new ArrayList<>();
            for (String c : List.of("NATURAL", "TOTAL")) {
                List<String> ids = List.of("B.UNABLE." + c, "B.UNABLE_1." + c, "B.UNABLE_2." + c, "B.UNABLE_3." + c);
                BigDecimal left = b.v(ids.get(0));
                BigDecimal right = b.v(ids.get(1)).add(b.v(ids.get(2))).add(b.v(ids.get(3)));
                e.add(Expect.of("B-GROUP-SUM", "ERROR", b.year, ids, right, left, d(1),
                        "%s列：%s小计(%s)不等于其各分项之和(%s)，差 1".formatted(b.column(ids.get(0)), b.row(ids.get(0)), n(left), n(right))));
            }
            return e;
        };
    }

    /** C-TOTAL: 行政复议 总计 one higher than 维持 + 纠正 + 其他 + 未审结. */
    static Function<Run, List<Expect>> cTotal(Book b) {
        b.add("C.REVIEW.TOTAL", 1);
        return run -> {
            List<String> ids = List.of("C.REVIEW.TOTAL", "C.REVIEW.UPHELD", "C.REVIEW.CORRECTED", "C.REVIEW.OTHER", "C.REVIEW.PENDING");
            BigDecimal left = b.v(ids.get(0));
            BigDecimal right = ids.subList(1, 5).stream().map(b::v).reduce(BigDecimal.ZERO, BigDecimal::add);
            return List.of(Expect.of("C-TOTAL", "ERROR", b.year, ids, right, left, d(1),
                    "%s：总计(%s)不等于结果维持、结果纠正、其他结果、尚未审结之和(%s)，差 1".formatted(b.row(ids.get(0)), n(left), n(right))));
        };
    }

    /** NON-NEGATIVE: 「-3」 in a count that no relation uses (规范性文件 / 行政处罚 处理决定数量). */
    static Function<Run, List<Expect>> nonNegative(Book b) {
        String id = b.format.id().equals("GOV2019") ? "A.NORMATIVE.NEW_PUBLISHED" : "A.PENALTY.DECISIONS";
        b.set(id, -3);
        b.written.put(id, "-3");
        return run -> List.of(Expect.of("NON-NEGATIVE", "ERROR", b.year, List.of(id), null, d(-3), null,
                "%s(-3)为负数".formatted(b.label(id))));
    }

    /** INTEGER: 「2.5」 in a count. */
    static Function<Run, List<Expect>> integer(Book b) {
        String id = b.format.id().equals("GOV2019") ? "A.NORMATIVE.NEW_MADE" : "A.LICENSING.DECISIONS";
        b.values.put(id, new BigDecimal("2.5"));
        b.written.put(id, "2.5");
        return run -> List.of(Expect.of("INTEGER", "ERROR", b.year, List.of(id), null, new BigDecimal("2.5"), null,
                "%s(2.5)不是整数".formatted(b.label(id))));
    }

    /** A-ITEMS-NONNEG: 行政事业性收费 上一年 1 项, 本年减 3. */
    static Function<Run, List<Expect>> itemsNonNeg(Book b) {
        b.set("A.FEES.PREV_ITEMS", 1);
        b.set("A.FEES.CHANGE", -3);
        return run -> List.of(Expect.of("A-ITEMS-NONNEG", "ERROR", b.year, List.of("A.FEES.PREV_ITEMS", "A.FEES.CHANGE"),
                d(0), d(-2), d(-2), "%s：上一年项目数量加本年增/减之和(-2)小于 0".formatted(b.row("A.FEES.PREV_ITEMS"))));
    }

    /** A-PROCUREMENT-PAIR: 采购项目数量 0 with a non-zero amount. */
    static Function<Run, List<Expect>> procurementPair(Book b) {
        BigDecimal amount = b.v("A.PROCUREMENT.AMOUNT_YUAN");
        assertThat(amount.signum()).isPositive();
        b.set("A.PROCUREMENT.PROJECTS", 0);
        return run -> List.of(Expect.of("A-PROCUREMENT-PAIR", "WARNING", b.year,
                List.of("A.PROCUREMENT.PROJECTS", "A.PROCUREMENT.AMOUNT_YUAN"), null, null, null,
                "政府集中采购：采购项目数量(0)与采购总金额(%s)应同为 0 或同不为 0".formatted(n(amount))));
    }

    /** A-REGULATION-SCOPE: a 街道 (or 部门) reports 2 规章. */
    static Function<Run, List<Expect>> regulationScope(Book b) {
        String id = b.format.id().equals("GOV2019") ? "A.REGULATION.NEW_MADE" : "A.REGULATION.ISSUED";
        b.set(id, 2);
        if (b.format.id().equals("GOV2021")) {
            b.set("A.REGULATION.IN_FORCE", 2); // 现行有效 follows the two issued: two cells, two findings
        }
        return run -> {
            List<Expect> e = new ArrayList<>();
            List<String> ids = b.format.id().equals("GOV2019") ? List.of(id) : List.of(id, "A.REGULATION.IN_FORCE");
            for (String x : ids) {
                e.add(Expect.of("A-REGULATION-SCOPE", "WARNING", b.year, List.of(x), null, d(2), null,
                        "%s（%s）没有规章制定权，但「%s」填报为 2".formatted(b.agent.name(), b.agent.kind(), b.label(x))));
            }
            return e;
        };
    }

    /** A-ITEMS-AS-DECISIONS: 行政许可 处理决定数量 = 上一年项目数量 + 本年增/减. */
    static Function<Run, List<Expect>> itemsAsDecisions(Book b) {
        if (b.v("A.LICENSING.PREV_ITEMS").add(b.v("A.LICENSING.CHANGE")).signum() <= 0) {
            b.set("A.LICENSING.CHANGE", 1);
        }
        BigDecimal items = b.v("A.LICENSING.PREV_ITEMS").add(b.v("A.LICENSING.CHANGE"));
        b.values.put("A.LICENSING.DECISIONS", items);
        return run -> List.of(Expect.of("A-ITEMS-AS-DECISIONS", "WARNING", b.year,
                List.of("A.LICENSING.DECISIONS", "A.LICENSING.PREV_ITEMS", "A.LICENSING.CHANGE"), null, items, null,
                "%s：处理决定数量(%s)恰好等于上一年项目数量加本年增/减(%s)，可能把项目数填进了处理决定数量"
                        .formatted(b.row("A.LICENSING.DECISIONS"), n(items), n(items))));
    }

    /** A-UNIT-ASSUMED (INFO): the procurement amount a bare number, no unit in the cell or the header. */
    static Function<Run, List<Expect>> unitAssumed(Book b, Run run) {
        b.layout.removeAll(List.of(Layout.MONEY_WAN_HEADER, Layout.MONEY_WAN_TEXT, Layout.TEXT_NUMBERS));
        b.layout.add(Layout.MONEY_BARE);
        run.infoRules.put(b.agent.code(), Set.of("A-UNIT-ASSUMED"));
        BigDecimal amount = b.v("A.PROCUREMENT.AMOUNT_YUAN");
        return r -> List.of(Expect.of("A-UNIT-ASSUMED", "INFO", b.year, List.of("A.PROCUREMENT.AMOUNT_YUAN"), null, amount, null,
                "%s(%s)未注明单位，按元计（原文：%s）".formatted(b.label("A.PROCUREMENT.AMOUNT_YUAN"), n(amount), n(amount))));
    }

    /** A-FEES-UNIT: GOV2021 fee written 「35000元」 in the 万元 column (read as 3.5 万元). */
    static Function<Run, List<Expect>> feesWrittenInYuan(Book b) {
        b.values.put("A.FEES.AMOUNT_WAN", new BigDecimal("3.5"));
        b.written.put("A.FEES.AMOUNT_WAN", "35000元");
        return run -> List.of(Expect.of("A-FEES-UNIT", "WARNING", b.year, List.of("A.FEES.AMOUNT_WAN"), null, new BigDecimal("3.5"),
                null, "%s(3.5)应以万元为单位，但单元格写有「元」（原文：35000元）".formatted(b.label("A.FEES.AMOUNT_WAN"))));
    }

    /** A-FEES-UNIT: 350000 in the 万元 column (35 亿元: surely 元). */
    static Function<Run, List<Expect>> feesTooLarge(Book b) {
        b.set("A.FEES.AMOUNT_WAN", 350000);
        return run -> List.of(Expect.of("A-FEES-UNIT", "WARNING", b.year, List.of("A.FEES.AMOUNT_WAN"), null, d(350000), null,
                "%s(350000)应以万元为单位，但数额超过 100000 万元，可能是按元填写的".formatted(b.label("A.FEES.AMOUNT_WAN"))));
    }

    // =====================================================================================================
    // the runs
    // =====================================================================================================

    interface Plant {
        Function<Run, List<Expect>> apply(Book b);
    }

    /** Within one report, one agency per rule, in the format of the year; plus the roster rules and a duplicate. */
    Run withinReport(int year, boolean planted, long seed) {
        String fmt = CATALOGUE.formatForYear(year).orElseThrow().id();
        Run run = new Run((planted ? "within-" : "clean-") + year, year);
        Map<String, Plant> plants = new LinkedHashMap<>();
        plants.put("B-BALANCE", RulesOnWorkbooksTest::bBalance);
        plants.put("B-ROW-TOTAL", RulesOnWorkbooksTest::bRowTotal);
        plants.put("B-ROW-TOTAL-BLANK", RulesOnWorkbooksTest::bRowTotalBlank);
        plants.put("B-RESULT-TOTAL", RulesOnWorkbooksTest::bResultTotal);
        plants.put("B-GROUP-SUM", RulesOnWorkbooksTest::bGroupSum);
        plants.put("C-TOTAL", RulesOnWorkbooksTest::cTotal);
        plants.put("NON-NEGATIVE", RulesOnWorkbooksTest::nonNegative);
        plants.put("INTEGER", RulesOnWorkbooksTest::integer);
        plants.put("A-REGULATION-SCOPE", RulesOnWorkbooksTest::regulationScope);
        if (fmt.equals("GOV2019")) {
            plants.put("A-ITEMS-NONNEG", RulesOnWorkbooksTest::itemsNonNeg);
            plants.put("A-PROCUREMENT-PAIR", RulesOnWorkbooksTest::procurementPair);
            plants.put("A-ITEMS-AS-DECISIONS", RulesOnWorkbooksTest::itemsAsDecisions);
            plants.put("A-UNIT-ASSUMED", null);
        } else {
            plants.put("A-FEES-UNIT", RulesOnWorkbooksTest::feesWrittenInYuan);
            plants.put("A-FEES-UNIT-LARGE", RulesOnWorkbooksTest::feesTooLarge);
            plants.put("X3", null);
        }
        int i = 0;
        for (Map.Entry<String, Plant> p : plants.entrySet()) {
            // A-REGULATION-SCOPE on a 部门 in one format and a 街道 in the other: both kinds lack the power
            Agent a = agency(i, p.getKey().equals("A-REGULATION-SCOPE") && fmt.equals("GOV2021") ? "部门" : "街道");
            long caseSeed = seed * 1000 + i++;
            Book b = clean(a, year, caseSeed, null, p.getKey().equals("B-GROUP-SUM"));
            run.roster.add(a);
            run.books.add(b);
            if (!planted) {
                run.clean(a.code());
                continue;
            }
            if (p.getKey().equals("A-UNIT-ASSUMED")) {
                run.expect(a.code(), unitAssumed(b, run));
            } else if (p.getKey().equals("X3")) {
                // a GOV2019 workbook titled 2021. The roll-up also leaves it out of every unit above it with one
                // ROLLUP-MIXED-FORMAT (an ERROR of the roll-up step, not a rule of the book): an unavoidable
                // consequence of the same workbook, so it is expected too.
                Book old = clean(a, 2020, caseSeed, null, false);
                old.titleYear = "2021";
                Book x3 = new Book(a, 2021, old.format, old.layout, old.xls, old.values);
                x3.titleYear = "2021";
                run.books.set(run.books.size() - 1, x3);
                run.expect(a.code(), r -> List.of(
                        Expect.of("X3", "ERROR", 2021, List.of(), null, null, null, "2021 年的报告应使用格式 GOV2021，实际使用的是 GOV2019"),
                        mixed("泉州市鲤城区")));
            } else {
                run.expect(a.code(), p.getValue().apply(b));
            }
        }
        // DUPLICATE-SUBMISSION: an older file (with a B-BALANCE error nobody should see) and a newer, clean one
        Agent dup = agency(i, "街道");
        long dupSeed = seed * 1000 + i++;
        run.roster.add(dup);
        Book newer = clean(dup, year, dupSeed, null, false);
        newer.modified = Instant.parse((year + 1) + "-01-12T02:00:00Z");
        if (planted) {
            Book older = newer.copy();
            bBalance(older);
            older.modified = Instant.parse((year + 1) + "-01-10T02:00:00Z");
            run.books.add(older);
            run.books.add(newer);
            run.expect(dup.code(), r -> List.of(new Expect("DUPLICATE-SUBMISSION", "WARNING", year, List.of(), null, null, null,
                    "%s %d 年的报告收到多份：采用 %s（修改时间 %d-01-12 10:00:00），忽略 %s（修改时间 %d-01-10 10:00:00）".formatted(
                            dup.name(), year, newer.fileName, year + 1, older.fileName, year + 1), List.of())));
            older.suffix = "-初稿";
        } else {
            run.books.add(newer);
            run.clean(dup.code());
        }
        // MISSING-SUBMISSION: on the roster, no workbook (the twin has one)
        Agent missing = agency(i, "街道");
        long missingSeed = seed * 1000 + i++;
        run.roster.add(missing);
        if (planted) {
            run.expect(missing.code(), r -> List.of(Expect.of("MISSING-SUBMISSION", "ERROR", year, List.of(), null, null, null,
                    "名册中的%s（%s）没有 %d 年的可用报告".formatted(missing.name(), missing.code(), year))));
        } else {
            run.books.add(clean(missing, year, missingSeed, null, false));
            run.clean(missing.code());
        }
        // UNKNOWN-AGENCY: a workbook from an agency not on the roster (in the twin it is on the roster)
        Agent stranger = new Agent("350502-WL", "鲤城区文旅测试中心", "文旅测试中心", "部门", "350502");
        Book strangerBook = clean(stranger, year, seed * 1000 + i++, null, false);
        run.books.add(strangerBook);
        if (planted) {
            run.expect("鲤城区文旅测试中心", r -> List.of(new Expect("UNKNOWN-AGENCY", "WARNING", year, List.of(), null, null, null,
                    "文件 %s 的编制主体「鲤城区文旅测试中心」不在 %d 年的名册中".formatted(strangerBook.fileName, year), List.of())));
        } else {
            run.roster.add(stranger);
            run.clean(stranger.code());
        }
        if (fmt.equals("GOV2019")) {
            rollupUnit(run, planted, seed * 1000 + 900);
        }
        return run;
    }

    /**
     * ROLLUP-MISMATCH: a second district (泉州市洛江区) with two clean agencies and its published 汇总 report.
     * The 汇总 is the exact sum of its agencies, except (planted) 规范性文件 本年新制作数量 one higher: a cell
     * no relation uses, so the 汇总 stays internally consistent and only ROLLUP-MISMATCH fires.
     */
    static void rollupUnit(Run run, boolean planted, long seed) {
        run.units.add(0, new Agent("350504", "泉州市洛江区", null, "区", "350500"));
        List<Book> feeders = new ArrayList<>();
        String[] words = {"万安", "双阳"};
        for (int k = 0; k < 2; k++) {
            Agent a = new Agent("350504-%02d".formatted(k), "洛江区" + words[k] + "街道办事处", words[k] + "街道", "街道", "350504");
            run.roster.add(a);
            Book b = clean(a, 2020, seed + k, null, false);
            feeders.add(b);
            run.books.add(b);
            run.clean(a.code());
        }
        ReportFormat format = feeders.get(0).format;
        Map<String, BigDecimal> sum = new LinkedHashMap<>();
        for (int guard = 0; ; guard++) {
            sum.clear();
            for (DatapointDef dp : format.datapoints().values()) {
                if (!dp.row().optional()) {
                    sum.put(dp.id(), feeders.stream().map(f -> f.v(dp.id())).reduce(BigDecimal.ZERO, BigDecimal::add));
                }
            }
            // the sums of two agencies could by chance look like A-ITEMS-AS-DECISIONS: nudge one agency
            String bad = null;
            for (String row : List.of("LICENSING", "OTHER_SERVICE", "PENALTY", "ENFORCEMENT")) {
                BigDecimal items = sum.get("A." + row + ".PREV_ITEMS").add(sum.get("A." + row + ".CHANGE"));
                if (items.signum() != 0 && items.compareTo(sum.get("A." + row + ".DECISIONS")) == 0) {
                    bad = row;
                }
            }
            if (bad == null) {
                break;
            }
            assertThat(guard).isLessThan(10);
            feeders.get(0).add("A." + bad + ".DECISIONS", 2);
        }
        Agent unit = new Agent("350504", "泉州市洛江区", null, "区", "350500");
        BigDecimal computed = sum.get("A.NORMATIVE.NEW_MADE");
        Book published = new Book(unit, 2020, format, EnumSet.of(Layout.OFFICIAL), false, new LinkedHashMap<>(sum));
        published.titleYear = "2020";
        published.suffix = "汇总";
        run.books.add(published);
        if (!planted) {
            run.clean(unit.code());
            return;
        }
        published.add("A.NORMATIVE.NEW_MADE", 1);
        List<String> parts = new ArrayList<>();
        for (Book f : feeders) {
            if (f.v("A.NORMATIVE.NEW_MADE").signum() != 0) {
                parts.add(f.agent.name() + "(" + n(f.v("A.NORMATIVE.NEW_MADE")) + ")");
            }
        }
        if (parts.isEmpty()) {
            parts.add("无");
        }
        String label = Labels.datapoint(CATALOGUE, format.id(), "A.NORMATIVE.NEW_MADE");
        run.expect(unit.code(), r -> List.of(new Expect("ROLLUP-MISMATCH", "ERROR", 2020, List.of("A.NORMATIVE.NEW_MADE"),
                computed, computed.add(BigDecimal.ONE), d(1), null, concat(List.of("%s：汇总报告填报 %s，各编制主体合计 %s，差 1；该项不为 0 的编制主体："
                        .formatted(label, n(computed.add(BigDecimal.ONE)), n(computed))), parts))));
    }

    static Expect mixed(String unit) {
        return Expect.of("ROLLUP-MIXED-FORMAT", "ERROR", 2021, List.of(), null, null, null,
                "2021年汇总使用 GOV2021 格式，该单位报表为 GOV2019 格式，未计入「%s」及以上各级汇总；请按2021年适用的格式重新填报".formatted(unit));
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * Across years, 2019–2022 in one job: every agency sends a consistent chain of four reports (2019, 2020
     * GOV2019; 2021, 2022 GOV2021: carry-over across the format change, items and 现行有效 continuing), and
     * the planted agencies break one link each.
     */
    Run acrossYears(boolean planted, long seed) {
        Run run = new Run(planted ? "across" : "across-clean", 2019, 2020, 2021, 2022);
        Map<String, Book[]> chains = new LinkedHashMap<>();
        String[] cases = {"clean", "B-CARRY-OVER", "A-ITEMS-CONTINUITY", "A-IN-FORCE-CONTINUITY", "OUTLIER-YOY"};
        for (int i = 0; i < cases.length; i++) {
            Agent a = agency(i);
            run.roster.add(a);
            Book[] chain = new Book[4];
            for (int k = 0; k < 4; k++) {
                int year = 2019 + k;
                Book prev = k == 0 ? null : chain[k - 1];
                long s = seed * 1000 + i * 10 + k;
                if (planted && cases[i].equals("B-CARRY-OVER") && year == 2021) {
                    // this year's 上年结转 自然人 is one more than 2020's 结转下年度 (the report itself consistent)
                    Book shifted = prev.copy();
                    shifted.add("B.CARRIED_OUT.NATURAL", 1);
                    chain[k] = clean(a, year, s, shifted, false);
                } else {
                    chain[k] = clean(a, year, s, prev, false);
                }
                if (cases[i].equals("OUTLIER-YOY") && year == 2021) {
                    // 复议后起诉: none in 2021, so 2022 can jump from 0
                    for (String c : List.of("UPHELD", "CORRECTED", "OTHER", "PENDING", "TOTAL")) {
                        chain[k].set("C.SUIT_AFTER_REVIEW." + c, 0);
                    }
                }
                run.books.add(chain[k]);
            }
            chains.put(cases[i], chain);
            run.clean(a.code());
        }
        if (!planted) {
            return run;
        }
        // B-CARRY-OVER, 2021 (GOV2021) against 2020 (GOV2019): columns 自然人 and 总计 (its total follows)
        Book[] carry = chains.get("B-CARRY-OVER");
        run.expected.put(carry[0].agent.code(), List.of(r -> {
            List<Expect> e = new ArrayList<>();
            for (String c : List.of("NATURAL", "TOTAL")) {
                Book now = carry[2];
                Book before = carry[1];
                BigDecimal left = now.v("B.CARRIED_IN." + c);
                BigDecimal right = before.v("B.CARRIED_OUT." + c);
                e.add(Expect.of("B-CARRY-OVER", "ERROR", 2021, List.of("B.CARRIED_IN." + c), right, left, d(1),
                        "%s列：上年结转(%s)不等于 2020 年报告的结转下年度继续办理(%s)，差 1（2020 年：%s %s）".formatted(now.column("B.CARRIED_IN." + c),
                                n(left), n(right), before.fileName, before.cells.get("B.CARRIED_OUT." + c))));
            }
            return e;
        }));
        // A-ITEMS-CONTINUITY, 2020: 行政许可 上一年项目数量 one more than 2019's 上一年项目数量 + 本年增/减
        Book[] items = chains.get("A-ITEMS-CONTINUITY");
        items[1].add("A.LICENSING.PREV_ITEMS", 1);
        avoidItemsAsDecisions(items[1], "LICENSING");
        run.expected.put(items[0].agent.code(), List.of(r -> {
            BigDecimal left = items[1].v("A.LICENSING.PREV_ITEMS");
            BigDecimal right = items[0].v("A.LICENSING.PREV_ITEMS").add(items[0].v("A.LICENSING.CHANGE"));
            return List.of(Expect.of("A-ITEMS-CONTINUITY", "WARNING", 2020, List.of("A.LICENSING.PREV_ITEMS"), right, left, d(1),
                    "%s：上一年项目数量(%s)不等于 2019 年的上一年项目数量加本年增/减(%s)，差 1（2019 年：%s）".formatted(
                            items[1].row("A.LICENSING.PREV_ITEMS"), n(left), n(right), items[0].fileName)));
        }));
        // A-IN-FORCE-CONTINUITY, 2022: 行政规范性文件 现行有效件数 two more than 2021's + 制发 − 废止
        Book[] inForce = chains.get("A-IN-FORCE-CONTINUITY");
        inForce[3].add("A.NORMATIVE.IN_FORCE", 2);
        run.expected.put(inForce[0].agent.code(), List.of(r -> {
            Book now = inForce[3];
            BigDecimal left = now.v("A.NORMATIVE.IN_FORCE");
            BigDecimal right = inForce[2].v("A.NORMATIVE.IN_FORCE").add(now.v("A.NORMATIVE.ISSUED")).subtract(now.v("A.NORMATIVE.REPEALED"));
            return List.of(Expect.of("A-IN-FORCE-CONTINUITY", "WARNING", 2022,
                    List.of("A.NORMATIVE.IN_FORCE", "A.NORMATIVE.ISSUED", "A.NORMATIVE.REPEALED"), right, left, d(2),
                    "%s：现行有效件数(%s)不等于 2021 年现行有效件数加本年制发减本年废止(%s)，差 2（2021 年：%s）".formatted(
                            now.row("A.NORMATIVE.IN_FORCE"), n(left), n(right), inForce[2].fileName)));
        }));
        // OUTLIER-YOY, 2022: 复议后起诉 from 0 to 60 (60 维持, 总计 60: C-TOTAL holds)
        Book[] out = chains.get("OUTLIER-YOY");
        for (String c : List.of("UPHELD", "CORRECTED", "OTHER", "PENDING", "TOTAL")) {
            out[3].set("C.SUIT_AFTER_REVIEW." + c, 0);
        }
        out[3].set("C.SUIT_AFTER_REVIEW.UPHELD", 60);
        out[3].set("C.SUIT_AFTER_REVIEW.TOTAL", 60);
        run.expected.put(out[0].agent.code(), List.of(r -> List.of(Expect.of("OUTLIER-YOY", "WARNING", 2022,
                List.of("C.SUIT_AFTER_REVIEW.TOTAL"), d(0), d(60), d(60),
                "%s由 2021 年的 0 变为 2022 年的 60，变动异常，请核实".formatted(out[3].label("C.SUIT_AFTER_REVIEW.TOTAL"))))));
        return run;
    }

    static void avoidItemsAsDecisions(Book b, String row) {
        BigDecimal items = b.v("A." + row + ".PREV_ITEMS").add(b.v("A." + row + ".CHANGE"));
        if (items.compareTo(b.v("A." + row + ".DECISIONS")) == 0) {
            b.add("A." + row + ".DECISIONS", 1);
        }
    }

    // =====================================================================================================
    // the tests
    // =====================================================================================================

    /** Within one report (and the roster rules, duplicates, roll-up): per format, three seeds, so three sets of layouts. */
    @ParameterizedTest(name = "{0} seed {1}")
    @CsvSource({"2020, 1", "2020, 2", "2020, 3", "2021, 1", "2021, 2", "2021, 3"})
    void eachRuleFiresOnItsPlantedErrorAndNothingElseDoes(int year, long seed) throws Exception {
        Run run = withinReport(year, true, seed);
        assertFindings(run, execute(run));
    }

    /** The same workbooks before planting (the duplicate sent once, the missing one sent, the stranger on the roster). */
    @ParameterizedTest(name = "{0} seed {1}")
    @CsvSource({"2020, 1", "2020, 2", "2020, 3", "2021, 1", "2021, 2", "2021, 3"})
    void theCleanTwinsGiveNoFindingAtAll(int year, long seed) throws Exception {
        Run run = withinReport(year, false, seed);
        assertThat(execute(run)).as(describe(run)).isEmpty();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 8})
    void eachAcrossYearsRuleFiresOnItsPlantedBreak(long seed) throws Exception {
        Run run = acrossYears(true, seed);
        assertFindings(run, execute(run));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 8})
    void cleanChainsAcrossYearsAndTheFormatChangeGiveNoFinding(long seed) throws Exception {
        Run run = acrossYears(false, seed);
        assertThat(execute(run)).as(describe(run)).isEmpty();
    }

    /** The workbooks of a run, for failure messages: file, layout. */
    static String describe(Run run) {
        return run.books.stream().map(b -> b.fileName + " [" + Layout.describe(b.layout) + "]").collect(Collectors.joining("\n"));
    }

}
