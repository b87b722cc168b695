package cn.nianbao.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.xwpf.usermodel.XWPFDocument;

/** Hand-made .docx files for tests: a package POI writes, with the document part's body replaced by given XML. */
public final class WordDocs {

    public static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    private WordDocs() {
    }

    /** A .docx whose body is {@code bodyXml} (WordprocessingML with the {@code w:} prefix). */
    public static void docx(Path target, String bodyXml) throws IOException {
        withDocumentXml(target, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"" + W
                + "\"><w:body>" + bodyXml + "</w:body></w:document>");
    }

    /** A .docx whose document part is exactly {@code documentXml}. */
    public static void withDocumentXml(Path target, String documentXml) throws IOException {
        ByteArrayOutputStream blank = new ByteArrayOutputStream();
        try (XWPFDocument doc = new XWPFDocument()) {
            doc.createParagraph().createRun().setText("x");
            doc.write(blank);
        }
        try (ZipInputStream zin = new ZipInputStream(new ByteArrayInputStream(blank.toByteArray()));
             OutputStream file = Files.newOutputStream(target);
             ZipOutputStream zout = new ZipOutputStream(file)) {
            for (ZipEntry e = zin.getNextEntry(); e != null; e = zin.getNextEntry()) {
                byte[] content = zin.readAllBytes();
                if (e.getName().equals("word/document.xml")) {
                    content = documentXml.getBytes(StandardCharsets.UTF_8);
                }
                zout.putNextEntry(new ZipEntry(e.getName()));
                zout.write(content);
                zout.closeEntry();
            }
        }
    }

    /** A paragraph of one run. */
    public static String p(String text) {
        return "<w:p><w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>";
    }

    /** A cell: optional cell properties XML, then its content (paragraphs, tables). */
    public static String tc(String tcPr, String content) {
        return "<w:tc>" + (tcPr.isEmpty() ? "" : "<w:tcPr>" + tcPr + "</w:tcPr>") + content + "</w:tc>";
    }

    /** A cell with one paragraph of text. */
    public static String tc(String text) {
        return tc("", p(text));
    }

    public static String tr(String... cells) {
        return "<w:tr>" + String.join("", cells) + "</w:tr>";
    }

    public static String tbl(String... rows) {
        return "<w:tbl><w:tblPr/>" + String.join("", rows) + "</w:tbl>";
    }
}
