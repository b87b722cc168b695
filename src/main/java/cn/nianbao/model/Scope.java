package cn.nianbao.model;

/** Whether a report covers the agency's own work or consolidates listed 编制主体. */
public enum Scope {
    /** 本级: the agency's own work. */
    OWN("本级"),
    /** 汇总: a consolidated report of a unit. */
    CONSOLIDATED("汇总");

    private final String chinese;

    Scope(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }
}
