package cn.nianbao.ingest;

import static cn.nianbao.ingest.WordDocs.docx;
import static cn.nianbao.ingest.WordDocs.p;
import static cn.nianbao.ingest.WordDocs.tbl;
import static cn.nianbao.ingest.WordDocs.tc;
import static cn.nianbao.ingest.WordDocs.tr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-made Word documents read into grids: merged cells, the text Word shows, nesting, limits, dispatch by content. */
class WordReportReaderTest {

    @TempDir
    Path dir;

    private WorkbookGrid read(String bodyXml) throws Exception {
        return read(bodyXml, ReadLimits.defaults());
    }

    private WorkbookGrid read(String bodyXml, ReadLimits limits) throws Exception {
        Path file = dir.resolve("report.docx");
        docx(file, bodyXml);
        return new WorkbookGridReader(limits).read(file);
    }

    @Test
    void gridSpanAndVerticalMergesBecomeMergedRegionsWithTheTextInTheTopLeftCell() throws Exception {
        WorkbookGrid grid = read(tbl(
                tr(tc("<w:vMerge w:val=\"restart\"/>", p("三、本年度办理结果")), tc("<w:gridSpan w:val=\"2\"/>", p("申请人情况")), tc("x")),
                tr(tc("<w:vMerge/>", p("")), tc("（一）予以公开"), tc("7"), tc("8")),
                // legacy horizontal merge: the second cell continues the first
                tr(tc("<w:vMerge w:val=\"continue\"/>", ""), tc("<w:hMerge w:val=\"restart\"/>", p("宽")), tc("<w:hMerge/>", p("")), tc("9")),
                // a row indented by one grid column
                "<w:tr><w:trPr><w:gridBefore w:val=\"2\"/></w:trPr>" + tc("缩进") + tc("10") + "</w:tr>"));

        assertThat(grid.source()).isEqualTo(WorkbookGrid.Source.WORD);
        SheetGrid t = grid.sheets().get(0);
        assertThat(t.name()).isEqualTo("表1");
        assertThat(t.address(4, 1)).isEqualTo("第5行第2列");
        assertThat(t.mergedRegions()).containsExactlyInAnyOrder(
                new SheetGrid.Region(0, 0, 1, 2), new SheetGrid.Region(0, 2, 0, 0), new SheetGrid.Region(2, 2, 1, 2));
        assertThat(t.get(2, 0).text()).isEqualTo("三、本年度办理结果");
        assertThat(t.get(0, 2).text()).isEqualTo("申请人情况");
        assertThat(t.get(0, 3).text()).isEqualTo("x");
        assertThat(t.get(1, 2).text()).isEqualTo("7");
        assertThat(t.get(2, 2).text()).isEqualTo("宽");
        assertThat(t.get(2, 3).text()).isEqualTo("9");
        assertThat(t.get(3, 2).text()).isEqualTo("缩进");
        assertThat(t.get(3, 3).text()).isEqualTo("10");
        assertThat(t.get(3, 0).kind()).isEqualTo(CellKind.BLANK);
    }

    @Test
    void aCellReadsAsWordShowsIt() throws Exception {
        String run = "<w:r><w:t>%s</w:t></w:r>";
        String shown = "<w:p>" + run.formatted("1")
                + "<w:del w:id=\"1\" w:author=\"a\"><w:r><w:delText>2</w:delText></w:r></w:del>"
                + "<w:ins w:id=\"2\" w:author=\"a\">" + run.formatted("3") + "</w:ins>"
                + "<w:r><w:rPr><w:vanish/></w:rPr><w:t>4</w:t></w:r>"
                + "<w:r><w:rPr><w:vanish w:val=\"0\"/></w:rPr><w:t>5</w:t></w:r>"
                + "</w:p>"
                // a formula field: its code is not shown, its result is
                + "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>=SUM(LEFT)</w:instrText></w:r>"
                + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" + run.formatted("25") + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
                + "<w:fldSimple w:instr=\"=1\">" + run.formatted(" 元") + "</w:fldSimple></w:p>"
                + "<w:p><w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr>" + run.formatted("第三段") + "<w:r><w:br/><w:t>换行</w:t></w:r></w:p>"
                // a text box anchored in the cell is not the cell's text
                + "<w:p><w:r><w:pict><w:txbxContent>" + p("文本框") + "</w:txbxContent></w:pict></w:r></w:p>";
        WorkbookGrid grid = read(tbl(tr(tc("", shown), tc("&amp;&lt;"))));
        assertThat(grid.sheets().get(0).get(0, 0).text()).isEqualTo("135\n25 元\n第三段\n换行");
        assertThat(grid.sheets().get(0).get(0, 1).text()).isEqualTo("&<");
    }

