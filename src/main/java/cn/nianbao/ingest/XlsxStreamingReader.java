package cn.nianbao.ingest;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.NumberToTextConverter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;

/**
 * Reads an .xlsx package (opened and checked by {@link XlsxPackage}) into a {@link WorkbookGrid}
 * by streaming each worksheet's XML, without POI's usermodel (its per-file cost is most of a read). The
 * grid is the one the usermodel path gives: the same cells (raw values: numbers as the shortest text
 * Excel shows, shared and inline strings, booleans, error codes, formulas' cached results), the same
 * merged regions ({@code <mergeCell ref>}), the same limits.
 */
final class XlsxStreamingReader {

    /**
     * POI's hardened factory (no DTD, no external entities) with namespace processing off: it is about a third of
     * the cost of reading a sheet, and a sheet's elements are told apart by their local names anyway
     * ({@link #local}), whatever prefix the producer bound the SpreadsheetML namespace to.
     */
    private static final XMLInputFactory XML = sheetFactory();

    private static XMLInputFactory sheetFactory() {
        XMLInputFactory factory = XMLHelper.newXMLInputFactory();
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        return factory;
    }

    /** The element's name without its prefix: {@code c} for {@code <c>} and for {@code <x:c>}. */
    private static String local(XMLStreamReader xml) {
        String name = xml.getLocalName();
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(colon + 1);
    }

    private final ReadLimits limits;

    XlsxStreamingReader(ReadLimits limits) {
        this.limits = limits;
    }

    WorkbookGrid read(XlsxPackage pkg) throws Exception {
        List<String> strings = sharedStrings(pkg);
        List<SheetGrid> grids = new ArrayList<>(pkg.sheets().size());
        for (XlsxPackage.SheetPart sheet : pkg.sheets()) {
            try (InputStream in = pkg.sheet(sheet)) {
                grids.add(readSheet(sheet.name(), in, strings));
            }
        }
        return new WorkbookGrid(grids);
    }

