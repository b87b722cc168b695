package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.SheetVisibility;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.nianbao.job.AdHocJob;
import cn.nianbao.job.RosterResolver;
import cn.nianbao.model.Datapoint;
import cn.nianbao.model.Finding;
import cn.nianbao.model.Report;
import cn.nianbao.model.Severity;
import cn.nianbao.testing.SampleFiles;

/**
 * Hidden content through the whole reader: real .xlsx and .xls report files, each holding content the agency does not
 * see (last year's figures in a hidden column, an old copy on a hidden sheet, a hidden duplicate row, tables only in
 * hidden content, a table partly hidden). The figures read are the ones the agency sees, and every hidden thing that
 * looks like report content is named in a finding; where a table exists only in hidden content it is read from there,
 * and a finding says so.
 *
 * <p>Each file starts as a complete sample report with known values; the hidden content is placed where the locator
 * would take it first if it saw it (the column left of the visible one, the row above), and holds other figures, so
 * reading hidden content instead of visible would give wrong numbers that the value checks catch.
 */
class HiddenReportContentTest {

    /** What hidden copies hold: the visible figure plus this, so no hidden figure equals a visible one. */
    private static final BigDecimal OLD = BigDecimal.valueOf(1000);

    @TempDir
    Path dir;

    // ------------------------------------------------------------------ the cases

    /**
     * GOV2021 with a hidden column B holding last year's table 二 figures under the same headers, left of the visible
     * ones (which move to C): the visible figures are read, a warning names column B.
     */
    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void lastYearsFiguresInAHiddenColumnAreNamedAndTheVisibleOnesRead(String ext) throws Exception {
        SampleFiles.Written sample = SampleFiles.report(dir.resolve("sample.xlsx"), "某街道办事处", 2021, 31);
        Path file = dir.resolve("某街道办事处-2021." + ext);
        Expected expected;
        try (Workbook source = open(sample.file()); Workbook wb = create(ext)) {
            Sheet from = source.getSheetAt(0);
            Sheet to = wb.createSheet("年报");
            IntUnaryOperator cols = c -> c >= 1 ? c + 1 : c;
            copy(from, to, r -> r, cols);
            expected = Expected.moved(sample, "年报", r -> r, cols);
            // column B: table 二's headers and last year's figures, hidden
            for (Map.Entry<String, String> e : sample.cells().entrySet()) {
                CellReference at = ref(e.getValue());
                if (e.getKey().startsWith("A.") && at.getCol() == 1) {
                    BigDecimal now = sample.values().get(e.getKey());
                    cell(to, at.getRow(), 1).setCellValue((now == null ? BigDecimal.ZERO : now).add(OLD).doubleValue());
                    String header = from.getRow(headerRowAbove(from, at.getRow())).getCell(1).getStringCellValue();
                    cell(to, headerRowAbove(from, at.getRow()), 1).setCellValue(header);
                }
            }
            to.setColumnHidden(1, true);
            save(wb, file);
        }

        IngestResult result = read(file);

        assertThat(result.findings()).extracting(Finding::rule, Finding::severity, Finding::sheet, Finding::cells)
                .containsExactly(tuple(ReportFinder.HIDDEN_CONTENT, Severity.WARNING, "年报", List.of()));
        assertThat(result.findings().get(0).message()).isEqualTo("工作表「年报」中隐藏的B 列含有数值，未读取；汇总按可见的单元格读取。"
                + "如隐藏的才是本年数据，请取消隐藏并删除不用的行列后重新报送");
        assertThat(result.findings()).extracting(Finding::agencyName, Finding::year).containsExactly(tuple("某街道办事处", 2021));
        expected.assertReadBy(result.onlyReport());
    }

