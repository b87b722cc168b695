package cn.nianbao.ingest;

import java.io.InputStream;
import java.util.List;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.usermodel.XSSFRelation;

/**
 * Checks an .xlsx package before POI's usermodel loads it. The usermodel builds every sheet in memory
 * (roughly ten times the XML's size) before we could count a single row, so a million-row sheet would
 * exhaust the heap first and be refused afterwards. Here the parts' inflated sizes are read from the
 * zip directory, and each worksheet's XML is streamed once, stopping as soon as it has more rows or
 * cells than a report form can have. The streaming pass costs little next to the usermodel's own.
 */
final class PackagePreflight {

    private static final String WORKSHEET = XSSFRelation.WORKSHEET.getContentType();
    private static final XMLInputFactory XML = XMLHelper.newXMLInputFactory();

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
        for (PackagePart sheet : sheets) {
            scanSheet(sheet);
        }
    }

    static UnreadableWorkbookException tooManySheets(int sheets, int max) {
        return new UnreadableWorkbookException("PARSE-TOO-LARGE",
                "工作簿有 " + sheets + " 个工作表，超过上限 " + max + " 个；请只保留年报表格所在的工作表后重新报送", null);
    }

    /** Streams one worksheet's XML, counting rows and cells; refuses a DOCTYPE outright. */
    private void scanSheet(PackagePart sheet) throws Exception {
        String name = sheet.getPartName().getName();
        int row = 0;
        long cells = 0;
        try (InputStream in = sheet.getInputStream()) {
            XMLStreamReader xml = XML.createXMLStreamReader(in);
            try {
                while (xml.hasNext()) {
                    int event = xml.next();
                    if (event == XMLStreamConstants.DTD) {
                        throw new UnreadableWorkbookException("PARSE-UNREADABLE", WorkbookGridReader.DOCTYPE_MESSAGE, null);
                    }
                    if (event != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    String element = xml.getLocalName();
                    if (element.equals("row")) {
                        String r = xml.getAttributeValue(null, "r");
                        row = r == null ? row + 1 : Integer.parseInt(r.trim());
                        if (row > limits.maxRowsPerSheet()) {
                            throw new UnreadableWorkbookException("PARSE-TOO-LARGE",
                                    "工作表（" + name + "）有第 " + row + " 行，超过上限 " + limits.maxRowsPerSheet()
                                            + " 行（年报表格不足 100 行）；请删除与年报无关的数据后重新报送", null);
                        }
                    } else if (element.equals("c") && ++cells > limits.maxCellsPerSheet()) {
                        throw new UnreadableWorkbookException("PARSE-TOO-LARGE",
                                "工作表（" + name + "）有超过 " + limits.maxCellsPerSheet()
                                        + " 个单元格（年报表格约 1000 个）；请删除与年报无关的数据后重新报送", null);
                    }
                }
            } finally {
                xml.close();
            }
        }
    }

    private static String megabytes(long bytes) {
        return bytes >= 10L * 1024 * 1024 ? String.valueOf(bytes / (1024 * 1024))
                : String.format("%.1f", bytes / (1024.0 * 1024));
    }
}
