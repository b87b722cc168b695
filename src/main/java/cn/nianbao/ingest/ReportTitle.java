package cn.nianbao.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The title of a report as found in its first rows, e.g. 「鲤城区人民政府开元街道办事处 2020年政府信息公开工作年度报告」:
 * who wrote it and for which year.
 */
public record ReportTitle(String text, String agencyName, Integer year) {

    private static final Pattern TITLE = Pattern.compile("^(.*?)(20\\d{2})\\s*年度?\\s*(?:政府信息公开|政务公开|信息公开).*(?:年度报告|年报|报告|统计表)");
    private static final Pattern YEAR = Pattern.compile("(20\\d{2})");
    private static final int TITLE_ROWS = 12;

    /**
     * Looks for a report title in a Word report's paragraphs before its first table, then in the first rows of
     * every sheet (or table); the texts seen there feed agency matching.
     */
    public static List<ReportTitle> find(WorkbookGrid workbook) {
        List<ReportTitle> titles = new ArrayList<>();
        for (String paragraph : workbook.preamble()) {
            ReportTitle title = parse(paragraph);
            if (title != null) {
                titles.add(title);
            }
        }
        for (SheetGrid sheet : workbook.sheets()) {
            for (int r : sheet.rowIndexes()) {
                if (r >= TITLE_ROWS) {
                    break;
                }
                for (GridCell cell : sheet.row(r)) {
                    if (!cell.isText() || sheet.isMergedCopy(r, cell.col())) {
                        continue;
                    }
                    ReportTitle title = parse(cell.text());
                    if (title != null) {
                        titles.add(title);
                    }
                }
            }
        }
        return titles;
    }

    private static ReportTitle parse(String text) {
        Matcher m = TITLE.matcher(LabelKey.compact(text));
        if (!m.find()) {
            return null;
        }
        String name = m.group(1).replaceAll("^(关于)", "").replaceAll("[（(]模拟数据[)）]", "");
        return new ReportTitle(text.strip(), name.isEmpty() ? null : name, Integer.valueOf(m.group(2)));
    }

    /** A year written in a file or folder name (「海滨街道-2020年报.xlsx」), if any. */
    public static Integer yearIn(String name) {
        Matcher m = YEAR.matcher(name);
        Integer found = null;
        while (m.find()) {
            found = Integer.valueOf(m.group(1));
        }
        return found;
    }
}
