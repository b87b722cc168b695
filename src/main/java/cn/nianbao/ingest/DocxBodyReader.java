package cn.nianbao.ingest;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.util.XMLHelper;

/**
 * Streams a .docx's main part ({@code word/document.xml}) into {@link WordTables}: memory grows with the tables
 * kept, not with the XML, which XWPF's object model would hold whole (a 100,000-cell table, 6 MB of XML, held
 * 160 MB of heap in XWPF). XML is parsed by POI's hardened StAX factory; a DOCTYPE refuses the file.
 *
 * <p>A cell's text is what Word shows: its paragraphs joined by "\n", with inserted text but without deleted or
 * moved-away text, without field codes (a field's shown result is kept, e.g. the sum of {@code =SUM(LEFT)}),
 * without hidden text, and without text boxes, drawings and alternative content.
 */
final class DocxBodyReader {

    private static final XMLInputFactory XML = XMLHelper.newXMLInputFactory();

    static final Set<String> WORDPROCESSINGML = Set.of("http://schemas.openxmlformats.org/wordprocessingml/2006/main",
            "http://purl.oclc.org/ooxml/wordprocessingml/main");
    private static final String MARKUP_COMPATIBILITY = "http://schemas.openxmlformats.org/markup-compatibility/2006";

    /** Subtrees whose text Word does not show in the document, or shows elsewhere, or that only record a change. */
    private static final Set<String> NOT_SHOWN = Set.of("del", "moveFrom", "instrText", "delInstrText", "txbxContent",
            "drawing", "pict", "object", "rPrChange", "pPrChange", "trPrChange", "tcPrChange", "tblPrChange",
            "tblGridChange", "sectPrChange", "numberingChange");

    private final ReadLimits limits;

    DocxBodyReader(ReadLimits limits) {
        this.limits = limits;
    }

    /** The state of one table being read; nested tables stack. */
    private static final class Table {
        final WordTableBuilder builder;
        boolean rowPending;
        int gridBefore;
        /** The cell being read, null between cells. */
        StringBuilder cell;
        int paragraphs;
        int span;
        WordTableBuilder.VMerge vMerge;
        boolean continuesLeft;

        Table(WordTableBuilder builder) {
            this.builder = builder;
        }
    }

