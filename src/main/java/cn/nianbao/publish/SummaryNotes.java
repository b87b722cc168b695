package cn.nianbao.publish;

import java.util.ArrayList;
import java.util.List;

import cn.nianbao.model.UnitTotal;

/**
 * What a printed summary says beside its sums, in the words both sheets use: the coverage, the reports with ERROR
 * findings in the sums (or left out of them, when the job says so) with their counts, and where the year before is
 * from. Each comes from what the roll-up step stored with the sums.
 */
final class SummaryNotes {

    private SummaryNotes() {
    }

    static String coverage(UnitTotal unit) {
        int included = unit.included().size();
        String leftOut = unit.leftOut().isEmpty() ? "" : "，因有错误未计入 " + unit.leftOut().size() + " 份";
        if (unit.expected() == null || unit.expected().isEmpty()) {
            return "纳入报告 " + included + " 份" + leftOut + "（未提供应报单位名单，未作完整性检查）。";
        }
        int missing = unit.missing() == null ? 0 : unit.missing().size();
        return "应报单位 " + unit.expected().size() + " 个，纳入报告 " + included + " 份" + leftOut + "，缺报 " + missing + " 个。";
    }

    /** The included reports with ERROR findings, or null when none has any; lists of more than {@code maxChars} are cut. */
    static String errorsIncluded(UnitTotal unit, int maxChars) {
        List<UnitTotal.ReportErrors> errors = unit.includedWithErrors();
        if (errors.isEmpty()) {
            return null;
        }
        return "纳入本表的报告中有 " + errors.size() + " 份存在错误：" + names(errors, maxChars)
                + "。本表各数含其数值，可能因此不平衡，请核实后使用；错误明细见 exceptions.xlsx。";
    }

    /** What the job's setting left out of the sums, or null when it sums reports with errors like the others. */
    static String leftOut(UnitTotal unit, int maxChars) {
        if (!unit.leaveOutErrors()) {
            return null;
        }
        List<UnitTotal.ReportErrors> left = unit.leftOut();
        if (left.isEmpty()) {
            return "按作业设置，存在错误的报告不计入汇总；本年度没有这样的报告。";
        }
        return "按作业设置，存在错误的报告未计入本表（" + left.size() + " 份）：" + names(left, maxChars)
                + "。本表各数不含其数值；错误明细见 exceptions.xlsx。";
    }

    /** Where the year before is from, or null when there is none. */
    static String previous(UnitTotal unit) {
        UnitTotal.PreviousYear p = unit.previous();
        if (p == null) {
            return null;
        }
        String format = p.format() != null && !p.format().equals(unit.format())
                ? "；上年为 " + p.format() + " 格式，本年格式中上年没有的项目，上年与增减留空" : "";
        return "「上年」为作业「" + p.jobName() + "」（执行号 " + p.jobExecutionId() + "）的 " + p.year() + " 年汇总数；「增减」＝本年－上年"
                + format + "。";
    }

    /** Every note, in the order they are printed. */
    static List<String> all(UnitTotal unit, int maxChars) {
        List<String> notes = new ArrayList<>();
        for (String note : new String[] {errorsIncluded(unit, maxChars), leftOut(unit, maxChars), previous(unit)}) {
            if (note != null) {
                notes.add(note);
            }
        }
        return notes;
    }

    private static String names(List<UnitTotal.ReportErrors> reports, int maxChars) {
        List<String> parts = new ArrayList<>();
        for (UnitTotal.ReportErrors e : reports) {
            parts.add(e.report().agency().name() + "（" + e.errors() + " 项错误）");
        }
        return SummaryWorkbookWriter.joinCapped(parts, "、", maxChars);
    }
}
