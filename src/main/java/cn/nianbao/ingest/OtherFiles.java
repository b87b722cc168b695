package cn.nianbao.ingest;

import java.util.Map;
import java.util.Set;

/**
 * What to tell an agency that sent a file which is not a report file (a PDF, WPS's own formats, an image, an
 * archive): what was received, and what to send instead. Decided by the file's name: the content of such a file
 * could not be read as a report either way.
 */
final class OtherFiles {

    /** The PARSE rule of a file that is not a report file. */
    static final String FILE_TYPE = "PARSE-FILE-TYPE";

    private static final String SEND = "请报送年报的 Excel 表格（.xlsx、.xls）或 Word 文档（.docx、.doc）";

    private record Kind(String what, String advice) {
    }

    private static final Kind PDF = new Kind("PDF 文件", "PDF 中的数字无法可靠读取；" + SEND);
    private static final Kind IMAGE = new Kind("图片", "图片中的数字无法读取；" + SEND);
    private static final Kind ARCHIVE = new Kind("压缩包", "本程序不解压缩；请解压后报送其中的年报表格或 Word 文档");

    private static final Map<String, Kind> KINDS = Map.ofEntries(
            Map.entry("pdf", PDF),
            Map.entry("ofd", new Kind("OFD 版式文件", "版式文件中的数字无法可靠读取；" + SEND)),
            Map.entry("wps", new Kind("WPS 文字文件（.wps）", "请在 WPS 中「另存为」Word 文档（.docx）后报送，或报送年报的 Excel 表格")),
            Map.entry("et", new Kind("WPS 表格文件（.et）", "请在 WPS 中「另存为」Excel 文件（.xlsx）后报送")),
            Map.entry("ett", new Kind("WPS 表格模板（.ett）", "请在 WPS 中「另存为」Excel 文件（.xlsx）后报送")),
            Map.entry("dps", new Kind("WPS 演示文件（.dps）", SEND)),
            Map.entry("zip", ARCHIVE), Map.entry("rar", ARCHIVE), Map.entry("7z", ARCHIVE), Map.entry("tar", ARCHIVE),
            Map.entry("gz", ARCHIVE),
            Map.entry("jpg", IMAGE), Map.entry("jpeg", IMAGE), Map.entry("png", IMAGE), Map.entry("gif", IMAGE),
            Map.entry("bmp", IMAGE), Map.entry("tif", IMAGE), Map.entry("tiff", IMAGE), Map.entry("heic", IMAGE),
            Map.entry("webp", IMAGE),
            Map.entry("txt", new Kind("文本文件", SEND)),
            Map.entry("csv", new Kind("CSV 文本文件", "请报送按国家统一格式填报的年报 Excel 表格（.xlsx），不要另存为 CSV")),
            Map.entry("htm", new Kind("网页文件", "请用 Excel 或 WPS 打开后「另存为」.xlsx 再报送")),
            Map.entry("html", new Kind("网页文件", "请用 Excel 或 WPS 打开后「另存为」.xlsx 再报送")),
            Map.entry("ppt", new Kind("演示文稿", SEND)), Map.entry("pptx", new Kind("演示文稿", SEND)),
            Map.entry("rtf", new Kind("RTF 文档", "请在 Word 或 WPS 中「另存为」Word 文档（.docx）后报送")));

    private static final Set<String> TEMPLATES = Set.of("xltx", "xltm", "xlt", "dotx", "dot");

    private OtherFiles() {
    }

    /** The finding's message for a file named {@code fileName} that could not be read as a report. */
    static String message(String fileName) {
        String ext = InputScanner.extension(fileName);
        Kind kind = KINDS.get(ext);
        if (kind == null && TEMPLATES.contains(ext)) {
            kind = new Kind("模板文件（." + ext + "）", "请把填好的模板「另存为」.xlsx 或 .docx 后报送");
        }
        if (kind == null) {
            kind = new Kind(ext.isEmpty() ? "没有扩展名的文件" : "「." + ext + "」文件", SEND);
        }
        return "收到「" + fileName + "」（" + kind.what() + "），不是可以读取的年报表格或 Word 文档，未能读取；" + kind.advice();
    }
}
