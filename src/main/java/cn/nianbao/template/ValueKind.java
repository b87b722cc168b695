package cn.nianbao.template;

/** What a column holds; decides how text is read and which rules apply. */
public enum ValueKind {
    /** A non-negative whole number. */
    COUNT,
    /** A whole number that may be negative (本年增/减). */
    SIGNED,
    /** A money amount stored in 元. */
    YUAN,
    /** A money amount stored in 万元. */
    WAN;

    public boolean isAmount() {
        return this == YUAN || this == WAN;
    }
}
