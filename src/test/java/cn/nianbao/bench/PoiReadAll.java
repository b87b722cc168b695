package cn.nianbao.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.apache.poi.hwpf.HWPFDocument;
import org.apache.poi.hwpf.usermodel.Range;
import org.apache.poi.hwpf.usermodel.Table;
import org.apache.poi.hwpf.usermodel.TableIterator;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * The reference a district run is measured against: a plain program that reads every cell of the same files with POI's
 * user model, one file after another on one thread, as its own process (so it pays the JVM's and POI's start-up as the
 * consolidation does). Workbooks: {@link BenchReaders#poiUsermodel}; Word reports: every cell of every table (XWPF for
 * .docx, HWPF for .doc), both opened read-only.
 *
 * <pre>java -cp CLASSPATH cn.nianbao.bench.PoiReadAll FILE_OR_FOLDER …</pre>
 * It prints how many files and cell values it read.
 */
public final class PoiReadAll {

    private PoiReadAll() {
    }

    public static void main(String[] args) throws IOException {
        long cells = 0;
        int files = 0;
        for (Path file : files(args)) {
            cells += read(file);
            files++;
        }
        System.out.printf("%d files, %d cells%n", files, cells);
    }

    static List<Path> files(String... args) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String arg : args) {
            try (Stream<Path> walk = Files.walk(Path.of(arg))) {
                walk.filter(Files::isRegularFile).filter(p -> kind(p) != null).sorted().forEach(files::add);
            }
        }
        return files;
    }

    static long read(Path file) throws IOException {
        String kind = kind(file);
        if (kind == null) {
            return 0;
        }
        return switch (kind) {
            case "docx" -> docx(file);
            case "doc" -> doc(file);
            default -> BenchReaders.poiUsermodel(file);
        };
    }

    private static String kind(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String ext : new String[] {"xlsx", "xlsm", "xls", "docx", "doc"}) {
            if (name.endsWith("." + ext)) {
                return ext;
            }
        }
        return null;
    }

    private static long docx(Path file) throws IOException {
        long n = 0;
        try (OPCPackage pkg = openReadOnly(file); XWPFDocument doc = new XWPFDocument(pkg)) {
            for (XWPFTable table : doc.getTables()) {
                for (XWPFTableRow row : table.getRows()) {
                    for (XWPFTableCell cell : row.getTableCells()) {
                        if (!cell.getText().isEmpty()) {
                            n++;
                        }
                    }
                }
            }
        }
        return n;
    }

    private static OPCPackage openReadOnly(Path file) throws IOException {
        try {
            return OPCPackage.open(file.toFile(), PackageAccess.READ);
        } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            throw new IOException(e);
        }
    }

    private static long doc(Path file) throws IOException {
        long n = 0;
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
            HWPFDocument doc = new HWPFDocument(fs.getRoot());
            Range range = doc.getRange();
            TableIterator tables = new TableIterator(range);
            while (tables.hasNext()) {
                Table table = tables.next();
                for (int r = 0; r < table.numRows(); r++) {
                    for (int c = 0; c < table.getRow(r).numCells(); c++) {
                        if (!table.getRow(r).getCell(c).text().isBlank()) {
                            n++;
                        }
                    }
                }
            }
        }
        return n;
    }
}
