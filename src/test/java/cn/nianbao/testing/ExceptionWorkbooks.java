package cn.nianbao.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * exceptions.xlsx as an auditor edits it: a decision typed into the 处理状态 and 处理说明 cells of a finding's row (found
 * by its fingerprint) on one sheet, and the workbook saved again in place, as Excel saves it (a newer modification time).
 */
public final class ExceptionWorkbooks {

    private ExceptionWorkbooks() {
    }

    /** Types a decision into the row of {@code fingerprint} on {@code sheetName}; fails when the sheet has no such row. */
    public static void decide(Path workbook, String sheetName, String fingerprint, String status, String note) throws IOException {
        edit(workbook, wb -> {
            Sheet sheet = wb.getSheet(sheetName);
            if (sheet == null) {
                throw new AssertionError("no sheet 「" + sheetName + "」 in " + workbook);
            }
            int[] columns = columns(sheet);
            for (Row row : sheet) {
                if (row.getRowNum() > columns[3] && fingerprint.equals(text(row.getCell(columns[0])))) {
                    set(row, columns[1], status);
                    set(row, columns[2], note);
                    return;
                }
            }
            throw new AssertionError("no row of " + fingerprint + " on 「" + sheetName + "」");
        });
    }

    /** The fingerprints listed on a sheet, in its order. */
    public static List<String> fingerprints(Path workbook, String sheetName) throws IOException {
        try (InputStream in = Files.newInputStream(workbook); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            Sheet sheet = wb.getSheet(sheetName);
            int[] columns = columns(sheet);
            List<String> out = new ArrayList<>();
            for (Row row : sheet) {
                if (row.getRowNum() > columns[3] && text(row.getCell(columns[0])) != null) {
                    out.add(text(row.getCell(columns[0])));
                }
            }
            return out;
        }
    }

    /** The text of the cell in a finding's row under {@code header}, on {@code sheetName}. */
    public static String cell(Path workbook, String sheetName, String fingerprint, String header) throws IOException {
        try (InputStream in = Files.newInputStream(workbook); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            Sheet sheet = wb.getSheet(sheetName);
            int[] columns = columns(sheet);
            int wanted = -1;
            for (Cell c : sheet.getRow(columns[3])) {
                if (header.equals(text(c))) {
                    wanted = c.getColumnIndex();
                }
            }
            for (Row row : sheet) {
                if (row.getRowNum() > columns[3] && fingerprint.equals(text(row.getCell(columns[0])))) {
                    return text(row.getCell(wanted));
                }
            }
            throw new AssertionError("no row of " + fingerprint + " on 「" + sheetName + "」");
        }
    }

    /** Any change to the workbook, saved in place with a later modification time. */
    public static void edit(Path workbook, java.util.function.Consumer<XSSFWorkbook> change) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(workbook); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            change.accept(wb);
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            wb.write(buffer);
            bytes = buffer.toByteArray();
        }
        FileTime before = Files.getLastModifiedTime(workbook);
        try (OutputStream out = Files.newOutputStream(workbook)) {
            out.write(bytes);
        }
        Files.setLastModifiedTime(workbook, FileTime.from(before.toInstant().plusSeconds(60)));
    }

    /** The columns 指纹, 处理状态 and 处理说明, and the header row's index. */
    private static int[] columns(Sheet sheet) {
        for (Row row : sheet) {
            int[] found = {-1, -1, -1, row.getRowNum()};
            for (Cell c : row) {
                String t = text(c);
                if ("指纹".equals(t)) {
                    found[0] = c.getColumnIndex();
                } else if ("处理状态".equals(t)) {
                    found[1] = c.getColumnIndex();
                } else if ("处理说明".equals(t)) {
                    found[2] = c.getColumnIndex();
                }
            }
            if (found[0] >= 0 && found[1] >= 0 && found[2] >= 0) {
                return found;
            }
        }
        throw new AssertionError("sheet 「" + sheet.getSheetName() + "」 has no 指纹 / 处理状态 / 处理说明 header");
    }

    /**
     * A cell typed anew, as Excel saves it. The cell is replaced rather than changed: the program writes text as inline
     * strings, and POI, changing such a cell, adds the new value beside the old inline text, which is what Excel and
     * the program then read.
     */
    private static void set(Row row, int column, String value) {
        Cell old = row.getCell(column);
        org.apache.poi.ss.usermodel.CellStyle style = old == null ? null : old.getCellStyle();
        if (old != null) {
            row.removeCell(old);
        }
        Cell cell = row.createCell(column);
        if (style != null) {
            cell.setCellStyle(style);
        }
        if (value != null) {
            cell.setCellValue(value);
        }
    }

    private static String text(Cell cell) {
        return cell == null || cell.getCellType() != CellType.STRING ? null : cell.getStringCellValue();
    }
}
