package cn.nianbao.publish;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

import cn.nianbao.history.DecisionMerge;
import cn.nianbao.model.Figures;

/**
 * Reads auditors' decisions back from a workbook: exceptions.xlsx as an auditor edited it, or a dispositions file of
 * their own. Every sheet whose header row (within its first rows) has the columns 指纹 and 处理状态 is read, one
 * decision per row below it; 处理说明 and the finding's figures (应为, 实为, 差额) are read where the sheet has them. The
 * machine names of exceptions.csv (fingerprint, disposition, disposition_note, expected, actual, delta) are
 * understood as well, so a copy of that file saved as a workbook works too.
 *
 * <p>The file is opened read-only and streamed (POI's event API): a province's exceptions.xlsx has tens of thousands
 * of rows, and the auditor's file is never changed.
 */
public final class DecisionReader {

    public static final String FINGERPRINT = "指纹";
    public static final String STATUS = "处理状态";
    public static final String NOTE = "处理说明";
    public static final String EXPECTED = "应为";
    public static final String ACTUAL = "实为";
    public static final String DELTA = "差额";

    /** How far down a sheet its header row is looked for (a 整改清单 has a title and a summary above it). */
    static final int HEADER_SEARCH_ROWS = 10;

    private static final Map<String, String> HEADERS = Map.ofEntries(
            Map.entry(FINGERPRINT, FINGERPRINT), Map.entry("fingerprint", FINGERPRINT),
            Map.entry(STATUS, STATUS), Map.entry("disposition", STATUS),
            Map.entry(NOTE, NOTE), Map.entry("disposition_note", NOTE),
            Map.entry(EXPECTED, EXPECTED), Map.entry("expected", EXPECTED),
            Map.entry(ACTUAL, ACTUAL), Map.entry("actual", ACTUAL),
            Map.entry(DELTA, DELTA), Map.entry("delta", DELTA));

    private DecisionReader() {
    }

    /** Thrown when a workbook cannot be read at all (not a workbook, encrypted, damaged); says why in Chinese. */
    public static final class UnreadableException extends Exception {
        public UnreadableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The decision rows of {@code file}, in sheet and row order. {@code shownAs} is how the file is named in the rows'
     * places (and so in findings about them).
     */
    public static List<DecisionMerge.Row> read(Path file, String shownAs) throws UnreadableException {
        List<DecisionMerge.Row> rows = new ArrayList<>();
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            var styles = reader.getStylesTable();
            XSSFReader.SheetIterator sheets = reader.getSheetIterator();
            while (sheets.hasNext()) {
                try (InputStream in = sheets.next()) {
                    Sheet sheet = new Sheet(shownAs, sheets.getSheetName(), rows);
                    XMLReader xml = XMLHelper.newXMLReader();
                    xml.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, sheet, RAW_NUMBERS, false));
                    xml.parse(new InputSource(in));
                }
            }
        } catch (Exception e) {
            // OPCPackage.open, the parsers and POI's zip-bomb guard throw a range of checked and unchecked exceptions:
            // each means the same to the auditor (this file's decisions could not be read)
            throw new UnreadableException("无法读取（" + reason(e) + "）：不是可读取的 .xlsx 工作簿，可能已加密、损坏，或以其他格式另存；"
                    + "其中的处理意见未采用。请用 Excel 或 WPS 另存为「Excel 工作簿（*.xlsx）」且不设密码", e);
        }
        return rows;
    }

    private static String reason(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }

    /** Numbers as their plain decimal value, not as the cell's format shows them (a figure is compared, not read). */
    private static final DataFormatter RAW_NUMBERS = new DataFormatter() {
        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            return plain(value);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
            return plain(value);
        }
    };

    private static String plain(double value) {
        BigDecimal d = BigDecimal.valueOf(value).stripTrailingZeros();
        return (d.scale() < 0 ? d.setScale(0) : d).toPlainString();
    }

    /** One sheet: finds the header row, then turns each row below it into a decision row. */
    private static final class Sheet implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final String file;
        private final String name;
        private final List<DecisionMerge.Row> out;
        /** Column index of each known header, once the header row is found. */
        private Map<String, Integer> columns;
        private final Map<Integer, String> row = new HashMap<>();
        private int rowNumber;

        Sheet(String file, String name, List<DecisionMerge.Row> out) {
            this.file = file;
            this.name = name;
            this.out = out;
        }

        @Override
        public void startRow(int rowNum) {
            rowNumber = rowNum;
            row.clear();
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            if (reference != null && value != null) {
                row.put((int) new CellReference(reference).getCol(), value);
            }
        }

        @Override
        public void endRow(int rowNum) {
            if (columns == null) {
                if (rowNum < HEADER_SEARCH_ROWS) {
                    columns = header();
                }
                return;
            }
            String fingerprint = get(FINGERPRINT);
            String status = get(STATUS);
            String note = get(NOTE);
            if (isBlank(fingerprint) && isBlank(status) && isBlank(note)) {
                return;
            }
            Figures figures = columns.containsKey(EXPECTED) || columns.containsKey(ACTUAL) || columns.containsKey(DELTA)
                    ? new Figures(number(get(EXPECTED)), number(get(ACTUAL)), number(get(DELTA))) : null;
            String cell = new CellReference(rowNumber, columns.get(STATUS)).formatAsString(false);
            out.add(new DecisionMerge.Row(fingerprint, status, note, figures, new DecisionMerge.Place(file, name, cell)));
        }

        /** The known columns of this row if it is the header row (指纹 and 处理状态 both present), else null. */
        private Map<String, Integer> header() {
            Map<String, Integer> found = new HashMap<>();
            row.forEach((column, text) -> {
                String known = HEADERS.get(text.strip());
                if (known != null) {
                    found.putIfAbsent(known, column);
                }
            });
            return found.containsKey(FINGERPRINT) && found.containsKey(STATUS) ? found : null;
        }

        private String get(String header) {
            Integer column = columns.get(header);
            return column == null ? null : row.get(column);
        }

        /** A figure as the cell holds it; text that is not a number (「—」) counts as none. */
        private static BigDecimal number(String s) {
            if (isBlank(s)) {
                return null;
            }
            try {
                return new BigDecimal(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private static boolean isBlank(String s) {
            return s == null || s.isBlank();
        }
    }
}
