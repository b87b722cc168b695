package cn.nianbao.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import cn.nianbao.samples.AgencyProfile;
import cn.nianbao.samples.Layout;
import cn.nianbao.samples.SampleReport;
import cn.nianbao.samples.SampleWorkbookWriter;
import cn.nianbao.samples.SyntheticReports;
import cn.nianbao.template.TemplateCatalogue;

/**
 * Report workbooks for tests, built with POI: a complete report with known values (the sample writer's official
 * layout), then edited as agencies edit theirs: a cell retyped, sheets combined into one workbook, a sheet copied.
 */
public final class SampleFiles {

    public static final TemplateCatalogue CATALOGUE = TemplateCatalogue.load();

    /** A report written to a file: its values (null = blank) and the sheet!cell each datapoint was written to. */
    public record Written(Path file, int year, String format, Map<String, BigDecimal> values, Map<String, String> cells) {
    }

    private SampleFiles() {
    }

    /** A consistent synthetic report of {@code agency} for {@code year} (GOV2019 to 2020, GOV2021 after), official layout. */
    public static Written report(Path file, String agency, int year, long seed) throws IOException {
        return report(file, agency, year, seed, Set.of());
    }

    public static Written report(Path file, String agency, int year, long seed, Set<Layout> layout) throws IOException {
        String format = year <= 2020 ? "GOV2019" : "GOV2021";
        Map<String, BigDecimal> values = SyntheticReports.values(CATALOGUE.require(format), AgencyProfile.subDistrict(),
                new Random(seed), null, false);
        SampleReport sample = new SampleReport(agency, agency + " " + year + "年政府信息公开工作年度报告", year, format, values,
                Map.of(), true);
        Map<String, String> cells = new SampleWorkbookWriter(CATALOGUE).write(sample, layout, file);
        return new Written(file, year, format, values, cells);
    }

    /** Rewrites a workbook after {@code change}; the sample workbooks are small, so it is read whole and written anew. */
    public static void edit(Path file, Consumer<Workbook> change) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try (InputStream in = new java.io.ByteArrayInputStream(bytes); Workbook wb = WorkbookFactory.create(in)) {
            change.accept(wb);
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
        }
    }

    /** The cell at an A1 address of a sheet, made when absent. */
    public static Cell cell(Sheet sheet, String a1) {
        CellReference ref = new CellReference(a1);
        Row row = sheet.getRow(ref.getRow()) == null ? sheet.createRow(ref.getRow()) : sheet.getRow(ref.getRow());
        return row.getCell(ref.getCol()) == null ? row.createCell(ref.getCol()) : row.getCell(ref.getCol());
    }

    /** The cell a datapoint was written to ("Sheet!C5"), in an open workbook. */
    public static Cell cellOf(Workbook wb, String sheetAndCell) {
        int bang = sheetAndCell.lastIndexOf('!');
        return cell(wb.getSheet(sheetAndCell.substring(0, bang)), sheetAndCell.substring(bang + 1));
    }

    /**
     * One workbook whose sheets are the first sheets of other workbooks, renamed: values (numbers and text as
     * written), merged regions and column widths; the same file type as {@code out}'s extension.
     */
    public static void combine(Path out, Map<String, Path> sheets) throws IOException {
        try (Workbook target = out.toString().endsWith(".xls") ? new HSSFWorkbook() : new XSSFWorkbook()) {
            for (Map.Entry<String, Path> e : sheets.entrySet()) {
                try (InputStream in = Files.newInputStream(e.getValue()); Workbook source = WorkbookFactory.create(in)) {
                    copySheet(source.getSheetAt(0), target.createSheet(e.getKey()));
                }
            }
            try (OutputStream os = Files.newOutputStream(out)) {
                target.write(os);
            }
        }
    }

    /** Copies values, merged regions and column widths of one sheet into another (of any workbook). */
    public static void copySheet(Sheet from, Sheet to) {
        for (Row row : from) {
            Row r = to.createRow(row.getRowNum());
            for (Cell c : row) {
                Cell t = r.createCell(c.getColumnIndex());
                switch (c.getCellType() == org.apache.poi.ss.usermodel.CellType.FORMULA ? c.getCachedFormulaResultType() : c.getCellType()) {
                    case NUMERIC -> t.setCellValue(c.getNumericCellValue());
                    case STRING -> t.setCellValue(c.getStringCellValue());
                    case BOOLEAN -> t.setCellValue(c.getBooleanCellValue());
                    default -> {
                    }
                }
            }
        }
        for (CellRangeAddress range : from.getMergedRegions()) {
            to.addMergedRegion(range.copy());
        }
        for (int c = 0; c < 20; c++) {
            to.setColumnWidth(c, from.getColumnWidth(c));
        }
    }

    /** The values written as the reader should give them: id → value, blanks left out. */
    public static Map<String, BigDecimal> nonBlank(Written w) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        w.values().forEach((id, v) -> {
            if (v != null && w.cells().containsKey(id)) {
                out.put(id, v);
            }
        });
        return out;
    }
}
