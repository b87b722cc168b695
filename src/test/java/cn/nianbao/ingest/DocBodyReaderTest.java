package cn.nianbao.ingest;

import static cn.nianbao.ingest.WordDocs.p;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.poi.poifs.filesystem.POIFSFileSystem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Binary Word documents (.doc) made by LibreOffice from the .docx bodies below (src/test/resources/word/README.md says
 * how): a .doc has no grid, only each cell's left edge and width, and is read to the tables a person sees.
 */
class DocBodyReaderTest {

    @TempDir
    Path dir;

    /** Twips as Word counts them; the .doc's cells keep these widths. */
    private static String tc(String content, int width, String properties) {
        return "<w:tc><w:tcPr><w:tcW w:w=\"" + width + "\" w:type=\"dxa\"/>" + properties + "</w:tcPr>" + content + "</w:tc>";
    }

    /**
     * The body cells.doc was saved from: a cell of two paragraphs, a cell holding a nested table, a row indented by one
     * column, a cell two columns wide.
     */
    static final String CELLS = p("某某镇人民政府2020年政府信息公开工作年度报告")
            + "<w:tbl><w:tblPr><w:tblW w:w=\"4500\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/></w:tblPr>"
            + "<w:tblGrid><w:gridCol w:w=\"1500\"/><w:gridCol w:w=\"1500\"/><w:gridCol w:w=\"1500\"/></w:tblGrid>"
            + "<w:tr>" + tc(p("甲") + p("乙"), 1500, "") + tc(p("1"), 1500, "")
            + tc(p("外") + "<w:tbl><w:tblPr><w:tblW w:w=\"1000\" w:type=\"dxa\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"1000\"/></w:tblGrid>"
                    + "<w:tr>" + tc(p("内"), 1000, "") + "</w:tr></w:tbl>" + p("外二"), 1500, "") + "</w:tr>"
            + "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/><w:wBefore w:w=\"1500\" w:type=\"dxa\"/></w:trPr>"
            + tc(p("缩"), 1500, "") + tc(p("2"), 1500, "") + "</w:tr>"
            + "<w:tr>" + tc(p("宽"), 3000, "<w:gridSpan w:val=\"2\"/>") + tc(p("3"), 1500, "") + "</w:tr></w:tbl>" + p("");

    /**
     * The body shapes.doc was saved from: three rows of four cells 1500 twips wide, aligned top, centre and bottom, so
     * that each row of the .doc carries table properties of its own, told apart by the cells' alignment.
     */
    static final String SHAPES = "<w:tbl><w:tblPr><w:tblW w:w=\"6000\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/></w:tblPr>"
            + "<w:tblGrid>" + "<w:gridCol w:w=\"1500\"/>".repeat(4) + "</w:tblGrid>"
            + shapesRow("top", "甲", "乙", "丙", "丁") + shapesRow("center", "戊", "己", "庚", "辛")
            + shapesRow("bottom", "子", "丑", "寅", "卯") + "</w:tbl>" + p("");

    private static String shapesRow(String alignment, String... texts) {
        StringBuilder row = new StringBuilder("<w:tr>");
        for (String text : texts) {
            row.append(tc(p(text), 1500, "<w:vAlign w:val=\"" + alignment + "\"/>"));
        }
        return row.append("</w:tr>").toString();
    }

    /** sprmTDefTable: a row's cell boundaries (rgdxaCenter, twips) and its cells' descriptors (TC, 20 bytes each). */
    private static final int SPRM_T_DEF_TABLE = 0xD608;
    private static final int TC_SIZE = 20;
    /** The bits of a TC's first word: merged into the cell before, first of such a merge; its vertical alignment. */
    private static final int TC_MERGED = 0x2;
    private static final int TC_FIRST_MERGED = 0x1;
    private static final int TC_VERTICAL_ALIGNMENT = 0x180;
    private static final int ALIGNED_CENTRE = 0x80;
    private static final int ALIGNED_BOTTOM = 0x100;

