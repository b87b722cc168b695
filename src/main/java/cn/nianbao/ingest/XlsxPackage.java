package cn.nianbao.ingest;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.util.XMLHelper;

/**
 * An .xlsx file opened as the zip it is, with the JDK's {@link ZipFile}: the parts a report needs (the
 * workbook's sheet list, its relationships, the shared strings and the worksheets) found by following the
 * package relationships, nothing else parsed. POI's OPCPackage builds every part, content type and
 * relationship of the package up front, which cost more than reading the sheets themselves.
 *
 * <p>It is the preflight too: a part whose zip directory says it inflates beyond the limit is refused
 * before a byte of it is inflated, and every part is read through a stream that counts what it inflates,
 * so a directory that lies about a size (a zip bomb) is stopped at the limit all the same. XML is parsed
 * by POI's hardened StAX factory (no DTDs, no external entities); a DOCTYPE anywhere refuses the file.
 */
final class XlsxPackage implements Closeable {

    private static final XMLInputFactory XML = XMLHelper.newXMLInputFactory();

    private static final String OFFICE_DOCUMENT = "/officeDocument";
    private static final String WORKSHEET = "/worksheet";
    private static final String SHARED_STRINGS = "/sharedStrings";
    private static final String STYLES = "/styles";

    /** A worksheet: its tab name, the zip entry holding its XML, and whether its tab is shown. */
    record SheetPart(String name, String entry, SheetGrid.Visibility visibility) {
    }

    private final Path file;
    private final ZipFile zip;
    private final ReadLimits limits;
    /** Part names are case-insensitive in a package: entries by lower-cased name. */
    private final Map<String, ZipEntry> entries = new HashMap<>();
    private final List<SheetPart> sheets = new ArrayList<>();
    private String sharedStrings;
    private String styles;
    /** The workbook asks for every formula to be recalculated when it is opened ({@code <calcPr fullCalcOnLoad="1">}). */
    private boolean fullCalcOnLoad;
    /** Dates count from 1904 ({@code <workbookPr date1904="1">}), as Excel for Mac once did. */
    private boolean date1904;
    /** Set when a part inflated past the limits: the XML parser reports that as its own error, without the cause. */
    private volatile UnreadableWorkbookException refused;

    private XlsxPackage(Path file, ZipFile zip, ReadLimits limits) {
        this.file = file;
        this.zip = zip;
        this.limits = limits;
    }

