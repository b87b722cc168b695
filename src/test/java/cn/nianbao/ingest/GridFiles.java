package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/** Workbooks written and read back by the reader tests: the real reader, the usermodel reader, and package surgery. */
final class GridFiles {

    private GridFiles() {
    }

    /** Writes a workbook built with POI as it is (no formula evaluated unless the test did). */
    static Path save(Workbook wb, Path file) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            wb.write(out);
        }
        wb.close();
        return file;
    }

    /** The file through {@link WorkbookGridReader#read}, the way the job reads it; its bytes must be unchanged. */
    static WorkbookGrid read(Path file) throws Exception {
        return read(file, ReadLimits.defaults());
    }

    static WorkbookGrid read(Path file, ReadLimits limits) throws Exception {
        byte[] before = Files.readAllBytes(file);
        try {
            return new WorkbookGridReader(limits).read(file);
        } finally {
            assertThat(Files.readAllBytes(file)).as("input unchanged").isEqualTo(before);
        }
    }

    /** The file through POI's usermodel, opened read-only, and {@link UsermodelGridReader}. */
    static WorkbookGrid readWithUsermodel(Path file) throws Exception {
        byte[] before = Files.readAllBytes(file);
        try (Workbook wb = WorkbookFactory.create(file.toFile(), null, true)) {
            return UsermodelGridReader.read(wb, ReadLimits.defaults());
        } finally {
            assertThat(Files.readAllBytes(file)).as("input unchanged").isEqualTo(before);
        }
    }

    /** A file made by a spreadsheet program or another producer (src/test/resources/sheets, see its README), copied to {@code dir}. */
    static Path fixture(String name, Path dir) throws Exception {
        Path file = dir.resolve(name);
        try (InputStream in = GridFiles.class.getResourceAsStream("/sheets/" + name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            Files.copy(in, file);
        }
        return file;
    }

    static SheetGrid sheet(WorkbookGrid grid, String name) {
        return grid.sheets().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no sheet " + name));
    }

    /** The text of every part of a zip package, by entry name, in the package's order. */
    static Map<String, byte[]> parts(Path file) throws Exception {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(e)) {
                    parts.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return parts;
    }

    static String text(Map<String, byte[]> parts, String name) {
        return new String(parts.get(name), StandardCharsets.UTF_8);
    }

    static void put(Map<String, byte[]> parts, String name, String text) {
        parts.put(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes the parts as a zip package. */
    static Path write(Map<String, byte[]> parts, Path file) throws Exception {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> p : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(p.getKey()));
                zip.write(p.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    /** The grid's stored cells, row by row (merged copies left out), for comparing two reads. */
    static List<GridCell> cells(SheetGrid sheet) {
        List<GridCell> out = new ArrayList<>();
        for (int r : sheet.rowIndexes()) {
            for (GridCell c : sheet.row(r)) {
                if (!sheet.isMergedCopy(r, c.col())) {
                    out.add(c);
                }
            }
        }
        return out;
    }
}
