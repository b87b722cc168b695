package cn.nianbao.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.hssf.eventusermodel.HSSFEventFactory;
import org.apache.poi.hssf.eventusermodel.HSSFRequest;
import org.apache.poi.hssf.record.BoolErrRecord;
import org.apache.poi.hssf.record.FormulaRecord;
import org.apache.poi.hssf.record.LabelSSTRecord;
import org.apache.poi.hssf.record.NumberRecord;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/**
 * The two reference readers the job is measured against, over the same files.
 *
 * <ul>
 * <li>POI usermodel: {@code WorkbookFactory.create(file, null, true)}, read every cell's value, close.</li>
 * <li>Lower bound: .xlsx opened with {@link ZipFile}, every {@code xl/worksheets/*.xml} streamed through the
 *     JDK's own StAX parser (coalescing off, no DTD) counting {@code <c>} and {@code <v>} start elements,
 *     nothing interpreted (shared strings are not even opened). .xls: POI's HSSF event model
 *     ({@link HSSFEventFactory} over a read-only {@link POIFSFileSystem}) counting cell records.</li>
 * </ul>
 */
final class BenchReaders {

    enum Kind { POI_USERMODEL, LOWER_BOUND }

    private static final XMLInputFactory STAX = XMLInputFactory.newDefaultFactory();

    static {
        STAX.setProperty(XMLInputFactory.IS_COALESCING, false);
        STAX.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        STAX.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        STAX.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    }

    private BenchReaders() {
    }

    /** Files per second and how many cells (or {@code <c>}+{@code <v>} events) were seen. */
    record Rate(Kind kind, int threads, int files, double seconds, long cells) {
        double filesPerSecond() {
            return files / seconds;
        }
    }

    static Rate measure(Kind kind, List<Path> files, int threads) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        long cells = 0;
        try {
            List<Future<Long>> parts = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                parts.add(pool.submit(() -> {
                    long n = 0;
                    for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
                        n += kind == Kind.POI_USERMODEL ? poiUsermodel(files.get(i)) : lowerBound(files.get(i));
                    }
                    return n;
                }));
            }
            for (Future<Long> f : parts) {
                cells += f.get();
            }
        } finally {
            pool.shutdown();
        }
        return new Rate(kind, threads, files.size(), (System.nanoTime() - t0) / 1e9, cells);
    }

    /** Opens read-only, reads every cell's value (cached result for formulas), closes. */
    static long poiUsermodel(Path file) throws IOException {
        long n = 0;
        try (Workbook wb = WorkbookFactory.create(file.toFile(), null, true)) {
            for (int s = 0; s < wb.getNumberOfSheets(); s++) {
                Sheet sheet = wb.getSheetAt(s);
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
                        Object v = switch (type) {
                            case NUMERIC -> cell.getNumericCellValue();
                            case STRING -> cell.getStringCellValue();
                            case BOOLEAN -> cell.getBooleanCellValue();
                            case ERROR -> cell.getErrorCellValue();
                            default -> null;
                        };
                        if (v != null) {
                            n++;
                        }
                    }
                }
            }
        }
        return n;
    }

    static long lowerBound(Path file) throws IOException, XMLStreamException {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xls")) {
            return hssfEvents(file);
        }
        long n = 0;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName();
                if (!name.startsWith("xl/worksheets/") || !name.endsWith(".xml")) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(e)) {
                    XMLStreamReader r = STAX.createXMLStreamReader(in);
                    try {
                        while (r.hasNext()) {
                            if (r.next() == XMLStreamConstants.START_ELEMENT) {
                                String local = r.getLocalName();
                                if (local.equals("c") || local.equals("v")) {
                                    n++;
                                }
                            }
                        }
                    } finally {
                        r.close();
                    }
                }
            }
        }
        return n;
    }

    private static long hssfEvents(Path file) throws IOException {
        long[] n = {0};
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
            HSSFRequest req = new HSSFRequest();
            req.addListener(rec -> n[0]++, NumberRecord.sid);
            req.addListener(rec -> n[0]++, LabelSSTRecord.sid);
            req.addListener(rec -> n[0]++, FormulaRecord.sid);
            req.addListener(rec -> n[0]++, BoolErrRecord.sid);
            new HSSFEventFactory().processWorkbookEvents(req, fs);
        }
        return n[0];
    }
}
