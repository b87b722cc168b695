package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import javax.xml.stream.XMLInputFactory;

import org.apache.poi.util.XMLHelper;
import org.junit.jupiter.api.Test;

/**
 * The cell formats of a styles part (xl/styles.xml) as written here by hand: each cell style's number format, by
 * the style's index in cellXfs, from the part's own numFmt declarations or the built-in ids.
 */
class XlsxStylesTest {

    private static final XMLInputFactory XML = XMLHelper.newXMLInputFactory();

    /**
     * A styles part: an unused format with a fresh id makes the part one this JVM has not read before, so that it is
     * parsed rather than taken from the styles already seen; {@code padding} goes before the cell styles.
     */
    private static String part(String padding) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                + "<numFmts count=\"4\">"
                + "<numFmt numFmtId=\"164\" formatCode=\"0.0%\"/>"
                + "<numFmt numFmtId=\" 165 \" formatCode=\"m&quot;月&quot;d&quot;日&quot;\"/>"
                + "<numFmt numFmtId=\"166\"/>"
                + "<numFmt numFmtId=\"x\" formatCode=\"0.00%\"/>"
                + "<numFmt formatCode=\"0.000%\"/>"
                + "<numFmt numFmtId=\"199\" formatCode=\"&quot;" + UUID.randomUUID() + "&quot;0\"/>"
                + "</numFmts>"
                + "<cellStyleXfs count=\"1\"><xf numFmtId=\"9\"/></cellStyleXfs>"
                + padding
                + "<cellXfs count=\"8\">"
                + "<xf numFmtId=\"9\"/>"
                + "<xf numFmtId=\"0\"/>"
                + "<xf numFmtId=\"164\"/>"
                + "<xf numFmtId=\"165\"/>"
                + "<xf numFmtId=\"166\"/>"
                + "<xf/>"
                + "<xf numFmtId=\"abc\"/>"
                + "<xf numFmtId=\"14\"/>"
                + "</cellXfs>"
                + "<cellXfs><xf numFmtId=\"9\"/></cellXfs>"
                + "</styleSheet>";
    }

    private static XlsxStyles read(String part) throws Exception {
        return XlsxStyles.read(new ByteArrayInputStream(part.getBytes(StandardCharsets.UTF_8)), XML);
    }

    private static void assertFormats(XlsxStyles styles) {
        assertThat(styles.format(0)).extracting(CellFormat::id, CellFormat::category).containsExactly(9, CellFormat.Category.PERCENT);
        // a numFmt without an id declares nothing: the built-in 0 stays General
        assertThat(styles.format(1)).extracting(CellFormat::id, CellFormat::pattern).containsExactly(0, "General");
        assertThat(styles.format(2)).extracting(CellFormat::id, CellFormat::pattern, CellFormat::category)
                .containsExactly(164, "0.0%", CellFormat.Category.PERCENT);
        assertThat(styles.format(3)).extracting(CellFormat::id, CellFormat::category).containsExactly(165, CellFormat.Category.DATE);
        // declared without a code: not a built-in id either, so General
        assertThat(styles.format(4)).extracting(CellFormat::id, CellFormat::pattern).containsExactly(166, "General");
        assertThat(styles.format(5)).extracting(CellFormat::id, CellFormat::pattern).containsExactly(0, "General");
        assertThat(styles.format(6)).extracting(CellFormat::id, CellFormat::pattern).containsExactly(0, "General");
        assertThat(styles.format(7)).extracting(CellFormat::id, CellFormat::pattern).containsExactly(14, "yyyy/m/d");
        // the cell styles end with the first cellXfs; an index past them, or none, is General
        assertThat(styles.format(8)).isSameAs(CellFormat.GENERAL);
        assertThat(styles.format(-1)).isSameAs(CellFormat.GENERAL);
    }

    @Test
    void eachCellStyleHasItsNumberFormat() throws Exception {
        assertFormats(read(part("")));
    }

    @Test
    void aPartSeenBeforeIsNotParsedAgain() throws Exception {
        String part = part("");
        XlsxStyles first = read(part);
        assertThat(read(part)).isSameAs(first);
        assertThat(read(part(""))).isNotSameAs(first);
    }

    @Test
    void aLargePartIsReadWhole() throws Exception {
        // WPS and old Excel files carry thousands of styles: the cell styles may begin far into the part
        String part = part("<dxfs>" + "<dxf><font><b/></font></dxf>".repeat(2000) + "</dxfs>");
        assertThat(part.length()).isGreaterThan(40_000);
        XlsxStyles styles = read(part);
        assertFormats(styles);
        assertThat(read(part)).as("too large to keep").isNotSameAs(styles);
    }

    @Test
    void aDoctypeInTheStylesIsRefused() {
        String part = part("").replace("<styleSheet", "<!DOCTYPE styleSheet [<!ENTITY x \"y\">]><styleSheet");
        assertThatThrownBy(() -> read(part)).isInstanceOf(UnreadableWorkbookException.class)
                .hasMessage(WorkbookGridReader.DOCTYPE_MESSAGE);
    }
}
