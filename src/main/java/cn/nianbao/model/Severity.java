package cn.nianbao.model;

/** How bad a finding is (rules.md). Ordered from worst to mildest. */
public enum Severity {
    ERROR("错误"), WARNING("警告"), INFO("提示");

    private final String chinese;

    Severity(String chinese) {
        this.chinese = chinese;
    }

    /** The label shown to auditors. */
    public String chinese() {
        return chinese;
    }

    public boolean atLeast(Severity other) {
        return ordinal() <= other.ordinal();
    }
}
