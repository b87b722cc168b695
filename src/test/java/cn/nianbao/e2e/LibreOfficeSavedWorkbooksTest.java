package cn.nianbao.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.ingest.IngestResult;
import cn.nianbao.ingest.ReadLimits;
import cn.nianbao.ingest.WorkbookIngester;
import cn.nianbao.job.AdHocJob;
import cn.nianbao.job.RosterResolver;
import cn.nianbao.model.Datapoint;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;
import cn.nianbao.testing.LibreOffice;
import cn.nianbao.testing.SampleFiles;

/**
 * A workbook built here, then opened and saved by a real spreadsheet program (LibreOffice Calc, headless) as .xlsx and
 * as .xls: the reader must give the same reports, datapoints and findings from the saved files as from the one built
 * here. Calc writes formulas, shared formulas, cached results, styles, hidden sheets and columns in its own way.
 */
class LibreOfficeSavedWorkbooksTest {

    private static final String[] B_NEW_PARTS = {"NATURAL", "BUSINESS", "RESEARCH", "NONPROFIT", "LEGAL", "OTHER_ORG"};
    /** 2021-01-03 as a spreadsheet's serial number. */
    private static final double JAN_3_2021 = 44199;

    @TempDir
    Path dir;

    private IngestResult read(Path file) throws Exception {
        Path root = file.getParent();
        return new WorkbookIngester(SampleFiles.CATALOGUE, ReadLimits.defaults(),
                new RosterResolver(AdHocJob.of(root, dir.resolve("out"), null)), null).ingest(file, WorkbookIngester.describe(root, file));
    }

    @Test
    void aWorkbookSavedByLibreOfficeReadsAsTheOneBuiltHere() throws Exception {
        LibreOffice.assumeInstalled();
        SampleFiles.Written y2020 = SampleFiles.report(dir.resolve("a.xlsx"), "某某镇人民政府", 2020, 5);
        SampleFiles.Written y2021 = SampleFiles.report(dir.resolve("b.xlsx"), "某某镇人民政府", 2021, 6);
        SampleFiles.Written old = SampleFiles.report(dir.resolve("c.xlsx"), "某某镇人民政府", 2020, 7);
        Map<String, Path> sheets = new LinkedHashMap<>();
        sheets.put("2020年", y2020.file());
        sheets.put("2021年", y2021.file());
        sheets.put("旧表", old.file());
        Path built = Files.createDirectories(dir.resolve("built")).resolve("某某镇年报.xlsx");
        SampleFiles.combine(built, sheets);
        String total = at(y2020, "B.NEW.TOTAL");
        String carriedTotal = at(y2020, "B.CARRIED_IN.TOTAL");
        String dated = at(y2020, "A.NORMATIVE.NEW_MADE");
        editXlsx(built, wb -> {
            Sheet sheet = wb.getSheet("2020年");
            // a total as a formula over its parts, with its result saved
            Cell sum = SampleFiles.cell(sheet, total);
            sum.setCellFormula(sumOf(y2020, "NEW"));
            wb.getCreationHelper().createFormulaEvaluator().evaluateFormulaCell(sum);
            // another without a saved result (POI writes none until evaluated)
            Cell carried = SampleFiles.cell(sheet, carriedTotal);
            carried.getRow().removeCell(carried); // a cell made anew: setCellFormula would keep the number as its result
            SampleFiles.cell(sheet, carriedTotal).setCellFormula(sumOf(y2020, "CARRIED_IN"));
            // a count typed so that the spreadsheet made a date of it
            Cell date = SampleFiles.cell(sheet, dated);
            date.setCellValue(JAN_3_2021);
            CellStyle style = wb.createCellStyle();
            style.setDataFormat(wb.createDataFormat().getFormat("m\"月\"d\"日\""));
            date.setCellStyle(style);
            // a hidden column right of the tables, with figures in it, and a hidden old copy of the report
            SampleFiles.cell(sheet, "T8").setCellValue(99);
            sheet.setColumnHidden(19, true);
            wb.setSheetHidden(wb.getSheetIndex("旧表"), true);
        });
        assertThat(savedResult(built, "2020年", carriedTotal)).as("built without a saved result").isFalse();

        Path xlsx = LibreOffice.convert(built, "xlsx", dir.resolve("calc-xlsx"), dir);
        Path xls = LibreOffice.convert(built, "xls", dir.resolve("calc-xls"), dir);

        IngestResult fromPoi = read(built);
        // what the test's own data says: the two visible years, the date cell a finding, every other figure read
        assertThat(fromPoi.reports()).extracting(Report::year).containsExactly(2020, 2021);
        assertThat(fromPoi.findings()).extracting(Finding::rule, Finding::sheet, f -> String.join(" ", f.cells()))
                .containsExactlyInAnyOrder(tuple("PARSE-CELL-TYPE", "2020年", dated), tuple("PARSE-HIDDEN-CONTENT", "旧表", ""));
        Map<String, String> expected2020 = plain(SampleFiles.nonBlank(y2020));
        expected2020.remove("A.NORMATIVE.NEW_MADE");
        assertThat(values(fromPoi.reports().get(0))).containsAllEntriesOf(expected2020).doesNotContainKey("A.NORMATIVE.NEW_MADE");
        assertThat(values(fromPoi.reports().get(1))).containsAllEntriesOf(plain(SampleFiles.nonBlank(y2021)));
        for (Path saved : List.of(xlsx, xls)) {
            IngestResult fromCalc = read(saved);
            assertThat(fromCalc.reports()).as(saved.toString()).hasSameSizeAs(fromPoi.reports());
            for (int i = 0; i < fromPoi.reports().size(); i++) {
                Report a = fromPoi.reports().get(i);
                Report b = fromCalc.reports().get(i);
                assertThat(List.of(b.year(), b.format(), b.agency().name(), b.part().sheet())).as(saved + " report " + i)
                        .isEqualTo(List.of(a.year(), a.format(), a.agency().name(), a.part().sheet()));
                assertThat(datapoints(b)).as(saved + " " + a.part().sheet()).isEqualTo(datapoints(a));
            }
            assertThat(findings(fromCalc)).as(saved.toString()).isEqualTo(findings(fromPoi));
        }
    }