    @Test
    void nestedFieldsTabsHyphensAlternativeContentAndHiddenRunsShowAsWordShowsThem() throws Exception {
        String run = "<w:r><w:t>%s</w:t></w:r>";
        String fld = "<w:r><w:fldChar w:fldCharType=\"%s\"/></w:r>";
        String code = "<w:r><w:instrText>%s</w:instrText></w:r>";
        // IF { =1 } = 1 "是": the inner field's result is part of the outer field's code, not shown
        String nested = "<w:p>" + fld.formatted("begin") + code.formatted("IF ") + fld.formatted("begin") + code.formatted("=1")
                + fld.formatted("separate") + run.formatted("内") + fld.formatted("end") + code.formatted(" = 1 \"是\"")
                + fld.formatted("separate") + run.formatted("是") + fld.formatted("end") + run.formatted("后")
                // a separate or an end with no field open changes nothing
                + fld.formatted("separate") + fld.formatted("end") + run.formatted("尾") + "</w:p>";
        String marks = "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>"
                + "<w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:noBreakHyphen/><w:t>丙</w:t><w:cr/><w:t>丁</w:t></w:r></w:p>";
        String alternative = "<w:p><mc:AlternateContent xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">"
                + "<mc:Choice Requires=\"wps\">" + run.formatted("选") + "</mc:Choice><mc:Fallback>" + run.formatted("备") + "</mc:Fallback>"
                + "</mc:AlternateContent><m:oMath xmlns:m=\"http://schemas.openxmlformats.org/officeDocument/2006/math\"><m:r><m:t>x</m:t></m:r></m:oMath></w:p>";
        String vanish = "<w:p>" + "<w:r><w:rPr><w:vanish w:val=\"false\"/></w:rPr><w:t>1</w:t></w:r>"
                + "<w:r><w:rPr><w:vanish w:val=\"off\"/></w:rPr><w:t>2</w:t></w:r>"
                + "<w:r><w:rPr><w:vanish w:val=\"true\"/></w:rPr><w:t>3</w:t></w:r>"
                + "<w:r><w:rPr><w:vanish w:val=\"1\"/></w:rPr><w:t>4</w:t></w:r>" + run.formatted("5") + "</w:p>";
        String outside = run.formatted("段外") + "<w:p>" + run.formatted("段内") + "</w:p>";

        SheetGrid t = read(tbl(tr(tc("", nested), tc("", marks), tc("", alternative), tc("", vanish), tc("", outside)))).sheets().get(0);

        assertThat(t.get(0, 0).text()).isEqualTo("是后尾");
        assertThat(t.get(0, 1).text()).isEqualTo("甲\t乙-丙\n丁");
        assertThat(t.get(0, 2).text()).isEqualTo("选");
        assertThat(t.get(0, 3).text()).isEqualTo("125");
        assertThat(t.get(0, 4).text()).as("a run outside any paragraph is no text Word shows").isEqualTo("段内");
    }

