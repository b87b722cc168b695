package cn.nianbao.ingest;

import static cn.nianbao.ingest.WordDocs.p;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

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
}
