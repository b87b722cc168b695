package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Telling a Word document from a workbook by its package, as zips written here by hand: the package relationships
 * name the main part, and [Content_Types].xml its type, by an Override or by the Default for its extension.
 */
class WordPackageTest {

    private static final String DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    private static final String WORKBOOK = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    private static final String OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";

    @TempDir
    Path dir;

    private static String rels(String attributes) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
                + "<Relationship Id=\"rId1\" " + attributes + "/></Relationships>";
    }

    private static String types(String entries) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + entries + "</Types>";
    }

    private Path zip(String name, Map<String, String> entries) throws Exception {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }

    private boolean isWord(String relsName, String rels, String typesName, String types) throws Exception {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("docProps/core.xml", "<x/>");
        entries.put(relsName, rels);
        entries.put(typesName, types);
        entries.put("word/document.xml", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>");
        return WordReportReader.isWordPackage(zip("p" + System.nanoTime() + ".docx", entries));
    }

    private boolean isWord(String rels, String types) throws Exception {
        return isWord("_rels/.rels", rels, "[Content_Types].xml", types);
    }

    @Test
    void theMainPartsTypeByOverrideOrByItsExtension() throws Exception {
        String main = rels("Type=\"" + OFFICE_DOCUMENT + "\" Target=\"word/document.xml\"");
        assertThat(isWord(main, types("<Override PartName=\"/word/document.xml\" ContentType=\"" + DOCUMENT + "\"/>"))).isTrue();
        assertThat(isWord(main, types("<Override PartName=\"/WORD/Document.xml\" ContentType=\"" + DOCUMENT + "\"/>")))
                .as("part names are case-insensitive").isTrue();
        assertThat(isWord(main, types("<Default Extension=\"XML\" ContentType=\"" + DOCUMENT + "\"/>"))).as("by extension").isTrue();
        assertThat(isWord(main, types("<Default Extension=\"xml\" ContentType=\"application/vnd.ms-word.document.macroEnabled.main+xml\"/>"))).as(".docm").isTrue();
        // an Override wins over the Default, whichever comes first
        assertThat(isWord(main, types("<Default Extension=\"xml\" ContentType=\"" + DOCUMENT + "\"/>"
                + "<Override PartName=\"/word/document.xml\" ContentType=\"" + WORKBOOK + "\"/>"))).isFalse();
        assertThat(isWord(main, types("<Override PartName=\"/word/document.xml\" ContentType=\"" + WORKBOOK + "\"/>"
                + "<Default Extension=\"xml\" ContentType=\"" + DOCUMENT + "\"/>"))).isFalse();
        // a Default for another extension, an Override for another part
        assertThat(isWord(main, types("<Default Extension=\"bin\" ContentType=\"" + DOCUMENT + "\"/>"
                + "<Override PartName=\"/word/other.xml\" ContentType=\"" + DOCUMENT + "\"/>"))).isFalse();
        assertThat(isWord(main, types(""))).isFalse();
    }

    @Test
    void aWorkbookAndPackagesWithoutAMainDocumentAreNotWord() throws Exception {
        String workbook = rels("Type=\"" + OFFICE_DOCUMENT + "\" Target=\"xl/workbook.xml\"");
        assertThat(isWord(workbook, types("<Override PartName=\"/xl/workbook.xml\" ContentType=\"" + WORKBOOK + "\"/>"))).isFalse();
        String typesWithDocument = types("<Override PartName=\"/word/document.xml\" ContentType=\"" + DOCUMENT + "\"/>");
        assertThat(isWord(rels("Type=\"" + OFFICE_DOCUMENT + "\" Target=\"word/document.xml\" TargetMode=\"External\""),
                typesWithDocument)).as("an external main part").isFalse();
        assertThat(isWord(rels("Type=\"" + OFFICE_DOCUMENT + "\""), typesWithDocument)).as("no target").isFalse();
        assertThat(isWord(rels("Type=\"http://example.com/other\" Target=\"word/document.xml\""), typesWithDocument)).isFalse();
        assertThat(isWord("_rels/other.rels", rels("Type=\"" + OFFICE_DOCUMENT + "\" Target=\"word/document.xml\""),
                "[Content_Types].xml", typesWithDocument)).as("no package relationships").isFalse();
        assertThat(isWord("_rels/.rels", rels("Type=\"" + OFFICE_DOCUMENT + "\" Target=\"word/document.xml\""),
                "content_types.xml", typesWithDocument)).as("no content types").isFalse();
        assertThat(isWord(rels("Type=\"http://example.com/other\" Target=\"word/document.xml\""),
                types("<Default Extension=\"\" ContentType=\"" + DOCUMENT + "\"/>"))).as("no main part, whatever has no extension").isFalse();
        Path notAZip = Files.writeString(dir.resolve("x.docx"), "not a zip");
        assertThat(WordReportReader.isWordPackage(notAZip)).isFalse();
    }

    @Test
    void partNamesInAnotherCaseAreFound() throws Exception {
        assertThat(isWord("_RELS/.RELS", rels("Type=\"" + OFFICE_DOCUMENT + "\" Target=\"word/document.xml\""),
                "[content_types].XML", types("<Override PartName=\"/word/document.xml\" ContentType=\"" + DOCUMENT + "\"/>"))).isTrue();
    }

    @Test
    void aPartNameInAnotherCaseIsLookedForAmongTheFirst1000Entries() throws Exception {
        String rels = rels("Type=\"" + OFFICE_DOCUMENT + "\" Target=\"word/document.xml\"");
        String types = types("<Override PartName=\"/word/document.xml\" ContentType=\"" + DOCUMENT + "\"/>");
        for (int before : new int[] {999, 1000}) {
            Map<String, String> entries = new LinkedHashMap<>();
            entries.put("[Content_Types].xml", types);
            for (int i = 1; i < before; i++) {
                entries.put("media/image" + i + ".png", "");
            }
            entries.put("_RELS/.RELS", rels);
            entries.put("word/document.xml", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>");
            // the relationships are entry number before + 1
            assertThat(WordReportReader.isWordPackage(zip("entries" + before + ".docx", entries))).as(before + " entries before").isEqualTo(before < 1000);
        }
    }

    @Test
    void onlyTheFirst64KBOfTheContentTypesAreRead() throws Exception {
        String main = rels("Type=\"" + OFFICE_DOCUMENT + "\" Target=\"word/document.xml\"");
        String override = "<Override PartName=\"/word/document.xml\" ContentType=\"" + DOCUMENT + "\"/>";
        String filler = "<Default Extension=\"png\" ContentType=\"image/png\"/>";
        String padding = filler.repeat(63 * 1024 / filler.length());
        assertThat(isWord(main, types(padding + override))).as("within 64 KB").isTrue();
        assertThat(isWord(main, types(padding + filler.repeat(100) + override))).as("beyond 64 KB").isFalse();
    }

    @Test
    void aContentTypesPartOfExactly64KBIsReadWholeAndOneByteMoreIsCut() throws Exception {
        String main = rels("Type=\"" + OFFICE_DOCUMENT + "\" Target=\"word/document.xml\"");
        // the type by extension is known only once the whole part has been read
        String byExtension = types("<Default Extension=\"xml\" ContentType=\"" + DOCUMENT + "\"/>");
        String exactly = byExtension.replace("</Types>", " ".repeat(64 * 1024 - byExtension.length()) + "</Types>");
        assertThat(exactly.getBytes(StandardCharsets.UTF_8)).hasSize(64 * 1024);
        assertThat(isWord(main, exactly)).as("64 KB").isTrue();
        assertThat(isWord(main, exactly.replace("</Types>", " </Types>"))).as("64 KB and one byte").isFalse();
    }
}