    @Test
    void aFieldWithTwoFieldsInItsCodeShowsOnlyItsResultAndFormerlyHiddenTextShows() throws Exception {
        String run = "<w:r><w:t>%s</w:t></w:r>";
        String fld = "<w:r><w:fldChar w:fldCharType=\"%s\"/></w:r>";
        String code = "<w:r><w:instrText>%s</w:instrText></w:r>";
        // IF { =1 } = { =2 } "是" "否": both inner results are part of the outer field's code
        String twoInner = "<w:p>" + fld.formatted("begin") + code.formatted("IF ")
                + fld.formatted("begin") + code.formatted("=1") + fld.formatted("separate") + run.formatted("一") + fld.formatted("end")
                + code.formatted(" = ")
                + fld.formatted("begin") + code.formatted("=2") + fld.formatted("separate") + run.formatted("二") + fld.formatted("end")
                + code.formatted(" \"是\" \"否\"") + fld.formatted("separate") + run.formatted("否") + fld.formatted("end") + "</w:p>";
        // a tracked change of formatting: the run was hidden before the change and is shown now
        String wasHidden = "<w:p><w:r><w:rPr><w:rPrChange w:id=\"1\" w:author=\"a\"><w:rPr><w:vanish/></w:rPr></w:rPrChange></w:rPr>"
                + "<w:t>12</w:t></w:r></w:p>";

        SheetGrid t = read(tbl(tr(tc("", twoInner), tc("", wasHidden)))).sheets().get(0);

        assertThat(t.get(0, 0).text()).isEqualTo("否");
        assertThat(t.get(0, 1).text()).isEqualTo("12");
    }

    @Test
    void emptyRowsSpansWithoutAValueAndTextAtTheLengthLimit() throws Exception {
        String limit = varied(WordTableBuilder.MAX_CELL_CHARS);
        WorkbookGrid grid = read(tbl(tr(tc("<w:gridSpan/>", p("一")), tc("<w:gridSpan w:val=\"两\"/>", p("二"))), "<w:tr></w:tr>",
                "<w:tr><w:trPr><w:gridBefore/></w:trPr>" + tc("三") + "</w:tr>", tr(tc("", p(limit)))));

        SheetGrid t = grid.sheets().get(0);
        assertThat(t.get(0, 0).text()).isEqualTo("一");
        assertThat(t.get(0, 1).text()).isEqualTo("二");
        assertThat(t.mergedRegions()).isEmpty();
        assertThat(t.rowIndexes()).as("the empty second row is a row").containsExactly(0, 2, 3);
        assertThat(t.get(2, 0).text()).isEqualTo("三");
        assertThat(t.get(3, 0).text()).hasSize(WordTableBuilder.MAX_CELL_CHARS);

        assertThatThrownBy(() -> read(tbl(tr(tc("", p(limit + "多"))))))
                .isInstanceOfSatisfying(UnreadableWorkbookException.class, e -> assertThat(e.getMessage())
                        .startsWith("表格「表1」中一个单元格的文字超过 100000 字，已拒绝读取"));
        assertThatThrownBy(() -> read(tbl(tr(tc("", "<w:p><w:r><w:t>" + limit + "</w:t><w:t>多</w:t></w:r></w:p>")))))
                .isInstanceOf(UnreadableWorkbookException.class);
    }

