package cn.nianbao.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import cn.nianbao.samples.AgencyProfile;
import cn.nianbao.samples.Layout;
import cn.nianbao.samples.SampleReport;
import cn.nianbao.samples.SampleWorkbookWriter;
import cn.nianbao.samples.SyntheticReports;
import cn.nianbao.template.ReportFormat;
import cn.nianbao.template.TemplateCatalogue;

/**
 * Writes the benchmark's input tree: {@code input/<district>/<agency>-<year>年报.xlsx|xls}, N workbooks,
 * every one distinct (its own agency name and its own random values, so no two files share a content
 * hash). Agencies come in pairs of years: 2020 in GOV2019 and 2021 in GOV2021, the 2021 report carrying
 * in the 2020 one's 结转下年度. Layouts cycle through the 26 combinations {@code SampleGenerator} uses
 * (one .xls in about four). Deterministic for a given N and seed; written by all cores in parallel.
 */
public final class BenchCorpus {

    /** A layout and container format, as SampleGenerator's plans spread them (2020 plans, then 2021). */
    record Shape(Set<Layout> layout, boolean xls) {
    }

    static final List<Shape> SHAPES_2020 = List.of(
            new Shape(Layout.of(Layout.OFFICIAL, Layout.GROUP_LABEL_MISSING), false),
            new Shape(Layout.of(Layout.SHEET_PER_TABLE, Layout.MONEY_WAN_TEXT), false),
            new Shape(Layout.of(Layout.SHIFTED, Layout.TABLE_C_VERTICAL, Layout.MONEY_WAN_HEADER), true),
            new Shape(Layout.of(Layout.TEXT_NUMBERS), false),
            new Shape(Layout.of(Layout.OFFICIAL, Layout.MONEY_BARE), false),
            new Shape(Layout.of(Layout.GROUP_LABEL_IN_CELL), false),
            new Shape(Layout.of(Layout.SUBTOTAL_ROWS, Layout.FORMULAS), true),
            new Shape(Layout.of(Layout.LABEL_NOISE), false),
            new Shape(Layout.of(Layout.FORMULAS), false),
            new Shape(EnumSet.of(Layout.OFFICIAL), false),
            new Shape(Layout.of(Layout.SHEET_PER_TABLE, Layout.TEXT_NUMBERS, Layout.LABEL_NOISE), true),
            new Shape(Layout.of(Layout.SHIFTED, Layout.SUBTOTAL_ROWS), false),
            new Shape(Layout.of(Layout.GROUP_LABEL_IN_CELL, Layout.GROUP_LABEL_MISSING, Layout.TABLE_C_VERTICAL), false));

    static final List<Shape> SHAPES_2021 = List.of(
            new Shape(EnumSet.of(Layout.OFFICIAL), false),
            new Shape(Layout.of(Layout.SHIFTED, Layout.LABEL_NOISE), false),
            new Shape(Layout.of(Layout.SHEET_PER_TABLE, Layout.FORMULAS), false),
            new Shape(Layout.of(Layout.TEXT_NUMBERS, Layout.TABLE_C_VERTICAL), true),
            new Shape(Layout.of(Layout.GROUP_LABEL_IN_CELL), false),
            new Shape(EnumSet.of(Layout.OFFICIAL), false),
            new Shape(Layout.of(Layout.GROUP_LABEL_MISSING), false),
            new Shape(Layout.of(Layout.SUBTOTAL_ROWS), true),
            new Shape(Layout.of(Layout.SUBTOTAL_ROWS, Layout.FORMULAS), false),
            new Shape(Layout.of(Layout.SHEET_PER_TABLE, Layout.TEXT_NUMBERS), false),
            new Shape(EnumSet.of(Layout.OFFICIAL), true),
            new Shape(Layout.of(Layout.SHIFTED, Layout.TABLE_C_VERTICAL), false),
            new Shape(EnumSet.of(Layout.OFFICIAL), false));