    /**
     * Last year's report kept on a hidden sheet before this year's: this year's is read (its figures, its title's year
     * and format), a warning names the hidden sheet.
     */
    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void anOldCopyOnAHiddenSheetIsNamedAndTheVisibleSheetRead(String ext) throws Exception {
        SampleFiles.Written old = SampleFiles.report(dir.resolve("old.xlsx"), "某街道办事处", 2020, 32);
        SampleFiles.Written current = SampleFiles.report(dir.resolve("current.xlsx"), "某街道办事处", 2021, 33);
        Path file = dir.resolve("某街道办事处-2021." + ext);
        Map<String, Path> sheets = new LinkedHashMap<>();
        sheets.put("旧稿", old.file());
        sheets.put("定稿", current.file());
        SampleFiles.combine(file, sheets);
        SampleFiles.edit(file, wb -> wb.setSheetVisibility(0, SheetVisibility.HIDDEN));

        IngestResult result = read(file);

        assertThat(result.findings()).extracting(Finding::rule, Finding::severity, Finding::sheet, Finding::cells)
                .containsExactly(tuple(ReportFinder.HIDDEN_CONTENT, Severity.WARNING, "旧稿", List.of()));
        assertThat(result.findings().get(0).message()).isEqualTo("隐藏的工作表「旧稿」也含有年报表格（「二、主动公开政府信息情况」、"
                + "「三、收到和处理政府信息公开申请情况」、「四、政府信息公开行政复议、行政诉讼情况」），未读取；汇总按可见的工作表读取。"
                + "如隐藏的才是要报送的数据，请取消隐藏并删除不用的表格后重新报送");
        Report report = result.onlyReport();
        assertThat(report.part().isWhole()).isTrue();
        assertThat(report.year()).isEqualTo(2021);
        assertThat(report.format()).isEqualTo("GOV2021");
        assertThat(report.title()).isEqualTo("某街道办事处 2021年政府信息公开工作年度报告");
        Expected.moved(current, "定稿", r -> r, c -> c).assertReadBy(report);
    }

    /**
     * A hidden row right above a visible one, with the same label and other figures (the row as it was before a
     * correction): the visible row is read, a warning names the hidden row.
     */
    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void aHiddenRowDuplicatingAVisibleOneIsNamedAndTheVisibleRowRead(String ext) throws Exception {
        SampleFiles.Written sample = SampleFiles.report(dir.resolve("sample.xlsx"), "某街道办事处", 2021, 34);
        int visibleRow = ref(sample.cells().get("B.NEW.NATURAL")).getRow(); // 一、本年新收政府信息公开申请数量
        Path file = dir.resolve("某街道办事处-2021." + ext);
        Expected expected;
        try (Workbook source = open(sample.file()); Workbook wb = create(ext)) {
            Sheet from = source.getSheetAt(0);
            Sheet to = wb.createSheet("年报");
            IntUnaryOperator rows = r -> r >= visibleRow ? r + 1 : r;
            copy(from, to, rows, c -> c);
            expected = Expected.moved(sample, "年报", rows, c -> c);
            Row hidden = to.createRow(visibleRow);
            for (Cell c : from.getRow(visibleRow)) {
                if (c.getCellType() == CellType.STRING) {
                    hidden.createCell(c.getColumnIndex()).setCellValue(c.getStringCellValue());
                } else if (c.getCellType() == CellType.NUMERIC) {
                    hidden.createCell(c.getColumnIndex()).setCellValue(c.getNumericCellValue() + OLD.doubleValue());
                }
            }
            hidden.setZeroHeight(true);
            save(wb, file);
        }

        IngestResult result = read(file);

        assertThat(result.findings()).extracting(Finding::rule, Finding::severity, Finding::sheet, Finding::cells)
                .containsExactly(tuple(ReportFinder.HIDDEN_CONTENT, Severity.WARNING, "年报", List.of()));
        assertThat(result.findings().get(0).message()).contains("隐藏的第 " + (visibleRow + 1) + " 行含有数值，未读取");
        expected.assertReadBy(result.onlyReport());
    }

