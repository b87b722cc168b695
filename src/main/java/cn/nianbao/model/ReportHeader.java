package cn.nianbao.model;

/**
 * Who a report is from and what it is, without its datapoints: what steps pass around by the hundred thousand (a
 * province's run) and read the datapoints of a batch at a time ({@link ReportContent}). Code that needs values takes
 * a {@link Report}; a header cannot be passed where one is wanted.
 *
 * @param agency     the 编制主体 (or, for a 汇总 report, the unit)
 * @param year       the report year
 * @param format     GOV2019 or GOV2021
 * @param scope      本级 or 汇总
 * @param submission the file it was read from
 * @param part       which report of the file (the whole file, or one sheet of several)
 * @param title      the title as found (null where not needed)
 */
public record ReportHeader(Agency agency, int year, String format, Scope scope, Submission submission, ReportPart part,
                           String title) {

    public ReportHeader {
        part = part == null ? ReportPart.WHOLE : part;
    }

    /** This report with its datapoints, which the caller hands over (it made the map and will not change it). */
    public Report withContent(java.util.Map<String, Datapoint> datapoints) {
        return Report.of(this, datapoints);
    }
}
