package cn.nianbao.model;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What an auditor decided about a finding (处理状态), the fixed set the README documents. 已说明 and 不适用 close a
 * finding: it no longer counts for {@code --fail-on} and is shown apart from the open ones; the other two keep it open.
 */
public enum DispositionStatus {
    /** Sent back to the agency, to be corrected. */
    TO_CORRECT("待整改"),
    /** The agency says it corrected it; the auditor checks the next submission. */
    CORRECTED_TO_REVIEW("已整改待复核"),
    /** The figures are right as they are, and the agency or the auditor said why. */
    EXPLAINED("已说明"),
    /** The rule does not apply to this agency or report. */
    NOT_APPLICABLE("不适用");

    private final String label;

    DispositionStatus(String label) {
        this.label = label;
    }

    /** The word auditors read and type. */
    public String label() {
        return label;
    }

    /** Whether a finding with this status is settled: not counted for --fail-on, listed apart. */
    public boolean closes() {
        return this == EXPLAINED || this == NOT_APPLICABLE;
    }

    /** The status whose word {@code text} is (surrounding spaces ignored), if it is one. */
    public static Optional<DispositionStatus> of(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        return Arrays.stream(values()).filter(s -> s.label.equals(t)).findFirst();
    }

    /** The four words, as a list for messages: 「待整改、已整改待复核、已说明、不适用」. */
    public static String labels() {
        return Arrays.stream(values()).map(DispositionStatus::label).collect(Collectors.joining("、"));
    }
}