    /** The report only on a hidden sheet, a visible cover sheet before it: read from the hidden sheet, with a warning that says so. */
    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void aReportOnlyOnAHiddenSheetIsReadWithAWarning(String ext) throws Exception {
        SampleFiles.Written sample = SampleFiles.report(dir.resolve("sample.xlsx"), "某街道办事处", 2021, 35);
        Path file = dir.resolve("某街道办事处-2021." + ext);
        try (Workbook source = open(sample.file()); Workbook wb = create(ext)) {
            cell(wb.createSheet("填报说明"), 0, 0).setCellValue("本表按国家统一格式填报，数据截至12月31日");
            copy(source.getSheetAt(0), wb.createSheet("年报"), r -> r, c -> c);
            wb.setSheetVisibility(1, SheetVisibility.HIDDEN);
            save(wb, file);
        }

        IngestResult result = read(file);

        assertThat(result.findings()).extracting(Finding::rule, Finding::severity, Finding::sheet, Finding::cells)
                .containsExactly(tuple(ReportFinder.HIDDEN_TABLE, Severity.WARNING, null, List.of()));
        assertThat(result.findings().get(0).message())
                .contains("年报表格（「二、主动公开政府信息情况」、「三、收到和处理政府信息公开申请情况」、「四、政府信息公开行政复议、行政诉讼情况」）"
                        + "只在隐藏的内容中（隐藏的工作表「年报」），已按隐藏的内容读取");
        Expected.moved(sample, "年报", r -> r, c -> c).assertReadBy(result.onlyReport());
    }

    /**
     * Table 四 only in hidden rows (tables 二 and 三 visible): table 四 is read from the hidden rows with a warning
     * naming them; the other tables from the visible cells.
     */
    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void aTableOnlyInHiddenRowsIsReadWithAWarning(String ext) throws Exception {
        SampleFiles.Written sample = SampleFiles.report(dir.resolve("sample.xlsx"), "某街道办事处", 2021, 36);
        int title = ref(sample.cells().get("C.REVIEW.UPHELD")).getRow() - 4; // 四、政府信息公开行政复议、行政诉讼情况
        int data = ref(sample.cells().get("C.REVIEW.UPHELD")).getRow();
        Path file = dir.resolve("某街道办事处-2021." + ext);
        try (Workbook source = open(sample.file()); Workbook wb = create(ext)) {
            Sheet to = wb.createSheet("年报");
            copy(source.getSheetAt(0), to, r -> r, c -> c);
            for (int r = title; r <= data; r++) {
                to.getRow(r).setZeroHeight(true);
            }
            save(wb, file);
        }

        IngestResult result = read(file);

        assertThat(result.findings()).extracting(Finding::rule, Finding::severity, Finding::sheet, Finding::cells)
                .containsExactly(tuple(ReportFinder.HIDDEN_TABLE, Severity.WARNING, null, List.of()));
        assertThat(result.findings().get(0).message()).contains("年报表格（「四、政府信息公开行政复议、行政诉讼情况」）只在隐藏的内容中（工作表「年报」隐藏的第 "
                + (data + 1) + " 行），已按隐藏的内容读取");
        Expected.moved(sample, "年报", r -> r, c -> c).assertReadBy(result.onlyReport());
    }

