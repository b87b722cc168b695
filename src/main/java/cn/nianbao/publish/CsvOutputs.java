package cn.nianbao.publish;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.nianbao.model.Datapoint;
import cn.nianbao.model.Disposition;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;
import cn.nianbao.model.ReportHeader;
import cn.nianbao.model.ReportContent;
import cn.nianbao.model.SourceCell;
import cn.nianbao.model.UnitTotal;
import cn.nianbao.template.DatapointDef;
import cn.nianbao.template.ReportFormat;
import cn.nianbao.template.TemplateCatalogue;

/** The three CSV files of the output contract: facts.csv, exceptions.csv, summary.csv. */
public final class CsvOutputs {

    public static final List<String> FACTS_HEADER = List.of("agency_code", "agency_name", "year", "format",
            "datapoint", "value", "blank", "source_file", "source_sha256", "sheet", "cell", "label");
    /** The machine columns, then the rule's Chinese name, the severity's word and the auditor's decision (outputs.md). */
    public static final List<String> EXCEPTIONS_HEADER = List.of("fingerprint", "severity", "rule", "agency_code",
            "agency_name", "year", "source_file", "sheet", "cells", "expected", "actual", "delta", "message",
            "rule_name", "severity_name", "disposition", "disposition_note");
    public static final List<String> SUMMARY_HEADER = List.of("unit_code", "unit_name", "year", "format",
            "datapoint", "value", "reports_included", "reports_expected", "reports_with_errors", "reports_left_out",
            "agencies_with_errors");

    private final TemplateCatalogue catalogue;