    WorkbookGrid read(InputStream documentXml) throws XMLStreamException, UnreadableWorkbookException {
        WordTables out = new WordTables(limits);
        Deque<Table> tables = new ArrayDeque<>();
        Deque<String> path = new ArrayDeque<>(); // local names of the open WordprocessingML elements, innermost first
        Deque<Boolean> fields = new ArrayDeque<>(); // open fields: true once past their code, in their shown result
        StringBuilder paragraph = new StringBuilder();
        boolean runHidden = false;
        boolean inText = false;
        boolean rootSeen = false;
        int skipDepth = 0;
        XMLStreamReader xml = XML.createXMLStreamReader(documentXml);
        try {
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.DTD) {
                    throw new UnreadableWorkbookException("PARSE-UNREADABLE", WordReportReader.DOCTYPE_MESSAGE, null);
                }
                if (skipDepth > 0) {
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        skipDepth++;
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        skipDepth--;
                    }
                    continue;
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = xml.getLocalName();
                    if (!rootSeen) {
                        rootSeen = true;
                        if (!name.equals("document") || !WORDPROCESSINGML.contains(xml.getNamespaceURI())) {
                            throw WordReportReader.notAWordDocument();
                        }
                    }
                    boolean w = WORDPROCESSINGML.contains(xml.getNamespaceURI());
                    if ((w && NOT_SHOWN.contains(name)) || (MARKUP_COMPATIBILITY.equals(xml.getNamespaceURI()) && name.equals("Fallback"))) {
                        skipDepth = 1;
                        continue;
                    }
                    if (!w) {
                        continue; // another vocabulary's element (DrawingML, math, custom XML): its text is not the cell's
                    }
                    String parent = path.peek();
                    path.push(name);
                    Table table = tables.peek();
                    switch (name) {
                        case "tbl" -> tables.push(new Table(out.begin()));
                        case "tr" -> {
                            if (table != null) {
                                table.rowPending = true;
                                table.gridBefore = 0;
                            }
                        }
                        case "gridBefore" -> {
                            if (table != null && "trPr".equals(parent)) {
                                table.gridBefore = number(xml, 0);
                            }
                        }
                        case "tc" -> {
                            if (table != null) {
                                startRowIfPending(table);
                                table.cell = new StringBuilder();
                                table.paragraphs = 0;
                                table.span = 1;
                                table.vMerge = WordTableBuilder.VMerge.NONE;
                                table.continuesLeft = false;
                            }
                        }
                        case "gridSpan" -> {
                            if (table != null && table.cell != null && "tcPr".equals(parent)) {
                                table.span = number(xml, 1);
                            }
                        }
                        case "vMerge" -> {
                            if (table != null && table.cell != null && "tcPr".equals(parent)) {
                                table.vMerge = "restart".equals(attribute(xml, "val")) ? WordTableBuilder.VMerge.RESTART
                                        : WordTableBuilder.VMerge.CONTINUE;
                            }
                        }
                        case "hMerge" -> {
                            if (table != null && table.cell != null && "tcPr".equals(parent)) {
                                table.continuesLeft = !"restart".equals(attribute(xml, "val"));
                            }
                        }
                        case "p" -> paragraph.setLength(0);
                        case "r" -> runHidden = false;
                        case "vanish" -> {
                            if ("rPr".equals(parent) && isInRun(path) && isOn(attribute(xml, "val"))) {
                                runHidden = true;
                            }
                        }
                        case "fldChar" -> {
                            String type = attribute(xml, "fldCharType");
                            if ("begin".equals(type)) {
                                fields.push(Boolean.FALSE);
                            } else if ("separate".equals(type) && !fields.isEmpty()) {
                                fields.pop();
                                fields.push(Boolean.TRUE);
                            } else if ("end".equals(type) && !fields.isEmpty()) {
                                fields.pop();
                            }
                        }
                        case "t" -> inText = "r".equals(parent);
                        case "tab" -> append(paragraph, "r".equals(parent), runHidden, fields, "\t", table);
                        case "br", "cr" -> append(paragraph, "r".equals(parent), runHidden, fields, "\n", table);
                        case "noBreakHyphen" -> append(paragraph, "r".equals(parent), runHidden, fields, "-", table);
                        default -> {
                        }
                    }
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    if (inText) {
                        append(paragraph, true, runHidden, fields, xml.getText(), tables.peek());
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (!WORDPROCESSINGML.contains(xml.getNamespaceURI())) {
                        continue;
                    }
                    String name = xml.getLocalName();
                    path.poll();
                    Table table = tables.peek();
                    switch (name) {
                        case "t" -> inText = false;
                        case "p" -> {
                            if (table != null && table.cell != null) {
                                if (table.paragraphs++ > 0) {
                                    table.cell.append('\n');
                                }
                                table.cell.append(paragraph);
                            } else if (tables.isEmpty()) {
                                out.paragraph(paragraph.toString());
                            }
                            paragraph.setLength(0);
                        }
                        case "tc" -> {
                            if (table != null && table.cell != null) {
                                String text = cellText(table.cell);
                                if (table.continuesLeft) {
                                    table.builder.continueLeft(table.span);
                                } else {
                                    table.builder.cell(table.span, table.vMerge, text);
                                }
                                table.cell = null;
                            }
                        }
                        case "tr" -> {
                            if (table != null) {
                                startRowIfPending(table);
                            }
                        }
                        case "tbl" -> {
                            if (table != null) {
                                out.end(table.builder);
                                tables.pop();
                            }
                        }
                        default -> {
                        }
                    }
                }
            }
        } finally {
            xml.close();
        }
        if (!rootSeen) {
            throw WordReportReader.notAWordDocument();
        }
        return out.grid();
    }

    private static void startRowIfPending(Table table) throws UnreadableWorkbookException {
        if (table.rowPending) {
            table.rowPending = false;
            table.builder.startRow(table.gridBefore);
        }
    }

    /** A cell's paragraphs joined by "\n"; blank lines at either end dropped; null when nothing shows. */
    private static String cellText(StringBuilder cell) {
        String s = cell.toString().strip();
        return s.isEmpty() ? null : s;
    }

    private void append(StringBuilder paragraph, boolean inRun, boolean hidden, Deque<Boolean> fields, String text, Table table)
            throws UnreadableWorkbookException {
        if (!inRun || hidden || fields.contains(Boolean.FALSE)) {
            return;
        }
        if (paragraph.length() + text.length() > WordTableBuilder.MAX_CELL_CHARS) {
            if (table != null && table.cell != null) {
                throw WordReportReader.tooLarge("表格「" + table.builder.name() + "」中一个单元格的文字超过 "
                        + WordTableBuilder.MAX_CELL_CHARS + " 字");
            }
            return; // a narrative paragraph that long: only its beginning can matter (a title)
        }
        paragraph.append(text);
    }

    private static boolean isInRun(Deque<String> path) {
        // path: vanish, rPr, r … ; the run properties of a paragraph mark (pPr/rPr) hide the mark, not the text
        var it = path.iterator();
        it.next();
        it.next();
        return it.hasNext() && it.next().equals("r");
    }

    private static boolean isOn(String val) {
        return val == null || !(val.equals("0") || val.equals("false") || val.equals("off"));
    }

    private static int number(XMLStreamReader xml, int otherwise) {
        String v = attribute(xml, "val");
        if (v == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            return otherwise; // a span Word cannot have: read as one column (the limits bound a huge one)
        }
    }

    private static String attribute(XMLStreamReader xml, String localName) {
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            if (xml.getAttributeLocalName(i).equals(localName)) {
                return xml.getAttributeValue(i);
            }
        }
        return null;
    }
}