    /**
     * Table 四 only in hidden rows, one of its column headers left empty: the table is read from the hidden rows, and
     * the column it lacks there is named, as it would be in a visible table.
     */
    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void aColumnMissingFromATableOnlyInHiddenRowsIsNamed(String ext) throws Exception {
        SampleFiles.Written sample = SampleFiles.report(dir.resolve("sample.xlsx"), "某街道办事处", 2021, 42);
        CellReference upheld = ref(sample.cells().get("C.REVIEW.UPHELD"));
        int title = upheld.getRow() - 4; // 四、政府信息公开行政复议、行政诉讼情况
        Path file = dir.resolve("某街道办事处-2021." + ext);
        try (Workbook source = open(sample.file()); Workbook wb = create(ext)) {
            Sheet to = wb.createSheet("年报");
            copy(source.getSheetAt(0), to, r -> r, c -> c);
            for (int r = upheld.getRow() - 1; r > title; r--) {
                Cell header = to.getRow(r) == null ? null : to.getRow(r).getCell(upheld.getCol());
                if (header != null && header.getCellType() == CellType.STRING) {
                    to.getRow(r).removeCell(header);
                    break;
                }
            }
            for (int r = title; r <= upheld.getRow(); r++) {
                to.getRow(r).setZeroHeight(true);
            }
            save(wb, file);
        }

        IngestResult result = read(file);

        assertThat(result.findings()).extracting(Finding::rule).contains(ReportFinder.HIDDEN_TABLE, "PARSE-MISSING-COLUMN");
        assertThat(result.parsed().reports().get(0).datapoints()).doesNotContainKey("C.REVIEW.UPHELD").containsKey("C.REVIEW.CORRECTED");
    }

    /**
     * Table 四 only in hidden columns: its rows moved ten columns right, those columns hidden (tables 二 and 三 stay
     * visible in theirs). Table 四 is read from there with a warning naming the hidden columns and no row.
     */
    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void aTableOnlyInHiddenColumnsIsReadWithAWarningNamingTheColumns(String ext) throws Exception {
        SampleFiles.Written sample = SampleFiles.report(dir.resolve("sample.xlsx"), "某街道办事处", 2021, 40);
        int title = ref(sample.cells().get("C.REVIEW.UPHELD")).getRow() - 4; // 四、政府信息公开行政复议、行政诉讼情况
        int shift = 10;
        Path file = dir.resolve("某街道办事处-2021." + ext);
        int firstHidden = Integer.MAX_VALUE;
        try (Workbook source = open(sample.file()); Workbook wb = create(ext)) {
            Sheet to = wb.createSheet("年报");
            Sheet from = source.getSheetAt(0);
            copy(from, to, r -> r, c -> c);
            int lastCol = 0;
            for (Row row : from) {
                lastCol = Math.max(lastCol, row.getLastCellNum());
            }
            for (int r = title; r <= from.getLastRowNum(); r++) {
                Row row = to.getRow(r);
                if (row == null) {
                    continue;
                }
                for (int c = row.getLastCellNum() - 1; c >= 0; c--) {
                    Cell old = row.getCell(c);
                    if (old != null) {
                        Cell moved = row.createCell(c + shift);
                        if (old.getCellType() == CellType.NUMERIC) {
                            moved.setCellValue(old.getNumericCellValue());
                        } else if (old.getCellType() == CellType.STRING) {
                            moved.setCellValue(old.getStringCellValue());
                        }
                        row.removeCell(old);
                    }
                }
            }
            for (int i = to.getNumMergedRegions() - 1; i >= 0; i--) {
                CellRangeAddress m = to.getMergedRegion(i);
                if (m.getFirstRow() >= title) {
                    to.removeMergedRegion(i);
                    to.addMergedRegion(new CellRangeAddress(m.getFirstRow(), m.getLastRow(), m.getFirstColumn() + shift, m.getLastColumn() + shift));
                }
            }
            for (int c = shift; c < lastCol + shift; c++) {
                to.setColumnHidden(c, true);
            }
            save(wb, file);
        }
        for (Map.Entry<String, String> e : sample.cells().entrySet()) {
            if (e.getKey().startsWith("C.")) {
                firstHidden = Math.min(firstHidden, ref(e.getValue()).getCol() + shift);
            }
        }

        IngestResult result = read(file);

        assertThat(result.findings()).extracting(Finding::rule, Finding::severity)
                .containsExactly(tuple(ReportFinder.HIDDEN_TABLE, Severity.WARNING));
        assertThat(result.findings().get(0).message()).contains("年报表格（「四、政府信息公开行政复议、行政诉讼情况」）只在隐藏的内容中（工作表「年报」隐藏的"
                + CellReference.convertNumToColString(firstHidden)).doesNotContain(" 行");
        Map<String, String> cells = new LinkedHashMap<>();
        sample.cells().forEach((id, at) -> {
            CellReference r = ref(at);
            cells.put(id, "年报!" + new CellReference(r.getRow(), r.getCol() + (id.startsWith("C.") ? shift : 0)).formatAsString(false));
        });
        new Expected(sample.values(), cells).assertReadBy(result.onlyReport());
    }

