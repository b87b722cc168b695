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
 * grid is the one the usermodel path ({@link UsermodelGridReader}) gives: the same cells (numbers as the
 * shortest text Excel shows, with their kind and shown text from the cell style's number format; shared and
 * inline strings, booleans, error codes; formulas' saved results with their text), the same merged regions
 * ({@code <mergeCell ref>}), hidden sheets, rows and columns, the same limits.
 *
 * <p>Formulas to calculate (no saved result, or a workbook recalculated on opening) are the one thing the XML does
 * not settle: they are deferred ({@link DeferredCell}) and the workbook is opened with the usermodel for them alone,
 * only when there are any.
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
    static String local(XMLStreamReader xml) {
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
        XlsxStyles styles = styles(pkg);
        List<DeferredCell> deferred = new ArrayList<>();
        List<SheetGrid> grids = new ArrayList<>(pkg.sheets().size());
        long cells = 0;
        for (int i = 0; i < pkg.sheets().size(); i++) {
            XlsxPackage.SheetPart part = pkg.sheets().get(i);
            SheetReader sheet = new SheetReader(part.name(), strings, styles, pkg.fullCalcOnLoad(), pkg.date1904(), deferred);
            try (InputStream in = pkg.sheet(part)) {
                SheetGrid grid = sheet.read(in);
                grid.setVisibility(part.visibility());
                grids.add(grid);
            }
            cells += sheet.cells;
        }
        if (!deferred.isEmpty()) {
            if (cells > limits.maxCellsToCalculate()) {
                DeferredCell.withoutWorkbook(deferred, FormulaResults.tooLargeToCalculate(cells, limits));
            } else {
                DeferredCell.complete(pkg.file(), deferred, pkg.date1904());
            }
        }
        return new WorkbookGrid(grids);
    }

    private static XlsxStyles styles(XlsxPackage pkg) throws Exception {
        InputStream in = pkg.styles();
        if (in == null) {
            return XlsxStyles.NONE;
        }
        try (in) {
            return XlsxStyles.read(in, XML);
        }
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

    /**
     * One worksheet's XML read into a grid. A formula cell whose value needs the workbook (no saved result, or a
     * workbook recalculated on opening) or whose text cannot be worked out here goes to {@code deferred} instead.
     */
    private final class SheetReader {
        private final String name;
        private final List<String> strings;
        private final XlsxStyles styles;
        private final boolean recalculate;
        private final boolean date1904;
        private final List<DeferredCell> deferred;
        private final SharedFormulas shared;
        private final SheetGrid grid;
        private RowVisibility rows;
        /** The sheet's {@code <c>} elements so far. */
        long cells;
        /** Array formulas seen so far: every cell of the range shows the first cell's formula, as the usermodel has it. */
        private List<ArrayFormula> arrays;

        SheetReader(String name, List<String> strings, XlsxStyles styles, boolean recalculate, boolean date1904,
                    List<DeferredCell> deferred) {
            this.name = name;
            this.strings = strings;
            this.styles = styles;
            this.recalculate = recalculate;
            this.date1904 = date1904;
            this.deferred = deferred;
            this.shared = new SharedFormulas();
            this.grid = new SheetGrid(name);
            this.rows = new RowVisibility(grid, false);
        }

        SheetGrid read(InputStream in) throws Exception {
            List<SheetGrid.Region> merged = new ArrayList<>();
            int lastRow = -1;
            int row = -1;
            int col = -1;
            XMLStreamReader xml = XML.createXMLStreamReader(in);
            try {
                while (xml.hasNext()) {
                    int event = xml.next();
                    XlsxPackage.refuseDoctype(event);
                    if (event != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    switch (local(xml)) {
                        case "sheetFormatPr" -> rows = new RowVisibility(grid, XlsxPackage.isTrue(xml.getAttributeValue(null, "zeroHeight")));
                        case "col" -> hideColumns(xml);
                        case "row" -> {
                            String r = null;
                            String hidden = null;
                            String height = null;
                            for (int i = 0, n = xml.getAttributeCount(); i < n; i++) {
                                switch (xml.getAttributeLocalName(i)) {
                                    case "r" -> r = xml.getAttributeValue(i);
                                    case "hidden" -> hidden = xml.getAttributeValue(i);
                                    case "ht" -> height = xml.getAttributeValue(i);
                                    default -> {
                                    }
                                }
                            }
                            row = r == null ? row + 1 : Integer.parseInt(r.trim()) - 1;
                            col = -1;
                            lastRow = Math.max(lastRow, row);
                            if (row >= limits.maxRowsPerSheet()) {
                                throw tooManyRows(name, row + 1);
                            }
                            rows.row(row, XlsxPackage.isTrue(hidden), decimal(height));
                        }
                        case "c" -> {
                            // Refused while reading, before a huge sheet can fill memory: one pass, no pre-scan.
                            if (++cells > limits.maxCellsPerSheet()) {
                                throw new UnreadableWorkbookException("PARSE-TOO-LARGE",
                                        "工作表「" + name + "」有超过 " + limits.maxCellsPerSheet()
                                                + " 个单元格（年报表格约 1000 个）；请删除与年报无关的数据后重新报送", null);
                            }
                            String ref = null;
                            String type = null;
                            String style = null;
                            // one pass over the attributes: this runs for every cell of every workbook
                            for (int i = 0, n = xml.getAttributeCount(); i < n; i++) {
                                switch (xml.getAttributeLocalName(i)) {
                                    case "r" -> ref = xml.getAttributeValue(i);
                                    case "t" -> type = xml.getAttributeValue(i);
                                    case "s" -> style = xml.getAttributeValue(i);
                                    default -> {
                                    }
                                }
                            }
                            col = ref == null ? col + 1 : column(ref);
                            if (ref != null) {
                                int r = rowOf(ref);
                                if (r >= 0) {
                                    row = r;
                                    lastRow = Math.max(lastRow, row);
                                }
                            }
                            GridCell cell = readCell(xml, row, col, type, style);
                            if (cell != null && cell.kind() != CellKind.BLANK) {
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
            rows.finish();
            return grid;
        }

        /** {@code <col min="3" max="5" hidden="1" width="0">}: one-based, both included. */
        private void hideColumns(XMLStreamReader xml) {
            Double width = decimal(xml.getAttributeValue(null, "width"));
            if (XlsxPackage.isTrue(xml.getAttributeValue(null, "hidden")) || (width != null && width == 0)) {
                Double min = decimal(xml.getAttributeValue(null, "min"));
                Double max = decimal(xml.getAttributeValue(null, "max"));
                if (min != null && max != null) {
                    grid.hideColumns(min.intValue() - 1, (int) Math.min(max, limits.maxColumns()) - 1);
                }
            }
        }

        /**
         * One {@code <c>}, the reader positioned on its start; returns positioned on its end. Null when the cell is
         * left out (beyond the columns read) or deferred.
         */
        private GridCell readCell(XMLStreamReader xml, int r, int c, String type, String style) throws Exception {
            String formula = null;
            String formulaType = null;
            String si = null;
            String ref = null;
            String value = null;
            StringBuilder inline = null;
            int depth = 1;
            boolean inPhonetic = false;
            while (depth > 0) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String element = local(xml);
                    if (element.equals("f")) {
                        formulaType = xml.getAttributeValue(null, "t");
                        si = xml.getAttributeValue(null, "si");
                        ref = xml.getAttributeValue(null, "ref");
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
            if (c >= limits.maxColumns() || r < 0 || c < 0) {
                return null;
            }
            boolean textKnown = true;
            if ("dataTable".equals(formulaType)) {
                formula = null; // a what-if table's cells are values to the usermodel too
            } else if ("shared".equals(formulaType)) {
                formula = shared.text(si, ref, formula, r, c);
                textKnown = formula != null;
            } else if (formula != null && "array".equals(formulaType) && ref != null) {
                if (arrays == null) {
                    arrays = new ArrayList<>(2);
                }
                arrays.add(new ArrayFormula(CellRangeAddress.valueOf(ref), formula));
            } else if (formulaType == null && formula == null && arrays != null) {
                formula = arrayFormulaAt(r, c);
            }
            boolean isFormula = formula != null || !textKnown;
            // an empty <v/> (openpyxl writes one) is no result, except where the result is text
            boolean noResult = value == null || (value.isEmpty() && !("str".equals(type) || "s".equals(type) || "inlineStr".equals(type)));
            GridCell saved = isFormula && noResult ? null : value(r, c, type, value, inline, formula, style);
            if (isFormula && (saved == null || recalculate)) {
                deferred.add(new DeferredCell(grid, name, r, c, format(style), saved, true, formula));
                return null;
            }
            if (!textKnown) {
                deferred.add(new DeferredCell(grid, name, r, c, format(style), saved, false, null));
                return null;
            }
            return saved;
        }

        private String arrayFormulaAt(int r, int c) {
            for (ArrayFormula a : arrays) {
                if (a.range().isInRange(r, c)) {
                    return a.formula();
                }
            }
            return null;
        }

        /** The number format of the cell style a cell names ({@code s}); style 0 where it names none. */
        private CellFormat format(String style) {
            return styles.format(style == null ? 0 : index(style));
        }

        /** A cell's saved value (or a formula's saved result), a number in its cell style's number format. */
        private GridCell value(int r, int c, String type, String value, StringBuilder inline, String formula, String style) {
            if (type == null || type.equals("n")) {
                if (value == null || value.isEmpty()) {
                    return new GridCell(r, c, CellKind.BLANK, null, null, formula, null);
                }
                return format(style).cell(r, c, Double.parseDouble(value), formula, date1904);
            }
            String text;
            switch (type) {
                case "s" -> text = value == null || value.isEmpty() ? "" : strings.get(Integer.parseInt(value.trim()));
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
    }

    /** An array formula's range and its formula, as the first cell holds it. */
    private record ArrayFormula(CellRangeAddress range, String formula) {
    }

    private static int index(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Double decimal(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Double.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
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

    /** Zero-based column of an A1 reference. */
    static int column(String ref) {
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
    static int rowOf(String ref) {
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