    /**
     * The shared strings, each as the usermodel's rich text gives it: its runs' text concatenated (or its
     * single text), phonetic runs (furigana) left out, _xHHHH_ escapes decoded.
     */
    private static List<String> sharedStrings(XlsxPackage pkg) throws Exception {
        List<String> strings = new ArrayList<>();
        InputStream in = pkg.sharedStrings();
        if (in == null) {
            return strings;
        }
        try (in) {
            XMLStreamReader xml = XML.createXMLStreamReader(in);
            try {
                StringBuilder plain = null;
                StringBuilder runs = null;
                boolean inRun = false;
                int phonetic = 0;
                while (xml.hasNext()) {
                    int event = xml.next();
                    XlsxPackage.refuseDoctype(event);
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        switch (local(xml)) {
                            case "si" -> {
                                plain = new StringBuilder();
                                runs = null;
                            }
                            case "r" -> {
                                inRun = true;
                                if (runs == null) {
                                    runs = new StringBuilder();
                                }
                            }
                            case "rPh" -> phonetic++;
                            case "t" -> {
                                String text = xml.getElementText();
                                if (phonetic == 0 && plain != null) {
                                    (inRun ? runs : plain).append(text);
                                }
                            }
                            default -> {
                            }
                        }
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        switch (local(xml)) {
                            case "r" -> inRun = false;
                            case "rPh" -> phonetic--;
                            case "si" -> {
                                // with runs, the usermodel reads only the runs' text
                                strings.add(decode(runs != null ? runs.toString() : plain == null ? "" : plain.toString()));
                                plain = null;
                            }
                            default -> {
                            }
                        }
                    }
                }
            } finally {
                xml.close();
            }
        }
        return strings;
    }

    private SheetGrid readSheet(String name, InputStream in, List<String> strings) throws Exception {
        SheetGrid grid = new SheetGrid(name);
        List<SheetGrid.Region> merged = new ArrayList<>();
        int lastRow = -1;
        int row = -1;
        int col = -1;
        long cells = 0;
        XMLStreamReader xml = XML.createXMLStreamReader(in);
        try {
            while (xml.hasNext()) {
                int event = xml.next();
                XlsxPackage.refuseDoctype(event);
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (local(xml)) {
                    case "row" -> {
                        String r = xml.getAttributeValue(null, "r");
                        row = r == null ? row + 1 : Integer.parseInt(r.trim()) - 1;
                        col = -1;
                        lastRow = Math.max(lastRow, row);
                        if (row >= limits.maxRowsPerSheet()) {
                            throw tooManyRows(name, row + 1);
                        }
                    }
                    case "c" -> {
                        // Refused while reading, before a huge sheet can fill memory: one pass, no pre-scan.
                        if (++cells > limits.maxCellsPerSheet()) {
                            throw new UnreadableWorkbookException("PARSE-TOO-LARGE",
                                    "工作表「" + name + "」有超过 " + limits.maxCellsPerSheet()
                                            + " 个单元格（年报表格约 1000 个）；请删除与年报无关的数据后重新报送", null);
                        }
                        String ref = xml.getAttributeValue(null, "r");
                        col = ref == null ? col + 1 : column(ref);
                        if (ref != null) {
                            int r = rowOf(ref);
                            if (r >= 0) {
                                row = r;
                                lastRow = Math.max(lastRow, row);
                            }
                        }
                        GridCell cell = readCell(xml, row, col, strings);
                        if (col < limits.maxColumns() && cell.kind() != CellKind.BLANK) {
                            grid.put(cell);
                        }
                    }
                    case "mergeCell" -> {
                        String ref = xml.getAttributeValue(null, "ref");
                        if (ref != null) {
                            CellRangeAddress range = CellRangeAddress.valueOf(ref);
                            merged.add(new SheetGrid.Region(range.getFirstRow(), range.getLastRow(),
                                    range.getFirstColumn(), range.getLastColumn()));
                        }
                    }
                    default -> {
                    }
                }
            }
        } finally {
            xml.close();
        }
        if (lastRow >= limits.maxRowsPerSheet()) {
            throw tooManyRows(name, lastRow + 1);
        }
        addMerged(grid, merged, limits);
        return grid;
    }

    /**
     * Adds the merged regions within the limits to the grid. The cells they cover are bounded like stored cells
     * ({@link ReadLimits#maxCellsPerSheet()}): a report merges a few hundred, while a few thousand
     * {@code <mergeCell ref="A1:GR5000"/>} lines in a small file would otherwise cover billions.
     */
    static void addMerged(SheetGrid grid, List<SheetGrid.Region> merged, ReadLimits limits) throws UnreadableWorkbookException {
        long covered = 0;
        List<SheetGrid.Region> within = new ArrayList<>(merged.size());
        for (SheetGrid.Region range : merged) {
            if (range.firstCol() < limits.maxColumns() && range.lastRow() < limits.maxRowsPerSheet()) {
                SheetGrid.Region clipped = new SheetGrid.Region(range.firstRow(), range.lastRow(),
                        range.firstCol(), Math.min(range.lastCol(), limits.maxColumns() - 1));
                covered += (long) Math.max(0, clipped.lastRow() - Math.max(0, clipped.firstRow()) + 1)
                        * Math.max(0, clipped.lastCol() - Math.max(0, clipped.firstCol()) + 1);
                if (covered > limits.maxCellsPerSheet()) {
                    throw new UnreadableWorkbookException("PARSE-TOO-LARGE", "工作表「" + grid.name() + "」的合并单元格共覆盖超过 "
                            + limits.maxCellsPerSheet() + " 个单元格（年报表格约 1000 个）；请取消与年报无关的合并单元格后重新报送", null);
                }
                within.add(clipped);
            }
        }
        for (SheetGrid.Region region : within) {
            grid.addMerged(region);
        }
    }

    private UnreadableWorkbookException tooManyRows(String sheet, int row) {
        return new UnreadableWorkbookException("PARSE-TOO-LARGE", "工作表「" + sheet + "」有第 " + row + " 行，超过上限 "
                + limits.maxRowsPerSheet() + " 行（年报表格不足 100 行）；请删除与年报无关的数据后重新报送", null);
    }

    /** One {@code <c>}, the reader positioned on its start; returns positioned on its end. */
    private static GridCell readCell(XMLStreamReader xml, int r, int c, List<String> strings) throws Exception {
        String type = xml.getAttributeValue(null, "t");
        String formula = null;
        String value = null;
        StringBuilder inline = null;
        int depth = 1;
        boolean inPhonetic = false;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                String element = local(xml);
                if (element.equals("f")) {
                    formula = xml.getElementText();
                } else if (element.equals("v")) {
                    value = xml.getElementText();
                } else if (element.equals("rPh")) {
                    inPhonetic = true;
                    depth++;
                } else if (element.equals("t") && !inPhonetic) {
                    if (inline == null) {
                        inline = new StringBuilder();
                    }
                    inline.append(xml.getElementText());
                } else {
                    depth++;
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                if (local(xml).equals("rPh")) {
                    inPhonetic = false;
                }
            }
        }
        if (type == null || type.equals("n")) {
            if (value == null || value.isEmpty()) {
                // no cached value: blank, or 0 for a formula (as the usermodel reads it)
                return formula != null ? new GridCell(r, c, CellKind.NUMBER, null, number(0.0), formula, null)
                        : GridCell.blank(r, c);
            }
            return new GridCell(r, c, CellKind.NUMBER, null, number(Double.parseDouble(value)), formula, null);
        }
        String text;
        switch (type) {
            case "s" -> {
                if (value == null || value.isEmpty()) {
                    text = "";
                } else {
                    text = strings.get(Integer.parseInt(value.trim()));
                }
            }
            case "inlineStr" -> text = decode(inline != null ? inline.toString() : value == null ? "" : value);
            case "str" -> text = decode(value == null ? "" : value);
            case "b" -> {
                return new GridCell(r, c, CellKind.BOOLEAN, String.valueOf("1".equals(value)), null, formula, null);
            }
            case "e" -> {
                return new GridCell(r, c, CellKind.ERROR, errorText(value), null, formula, null);
            }
            default -> text = value == null ? "" : value;
        }
        return text.isEmpty() ? new GridCell(r, c, CellKind.BLANK, null, null, formula, null)
                : new GridCell(r, c, CellKind.TEXT, text, null, formula, null);
    }

    /**
     * A cell's number as Excel shows it. NumberToTextConverter gives the shortest text Excel itself shows, so
     * 0.1 stays 0.1; a whole number of up to 15 digits (nearly every cell of a report) is that number exactly,
     * so it is made without going through text.
     */
    static BigDecimal number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return BigDecimal.valueOf((long) d);
        }
        return new BigDecimal(NumberToTextConverter.toText(d));
    }

    /** Excel's _xHHHH_ escapes, decoded as the usermodel's rich text does. */
    private static String decode(String s) {
        return s.indexOf("_x") < 0 ? s : new XSSFRichTextString(s).getString();
    }

    private static String errorText(String code) {
        try {
            return FormulaError.forString(code).getString();
        } catch (RuntimeException e) {
            return code == null ? "#ERR" : code;
        }
    }

    private static void skip(XMLStreamReader xml) throws Exception {
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    /** Zero-based column of an A1 reference. */
    private static int column(String ref) {
        int col = 0;
        for (int i = 0; i < ref.length(); i++) {
            char ch = Character.toUpperCase(ref.charAt(i));
            if (ch < 'A' || ch > 'Z') {
                break;
            }
            col = col * 26 + (ch - 'A' + 1);
        }
        return col - 1;
    }

    /** Zero-based row of an A1 reference, or -1 when it has none. */
    private static int rowOf(String ref) {
        int i = 0;
        while (i < ref.length() && Character.isLetter(ref.charAt(i))) {
            i++;
        }
        if (i >= ref.length()) {
            return -1;
        }
        try {
            return Integer.parseInt(ref.substring(i)) - 1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