    /**
     * A report without table 四 and a hidden column that holds nothing: the hidden content adds no table, so the report
     * is read from the visible cells as it is, incomplete, and nothing hidden is named.
     */
    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void aHiddenColumnThatAddsNoTableLeavesTheIncompleteReportAsRead(String ext) throws Exception {
        SampleFiles.Written sample = SampleFiles.report(dir.resolve("sample.xlsx"), "某街道办事处", 2021, 41);
        int tableC = ref(sample.cells().get("C.REVIEW.UPHELD")).getRow() - 4;
        Path file = dir.resolve("某街道办事处-2021." + ext);
        try (Workbook source = open(sample.file()); Workbook wb = create(ext)) {
            Sheet to = wb.createSheet("年报");
            copy(source.getSheetAt(0), to, r -> r, c -> c);
            for (int r = tableC; r <= to.getLastRowNum(); r++) {
                if (to.getRow(r) != null) {
                    to.removeRow(to.getRow(r));
                }
            }
            for (int i = to.getNumMergedRegions() - 1; i >= 0; i--) {
                if (to.getMergedRegion(i).getFirstRow() >= tableC) {
                    to.removeMergedRegion(i);
                }
            }
            to.setColumnHidden(30, true);
            save(wb, file);
        }

        IngestResult result = read(file);

        assertThat(result.accepted()).isFalse();
        assertThat(result.findings()).extracting(Finding::rule, Finding::severity).containsExactly(tuple("PARSE-NO-TABLE", Severity.ERROR));
        ParsedReport read = result.parsed().reports().get(0);
        assertThat(read.tablesComplete()).isFalse();
        Expected expected = Expected.moved(sample, "年报", r -> r, c -> c);
        expected.cells().keySet().removeIf(id -> id.startsWith("C."));
        assertThat(read.datapoints().keySet()).containsExactlyInAnyOrderElementsOf(expected.cells().keySet());
    }

    /**
     * Table 三 partly hidden: the rows of （三）不予公开 hidden (an agency hiding rows of zeros). The visible rows are read;
     * each hidden row is a missing row, and a warning names the hidden rows that hold numbers.
     */
    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void aTablePartlyHiddenIsReadFromItsVisibleRowsAndTheHiddenOnesNamed(String ext) throws Exception {
        SampleFiles.Written sample = SampleFiles.report(dir.resolve("sample.xlsx"), "某街道办事处", 2021, 37);
        List<String> hiddenRows = List.of("DENIED_1", "DENIED_2", "DENIED_3", "DENIED_4", "DENIED_5", "DENIED_6", "DENIED_7", "DENIED_8");
        int first = ref(sample.cells().get("B.DENIED_1.NATURAL")).getRow();
        int last = ref(sample.cells().get("B.DENIED_8.NATURAL")).getRow();
        Path file = dir.resolve("某街道办事处-2021." + ext);
        try (Workbook source = open(sample.file()); Workbook wb = create(ext)) {
            Sheet to = wb.createSheet("年报");
            copy(source.getSheetAt(0), to, r -> r, c -> c);
            for (int r = first; r <= last; r++) {
                to.getRow(r).setZeroHeight(true);
            }
            save(wb, file);
        }

        IngestResult result = read(file);

        List<String> labels = List.of("1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
                "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项");
        assertThat(result.findings()).extracting(Finding::rule, Finding::severity, Finding::sheet)
                .containsExactlyInAnyOrderElementsOf(java.util.stream.Stream.concat(
                        labels.stream().map(l -> tuple("PARSE-MISSING-ROW", Severity.ERROR, "年报")),
                        java.util.stream.Stream.of(tuple(ReportFinder.HIDDEN_CONTENT, Severity.WARNING, "年报"))).toList());
        for (String label : labels) {
            assertThat(result.findings()).filteredOn(f -> f.rule().equals("PARSE-MISSING-ROW"))
                    .anyMatch(f -> f.message().contains("未找到「" + label + "」行"));
        }
        String tableAnchor = "A" + (ref(sample.cells().get("B.NEW.NATURAL")).getRow() + 1); // the label of its first row
        assertThat(result.findings()).filteredOn(f -> f.rule().equals("PARSE-MISSING-ROW"))
                .allMatch(f -> f.cells().equals(List.of(tableAnchor)));
        assertThat(result.findings()).filteredOn(f -> f.rule().equals(ReportFinder.HIDDEN_CONTENT)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("隐藏的第 " + (first + 1) + "–" + (last + 1) + " 行含有数值，未读取"));
        Expected expected = Expected.moved(sample, "年报", r -> r, c -> c);
        hiddenRows.forEach(row -> expected.cells.keySet().removeIf(id -> id.startsWith("B." + row + ".")));
        expected.assertReadBy(result.onlyReport());
    }

