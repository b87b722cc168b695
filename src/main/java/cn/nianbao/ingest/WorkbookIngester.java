package cn.nianbao.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import cn.nianbao.model.Agency;
import cn.nianbao.model.Datapoint;
import cn.nianbao.model.Finding;
import cn.nianbao.model.IngestResult;
import cn.nianbao.model.Report;
import cn.nianbao.model.Scope;
import cn.nianbao.model.Severity;
import cn.nianbao.model.SourceCell;
import cn.nianbao.model.Submission;
import cn.nianbao.template.DatapointDef;
import cn.nianbao.template.TemplateCatalogue;

/**
 * Reads one workbook into a canonical {@link Report}: opens it (read-only, within limits), locates the
 * tables of its format, normalises every value, and names the agency and year. Whatever cannot be
 * placed becomes a PARSE-* finding naming the file, sheet and cell.
 */
public final class WorkbookIngester {

    /**
     * The version of what {@link #parse} produces. Stored content is reused only by a reader of the same
     * version (and the same limits and templates, see {@link #cacheVersion}): change it whenever a change to
     * the reader, locator or value parser can read the same bytes differently.
     */
    public static final String READER_VERSION = "reader-3";

    private final TemplateCatalogue catalogue;
    private final WorkbookGridReader reader;
    private final ReportLocator locator;
    private final AgencyResolver agencies;
    private final Integer defaultYear;
    private final Set<Integer> jobYears;

    public WorkbookIngester(TemplateCatalogue catalogue, ReadLimits limits, AgencyResolver agencies, Integer defaultYear) {
        this(catalogue, limits, agencies, defaultYear, Set.of());
    }

    /**
     * @param defaultYear the year of a report that names none (the job's, when it has one)
     * @param jobYears    the years the job consolidates; a report for another year is refused
     *                    (PARSE-WRONG-YEAR) rather than stored where nobody looks. Empty = any year.
     */
    public WorkbookIngester(TemplateCatalogue catalogue, ReadLimits limits, AgencyResolver agencies, Integer defaultYear,
                            Set<Integer> jobYears) {
        this.catalogue = catalogue;
        this.reader = new WorkbookGridReader(limits);
        this.locator = new ReportLocator(catalogue);
        this.agencies = agencies;
        this.defaultYear = defaultYear;
        this.jobYears = Set.copyOf(jobYears);
    }

