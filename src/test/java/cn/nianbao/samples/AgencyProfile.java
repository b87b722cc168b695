package cn.nianbao.samples;

/**
 * How busy a synthetic agency is: the typical yearly numbers its random reports scatter around.
 * A 街道 gets a handful of applications, a busy 区直 department dozens.
 *
 * @param applications     typical new applications a year from 自然人 (the other applicant columns scale from it)
 * @param licensing        typical 行政许可 处理决定数量
 * @param otherService     typical 其他对外管理服务事项 处理决定数量 (GOV2019 only)
 * @param penalty          typical 行政处罚 处理决定数量
 * @param enforcement      typical 行政强制 处理决定数量
 * @param normative        typical 规范性文件 made a year
 * @param procurement      typical 政府集中采购 projects a year (GOV2019 only)
 * @param feesWan          typical 行政事业性收费 in 万元 (GOV2021); 0 = the agency charges no fees
 * @param reviews          typical 行政复议 cases a year (suits scale from it)
 */
public record AgencyProfile(int applications, int licensing, int otherService, int penalty, int enforcement,
                            int normative, int procurement, double feesWan, int reviews) {

    public static AgencyProfile subDistrict() {
        return new AgencyProfile(3, 60, 8000, 4, 1, 0, 8, 0, 0);
    }

    public static AgencyProfile department() {
        return new AgencyProfile(12, 200, 1500, 40, 6, 2, 12, 3.5, 1);
    }

    public static AgencyProfile districtOffice() {
        return new AgencyProfile(30, 10, 300, 0, 0, 6, 20, 0, 2);
    }
}