    /** Opens and checks the package: entry sizes, sheet count, the workbook's sheets and shared strings. */
    static XlsxPackage open(Path file, ReadLimits limits) throws UnreadableWorkbookException, IOException, XMLStreamException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            // It began with a zip signature (checked before), yet has no readable directory at its end.
            throw new UnreadableWorkbookException("PARSE-UNREADABLE", "文件不完整（可能上传或复制中断），请重新报送完整文件", e);
        }
        XlsxPackage pkg = new XlsxPackage(file, zip, limits);
        try {
            pkg.index();
            pkg.resolveParts();
            return pkg;
        } catch (UnreadableWorkbookException | IOException | XMLStreamException | RuntimeException e) {
            pkg.close();
            if (pkg.refused != null) {
                throw pkg.refused;
            }
            throw e;
        }
    }

    /** Why a part was refused while it was being read (a zip bomb), or null. */
    UnreadableWorkbookException refused() {
        return refused;
    }

    List<SheetPart> sheets() {
        return sheets;
    }

    /** The file the package was opened from. */
    Path file() {
        return file;
    }

    boolean fullCalcOnLoad() {
        return fullCalcOnLoad;
    }

    boolean date1904() {
        return date1904;
    }

    /** The styles part, or null when the workbook has none. */
    InputStream styles() throws IOException, UnreadableWorkbookException {
        return styles == null ? null : open(styles);
    }

    /** The shared-strings part, or null when the workbook has none. */
    InputStream sharedStrings() throws IOException, UnreadableWorkbookException {
        return sharedStrings == null ? null : open(sharedStrings);
    }

    InputStream sheet(SheetPart sheet) throws IOException, UnreadableWorkbookException {
        return open(sheet.entry());
    }

    private void index() throws UnreadableWorkbookException {
        Enumeration<? extends ZipEntry> all = zip.entries();
        while (all.hasMoreElements()) {
            ZipEntry e = all.nextElement();
            if (e.getSize() > limits.maxEntryBytes()) {
                throw tooLarge("/" + e.getName(), e.getSize());
            }
            entries.putIfAbsent(e.getName().toLowerCase(Locale.ROOT), e);
        }
    }

    private void resolveParts() throws IOException, XMLStreamException, UnreadableWorkbookException {
        String workbook = null;
        for (Relationship r : relationships("")) {
            if (r.type().endsWith(OFFICE_DOCUMENT)) {
                workbook = r.target();
                break;
            }
        }
        if (workbook == null || !entries.containsKey(workbook.toLowerCase(Locale.ROOT))) {
            throw notAWorkbook();
        }
        Map<String, String> worksheets = new HashMap<>();
        for (Relationship r : relationships(workbook)) {
            if (r.type().endsWith(WORKSHEET)) {
                worksheets.put(r.id(), r.target());
            } else if (r.type().endsWith(SHARED_STRINGS) && entries.containsKey(r.target().toLowerCase(Locale.ROOT))) {
                sharedStrings = r.target();
            } else if (r.type().endsWith(STYLES) && entries.containsKey(r.target().toLowerCase(Locale.ROOT))) {
                styles = r.target();
            }
        }
        if (worksheets.size() > limits.maxSheets()) {
            throw tooManySheets(worksheets.size(), limits.maxSheets());
        }
        // <sheet name="…" r:id="…" state="hidden"/> in tab order; chart and dialog sheets have no worksheet relationship.
        try (InputStream in = open(workbook)) {
            XMLStreamReader xml = XML.createXMLStreamReader(in);
            try {
                boolean root = true;
                while (xml.hasNext()) {
                    int event = xml.next();
                    refuseDoctype(event);
                    if (event == XMLStreamConstants.START_ELEMENT && root) {
                        root = false;
                        if (!xml.getLocalName().equals("workbook")) {
                            throw notAWorkbook();
                        }
                    }
                    if (event != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    switch (xml.getLocalName()) {
                        case "sheet" -> {
                            String id = attribute(xml, "id");
                            String target = id == null ? null : worksheets.get(id);
                            if (target != null && entries.containsKey(target.toLowerCase(Locale.ROOT))) {
                                sheets.add(new SheetPart(String.valueOf(xml.getAttributeValue(null, "name")), target,
                                        visibility(xml.getAttributeValue(null, "state"))));
                            }
                        }
                        case "workbookPr" -> date1904 = isTrue(xml.getAttributeValue(null, "date1904"));
                        case "calcPr" -> fullCalcOnLoad = isTrue(xml.getAttributeValue(null, "fullCalcOnLoad"));
                        default -> {
                        }
                    }
                }
            } finally {
                xml.close();
            }
        }
    }

    private record Relationship(String id, String type, String target) {
    }

    /** The relationships of a part ("" = the package), targets resolved to zip entry names. */
    private List<Relationship> relationships(String part) throws IOException, XMLStreamException, UnreadableWorkbookException {
        int slash = part.lastIndexOf('/');
        String folder = slash < 0 ? "" : part.substring(0, slash + 1);
        String rels = folder + "_rels/" + part.substring(slash + 1) + ".rels";
        List<Relationship> found = new ArrayList<>();
        if (!entries.containsKey(rels.toLowerCase(Locale.ROOT))) {
            return found;
        }
        try (InputStream in = open(rels)) {
            XMLStreamReader xml = XML.createXMLStreamReader(in);
            try {
                while (xml.hasNext()) {
                    int event = xml.next();
                    refuseDoctype(event);
                    if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("Relationship")
                            && !"External".equalsIgnoreCase(xml.getAttributeValue(null, "TargetMode"))) {
                        String target = xml.getAttributeValue(null, "Target");
                        String type = xml.getAttributeValue(null, "Type");
                        if (target != null && type != null) {
                            found.add(new Relationship(xml.getAttributeValue(null, "Id"), type, resolve(folder, target)));
                        }
                    }
                }
            } finally {
                xml.close();
            }
        }
        return found;
    }

    /** A relationship target as a zip entry name: absolute ("/xl/…") or relative to the source's folder. */
    static String resolve(String folder, String target) {
        String path = target.startsWith("/") ? target.substring(1) : folder + target;
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(p);
            }
        }
        return String.join("/", parts);
    }

    private static SheetGrid.Visibility visibility(String state) {
        if ("veryHidden".equals(state)) {
            return SheetGrid.Visibility.VERY_HIDDEN;
        }
        return "hidden".equals(state) ? SheetGrid.Visibility.HIDDEN : SheetGrid.Visibility.VISIBLE;
    }

    /** An XML Schema boolean: 「1」 or 「true」. */
    static boolean isTrue(String value) {
        return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
    }

    private static String attribute(XMLStreamReader xml, String localName) {
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            if (xml.getAttributeLocalName(i).equals(localName)) {
                return xml.getAttributeValue(i);
            }
        }
        return null;
    }

    static void refuseDoctype(int event) throws UnreadableWorkbookException {
        if (event == XMLStreamConstants.DTD) {
            throw new UnreadableWorkbookException("PARSE-UNREADABLE", WorkbookGridReader.DOCTYPE_MESSAGE, null);
        }
    }

    /** A part's bytes, inflated through a counter that stops at the entry limit whatever the directory said. */
    private InputStream open(String name) throws IOException, UnreadableWorkbookException {
        ZipEntry entry = entries.get(name.toLowerCase(Locale.ROOT));
        if (entry == null) {
            throw new UnreadableWorkbookException("PARSE-UNREADABLE",
                    "工作簿缺少部件「/" + name + "」，文件已损坏；请用 Excel 或 WPS 另存为 .xlsx 后重新报送", null);
        }
        return new Inflated(zip.getInputStream(entry), entry);
    }

    private UnreadableWorkbookException tooLarge(String part, long size) {
        return new UnreadableWorkbookException("PARSE-TOO-LARGE",
                "工作簿中的「" + part + "」解压后 " + megabytes(size) + " MB，超过上限 " + megabytes(limits.maxEntryBytes())
                        + " MB（年报表格解压后通常不足 1 MB），已拒绝读取；"
                        + "请删除与年报无关的数据和图片，用 Excel 或 WPS 另存为 .xlsx 后重新报送", null);
    }

    private static UnreadableWorkbookException notAWorkbook() {
        // a Word or PowerPoint file renamed .xlsx is a zip too
        return new UnreadableWorkbookException("PARSE-UNREADABLE",
                "不是 Excel 工作簿（压缩包中没有工作簿内容，可能是 Word 等其他文档或已损坏）；请用 Excel 或 WPS 另存为 .xlsx 后重新报送", null);
    }

    static UnreadableWorkbookException tooManySheets(int sheets, int max) {
        return new UnreadableWorkbookException("PARSE-TOO-LARGE",
                "工作簿有 " + sheets + " 个工作表，超过上限 " + max + " 个；请只保留年报表格所在的工作表后重新报送", null);
    }

    private static String megabytes(long bytes) {
        return bytes >= 10L * 1024 * 1024 ? String.valueOf(bytes / (1024 * 1024))
                : String.format("%.1f", bytes / (1024.0 * 1024));
    }

    @Override
    public void close() throws IOException {
        zip.close(); // opened read-only: nothing is ever written back
    }

    /**
     * Counts inflated bytes: past the entry limit, or inflating far more than its compressed size allows
     * (the ratio POI's ZipSecureFile guards), the part is a bomb, whatever its directory entry claims.
     */
    private final class Inflated extends FilterInputStream {
        private final ZipEntry entry;
        private long count;

        Inflated(InputStream in, ZipEntry entry) {
            super(in);
            this.entry = entry;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) throws IOException {
            count += n;
            long compressed = entry.getCompressedSize();
            boolean overLimit = count > limits.maxEntryBytes();
            // Small parts compress well by nature: the ratio is judged only past 100 KB, as POI's guard does.
            boolean ratio = compressed > 0 && count > 100 * 1024 && (double) compressed / count < limits.minInflateRatio();
            if (overLimit || ratio) {
                refused = new UnreadableWorkbookException("PARSE-TOO-LARGE", "工作簿中的「/" + entry.getName() + "」解压后超过 "
                        + megabytes(count) + " MB" + (overLimit ? "（上限 " + megabytes(limits.maxEntryBytes()) + " MB）"
                                : "，压缩比异常（疑似压缩炸弹）")
                        + "，已拒绝读取；年报表格解压后通常不足 1 MB；请删除与年报无关的数据和图片，用 Excel 或 WPS 另存为 .xlsx 后重新报送", null);
                throw new IOException("part /" + entry.getName() + " inflates beyond the limit");
            }
        }
    }
}