    /**
     * The version stored content must carry to be reused: the reader version, plus a hash of the read
     * limits and the template catalogue, since either can change what a workbook parses to.
     */
    public static String cacheVersion(ReadLimits limits) {
        MessageDigest md = cn.nianbao.model.Sha256.digest();
        md.update(limits.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (InputStream in = WorkbookIngester.class.getClassLoader().getResourceAsStream(TemplateCatalogue.DEFAULT_RESOURCE)) {
            if (in != null) {
                md.update(in.readAllBytes());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return READER_VERSION + "/" + HexFormat.of().formatHex(md.digest(), 0, 8);
    }

    /** Describes a file without reading it as a workbook: path relative to the input folder, hash, size. */
    public static Submission describe(Path inputRoot, Path file) throws IOException {
        MessageDigest sha = cn.nianbao.model.Sha256.digest();
        long size = 0;
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            byte[] buf = new byte[8 * 1024]; // a report is 10–50 KB; a 64 KB buffer per file was most of this method's garbage
            int n;
            while ((n = in.read(buf)) > 0) {
                size += n;
            }
        }
        String rel = inputRoot.relativize(file).toString().replace('\\', '/');
        return new Submission(rel, HexFormat.of().formatHex(sha.digest()), size,
                Files.getLastModifiedTime(file).toInstant());
    }

    /** Reads a workbook and names its agency and year: {@link #parse} then {@link #resolve}. */
    public IngestResult ingest(Path file, Submission submission) {
        return resolve(submission, parse(file));
    }

    /**
     * Reads what the workbook's bytes say: titles, located tables, every value. Nothing here depends on
     * the file's name, the roster or the run, so the result can be stored by content hash and reused.
     */
    public ParsedWorkbook parse(Path file) {
        WorkbookGrid grid;
        try {
            grid = reader.read(file);
        } catch (UnreadableWorkbookException e) {
            return ParsedWorkbook.unreadable(e.rule(), e.getMessage());
        }
        List<ReportTitle> titles = ReportTitle.find(grid);
        LocatedReport located = locator.locate(grid);
        if (located == null) {
            return ParsedWorkbook.noTable(titles);
        }
        List<ParsedWorkbook.ContentProblem> problems = new ArrayList<>();
        for (LocateProblem p : located.problems()) {
            problems.add(new ParsedWorkbook.ContentProblem(ParsedWorkbook.ContentProblem.Kind.LOCATE, p.rule(), p.sheet(), p.cell(),
                    p.message()));
        }
        Map<String, Datapoint> datapoints = new LinkedHashMap<>();
        Map<String, ParsedValue.UnitNote> notes = new LinkedHashMap<>();
        for (DatapointDef def : located.format().datapoints().values()) {
            LocatedCell lc = located.cells().get(def.id());
            if (lc == null) {
                continue;
            }
            ParsedValue v = ValueParser.parse(lc.cell(), def.kind(), lc.columnLabel());
            SourceCell source = new SourceCell(lc.sheet(), lc.address(), lc.label());
            if (v.isProblem()) {
                problems.add(new ParsedWorkbook.ContentProblem(ParsedWorkbook.ContentProblem.Kind.BAD_NUMBER, "PARSE-BAD-NUMBER",
                        lc.sheet(), lc.address(), "「" + def.label() + "」" + v.problem()));
                continue;
            }
            if (v.unitNote() != null) {
                notes.put(def.id(), v.unitNote());
            }
            datapoints.put(def.id(), v.blank() ? Datapoint.blank(def.id(), source) : Datapoint.of(def.id(), v.number(), source));
        }
        boolean complete = located.tablesFound() >= located.format().tables().size();
        return new ParsedWorkbook(ParsedWorkbook.Outcome.LOCATED, null, null, titles, located.format().id(), complete, problems,
                datapoints, notes);
    }

    /**
     * Attaches a parsed workbook to this run's file: names the agency (roster, titles, file name) and the
     * year, decides whether the report is accepted, and turns the content's problems into findings.
     */
    public IngestResult resolve(Submission submission, ParsedWorkbook parsed) {
        List<Finding> findings = new ArrayList<>();
        if (parsed.outcome() == ParsedWorkbook.Outcome.UNREADABLE) {
            findings.add(fileFinding(submission, parsed.failureRule(), null, parsed.failureMessage()));
            return new IngestResult(submission, Optional.empty(), findings, Map.of(), parsed, false);
        }
        List<ReportTitle> titles = parsed.titles();
        Optional<Agency> agency = agencies.resolve(submission.fileName(), titles);
        Integer year = titles.stream().map(ReportTitle::year).filter(y -> y != null).findFirst()
                .orElseGet(() -> Optional.ofNullable(ReportTitle.yearIn(submission.path())).orElse(defaultYear));
        String titleText = titles.isEmpty() ? null : titles.get(0).text();

        if (parsed.outcome() == ParsedWorkbook.Outcome.NO_TABLE) {
            findings.add(fileFinding(submission, "PARSE-NO-TABLE", agency.orElse(null),
                    "未找到年报统计表（二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、行政复议、行政诉讼情况）；"
                            + "请确认报送的是年报表格，并按国家统一格式填报"));
            return new IngestResult(submission, Optional.empty(), findings, Map.of(), parsed, false);
        }
        Agency who = agency.orElse(null);
        for (ParsedWorkbook.ContentProblem p : parsed.problems()) {
            if (p.kind() == ParsedWorkbook.ContentProblem.Kind.LOCATE) {
                findings.add(new Finding(Severity.ERROR, p.rule(), code(who), name(who), year, submission.path(), p.sheet(),
                        p.cell() == null ? List.of() : List.of(p.cell()), null, null, null, p.message()));
            }
        }
        if (who == null) {
            findings.add(fileFinding(submission, "PARSE-NO-AGENCY", null,
                    "无法从文件名或标题判断填报单位" + (titleText == null ? "（未找到标题行）" : "（标题：" + titleText + "）")
                            + "；请在文件名或标题中写明单位名称"));
        }
        if (year == null) {
            findings.add(fileFinding(submission, "PARSE-NO-YEAR", who,
                    "无法从标题或文件名判断报告年度；请在标题中写明「XXXX年政府信息公开工作年度报告」"));
        }
        // A report of another year must not be summed into this one, nor dropped without a word.
        boolean wrongYear = year != null && !jobYears.isEmpty() && !jobYears.contains(year);
        if (wrongYear) {
            String source = titleText != null ? "标题「" + titleText + "」" : "文件名";
            findings.add(fileFinding(submission, "PARSE-WRONG-YEAR", who,
                    "本文件是 " + year + " 年度的报告（据" + source + "），本次汇总的是 " + years() + " 年度，未计入汇总；"
                            + "请核对是否报错了文件，并报送 " + years() + " 年度的年报"));
        }
        if (!parsed.tablesComplete() || who == null || year == null || wrongYear) {
            return new IngestResult(submission, Optional.empty(), findings, Map.of(), parsed, false);
        }
        for (ParsedWorkbook.ContentProblem p : parsed.problems()) {
            if (p.kind() == ParsedWorkbook.ContentProblem.Kind.BAD_NUMBER) {
                findings.add(new Finding(Severity.ERROR, p.rule(), who.code(), who.name(), year, submission.path(), p.sheet(),
                        List.of(p.cell()), null, null, null, p.message()));
            }
        }
        Scope scope = isConsolidated(titleText, submission.fileName()) ? Scope.CONSOLIDATED : Scope.OWN;
        Report report = new Report(who, year, parsed.format(), scope, submission, titleText, parsed.datapoints());
        return new IngestResult(submission, Optional.of(report), findings, parsed.unitNotes(), parsed, false);
    }

    private String years() {
        return jobYears.stream().sorted().map(String::valueOf).collect(java.util.stream.Collectors.joining("、"));
    }

    private static boolean isConsolidated(String title, String fileName) {
        return (title != null && title.contains("汇总")) || fileName.contains("汇总");
    }

    private static Finding fileFinding(Submission s, String rule, Agency agency, String message) {
        return new Finding(Severity.ERROR, rule, code(agency), name(agency), null, s.path(), null, List.of(),
                null, null, null, message);
    }

    private static String code(Agency a) {
        return a == null ? null : a.code();
    }

    private static String name(Agency a) {
        return a == null ? null : a.name();
    }

}
