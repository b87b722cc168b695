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

    private final TemplateCatalogue catalogue;
    private final WorkbookGridReader reader;
    private final ReportFinder finder;
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
        this.finder = new ReportFinder(new ReportLocator(catalogue));
        this.agencies = agencies;
        this.defaultYear = defaultYear;
        this.jobYears = Set.copyOf(jobYears);
    }

    /**
     * What stored content must have been read with to be reused: the program ({@code program}, its build's identity)
     * and the read limits, since either can change what a file reads as.
     */
    public static String contentKey(String program, ReadLimits limits) {
        MessageDigest md = cn.nianbao.model.Sha256.digest();
        cn.nianbao.model.Sha256.field(md, program);
        cn.nianbao.model.Sha256.field(md, limits.toString());
        return HexFormat.of().formatHex(md.digest(), 0, 16);
    }

    /** Describes a file without reading it as a workbook: path relative to the input folder, hash, size. */
    public static Submission describe(Path inputRoot, Path file) throws IOException {
        MessageDigest sha = cn.nianbao.model.Sha256.digest();
        long size = 0;
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            byte[] buf = new byte[8 * 1024]; // a report is 10–50 KB: a small buffer keeps the garbage per file small
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
     * Reads what the file's bytes say: titles, the reports located in it, every value. Nothing here depends on the
     * file's name, the roster or the run, so the result can be stored by content hash and reused.
     */
    public ParsedWorkbook parse(Path file) {
        WorkbookGrid grid;
        try {
            grid = reader.read(file);
        } catch (UnreadableWorkbookException e) {
            return ParsedWorkbook.unreadable(e.rule(), e.getMessage());
        }
        List<ReportTitle> titles = ReportTitle.find(grid);
        ReportFinder.Result found = finder.find(grid);
        if (found.reports().isEmpty()) {
            return new ParsedWorkbook(ParsedWorkbook.Outcome.NO_TABLE, null, null, grid.source(), titles, List.of(), found.problems());
        }
        List<ParsedReport> reports = new ArrayList<>();
        for (ReportFinder.Found f : found.reports()) {
            reports.add(values(f));
        }
        return new ParsedWorkbook(ParsedWorkbook.Outcome.LOCATED, null, null, grid.source(), titles, reports, found.problems());
    }

    /** A located report's values, each normalised; a cell that is not a value is a problem naming it. */
    private static ParsedReport values(ReportFinder.Found found) {
        LocatedReport located = found.located();
        List<ParsedWorkbook.ContentProblem> problems = new ArrayList<>();
        for (LocateProblem p : located.problems()) {
            problems.add(new ParsedWorkbook.ContentProblem(ParsedWorkbook.ContentProblem.Kind.LOCATE, Severity.ERROR, p.rule(),
                    p.sheet(), p.cell(), p.message()));
        }
        Map<String, Datapoint> datapoints = new LinkedHashMap<>();
        for (DatapointDef def : located.format().datapoints().values()) {
            LocatedCell lc = located.cells().get(def.id());
            if (lc == null) {
                continue;
            }
            ParsedValue v = ValueParser.parse(lc.cell(), def.kind(), lc.columnLabel());
            SourceCell source = new SourceCell(lc.sheet(), lc.address(), lc.label());
            if (v.isProblem()) {
                problems.add(new ParsedWorkbook.ContentProblem(ParsedWorkbook.ContentProblem.Kind.BAD_NUMBER, Severity.ERROR,
                        v.problemRule(), lc.sheet(), lc.address(), "「" + def.label() + "」" + v.problem()));
                continue;
            }
            datapoints.put(def.id(), v.blank() ? Datapoint.blank(def.id(), source)
                    : new Datapoint(def.id(), v.number(), false, source, v.unitNote()));
        }
        return new ParsedReport(found.part(), ReportTitle.find(found.grid()), located.format().id(), located.complete(), problems,
                datapoints);
    }

    /**
     * Attaches a parsed file to this run's file: names each report's agency (roster, titles, sheet and file name)
     * and year, decides whether it is accepted, and turns the content's problems into findings.
     */
    public IngestResult resolve(Submission submission, ParsedWorkbook parsed) {
        List<Finding> findings = new ArrayList<>();
        if (parsed.outcome() == ParsedWorkbook.Outcome.UNREADABLE) {
            // attributed to the agency the file's name names: an unusable file is that agency's to replace
            Agency agency = agencies.resolveFile(submission.fileName()).orElse(null);
            boolean reportFile = InputScanner.REPORT_EXTENSIONS.contains(InputScanner.extension(submission.fileName()));
            findings.add(reportFile ? fileFinding(submission, parsed.failureRule(), agency, parsed.failureMessage())
                    : new Finding(Severity.WARNING, OtherFiles.FILE_TYPE, code(agency), name(agency), null, submission.path(), null,
                            List.of(), null, null, null, OtherFiles.message(submission.fileName())));
            return new IngestResult(submission, List.of(), findings, parsed, false);
        }
        if (parsed.outcome() == ParsedWorkbook.Outcome.NO_TABLE) {
            Agency agency = agencies.resolve(submission.fileName(), parsed.titles()).orElse(null);
            findings.add(fileFinding(submission, "PARSE-NO-TABLE", agency, parsed.source() == WorkbookGrid.Source.WORD
                    ? "文档中未找到年报统计表（二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、行政复议、行政诉讼情况）；"
                            + "请确认报送的是年度报告全文，表格按国家统一格式填报"
                    : "未找到年报统计表（二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、行政复议、行政诉讼情况）；"
                            + "请确认报送的是年报表格，并按国家统一格式填报"));
            for (ParsedWorkbook.ContentProblem p : parsed.problems()) {
                findings.add(finding(p, submission, agency, null));
            }
            return new IngestResult(submission, List.of(), findings, parsed, false);
        }
        List<Report> reports = new ArrayList<>();
        List<Resolved> resolved = new ArrayList<>();
        for (ParsedReport part : parsed.reports()) {
            Resolved r = resolve(submission, parsed, part, findings);
            resolved.add(r);
            if (r.report() != null) {
                reports.add(r.report());
            }
        }
        // what concerns the file as a whole is the agency's when the file is one report
        Resolved only = resolved.size() == 1 ? resolved.get(0) : new Resolved(null, null, null);
        for (ParsedWorkbook.ContentProblem p : parsed.problems()) {
            findings.add(finding(p, submission, only.agency(), only.year()));
        }
        return new IngestResult(submission, reports, findings, parsed, false);
    }

    /** One report of a file resolved: its agency and year as far as known, and the report when it is accepted. */
    private record Resolved(Agency agency, Integer year, Report report) {
    }

    /** One report of a file: its agency and year, its findings, and the report when it can be accepted. */
    private Resolved resolve(Submission submission, ParsedWorkbook parsed, ParsedReport part, List<Finding> findings) {
        List<ReportTitle> titles = part.titles().isEmpty() && part.part().isWhole() ? parsed.titles() : part.titles();
        Optional<Agency> agency = part.part().isWhole() ? agencies.resolve(submission.fileName(), titles)
                : agencies.resolvePart(part.part().sheet(), titles, submission.fileName());
        Integer year = titles.stream().map(ReportTitle::year).filter(y -> y != null).findFirst()
                .orElseGet(() -> yearOutsideTitles(submission, part));
        String titleText = titles.isEmpty() ? null : titles.get(0).text();
        Agency who = agency.orElse(null);
        String where = part.part().describe();
        for (ParsedWorkbook.ContentProblem p : part.problems()) {
            if (p.kind() == ParsedWorkbook.ContentProblem.Kind.LOCATE) {
                findings.add(finding(p, submission, who, year));
            }
        }
        if (who == null) {
            findings.add(fileFinding(submission, "PARSE-NO-AGENCY", null, "无法从文件名" + (part.part().isWhole() ? "" : "、工作表名")
                    + "或标题判断" + (where.isEmpty() ? "" : where) + "填报单位"
                    + (titleText == null ? "（未找到标题行）" : "（标题：" + shortened(titleText) + "）")
                    + "；请在文件名或标题中写明单位名称"));
        }
        if (year == null) {
            findings.add(fileFinding(submission, "PARSE-NO-YEAR", who, "无法从标题或文件名判断" + where
                    + "报告年度；请在标题中写明「XXXX年政府信息公开工作年度报告」"));
        }
        // A report of another year must not be summed into this one, nor dropped without a word.
        boolean wrongYear = year != null && !jobYears.isEmpty() && !jobYears.contains(year);
        if (wrongYear) {
            String source = titleText != null ? "标题「" + shortened(titleText) + "」" : part.part().isWhole() ? "文件名" : "工作表名或文件名";
            findings.add(fileFinding(submission, "PARSE-WRONG-YEAR", who,
                    "本文件" + where + "是 " + year + " 年度的报告（据" + source + "），本次汇总的是 " + years() + " 年度，未计入汇总；"
                            + "请核对是否报错了文件，并报送 " + years() + " 年度的年报"));
        }
        if (!part.tablesComplete() || who == null || year == null || wrongYear) {
            return new Resolved(who, year, null);
        }
        for (ParsedWorkbook.ContentProblem p : part.problems()) {
            if (p.kind() == ParsedWorkbook.ContentProblem.Kind.BAD_NUMBER) {
                findings.add(finding(p, submission, who, year));
            }
        }
        Scope scope = isConsolidated(titleText, submission.fileName()) ? Scope.CONSOLIDATED : Scope.OWN;
        return new Resolved(who, year, new Report(who, year, part.format(), scope, submission, part.part(), titleText,
                part.datapoints()));
    }

    /** The year of a report whose titles name none: its sheet's name (a sheet per year), the file's path, the job's. */
    private Integer yearOutsideTitles(Submission submission, ParsedReport part) {
        Integer fromSheet = part.part().isWhole() ? null : ReportTitle.yearIn(part.part().sheet());
        if (fromSheet != null) {
            return fromSheet;
        }
        return Optional.ofNullable(ReportTitle.yearIn(submission.path())).orElse(defaultYear);
    }

    private static String shortened(String text) {
        String t = text.strip();
        return t.length() <= 60 ? t : t.substring(0, 60) + "…";
    }

    private static Finding finding(ParsedWorkbook.ContentProblem p, Submission submission, Agency who, Integer year) {
        return new Finding(p.severity(), p.rule(), code(who), name(who), year, submission.path(), p.sheet(),
                p.cell() == null ? List.of() : List.of(p.cell()), null, null, null, p.message());
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