    /** Text of {@code n} characters that does not compress like a zip bomb (a repeated character would be refused as one). */
    private static String varied(int n) {
        java.util.Random random = new java.util.Random(n);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) (0x4E00 + random.nextInt(0x5000)));
        }
        return b.toString();
    }

    @Test
    void aParagraphBeforeTheTablesTooLongForACellKeepsItsBeginning() throws Exception {
        WorkbookGrid grid = read("<w:p><w:r><w:t>某某镇人民政府2021年政府信息公开工作年度报告</w:t><w:t>" + varied(WordTableBuilder.MAX_CELL_CHARS)
                + "</w:t></w:r></w:p>" + tbl(tr(tc("表"))));

        // what fits of the paragraph is kept, and of that the first MAX_PREAMBLE_CHARS: the title
        assertThat(grid.preamble()).singleElement().satisfies(t -> {
            assertThat(t).startsWith("某某镇人民政府2021年政府信息公开工作年度报告");
            assertThat(t).hasSize(WordTables.MAX_PREAMBLE_CHARS);
        });
        assertThat(ReportTitle.find(grid)).extracting(ReportTitle::year).containsExactly(2021);
    }

    @Test
    void thePreambleKeepsAtMostItsNumberOfParagraphs() throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 1; i <= WordTables.MAX_PREAMBLE_PARAGRAPHS + 1; i++) {
            body.append(p("第" + i + "段"));
        }
        WorkbookGrid grid = read(body + tbl(tr(tc("表"))));

        assertThat(grid.preamble()).hasSize(WordTables.MAX_PREAMBLE_PARAGRAPHS).startsWith("第1段")
                .endsWith("第" + WordTables.MAX_PREAMBLE_PARAGRAPHS + "段");
    }

    @Test
    void aNestedTableIsItsOwnGridAfterItsParentAndThePreambleIsTheTextBeforeTheFirstTable() throws Exception {
        WorkbookGrid grid = read(p("鲤城区人民政府开元街道办事处2020年政府信息公开工作年度报告") + p("") + p("一、总体情况")
                + tbl(tr(tc("", p("外") + tbl(tr(tc("内"))) + p("外二")), tc("1")))
                + p("正文中的段落") + tbl(tr(tc("三"))));

        assertThat(grid.preamble()).containsExactly("鲤城区人民政府开元街道办事处2020年政府信息公开工作年度报告", "一、总体情况");
        assertThat(grid.sheets()).extracting(SheetGrid::name).containsExactly("表1", "表2", "表3");
        assertThat(grid.sheets().get(0).get(0, 0).text()).isEqualTo("外\n外二");
        assertThat(grid.sheets().get(1).get(0, 0).text()).isEqualTo("内");
        assertThat(grid.sheets().get(2).get(0, 0).text()).isEqualTo("三");
        assertThat(ReportTitle.find(grid)).singleElement().satisfies(t -> {
            assertThat(t.agencyName()).isEqualTo("鲤城区人民政府开元街道办事处");
            assertThat(t.year()).isEqualTo(2020);
        });
    }

    @Test
    void tablesBeyondTheLimitsAreRefusedAsTooLarge() throws Exception {
        ReadLimits small = new ReadLimits(ReadLimits.DEFAULT_MAX_FILE_BYTES, 2, 3, 4, ReadLimits.DEFAULT_MAX_ENTRY_BYTES,
                ReadLimits.DEFAULT_MIN_INFLATE_RATIO, 10);
        String row = tr(tc("a"), tc("b"));
        assertTooLarge(() -> read(tbl(row) + tbl(row) + tbl(row), small), "表格超过 2 个");
        assertTooLarge(() -> read(tbl(row, row, row, row), small), "表格「表1」超过 3 行");
        assertTooLarge(() -> read(tbl(tr(tc("<w:gridSpan w:val=\"2147483647\"/>", p("宽")))), small), "表格「表1」第1行超过 4 列");
        assertTooLarge(() -> read(tbl(tr(tc("1"), tc("2"), tc("3"), tc("4")), tr(tc("1"), tc("2"), tc("3"), tc("4")),
                tr(tc("1"), tc("2"), tc("3"), tc("4"))), small), "超过 10 个单元格");
        assertThat(read(tbl(row) + tbl(row), small).sheets()).as("as many tables as the limit").hasSize(2);
        // the same tables within the default limits
        assertThat(read(tbl(row, row, row, row)).sheets()).hasSize(1);
    }

    private static void assertTooLarge(org.assertj.core.api.ThrowableAssert.ThrowingCallable read, String words) {
        assertThatThrownBy(read).isInstanceOfSatisfying(UnreadableWorkbookException.class, e -> {
            assertThat(e.rule()).isEqualTo("PARSE-TOO-LARGE");
            assertThat(e.getMessage()).contains(words).contains("另存为 .docx");
        });
    }

    @Test
    void whatAFileIsComesFromItsContentNotItsName() throws Exception {
        WorkbookGridReader reader = new WorkbookGridReader(ReadLimits.defaults());
        Path wordNamedXlsx = dir.resolve("年报.xlsx");
        docx(wordNamedXlsx, tbl(tr(tc("规章"), tc("0"))));
        assertThat(reader.read(wordNamedXlsx).source()).isEqualTo(WorkbookGrid.Source.WORD);

        Path rtf = dir.resolve("年报.doc");
        Files.writeString(rtf, "{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}}\\trowd\\cellx1000 12\\cell\\row}", StandardCharsets.US_ASCII);
        assertRefused(reader, rtf, "PARSE-UNREADABLE", "RTF", "另存为 .docx");

        Path word2 = dir.resolve("旧版.doc");
        Files.write(word2, new byte[] {(byte) 0xDB, (byte) 0xA5, 0x2D, 0x00, 0, 0, 0, 0, 0, 0, 0, 0});
        assertRefused(reader, word2, "PARSE-UNREADABLE", "旧格式", "另存为 .docx");

        Path text = dir.resolve("改名.docx");
        Files.writeString(text, "这不是文档");
        assertRefused(reader, text, "PARSE-UNREADABLE", "不是 Excel 工作簿，也不是 Word 文档");

        Path doctype = dir.resolve("外部实体.docx");
        WordDocs.withDocumentXml(doctype, "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<w:document xmlns:w=\"" + WordDocs.W + "\"><w:body>" + p("&x;") + "</w:body></w:document>");
        assertRefused(reader, doctype, "PARSE-UNREADABLE", "Word 文档含有不允许的 XML 声明");

        Path otherRoot = dir.resolve("非正文.docx");
        WordDocs.withDocumentXml(otherRoot, "<?xml version=\"1.0\"?><x/>");
        assertRefused(reader, otherRoot, "PARSE-UNREADABLE", "不是可读取的 Word 文档（压缩包中没有文档正文");

        Path notDocument = dir.resolve("无正文.docx");
        WordDocs.withDocumentXml(notDocument, "<?xml version=\"1.0\"?><w:document xmlns:w=\"" + WordDocs.W + "\"/>");
        assertThat(reader.read(notDocument).sheets()).isEmpty();
    }

    /** An OLE2 file whose WordDocument stream begins with a Word 95 file information block (nFib 104). */
    @Test
    void aWord95DocumentIsRefusedAsAnOldFormat() throws Exception {
        byte[] fib = new byte[4096];
        fib[0] = (byte) 0xEC; // wIdent 0xA5EC
        fib[1] = (byte) 0xA5;
        fib[2] = 104; // nFib: Word 95
        Path doc = dir.resolve("旧版.doc");
        try (POIFSFileSystem fs = new POIFSFileSystem(); OutputStream out = Files.newOutputStream(doc)) {
            fs.createDocument(new java.io.ByteArrayInputStream(fib), "WordDocument");
            fs.writeFilesystem(out);
        }
        assertRefused(new WorkbookGridReader(ReadLimits.defaults()), doc, "PARSE-UNREADABLE", "Word 6.0/95", "另存为 .docx");
    }

    @Test
    void anEncryptedWordDocumentIsNamedAsOne() throws Exception {
        Path plain = dir.resolve("plain.docx");
        docx(plain, tbl(tr(tc("规章"), tc("0"))));
        Path encrypted = dir.resolve("加密.docx");
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
            encryptor.confirmPassword("年报");
            try (OutputStream os = encryptor.getDataStream(fs)) {
                os.write(Files.readAllBytes(plain));
            }
            try (OutputStream out = Files.newOutputStream(encrypted)) {
                fs.writeFilesystem(out);
            }
        }
        assertRefused(new WorkbookGridReader(ReadLimits.defaults()), encrypted, "PARSE-ENCRYPTED", "文档设置了打开密码", "保护文档");
    }

    private static void assertRefused(WorkbookGridReader reader, Path file, String rule, String... words) {
        assertThatThrownBy(() -> reader.read(file)).isInstanceOfSatisfying(UnreadableWorkbookException.class, e -> {
            assertThat(e.rule()).as(file.toString()).isEqualTo(rule);
            assertThat(e.getMessage()).as(file.toString()).contains(words);
        });
    }

    @Test
    void controlCharactersAndFieldCodesOfADocAreNotText() {
        assertThat(DocBodyReader.withoutControls("\u0013 =SUM(LEFT) \u001425\u0015 元\u0007\r")).isEqualTo("25 元");
        assertThat(DocBodyReader.withoutControls("\u0013 IF \u0013 PAGE \u00141\u0015 \u0014是\u0015\u000b第二行\u0001")).isEqualTo("是\n第二行");
    }
}