    /**
     * This year's report lacks table 四; last year's report (the other format) is on a hidden sheet. The missing table is
     * not taken from last year's: the report is incomplete, and the hidden sheet is named.
     */
    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void aTableMissingFromThisYearsReportIsNotTakenFromLastYearsOnAHiddenSheet(String ext) throws Exception {
        SampleFiles.Written current = SampleFiles.report(dir.resolve("current.xlsx"), "某街道办事处", 2021, 38);
        SampleFiles.Written old = SampleFiles.report(dir.resolve("old.xlsx"), "某街道办事处", 2020, 39);
        int tableC = ref(current.cells().get("C.REVIEW.UPHELD")).getRow() - 4;
        SampleFiles.edit(current.file(), wb -> {
            Sheet s = wb.getSheetAt(0);
            for (int r = tableC; r <= s.getLastRowNum(); r++) {
                if (s.getRow(r) != null) {
                    s.removeRow(s.getRow(r));
                }
            }
        });
        Path file = dir.resolve("某街道办事处-2021." + ext);
        Map<String, Path> sheets = new LinkedHashMap<>();
        sheets.put("年报", current.file());
        sheets.put("2020年", old.file());
        SampleFiles.combine(file, sheets);
        SampleFiles.edit(file, wb -> wb.setSheetVisibility(1, SheetVisibility.HIDDEN));

        IngestResult result = read(file);

        assertThat(result.accepted()).isFalse();
        assertThat(result.findings()).extracting(Finding::rule, Finding::severity, Finding::sheet)
                .containsExactly(tuple("PARSE-NO-TABLE", Severity.ERROR, null), tuple(ReportFinder.HIDDEN_CONTENT, Severity.WARNING, "2020年"));
        assertThat(result.findings().get(0).message()).contains("四、政府信息公开行政复议、行政诉讼情况");
        ParsedReport read = result.parsed().reports().get(0);
        assertThat(read.format()).isEqualTo("GOV2021");
        assertThat(read.tablesComplete()).isFalse();
        Expected expected = Expected.moved(current, "年报", r -> r, c -> c);
        expected.cells().keySet().removeIf(id -> id.startsWith("C."));
        assertThat(read.datapoints().keySet()).containsExactlyInAnyOrderElementsOf(expected.cells().keySet());
        read.datapoints().forEach((id, d) -> assertThat(d.source().sheet() + "!" + d.source().cell()).isEqualTo(expected.cells().get(id)));
    }

    // ------------------------------------------------------------------ what the reader must give

    /** Every datapoint the reader must give, with its value (null = blank) and its sheet and cell; no other. */
    private record Expected(Map<String, BigDecimal> values, Map<String, String> cells) {