    /**
     * shapes.doc with its rows rewritten in place into shapes Word writes and LibreOffice does not (HWPF gives a cell of a
     * .doc the row's boundary of its own index as its left edge and the next one as its right edge):
     * <ul>
     * <li>row 1 (top): its first two cells merged the legacy way, the first marked fFirstMerged, the second fMerged;
     * <li>row 2 (centre): starting one column right of the table's left edge: boundaries 1392 2892 4392 5891 7392
     *     instead of −108 1392 2892 4392 5891;
     * <li>row 3 (bottom): damaged, its boundaries going back: −108 2892 1392 1392 5891, so that its second cell is of
     *     negative width, its third of none, and its last overlaps both.
     * </ul>
     * Only bytes are changed, none moved: the same lengths, so the rest of the file stays where it was.
     */
    private Path shapesAsWordWrites() throws IOException {
        POIFSFileSystem fs;
        try (InputStream in = Files.newInputStream(Path.of("src/test/resources/word/shapes.doc"))) {
            fs = new POIFSFileSystem(in);
        }
        byte[] doc;
        try (InputStream in = fs.createDocumentInputStream("WordDocument")) {
            doc = in.readAllBytes();
        }
        int rows = 0;
        for (int i = 0; i + 5 < doc.length; i++) {
            if (u16(doc, i) != SPRM_T_DEF_TABLE || (doc[i + 4] & 0xff) != 4) {
                continue; // not the table properties of a row of four cells
            }
            int centers = i + 5;
            int cells = centers + 2 * 5;
            int alignment = u16(doc, cells) & TC_VERTICAL_ALIGNMENT;
            if (alignment == ALIGNED_CENTRE) {
                putCenters(doc, centers, 1392, 2892, 4392, 5891, 7392);
            } else if (alignment == ALIGNED_BOTTOM) {
                putCenters(doc, centers, -108, 2892, 1392, 1392, 5891);
            } else {
                putU16(doc, cells, u16(doc, cells) | TC_FIRST_MERGED);
                putU16(doc, cells + TC_SIZE, u16(doc, cells + TC_SIZE) | TC_MERGED);
            }
            rows++;
        }
        assertThat(rows).as("rows of shapes.doc with table properties of their own").isEqualTo(3);
        fs.getRoot().createOrUpdateDocument("WordDocument", new ByteArrayInputStream(doc));
        Path patched = dir.resolve("shapes.doc");
        try (OutputStream out = Files.newOutputStream(patched)) {
            fs.writeFilesystem(out);
        }
        fs.close();
        return patched;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static void putU16(byte[] b, int at, int value) {
        b[at] = (byte) value;
        b[at + 1] = (byte) (value >> 8);
    }

    private static void putCenters(byte[] b, int at, int... twips) {
        for (int k = 0; k < twips.length; k++) {
            putU16(b, at + 2 * k, twips[k]);
        }
    }

    private static List<String> texts(SheetGrid grid) {
        return GridFiles.cells(grid).stream().map(c -> grid.address(c.row(), c.col()) + "=" + c.text()).toList();
    }

    @Test
    void paragraphsNestedTablesIndentedRowsAndWideCellsReadAsInTheDocxTheDocWasSavedFrom() throws Exception {
        Path docx = dir.resolve("cells.docx");
        WordDocs.docx(docx, CELLS);
        WorkbookGrid fromDocx = GridFiles.read(docx);
        WorkbookGrid fromDoc = GridFiles.read(Path.of("src/test/resources/word/cells.doc"));

        SheetGrid outer = fromDoc.sheets().get(0);
        assertThat(texts(outer)).containsExactly("第1行第1列=甲\n乙", "第1行第2列=1", "第1行第3列=外\n外二", "第2行第2列=缩",
                "第2行第3列=2", "第3行第1列=宽", "第3行第3列=3");
        assertThat(outer.mergedRegions()).containsExactly(new SheetGrid.Region(2, 2, 0, 1));
        assertThat(texts(fromDoc.sheets().get(1))).containsExactly("第1行第1列=内");
        assertThat(fromDoc.preamble()).containsExactly("某某镇人民政府2020年政府信息公开工作年度报告");
        // and the same as the .docx
        assertThat(fromDoc.sheets()).hasSameSizeAs(fromDocx.sheets());
        for (int s = 0; s < fromDocx.sheets().size(); s++) {
            assertThat(texts(fromDoc.sheets().get(s))).isEqualTo(texts(fromDocx.sheets().get(s)));
            assertThat(fromDoc.sheets().get(s).mergedRegions()).isEqualTo(fromDocx.sheets().get(s).mergedRegions());
        }
    }

    /**
     * edges.doc: three rows of three cells, their widths in twips 1500 1500 1500 / 1530 1470 1500 / 1560 1440 1500 (the
     * .doc's left edge is at −108). The edges at 1500 and 1530 are 30 twips apart, within {@link DocBodyReader#EDGE_TOLERANCE}:
     * one boundary; the edge at 1560 is 60 from 1500: a boundary of its own. The columns are then 0–1500, 1500–1560,
     * 1560–3000 and 3000–4500, and the edge at 1530, 30 from 1500 and from 1560, goes to the left one.
     */
    @Test
    void edgesWithinTheToleranceAreOneBoundaryAndAnEdgeHalfwayGoesLeft() throws Exception {
        SheetGrid t = GridFiles.read(Path.of("src/test/resources/word/edges.doc")).sheets().get(0);

        assertThat(texts(t)).containsExactly("第1行第1列=一", "第1行第2列=二", "第1行第4列=三", "第2行第1列=四", "第2行第2列=五",
                "第2行第4列=六", "第3行第1列=七", "第3行第3列=八", "第3行第4列=九");
        assertThat(t.mergedRegions()).containsExactlyInAnyOrder(new SheetGrid.Region(0, 0, 1, 2), new SheetGrid.Region(1, 1, 1, 2),
                new SheetGrid.Region(2, 2, 0, 1));
    }

    /**
     * The boundaries of all rows are −108 1392 2892 4392 5891 7392: five columns. A legacy merge widens the first cell
     * over the second, whose own text is not shown (LibreOffice shows the two as one cell holding 甲); a row that starts
     * right of the table's edge leaves the columns before it empty; a damaged row's cells stay in their order, each at
     * least a column wide, none over another.
     */
    @Test
    void legacyMergesRowsStartingRightOfTheEdgeAndOverlappingCellsReadAsTheyStand() throws Exception {
        SheetGrid t = GridFiles.read(shapesAsWordWrites()).sheets().get(0);

        assertThat(texts(t)).containsExactly("第1行第1列=甲", "第1行第3列=丙", "第1行第4列=丁",
                "第2行第2列=戊", "第2行第3列=己", "第2行第4列=庚", "第2行第5列=辛",
                "第3行第1列=子", "第3行第3列=丑", "第3行第4列=寅", "第3行第5列=卯");
        assertThat(t.mergedRegions()).containsExactlyInAnyOrder(new SheetGrid.Region(0, 0, 0, 1), new SheetGrid.Region(2, 2, 0, 1));
    }
}
