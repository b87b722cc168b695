package cn.nianbao.job;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import cn.nianbao.yaml.Expect;

/**
 * A job file as written, one component per key (README, 「Job files」); null where the key is not written.
 * {@link JobFileReader} checks it and makes the {@link JobDefinition}.
 */
record JobFile(
        String name,
        @Expect("年份（如 2020）") Integer year,
        @Expect("年份的列表（如 [2020, 2021]）") List<Integer> years,
        String input,
        String output,
        String rules,
        @Expect("单位的列表（每项如 { code: \"350502\", name: 泉州市鲤城区, kind: 区, parent: \"350500\" }）") List<Unit> units,
        @Expect("编制主体的列表（每项如 { code: \"350502-KY\", name: 开元街道办事处, parent: \"350502\" }）") List<Unit> roster,
        @JsonProperty("from-jobs") @Expect("作业名称的列表，如 [licheng-2020, fengze-2020]") List<String> fromJobs,
        @JsonProperty("leave-out-reports-with-errors") Boolean leaveOutReportsWithErrors,
        @Expect("处理意见工作簿的路径（如 审核/处理意见.xlsx）") String dispositions,
        @Expect("{ deadline: 整改期限（如 2021-03-31）, office: 发文单位 }") NoticeKeys notice) {

    /** {@code notice}: what the 整改通知 say beyond the findings. The deadline is text, checked as a date by the reader. */
    record NoticeKeys(@Expect("日期（如 2021-03-31）") String deadline, String office) {
    }

    /** An entry of {@code units} or {@code roster}. */
    record Unit(String code, String name, @Expect("别名的列表（如 [开元街道, 开元]）") List<String> aliases, String kind, String parent) {
    }
}
