package cn.nianbao.ingest;

import java.util.List;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.xssf.usermodel.XSSFRelation;

/**
 * Checks an .xlsx package before any sheet is read: every part's inflated size from the zip directory
 * (a zip bomb is refused before a byte of it is inflated) and the number of sheets. Rows and cells are
 * counted by {@link XlsxStreamingReader} as it reads, stopping at the limits, so each sheet is parsed once.
 */
final class PackagePreflight {

    private static final String WORKSHEET = XSSFRelation.WORKSHEET.getContentType();

    private final ReadLimits limits;

    PackagePreflight(ReadLimits limits) {
        this.limits = limits;
    }

    void check(OPCPackage pkg) throws Exception {
        for (PackagePart part : pkg.getParts()) {
            // -1 when the zip directory was unreadable (POI then streams the file): the read guards still apply.
            long size = part.getSize();
            if (size > limits.maxEntryBytes()) {
                throw new UnreadableWorkbookException("PARSE-TOO-LARGE",
                        "工作簿中的「" + part.getPartName().getName() + "」解压后 " + megabytes(size) + " MB，超过上限 "
                                + megabytes(limits.maxEntryBytes()) + " MB（年报表格解压后通常不足 1 MB），已拒绝读取；"
                                + "请删除与年报无关的数据和图片，用 Excel 或 WPS 另存为 .xlsx 后重新报送", null);
            }
        }
        List<PackagePart> sheets = pkg.getPartsByContentType(WORKSHEET);
        if (sheets.size() > limits.maxSheets()) {
            throw tooManySheets(sheets.size(), limits.maxSheets());
        }
    }

    static UnreadableWorkbookException tooManySheets(int sheets, int max) {
        return new UnreadableWorkbookException("PARSE-TOO-LARGE",
                "工作簿有 " + sheets + " 个工作表，超过上限 " + max + " 个；请只保留年报表格所在的工作表后重新报送", null);
    }

    private static String megabytes(long bytes) {
        return bytes >= 10L * 1024 * 1024 ? String.valueOf(bytes / (1024 * 1024))
                : String.format("%.1f", bytes / (1024.0 * 1024));
    }
}
