package cn.nianbao.model;

import java.time.Instant;

/**
 * An auditor's decision on one finding of a job, by the finding's fingerprint: 处理状态 and 处理说明, the figures the
 * finding had when it was decided, when the decision was read and from which file. {@code lastSeen} is the finding as
 * the job's latest run saw it: a decided finding that no longer fires is listed as resolved from it.
 *
 * @param status   null when no status is chosen (a note alone, or a decision withdrawn by clearing both cells)
 * @param decidedOn the finding's figures the decision was made on; a finding whose figures changed since is flagged
 */
public record Disposition(String fingerprint, DispositionStatus status, String note, Figures decidedOn, Instant recordedAt,
                          String source, Finding lastSeen) {

    /** The flag shown beside a decision whose finding's figures changed since it was made. */
    public static final String FIGURES_CHANGED = "数值已变化，请复核";

    public Disposition {
        note = note == null || note.isBlank() ? null : note;
        decidedOn = decidedOn == null ? Figures.NONE : decidedOn;
    }

    /** Whether it says anything: a status or a note (a withdrawn decision says nothing). */
    public boolean isDecision() {
        return status != null || note != null;
    }

    /** Whether it settles its finding (已说明, 不适用): not counted for --fail-on. */
    public boolean closes() {
        return status != null && status.closes();
    }

    /** Whether {@code current} (the same finding, by fingerprint) has other figures than the decision was made on. */
    public boolean figuresChanged(Finding current) {
        return isDecision() && !decidedOn.sameAs(Figures.of(current));
    }

    public String statusLabel() {
        return status == null ? null : status.label();
    }
}