        /** The sample's datapoints, on {@code sheet}, their cells moved by the row and column maps of a copy. */
        static Expected moved(SampleFiles.Written sample, String sheet, IntUnaryOperator rows, IntUnaryOperator cols) {
            Map<String, String> cells = new LinkedHashMap<>();
            sample.cells().forEach((id, at) -> {
                CellReference ref = ref(at);
                cells.put(id, sheet + "!" + new CellReference(rows.applyAsInt(ref.getRow()), cols.applyAsInt(ref.getCol())).formatAsString(false));
            });
            return new Expected(sample.values(), cells);
        }

        void assertReadBy(Report report) {
            assertThat(report.datapoints().keySet()).containsExactlyInAnyOrderElementsOf(cells.keySet());
            for (Map.Entry<String, String> e : cells.entrySet()) {
                Datapoint d = report.datapoint(e.getKey()).orElseThrow();
                assertThat(d.source().sheet() + "!" + d.source().cell()).as(e.getKey()).isEqualTo(e.getValue());
                BigDecimal value = values.get(e.getKey());
                if (value == null) {
                    assertThat(d.blank()).as(e.getKey() + " blank").isTrue();
                } else {
                    assertThat(d.value()).as(e.getKey()).isEqualByComparingTo(value);
                }
            }
        }
    }

    // ------------------------------------------------------------------ building the files

    private IngestResult read(Path file) throws Exception {
        return new WorkbookIngester(SampleFiles.CATALOGUE, ReadLimits.defaults(),
                new RosterResolver(AdHocJob.of(dir, dir.resolve("out"), null)), null).ingest(file, WorkbookIngester.describe(dir, file));
    }

    private static Workbook open(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return WorkbookFactory.create(in);
        }
    }

    private static Workbook create(String ext) {
        return ext.equals("xls") ? new HSSFWorkbook() : new XSSFWorkbook();
    }

    private static void save(Workbook wb, Path file) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            wb.write(out);
        }
    }

    private static CellReference ref(String sheetAndCell) {
        return new CellReference(sheetAndCell.substring(sheetAndCell.lastIndexOf('!') + 1));
    }

    private static Cell cell(Sheet sheet, int r, int c) {
        Row row = sheet.getRow(r) == null ? sheet.createRow(r) : sheet.getRow(r);
        return row.getCell(c) == null ? row.createCell(c) : row.getCell(c);
    }

    /** The nearest row above {@code r} whose column B holds text: the header of the block the value belongs to. */
    private static int headerRowAbove(Sheet sheet, int r) {
        for (int above = r - 1; above >= 0; above--) {
            Row row = sheet.getRow(above);
            if (row != null && row.getCell(1) != null && row.getCell(1).getCellType() == CellType.STRING) {
                return above;
            }
        }
        throw new AssertionError("no header above row " + (r + 1));
    }

    /**
     * Copies the values and merged regions of one sheet to another, each row and column moved by the maps (an empty
     * row or column inserted); a merged region that spans an inserted row or column grows over it.
     */
    private static void copy(Sheet from, Sheet to, IntUnaryOperator rows, IntUnaryOperator cols) {
        for (Row row : from) {
            for (Cell c : row) {
                Cell t = cell(to, rows.applyAsInt(row.getRowNum()), cols.applyAsInt(c.getColumnIndex()));
                switch (c.getCellType()) {
                    case NUMERIC -> t.setCellValue(c.getNumericCellValue());
                    case STRING -> t.setCellValue(c.getStringCellValue());
                    default -> {
                    }
                }
            }
        }
        for (CellRangeAddress range : from.getMergedRegions()) {
            to.addMergedRegion(new CellRangeAddress(rows.applyAsInt(range.getFirstRow()), rows.applyAsInt(range.getLastRow()),
                    cols.applyAsInt(range.getFirstColumn()), cols.applyAsInt(range.getLastColumn())));
        }
    }
}