    /** The districts (one sub-folder each) the agencies are spread over. */
    static final List<String> DISTRICTS = List.of("鲤城区", "丰泽区", "洛江区", "泉港区", "晋江市", "石狮市", "南安市", "惠安县",
            "安溪县", "永春县", "德化县", "金门县");

    private static final String[] KINDS = {"街道办事处", "镇人民政府", "局", "委员会", "办公室"};

    private static final String MARKER = ".bench-corpus";

    private BenchCorpus() {
    }

    /** What {@link #ensure} found or wrote. */
    public record Corpus(Path input, int workbooks, int xls, boolean reused, double generationSeconds) {
    }

    /**
     * Makes sure {@code dir/input} holds the corpus for (n, seed): reused when a marker from a complete
     * earlier generation with the same n and seed is there, otherwise deleted and written afresh.
     */
    public static Corpus ensure(Path dir, int n, long seed, int threads) throws IOException, InterruptedException {
        Path input = dir.resolve("input");
        Path marker = dir.resolve(MARKER);
        String want = "n=" + n + " seed=" + seed;
        if (Files.isRegularFile(marker)) {
            List<String> lines = Files.readAllLines(marker, StandardCharsets.UTF_8);
            if (!lines.isEmpty() && lines.get(0).equals(want) && Files.isDirectory(input)) {
                double secs = lines.size() > 1 ? Double.parseDouble(lines.get(1)) : Double.NaN;
                int xls = lines.size() > 2 ? Integer.parseInt(lines.get(2)) : -1;
                return new Corpus(input, n, xls, true, secs);
            }
        }
        Files.deleteIfExists(marker);
        Benchmark.deleteTree(input);
        Files.createDirectories(input);

        long t0 = System.nanoTime();
        TemplateCatalogue catalogue = TemplateCatalogue.load();
        SampleWorkbookWriter writer = new SampleWorkbookWriter(catalogue);
        ReportFormat gov2019 = catalogue.formatForYear(2020).orElseThrow();
        ReportFormat gov2021 = catalogue.formatForYear(2021).orElseThrow();
        for (String d : DISTRICTS) {
            Files.createDirectories(input.resolve(d));
        }
        int agencies = (n + 1) / 2;
        AtomicInteger written = new AtomicInteger();
        AtomicInteger xlsCount = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<?>> futures = new ArrayList<>();
            int perTask = 50;
            for (int from = 0; from < agencies; from += perTask) {
                int start = from;
                int end = Math.min(agencies, from + perTask);
                futures.add(pool.submit(() -> {
                    for (int i = start; i < end; i++) {
                        boolean both = 2 * i + 1 < n;
                        xlsCount.addAndGet(writeAgency(writer, gov2019, gov2021, input, i, seed, both));
                        int w = written.addAndGet(both ? 2 : 1);
                        if (w % 5000 < (both ? 2 : 1) && n >= 5000) {
                            System.out.printf("  generated %,d / %,d workbooks (%.0f s)%n", w, n, (System.nanoTime() - t0) / 1e9);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("generation failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdown();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        Files.writeString(marker, want + "\n" + secs + "\n" + xlsCount.get() + "\n", StandardCharsets.UTF_8);
        return new Corpus(input, n, xlsCount.get(), false, secs);
    }

    /**
     * A district's input folder holding the corpus: {@code target} gets hard links to the corpus's files (the same
     * bytes and modification times, nothing copied; a copy with its times where a link cannot be made). The corpus
     * itself is never written through it: {@link #resubmit} replaces a link by a new file.
     */
    public static void mirror(Path corpusInput, Path target) throws IOException {
        Benchmark.deleteTree(target);
        try (java.util.stream.Stream<Path> files = Files.walk(corpusInput)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path t = target.resolve(corpusInput.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    try {
                        Files.createLink(t, f);
                    } catch (UnsupportedOperationException | IOException e) {
                        Files.copy(f, t, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
    }

    /**
     * A night in which every {@code every}-th agency resubmitted its reports with corrected figures: their workbooks
     * in {@code input} (a {@link #mirror}) are written afresh (same agency, layout and file name, other values), the
     * others left as they are. Returns how many workbooks changed.
     */
    public static int resubmit(Path input, int n, long seed, int every) throws IOException {
        Path target = input;
        TemplateCatalogue catalogue = TemplateCatalogue.load();
        SampleWorkbookWriter writer = new SampleWorkbookWriter(catalogue);
        ReportFormat gov2019 = catalogue.formatForYear(2020).orElseThrow();
        ReportFormat gov2021 = catalogue.formatForYear(2021).orElseThrow();
        int changed = 0;
        for (int i = 0; i < (n + 1) / 2; i += Math.max(1, every)) {
            boolean both = 2 * i + 1 < n;
            writeAgency(writer, gov2019, gov2021, target, i, seed + 1, both); // replaces the links (see write)
            changed += both ? 2 : 1;
        }
        return changed;
    }

    /** Writes agency i's 2020 report and (when {@code both}) its 2021 report; returns how many were .xls. */
    private static int writeAgency(SampleWorkbookWriter writer, ReportFormat gov2019, ReportFormat gov2021, Path input,
                                   int i, long seed, boolean both) throws IOException {
        Random rnd = new Random(seed * 1_000_003L + i);
        String district = DISTRICTS.get(i % DISTRICTS.size());
        String kind = KINDS[(i / DISTRICTS.size()) % KINDS.length];
        // unique per agency: 「丰泽区第37号街道办事处」
        String agency = district + "第" + (i / DISTRICTS.size() + 1) + "号" + kind;
        AgencyProfile profile = switch (i % 4) {
            case 0, 1 -> AgencyProfile.subDistrict();
            case 2 -> AgencyProfile.department();
            default -> AgencyProfile.districtOffice();
        };
        int xls = 0;
        Shape s20 = SHAPES_2020.get(i % SHAPES_2020.size());
        Map<String, BigDecimal> v20 = SyntheticReports.values(gov2019, profile, rnd, null, s20.layout().contains(Layout.SUBTOTAL_ROWS));
        xls += write(writer, input, district, agency, 2020, gov2019, v20, s20);
        if (both) {
            Map<String, BigDecimal> carriedIn = new HashMap<>();
            for (Map.Entry<String, BigDecimal> e : v20.entrySet()) {
                if (e.getKey().startsWith("B.CARRIED_OUT.") && e.getValue() != null) {
                    carriedIn.put(e.getKey().substring("B.CARRIED_OUT.".length()), e.getValue());
                }
            }
            Shape s21 = SHAPES_2021.get((i + i / SHAPES_2020.size()) % SHAPES_2021.size());
            Map<String, BigDecimal> v21 = SyntheticReports.values(gov2021, profile, rnd, carriedIn,
                    s21.layout().contains(Layout.SUBTOTAL_ROWS));
            xls += write(writer, input, district, agency, 2021, gov2021, v21, s21);
        }
        return xls;
    }

    private static int write(SampleWorkbookWriter writer, Path input, String district, String agency, int year,
                             ReportFormat format, Map<String, BigDecimal> values, Shape shape) throws IOException {
        String title = agency + " " + year + "年政府信息公开工作年度报告（模拟数据）";
        SampleReport report = new SampleReport(agency, title, year, format.id(), values, Map.of(), true);
        Path file = input.resolve(district).resolve(agency + "-" + year + "年报" + (shape.xls() ? ".xls" : ".xlsx"));
        // a resubmission replaces a hard link to the corpus: removed first, never written through
        Files.deleteIfExists(file);
        writer.write(report, shape.layout(), file);
        return shape.xls() ? 1 : 0;
    }
}
