package cn.nianbao.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import cn.nianbao.model.Disposition;
import cn.nianbao.model.DispositionStatus;
import cn.nianbao.model.Figures;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Severity;

/**
 * Which of the decisions read from auditors' files are new, against what the job already holds. The previous run's
 * exceptions.xlsx was written with the stored decisions, so a row there is a decision only where it differs from what
 * is stored. The job's dispositions file is the auditor's and never rewritten, so a row there is a decision only where
 * it differs from what that file said the last time it was read: an old line in it must not undo a later decision
 * made in the workbook.
 *
 * <p>Nothing is guessed: a status that is not one of the four words, a fingerprint the job never had, or two places
 * saying different things about one finding are each a {@value #RULE} finding naming the file, sheet and cell; the
 * row is not taken (and for two places, the first in reading order is).
 */
public final class DecisionMerge {

    /** The rule of findings about the decisions themselves. */
    public static final String RULE = "DISPOSITION-INVALID";

    private DecisionMerge() {
    }

    /** Where a row was read: the file, the sheet and the cell of its 处理状态. */
    public record Place(String file, String sheet, String cell) {
        String describe() {
            return "「" + file + "」工作表「" + sheet + "」" + cell;
        }
    }

    /**
     * One row as read: the fingerprint, the status word and note as typed, and the finding's figures as the row
     * showed them ({@code null} when the sheet has no such columns).
     */
    public record Row(String fingerprint, String status, String note, Figures figures, Place place) {
        public Row {
            fingerprint = fingerprint == null ? "" : fingerprint.strip();
            status = status == null || status.isBlank() ? null : status.strip();
            note = note == null || note.isBlank() ? null : note.strip();
        }

        /** The row says nothing. */
        boolean blank() {
            return status == null && note == null;
        }
    }

    /** What a source says about a finding (status word and note, as typed), comparable with what another says. */
    public record Said(String status, String note) {
        public static final Said NOTHING = new Said(null, null);

        public Said {
            status = status == null || status.isBlank() ? null : status.strip();
            note = note == null || note.isBlank() ? null : note.strip();
        }

        static Said of(Disposition d) {
            return d == null ? NOTHING : new Said(d.statusLabel(), d.note());
        }

        static Said of(Row row) {
            return new Said(row.status(), row.note());
        }
    }

    /**
     * @param changed  decisions to store: new, changed or withdrawn
     * @param fileSaid what the dispositions file now says, by fingerprint (status word and note), for every row it has
     * @param problems findings about rows that were not taken
     */
    public record Result(List<Disposition> changed, Map<String, Said> fileSaid, List<Finding> problems) {
    }

    /**
     * @param stored     the job's decisions by fingerprint
     * @param lastFromFile what the dispositions file said last time, by fingerprint
     * @param fileRows   the rows of the job's dispositions file (empty when it names none)
     * @param workbookRows the rows of the previous exceptions.xlsx (and of copies kept beside it), in reading order
     * @param known      the findings a row may be about, by fingerprint: this run's, and the previous run's (a
     *                   finding that stopped firing since the workbook was written may still be decided on)
     * @param now        when the decisions are recorded
     */
    public static Result merge(Map<String, Disposition> stored, Map<String, Said> lastFromFile, List<Row> fileRows,
                               List<Row> workbookRows, Map<String, Finding> known, Instant now) {
        List<Finding> problems = new ArrayList<>();
        Map<String, Said> fileSaid = new LinkedHashMap<>();
        // each finding's edits in reading order: the file's first, then the workbook's
        Map<String, List<Row>> edits = new LinkedHashMap<>();
        for (Row row : fileRows) {
            if (!usable(row, stored, known, problems)) {
                continue;
            }
            fileSaid.put(row.fingerprint(), Said.of(row));
            if (!Said.of(row).equals(lastFromFile.getOrDefault(row.fingerprint(), Said.NOTHING))) {
                edits.computeIfAbsent(row.fingerprint(), k -> new ArrayList<>()).add(row);
            }
        }
        for (Row row : workbookRows) {
            if (!usable(row, stored, known, problems)) {
                continue;
            }
            if (!Said.of(row).equals(Said.of(stored.get(row.fingerprint())))) {
                edits.computeIfAbsent(row.fingerprint(), k -> new ArrayList<>()).add(row);
            }
        }
        List<Disposition> changed = new ArrayList<>();
        for (Map.Entry<String, List<Row>> e : edits.entrySet()) {
            Row taken = e.getValue().get(0);
            for (Row other : e.getValue().subList(1, e.getValue().size())) {
                if (!Said.of(other).equals(Said.of(taken))) {
                    problems.add(problem(other, "与" + taken.place().describe() + "对同一问题（指纹 " + e.getKey() + "）的处理意见不同："
                            + "采用了那里的「" + show(taken) + "」，未采用这里的「" + show(other) + "」；请将两处改为一致"));
                }
            }
            Disposition before = stored.get(e.getKey());
            if (Said.of(before).equals(Said.of(taken))) {
                continue; // the file now says what the job already holds
            }
            Finding finding = known.get(e.getKey());
            Figures figures = taken.figures() != null ? taken.figures()
                    : finding != null ? Figures.of(finding) : before != null ? before.decidedOn() : Figures.NONE;
            Finding seen = finding != null ? finding : before == null ? null : before.lastSeen();
            changed.add(new Disposition(e.getKey(), DispositionStatus.of(taken.status()).orElse(null), taken.note(), figures, now,
                    taken.place().file() + "「" + taken.place().sheet() + "」", seen));
        }
        return new Result(changed, fileSaid, problems);
    }

    /**
     * Whether a row can be taken: it has a fingerprint of a finding the job has or had and, when it has a status, one
     * of the four. A row that says nothing about a finding nobody decided on is simply passed over.
     */
    private static boolean usable(Row row, Map<String, Disposition> stored, Map<String, Finding> known, List<Finding> problems) {
        if (row.fingerprint().isEmpty()) {
            if (!row.blank()) {
                problems.add(problem(row, "填写了处理意见，但本行没有指纹，无法知道是哪个问题；未采用。请在「指纹」栏填写问题的指纹"
                        + "（可从 exceptions.xlsx 或 exceptions.csv 复制）"));
            }
            return false;
        }
        if (!stored.containsKey(row.fingerprint()) && !known.containsKey(row.fingerprint())) {
            if (!row.blank()) {
                problems.add(problem(row, "指纹「" + row.fingerprint() + "」不是本作业的任何问题（可能抄错，或来自其他作业的问题清单）；"
                        + "本行的处理意见未采用"));
            }
            return false;
        }
        if (row.status() != null && DispositionStatus.of(row.status()).isEmpty()) {
            problems.add(problem(row, "处理状态「" + row.status() + "」不是可选的值（" + DispositionStatus.labels() + "）；本行的处理意见未采用，"
                    + "已有的处理意见不变。请从下拉列表中选择其一"));
            return false;
        }
        return true;
    }

    private static Finding problem(Row row, String message) {
        Place p = row.place();
        return new Finding(Severity.WARNING, RULE, null, null, null, p.file(), p.sheet(), List.of(p.cell()), null, null, null,
                p.describe() + "：" + message);
    }

    private static String show(Row row) {
        return Objects.toString(row.status(), "（未选状态）") + (row.note() == null ? "" : "，" + row.note());
    }
}
