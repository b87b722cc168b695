package cn.nianbao.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.util.XMLHelper;

/**
 * Reads an agency's Word report (.docx or .doc) into a {@link WorkbookGrid}: one grid per table, in document
 * order, named 「表1」「表2」… with cells addressed 「第R行第C列」, merged cells as merged regions, and the paragraphs
 * before the first table as the preamble (the title is there). The label-based locator then reads tables 二、三、四
 * from it as from a workbook's sheets. Inputs are opened read-only.
 *
 * <p>A .docx is opened with POI's OPC package (its zip-bomb guards apply, see {@link WorkbookGridReader}) and
 * its main part is streamed ({@link DocxBodyReader}); a .doc is read with HWPF ({@link DocBodyReader}).
 */
public final class WordReportReader {

    static final String DOCTYPE_MESSAGE =
            "Word 文档含有不允许的 XML 声明（DOCTYPE/外部实体），已拒绝读取；请用 Word 或 WPS 另存为 .docx 后重新报送";
    static final String RTF_MESSAGE =
            "文件是 RTF 格式（常被存成 .doc），无法读取其中的表格；请用 Word 或 WPS 打开后另存为 .docx 再重新报送";
    static final String OLD_WORD_MESSAGE =
            "文件是 Word 6.0/95 或更早的旧格式，无法读取；请用 Word 或 WPS 打开后另存为 .docx 再重新报送";

    /** The part of the package a Word document's main part is found through. */
    private static final List<String> MAIN_PART_RELATIONSHIPS =
            List.of(PackageRelationshipTypes.CORE_DOCUMENT, PackageRelationshipTypes.STRICT_CORE_DOCUMENT);
    /** How much of the package's relationships and content types is read to tell a Word document. */
    private static final int SNIFF_BYTES = 64 * 1024;
    private static final XMLInputFactory XML = XMLHelper.newXMLInputFactory();

    private final ReadLimits limits;

    public WordReportReader(ReadLimits limits) {
        this.limits = limits;
    }

    /** A .docx (or .docm, .dotx): the package opened read-only, its main part streamed. */
    public WorkbookGrid readDocx(Path file) throws Exception {
        OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
        try {
            PackagePart main = mainPart(pkg);
            if (main == null) {
                throw notAWordDocument();
            }
            try (InputStream in = main.getInputStream()) {
                return new DocxBodyReader(limits).read(in);
            }
        } finally {
            pkg.revert(); // read-only: close() would try to save it
        }
    }

    /** A binary .doc in an OLE2 container that has a WordDocument stream (Word 6/95 is refused by classify). */
    public WorkbookGrid readDoc(DirectoryNode root) throws Exception {
        return new DocBodyReader(limits).read(root);
    }

    private static PackagePart mainPart(OPCPackage pkg) {
        for (String type : MAIN_PART_RELATIONSHIPS) {
            List<PackagePart> parts = pkg.getPartsByRelationshipType(type);
            if (!parts.isEmpty()) {
                return parts.get(0);
            }
        }
        return null;
    }

    /**
     * Whether an OOXML zip is a Word document: its package relationships name a main part whose content type (in
     * {@code [Content_Types].xml}) is a WordprocessingML document's. Reads two small parts, so a workbook costs
     * nearly nothing more; anything unreadable here is left to the workbook reader, which says what is wrong.
     */
    public static boolean isWordPackage(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry rels = entry(zip, "_rels/.rels");
            ZipEntry types = entry(zip, "[Content_Types].xml");
            String main = rels == null ? null : mainTarget(zip, rels);
            String type = main == null || types == null ? null : contentType(zip, types, main);
            return type != null && (type.contains("wordprocessingml") || type.contains("ms-word"));
        } catch (IOException | XMLStreamException | RuntimeException e) {
            return false;
        }
    }

    private static String mainTarget(ZipFile zip, ZipEntry rels) throws IOException, XMLStreamException {
        try (InputStream in = sniff(zip, rels)) {
            XMLStreamReader xml = XML.createXMLStreamReader(in);
            try {
                while (xml.hasNext()) {
                    if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("Relationship")
                            && MAIN_PART_RELATIONSHIPS.contains(xml.getAttributeValue(null, "Type"))
                            && !"External".equalsIgnoreCase(xml.getAttributeValue(null, "TargetMode"))) {
                        String target = xml.getAttributeValue(null, "Target");
                        return target == null ? null : XlsxPackage.resolve("", target);
                    }
                }
            } finally {
                xml.close();
            }
        }
        return null;
    }

    /** A part's content type: its Override, else the Default for its extension. */
    private static String contentType(ZipFile zip, ZipEntry types, String part) throws IOException, XMLStreamException {
        String name = "/" + part;
        String extension = part.substring(part.lastIndexOf('.') + 1);
        String byExtension = null;
        try (InputStream in = sniff(zip, types)) {
            XMLStreamReader xml = XML.createXMLStreamReader(in);
            try {
                while (xml.hasNext()) {
                    if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    if (xml.getLocalName().equals("Override") && name.equalsIgnoreCase(xml.getAttributeValue(null, "PartName"))) {
                        return xml.getAttributeValue(null, "ContentType");
                    }
                    if (xml.getLocalName().equals("Default") && extension.equalsIgnoreCase(xml.getAttributeValue(null, "Extension"))) {
                        byExtension = xml.getAttributeValue(null, "ContentType");
                    }
                }
            } finally {
                xml.close();
            }
        }
        return byExtension;
    }

    /** An entry by its part name; part names are case-insensitive. */
    private static ZipEntry entry(ZipFile zip, String name) {
        ZipEntry exact = zip.getEntry(name);
        if (exact != null) {
            return exact;
        }
        Enumeration<? extends ZipEntry> all = zip.entries();
        for (int seen = 0; all.hasMoreElements() && seen < 1000; seen++) {
            ZipEntry e = all.nextElement();
            if (e.getName().equalsIgnoreCase(name)) {
                return e;
            }
        }
        return null;
    }

    /** The first {@link #SNIFF_BYTES} of a part, inflated; reading past them ends the stream. */
    private static InputStream sniff(ZipFile zip, ZipEntry entry) throws IOException {
        return new FilterInputStream(zip.getInputStream(entry)) {
            private int left = SNIFF_BYTES;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = super.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(buf, off, Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }
        };
    }

    static UnreadableWorkbookException tooLarge(String what) {
        return new UnreadableWorkbookException("PARSE-TOO-LARGE",
                what + "，已拒绝读取；年报的表格只有几十行；请删除与年报无关的表格和内容，用 Word 或 WPS 另存为 .docx 后重新报送", null);
    }

    static UnreadableWorkbookException notAWordDocument() {
        return new UnreadableWorkbookException("PARSE-UNREADABLE",
                "不是可读取的 Word 文档（压缩包中没有文档正文，文件可能已损坏）；请用 Word 或 WPS 另存为 .docx 后重新报送", null);
    }
}