    public CsvOutputs(TemplateCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /**
     * One row per datapoint of each accepted report, reports by agency code and year, datapoints in official order; the
     * reports' datapoints are read from {@code content}, a batch at a time.
     */
    public Path writeFacts(List<ReportHeader> reports, ReportContent content, Path target) throws IOException {
        return writeFacts(reports, content, target, "", null, Map.of()).path();
    }

    /**
     * A facts.csv written: where it went, where each report's rows lie in it (by {@link #pieceKey}), and how many
     * reports' rows were copied from the earlier file.
     */
    public record FactsWritten(Path path, Map<String, OutputHistory.Piece> pieces, int copied) {
    }

    /**
     * As {@link #writeFacts(List, ReportContent, Path)}, but the rows of a report found in {@code earlierPieces} are
     * copied from {@code earlier}, the facts.csv an earlier run left (unchanged since: the caller checks), instead of
     * being read from the store and written again: a report's rows are the same bytes when its piece key is.
     */
    public FactsWritten writeFacts(List<ReportHeader> reports, ReportContent content, Path target, String program,
                                   Path earlier, Map<String, OutputHistory.Piece> earlierPieces) throws IOException {
        List<ReportHeader> ordered = inFactsOrder(reports);
        Map<String, OutputHistory.Piece> pieces = new HashMap<>();
        int[] copied = {0};
        Path written = AtomicFiles.write(target, (stream, channel) -> {
            try (CsvWriter csv = new CsvWriter(stream, FACTS_HEADER);
                 FileChannel from = earlier == null || earlierPieces.isEmpty() ? null
                         : FileChannel.open(earlier, StandardOpenOption.READ)) {
                List<ReportHeader> toWrite = new ArrayList<>();
                // unchanged reports that lie one after another in the earlier file too are copied as one range
                long rangeFrom = 0;
                long rangeLength = 0;
                for (ReportHeader r : ordered) {
                    String key = pieceKey(program, r);
                    OutputHistory.Piece was = from == null ? null : earlierPieces.get(key);
                    if (was == null) {
                        toWrite.add(r);
                        continue;
                    }
                    if (!toWrite.isEmpty() || was.offset() != rangeFrom + rangeLength) {
                        csv.copy(from, rangeFrom, rangeLength, channel);
                        factRows(csv, content, toWrite, program, pieces);
                        toWrite.clear();
                        rangeFrom = was.offset();
                        rangeLength = 0;
                    }
                    pieces.put(key, new OutputHistory.Piece(csv.position() + rangeLength, was.length()));
                    rangeLength += was.length();
                    copied[0]++;
                }
                if (rangeLength > 0) {
                    csv.copy(from, rangeFrom, rangeLength, channel);
                }
                factRows(csv, content, toWrite, program, pieces);
            }
        });
        return new FactsWritten(written, pieces, copied[0]);
    }

    private void factRows(CsvWriter csv, ReportContent content, List<ReportHeader> reports, String program,
                          Map<String, OutputHistory.Piece> pieces) {
        content.forEachFull(reports, report -> {
            long start = csv.position();
            factRows(csv, report);
            pieces.put(pieceKey(program, report.header()), new OutputHistory.Piece(start, csv.position() - start));
        });
    }

    /**
     * A hash of everything a report's rows in facts.csv follow from: the program (which writes them), the agency, year
     * and format, the file, its content hash and which report of the file it is.
     */
    static String pieceKey(String program, ReportHeader r) {
        return cn.nianbao.model.Sha256.keyOf(program, r.agency().code(), r.agency().name(), r.year(), r.format(),
                r.submission() == null ? null : r.submission().path(), r.submission() == null ? null : r.submission().sha256(),
                r.part() == null ? null : r.part().index());
    }

    /**
     * A hash of everything facts.csv's bytes follow from: the program (which writes its format), the file's path, and each report's
     * agency, year, format, file and content hash (stored content is fixed by its hash and the program's reader).
     */
    public String factsKey(List<ReportHeader> reports, String program, Path target) {
        java.security.MessageDigest md = cn.nianbao.model.Sha256.digest();
        StringBuilder b = new StringBuilder(program).append('\0')
                .append(target.toAbsolutePath()).append('\0');
        for (ReportHeader r : inFactsOrder(reports)) {
            b.append(r.agency().code()).append('\0').append(r.agency().name()).append('\0').append(r.year()).append('\0')
                    .append(r.format()).append('\0');
            if (r.submission() != null) {
                b.append(r.submission().path()).append('\0').append(r.submission().sha256());
            }
            b.append('\n');
            if (b.length() > 1 << 16) {
                md.update(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                b.setLength(0);
            }
        }
        md.update(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    /** facts.csv's order of reports: by agency code, then year. */
    private static final Comparator<ReportHeader> FACTS_ORDER = Comparator.comparing((ReportHeader r) -> r.agency().code())
            .thenComparingInt(ReportHeader::year);

    /**
     * The reports in facts.csv's order. A list already in that order is taken as it is: publish orders the run's
     * reports once and hands the same list to {@link #factsKey} and {@link #writeFacts}, which sorted it a time each.
     */
    static List<ReportHeader> inFactsOrder(List<ReportHeader> reports) {
        for (int i = 1; i < reports.size(); i++) {
            if (FACTS_ORDER.compare(reports.get(i - 1), reports.get(i)) > 0) {
                List<ReportHeader> ordered = new ArrayList<>(reports);
                ordered.sort(FACTS_ORDER);
                return ordered;
            }
        }
        return reports;
    }

    private void factRows(CsvWriter csv, Report report) {
        // what every row of the report repeats, rendered once
        CsvWriter.Field code = CsvWriter.field(report.agency().code());
        CsvWriter.Field name = CsvWriter.field(report.agency().name());
        CsvWriter.Field year = CsvWriter.field(report.year());
        CsvWriter.Field format = CsvWriter.field(report.format());
        CsvWriter.Field path = CsvWriter.field(report.submission() == null ? null : report.submission().path());
        CsvWriter.Field sha = CsvWriter.field(report.submission() == null ? null : report.submission().sha256());
        try {
            for (Datapoint dp : inOfficialOrder(report)) {
                SourceCell src = dp.source();
                csv.row(code, name, year, format, dp.id(), dp.blank() ? null : dp.value(), dp.blank(), path, sha,
                        src == null ? null : src.sheet(), src == null ? null : src.cell(),
                        src == null ? null : src.label());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One row per finding; {@code cells} space-separated, numbers plain; rules by id only, no decisions. */
    public Path writeExceptions(List<Finding> findings, Path target) throws IOException {
        return writeExceptions(findings, Review.plain(), target);
    }

    /**
     * One row per finding of the run, in the listing order ({@link FindingOrder}), with the rule's Chinese name, the
     * severity's word and the job's decision on it (its status word and note; empty when there is none).
     */
    public Path writeExceptions(List<Finding> findings, Review review, Path target) throws IOException {
        List<Finding> ordered = review.order().inOrder(findings);
        return AtomicFiles.write(target, stream -> {
            try (CsvWriter csv = new CsvWriter(stream, EXCEPTIONS_HEADER)) {
                for (Finding f : ordered) {
                    Disposition d = review.decision(f);
                    csv.row(f.fingerprint(), f.severity().name(), f.rule(), f.agencyCode(), f.agencyName(), f.year(),
                            f.sourceFile(), f.sheet(), String.join(" ", f.cells()), f.expected(), f.actual(),
                            f.delta(), f.message(), review.ruleName(f.rule()), f.severity().chinese(),
                            d == null ? null : d.statusLabel(), d == null ? null : d.note());
                }
            }
        });
    }

    /**
     * One row per datapoint of each roll-up unit in the format's official order. Optional subtotal rows are
     * written only when the unit has a value for them. {@code reports_expected} is empty when there is no
     * roster (nothing was expected, so "0" would be a false statement). What the printed summary says beside the
     * sums is on every row of its unit and year: {@code reports_with_errors}, the included reports with ERROR
     * findings; {@code reports_left_out}, those left out of the sums for them (the job's setting; 0 when it sums
     * them); {@code agencies_with_errors}, each such agency as {@code code:errors}, separated by {@code ;}.
     */
    public Path writeSummary(List<UnitTotal> units, Path target) throws IOException {
        return AtomicFiles.write(target, stream -> {
            try (CsvWriter csv = new CsvWriter(stream, SUMMARY_HEADER)) {
                for (UnitTotal unit : units) {
                    Integer expected = unit.expected() == null || unit.expected().isEmpty() ? null : unit.expected().size();
                    CsvWriter.Field withErrors = CsvWriter.field(unit.includedWithErrors().size());
                    CsvWriter.Field leftOut = CsvWriter.field(unit.leftOut().size());
                    CsvWriter.Field agencies = CsvWriter.field(String.join(";", unit.withErrors().stream()
                            .map(e -> e.report().agency().code() + ":" + e.errors()).toList()));
                    for (String id : summaryDatapointIds(unit)) {
                        BigDecimal value = unit.values().get(id);
                        csv.row(unit.unit().code(), unit.unit().name(), unit.year(), unit.format(), id, value,
                                unit.included().size(), expected, withErrors, leftOut, agencies);
                    }
                }
            }
        });
    }

    private List<String> summaryDatapointIds(UnitTotal unit) {
        ReportFormat format = catalogue.format(unit.format()).orElse(null);
        if (format == null) {
            return new ArrayList<>(unit.values().keySet()); // unknown format: whatever the roll-up holds
        }
        List<String> ids = new ArrayList<>();
        for (DatapointDef def : format.datapoints().values()) {
            if (!def.row().optional() || unit.values().containsKey(def.id())) {
                ids.add(def.id());
            }
        }
        for (String id : unit.values().keySet()) { // anything the catalogue does not know, at the end
            if (!format.datapoints().containsKey(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** Each format's datapoint ids by official position, worked out once per format, not once per report. */
    private final Map<String, Map<String, Integer>> positions = new java.util.concurrent.ConcurrentHashMap<>();

    private List<Datapoint> inOfficialOrder(Report report) {
        ReportFormat format = catalogue.format(report.format()).orElse(null);
        if (format == null) {
            return new ArrayList<>(report.datapoints().values());
        }
        Map<String, Integer> position = positions.computeIfAbsent(format.id(), f -> {
            Map<String, Integer> byId = new HashMap<>();
            int i = 0;
            for (String id : format.datapoints().keySet()) {
                byId.put(id, i++);
            }
            return byId;
        });
        // each datapoint put at its official position (one lookup each, no sort); ids the catalogue does not know
        // keep their order, after the known ones
        Datapoint[] placed = new Datapoint[position.size()];
        List<Datapoint> unknown = null;
        for (Datapoint dp : report.datapoints().values()) {
            Integer at = position.get(dp.id());
            if (at != null && placed[at] == null) {
                placed[at] = dp;
            } else {
                if (unknown == null) {
                    unknown = new ArrayList<>();
                }
                unknown.add(dp);
            }
        }
        List<Datapoint> dps = new ArrayList<>(report.datapoints().size());
        for (Datapoint dp : placed) {
            if (dp != null) {
                dps.add(dp);
            }
        }
        if (unknown != null) {
            dps.addAll(unknown);
        }
        return dps;
    }
}