    private static String at(SampleFiles.Written w, String id) {
        String a = w.cells().get(id);
        return a.substring(a.lastIndexOf('!') + 1);
    }

    private static String sumOf(SampleFiles.Written w, String row) {
        List<String> parts = new ArrayList<>();
        for (String col : B_NEW_PARTS) {
            parts.add(at(w, "B." + row + "." + col));
        }
        return String.join("+", parts);
    }

    private interface Edit {
        void apply(Workbook wb) throws Exception;
    }

    private static void editXlsx(Path file, Edit edit) throws Exception {
        XSSFWorkbook wb;
        try (InputStream in = Files.newInputStream(file)) {
            wb = new XSSFWorkbook(in);
        }
        try (wb) {
            edit.apply(wb);
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
        }
    }

    private static boolean savedResult(Path file, String sheet, String a1) throws Exception {
        try (Workbook wb = WorkbookFactory.create(file.toFile(), null, true)) {
            Cell cell = SampleFiles.cell(wb.getSheet(sheet), a1);
            return cell.getNumericCellValue() != 0;
        }
    }

    private static Map<String, String> values(Report r) {
        Map<String, BigDecimal> out = new TreeMap<>();
        for (Datapoint d : r.datapoints().values()) {
            if (!d.blank()) {
                out.put(d.id(), d.value());
            }
        }
        return plain(out);
    }

    /** Values as plain decimals, so that 0 and 0.00 agree. */
    private static Map<String, String> plain(Map<String, BigDecimal> values) {
        Map<String, String> out = new TreeMap<>();
        values.forEach((id, v) -> out.put(id, v.stripTrailingZeros().toPlainString()));
        return out;
    }

    /** Each datapoint: its value (plain, so 12 and 12.0 agree), whether blank, and its sheet and cell. */
    private static Map<String, String> datapoints(Report r) {
        Map<String, String> out = new TreeMap<>();
        for (Datapoint d : r.datapoints().values()) {
            out.put(d.id(), (d.blank() ? "blank" : d.value().stripTrailingZeros().toPlainString()) + " @" + d.source().sheet() + "!"
                    + d.source().cell());
        }
        return out;
    }

    /** The findings without the file name (the saved file has its own): rule, severity, sheet, cells and message. */
    private static List<String> findings(IngestResult result) {
        List<String> out = new ArrayList<>();
        for (Finding f : result.findings()) {
            out.add(f.rule() + " " + f.severity() + " " + f.sheet() + " " + f.cells() + " " + f.message());
        }
        out.sort(null);
        return out;
    }
}
