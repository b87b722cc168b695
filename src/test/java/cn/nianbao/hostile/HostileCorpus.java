package cn.nianbao.hostile;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import cn.nianbao.samples.AgencyProfile;
import cn.nianbao.samples.Layout;
import cn.nianbao.samples.SampleReport;
import cn.nianbao.samples.SampleWordWriter;
import cn.nianbao.samples.SampleWorkbookWriter;
import cn.nianbao.samples.SyntheticReports;
import cn.nianbao.template.TemplateCatalogue;

/**
 * Writes the hostile input corpus at test time (no binary blobs in git): each bad file an agency could
 * send, or a hostile one could craft, next to a few good workbooks, with what the run must say of each.
 */
final class HostileCorpus {

    /** A file of the corpus and the PARSE-* rule it must get; {@code words} must appear in the message. */
    record Rejected(String file, String rule, String... words) {
    }

    static final TemplateCatalogue CATALOGUE = TemplateCatalogue.load();
    static final int YEAR = 2020;

    static final List<String> GOOD = List.of("海滨街道-2020年报.xlsx", "金龙街道-2020年报.xlsx", "浮桥街道-2020年报.xls",
            "鲤中街道-2020年报.docx", "开元街道-2020年报.doc");

    /** The Word report of the test resources (开元街道 2020 saved as .doc), good and cut short. */
    static final Path WORD_DOC = Path.of("src/test/resources/word/kaiyuan-2020.doc");

    /** A workbook whose #REF! and #DIV/0! cells stand where numbers belong. */
    static final String ERROR_VALUES = "江南街道-2020年报.xlsx";
    static final String REF_DATAPOINT = "B.NEW.NATURAL";
    static final String DIV0_DATAPOINT = "B.NEW.BUSINESS";

    /** A workbook with a cell whose formula refers to itself; its cached value must be read as it is. */
    static final String CIRCULAR = "常泰街道-2020年报.xlsx";
    static final String CIRCULAR_DATAPOINT = "B.GRANTED.NATURAL";

    /** Right shape, wrong year: the title says 2019, the file name and the job say 2020. */
    static final String WRONG_YEAR = "开元街道-2020年报.xlsx";

    /** Formula injection in the title (→ agency name), the file name and the sheet name. */
    static final String INJECTION_FILE = "+cmd-2020年报.xlsx";
    static final String INJECTION_AGENCY = "=HYPERLINK(\"http://x\",\"点我\")";
    static final String INJECTION_SHEET = "@SUM(1)";

    static final String FIFO = "正在写入.xlsx";
    static final String SYMLINK = "外部链接.xlsx";

    /** What the run must say about every rejected file (the wrong-year one included). */
    static final List<Rejected> REJECTED = List.of(
            new Rejected("空文件.xlsx", "PARSE-UNREADABLE", "为空"),
            new Rejected("文本改名.xlsx", "PARSE-UNREADABLE", "不是 Excel 工作簿"),
            new Rejected("截断.xlsx", "PARSE-UNREADABLE", "不完整"),
            new Rejected("压缩炸弹.xlsx", "PARSE-TOO-LARGE", "解压后"),
            new Rejected("外部实体.xlsx", "PARSE-UNREADABLE", "DOCTYPE"),
            new Rejected("十亿笑.xlsx", "PARSE-UNREADABLE", "DOCTYPE"),
            new Rejected("加密.xlsx", "PARSE-ENCRYPTED", "密码"),
            new Rejected("旧格式BIFF5.xls", "PARSE-UNREADABLE", "旧格式"),
            new Rejected("三百个工作表.xlsx", "PARSE-TOO-LARGE", "300 个工作表"),
            new Rejected("一百万行.xlsx", "PARSE-TOO-LARGE", "解压后"),
            new Rejected("两万行.xlsx", "PARSE-TOO-LARGE", "5000 行"),
            new Rejected("十五万格.xlsx", "PARSE-TOO-LARGE", "100000 个单元格"),
            new Rejected("合并单元格炸弹.xlsx", "PARSE-TOO-LARGE", "合并单元格"),
            new Rejected(WRONG_YEAR, "PARSE-WRONG-YEAR", "2019", "2020"),
            // Word reports
            new Rejected("空文件.docx", "PARSE-UNREADABLE", "为空"),
            new Rejected("文本改名.docx", "PARSE-UNREADABLE", "不是 Excel 工作簿，也不是 Word 文档"),
            new Rejected("截断.docx", "PARSE-UNREADABLE", "不完整"),
            new Rejected("加密.docx", "PARSE-ENCRYPTED", "密码", "保护文档"),
            new Rejected("压缩炸弹.docx", "PARSE-TOO-LARGE", "解压后", ".docx"),
            new Rejected("外部实体.docx", "PARSE-UNREADABLE", "DOCTYPE", "Word"),
            new Rejected("十亿笑.docx", "PARSE-UNREADABLE", "DOCTYPE", "Word"),
            new Rejected("RTF改名.doc", "PARSE-UNREADABLE", "RTF", ".docx"),
            new Rejected("截断.doc", "PARSE-UNREADABLE", "不完整"));

    private HostileCorpus() {
    }

    /**
     * Writes the corpus into {@code in}; the symbolic link points at a file in {@code outside}. Returns
     * the cached value of the circular cell, which must come out unchanged.
     */
    static BigDecimal write(Path in, Path outside) throws Exception {
        Files.createDirectories(in);
        Files.createDirectories(outside);
        SampleWorkbookWriter writer = new SampleWorkbookWriter(CATALOGUE);
        int seed = 1;
        for (String name : GOOD) {
            if (name.endsWith(".docx")) {
                wordReport(in.resolve(name), agencyOf(name), seed++);
            } else if (name.endsWith(".doc")) {
                Files.copy(WORD_DOC, in.resolve(name));
            } else {
                form(writer, in.resolve(name), agencyOf(name), YEAR, seed++);
            }
        }
        Path template = outside.resolve("模板.xlsx");
        form(writer, template, "模板街道办事处", YEAR, 99);
        byte[] good = Files.readAllBytes(template);

        Files.write(in.resolve("空文件.xlsx"), new byte[0]);
        Files.writeString(in.resolve("文本改名.xlsx"), "单位,数量\n海滨街道,12\n这是一个改了扩展名的文本文件\n");
        Files.write(in.resolve("截断.xlsx"), Arrays.copyOf(good, good.length / 2));
        zipBomb(template, in.resolve("压缩炸弹.xlsx"));
        replaceSheet(template, in.resolve("外部实体.xlsx"), sheetWithDoctype(
                "<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>", "&xxe;"));
        StringBuilder laughs = new StringBuilder("<!DOCTYPE worksheet [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            laughs.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        replaceSheet(template, in.resolve("十亿笑.xlsx"), sheetWithDoctype(laughs.append("]>").toString(), "&lol9;"));
        encrypted(template, in.resolve("加密.xlsx"));
        biff5(in.resolve("旧格式BIFF5.xls"));
        manySheets(in.resolve("三百个工作表.xlsx"), 300);
        bigSheet(in.resolve("一百万行.xlsx"), 1_000_000, 1);  // refused by its inflated size
        bigSheet(in.resolve("两万行.xlsx"), 20_000, 1);       // small enough on disk, refused by its row count
        bigSheet(in.resolve("十五万格.xlsx"), 5_000, 30);     // within the row limit, refused by its cell count
        mergeBomb(template, in.resolve("合并单元格炸弹.xlsx"), 5_000); // 150 KB of <mergeCell> covering 5 billion cells

        wordFiles(in, outside);

        errorValues(writer, in.resolve(ERROR_VALUES));
        BigDecimal cached = circular(writer, in.resolve(CIRCULAR));
        form(writer, in.resolve(WRONG_YEAR), "鲤城区人民政府开元街道办事处", 2019, 7);
        injection(writer, in.resolve(INJECTION_FILE));

        new ProcessBuilder("mkfifo", in.resolve(FIFO).toString()).inheritIO().start().waitFor();
        Path secret = outside.resolve("外部文件.xlsx");
        form(writer, secret, "不应读取的单位", YEAR, 11);
        Files.createSymbolicLink(in.resolve(SYMLINK), secret);
        return cached;
    }

    static String agencyOf(String fileName) {
        return "鲤城区人民政府" + fileName.substring(0, fileName.indexOf('-')) + "办事处";
    }

    /** A correct form of the official layout; returns datapoint id → 「sheet!A1」. */
    static Map<String, String> form(SampleWorkbookWriter writer, Path file, String agency, int year, int seed)
            throws IOException {
        String format = year >= 2021 ? "GOV2021" : "GOV2019";
        Map<String, BigDecimal> values = SyntheticReports.values(CATALOGUE.require(format), AgencyProfile.subDistrict(),
                new Random(seed), null, false);
        SampleReport report = new SampleReport(agency, agency + " " + year + "年政府信息公开工作年度报告", year, format, values,
                Map.of(), true);
        return writer.write(report, EnumSet.of(Layout.OFFICIAL), file);
    }

    /** A correct Word report (.docx) of the official layout. */
    static void wordReport(Path file, String agency, int seed) throws IOException {
        Map<String, BigDecimal> values = SyntheticReports.values(CATALOGUE.require("GOV2019"), AgencyProfile.subDistrict(),
                new Random(seed), null, false);
        new SampleWordWriter(CATALOGUE).write(new SampleReport(agency, agency + " " + YEAR + "年政府信息公开工作年度报告", YEAR,
                "GOV2019", values, Map.of(), true), EnumSet.of(Layout.OFFICIAL), file);
    }

    /** The hostile Word files: each must be one PARSE-* finding, nothing expanded, nothing read from outside. */
    static void wordFiles(Path in, Path outside) throws Exception {
        Path template = outside.resolve("模板.docx");
        wordReport(template, "模板街道办事处", 98);
        byte[] good = Files.readAllBytes(template);
        Files.write(in.resolve("空文件.docx"), new byte[0]);
        Files.writeString(in.resolve("文本改名.docx"), "鲤城区某街道2020年政府信息公开工作年度报告\n（纯文本，改了扩展名）\n");
        Files.write(in.resolve("截断.docx"), Arrays.copyOf(good, good.length / 2));
        encryptedPackage(good, in.resolve("加密.docx"));
        padded(template, in.resolve("压缩炸弹.docx"), "word/document.xml", 200);
        String body = "<w:body><w:p><w:r><w:t>%s</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body>";
        String root = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">";
        replacePart(template, in.resolve("外部实体.docx"), "word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n" + root + body.formatted("&xxe;", "&xxe;") + "</w:document>");
        StringBuilder laughs = new StringBuilder("<!DOCTYPE w:document [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            laughs.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        replacePart(template, in.resolve("十亿笑.docx"), "word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + laughs.append("]>\n") + root + body.formatted("&lol9;", "&lol9;") + "</w:document>");
        Files.writeString(in.resolve("RTF改名.doc"), "{\\rtf1\\ansi\\ansicpg936 {\\fonttbl {\\f0 SimSun;}}"
                + "\\trowd\\cellx2000\\cellx4000 \\intbl \\'b9\\'e6\\'d5\\'c2\\cell 0\\cell\\row }", StandardCharsets.US_ASCII);
        byte[] doc = Files.readAllBytes(WORD_DOC);
        Files.write(in.resolve("截断.doc"), Arrays.copyOf(doc, doc.length / 2));
    }

    /** A package's part padded after its XML declaration with {@code megabytes} MB of spaces: tiny on disk, huge inflated. */
    static void padded(Path template, Path target, String part, int megabytes) throws IOException {
        byte[] spaces = new byte[1 << 20];
        Arrays.fill(spaces, (byte) ' ');
        rewrite(template, target, (name, content, zip) -> {
            if (!name.equals(part)) {
                zip.write(content);
                return;
            }
            String xml = new String(content, StandardCharsets.UTF_8);
            int afterDeclaration = xml.indexOf("?>") + 2;
            zip.write(xml.substring(0, afterDeclaration).getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < megabytes; i++) {
                zip.write(spaces);
            }
            zip.write(xml.substring(afterDeclaration).getBytes(StandardCharsets.UTF_8));
        });
    }

    static void replacePart(Path template, Path target, String part, String xml) throws IOException {
        rewrite(template, target, (name, content, zip) -> zip.write(name.equals(part) ? xml.getBytes(StandardCharsets.UTF_8) : content));
    }

    /** An OOXML package encrypted with a password (agile encryption, as Office 2010+ does). */
    static void encryptedPackage(byte[] pkg, Path target) throws Exception {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
            encryptor.confirmPassword("年报2020");
            try (OutputStream os = encryptor.getDataStream(fs)) {
                os.write(pkg);
            }
            try (OutputStream out = Files.newOutputStream(target)) {
                fs.writeFilesystem(out);
            }
        }
    }

    /** The template with its sheet XML padded by 200 MB of spaces: tiny on disk, huge inflated. */
    static void zipBomb(Path template, Path target) throws IOException {
        byte[] spaces = new byte[1 << 20];
        Arrays.fill(spaces, (byte) ' ');
        rewrite(template, target, (name, content, zip) -> {
            if (!name.equals("xl/worksheets/sheet1.xml")) {
                zip.write(content);
                return;
            }
            String xml = new String(content, StandardCharsets.UTF_8);
            int afterDeclaration = xml.indexOf("?>") + 2;
            zip.write(xml.substring(0, afterDeclaration).getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 200; i++) {
                zip.write(spaces);
            }
            zip.write(xml.substring(afterDeclaration).getBytes(StandardCharsets.UTF_8));
        });
    }

    static String sheetWithDoctype(String doctype, String entityUse) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + doctype + "\n"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" + entityUse + "</t></is></c></row>"
                + "</sheetData></worksheet>";
    }

    static void replaceSheet(Path template, Path target, String sheetXml) throws IOException {
        rewrite(template, target, (name, content, zip) ->
                zip.write(name.equals("xl/worksheets/sheet1.xml") ? sheetXml.getBytes(StandardCharsets.UTF_8) : content));
    }

    /**
     * A sheet of {@code regions} identical {@code <mergeCell ref="A1:GR5000"/>} lines, stored uncompressed so no
     * inflate-ratio guard catches it first: each covers the whole readable sheet (5,000 rows × 200 columns).
     */
    static void mergeBomb(Path template, Path target, int regions) throws IOException {
        String sheet = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>模板街道办事处2020年政府信息公开工作年度报告</t></is></c></row>"
                + "</sheetData><mergeCells count=\"" + regions + "\">" + "<mergeCell ref=\"A1:GR5000\"/>".repeat(regions)
                + "</mergeCells></worksheet>";
        byte[] bytes = sheet.getBytes(StandardCharsets.UTF_8);
        try (ZipInputStream zin = new ZipInputStream(Files.newInputStream(template));
             ZipOutputStream zout = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry e = zin.getNextEntry(); e != null; e = zin.getNextEntry()) {
                byte[] content = zin.readAllBytes();
                ZipEntry copy = new ZipEntry(e.getName());
                if (e.getName().equals("xl/worksheets/sheet1.xml")) {
                    content = bytes;
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(content);
                    copy.setMethod(ZipEntry.STORED);
                    copy.setSize(content.length);
                    copy.setCompressedSize(content.length);
                    copy.setCrc(crc.getValue());
                }
                zout.putNextEntry(copy);
                zout.write(content);
                zout.closeEntry();
            }
        }
    }

    interface EntryWriter {
        void write(String name, byte[] content, OutputStream zip) throws IOException;
    }

    /** Copies a zip entry by entry, letting {@code each} write every entry's content. */
    static void rewrite(Path source, Path target, EntryWriter each) throws IOException {
        try (ZipInputStream zin = new ZipInputStream(Files.newInputStream(source));
             ZipOutputStream zout = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry e = zin.getNextEntry(); e != null; e = zin.getNextEntry()) {
                byte[] content = zin.readAllBytes();
                zout.putNextEntry(new ZipEntry(e.getName()));
                each.write(e.getName(), content, zout);
                zout.closeEntry();
            }
        }
    }

    /** The template encrypted with a password (agile encryption, as Excel 2010+ does). */
    static void encrypted(Path template, Path target) throws Exception {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
            Encryptor encryptor = info.getEncryptor();
            encryptor.confirmPassword("年报2020");
            try (InputStream in = Files.newInputStream(template);
                 XSSFWorkbook wb = new XSSFWorkbook(in);
                 OutputStream os = encryptor.getDataStream(fs)) {
                wb.write(os);
            }
            try (OutputStream out = Files.newOutputStream(target)) {
                fs.writeFilesystem(out);
            }
        }
    }

    /** An OLE2 file whose 「Book」 stream starts with a BIFF5 BOF record: Excel 5.0/95. */
    static void biff5(Path target) throws IOException {
        ByteArrayOutputStream book = new ByteArrayOutputStream();
        // BOF: id 0x0809, length 8, version 0x0500 (BIFF5), type 0x0005 (workbook globals), build, year
        book.writeBytes(new byte[] {0x09, 0x08, 0x08, 0x00, 0x00, 0x05, 0x05, 0x00, (byte) 0xBB, 0x0D, (byte) 0xCC, 0x07});
        // EOF: id 0x000A, length 0
        book.writeBytes(new byte[] {0x0A, 0x00, 0x00, 0x00});
        try (POIFSFileSystem fs = new POIFSFileSystem(); OutputStream out = Files.newOutputStream(target)) {
            fs.createDocument(new ByteArrayInputStream(book.toByteArray()), "Book");
            fs.writeFilesystem(out);
        }
    }

    static void manySheets(Path target, int sheets) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(target)) {
            for (int i = 1; i <= sheets; i++) {
                wb.createSheet("表" + i).createRow(0).createCell(0).setCellValue("第 " + i + " 张表");
            }
            wb.write(out);
        }
    }

    /** Written with SXSSF so the test itself stays small in memory. */
    static void bigSheet(Path target, int rows, int columns) throws IOException {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(100); OutputStream out = Files.newOutputStream(target)) {
            wb.setCompressTempFiles(true);
            var sheet = wb.createSheet("明细");
            for (int r = 0; r < rows; r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < columns; c++) {
                    row.createCell(c).setCellValue(r);
                }
            }
            wb.write(out);
            wb.dispose();
        }
    }

    static void errorValues(SampleWorkbookWriter writer, Path target) throws IOException {
        Map<String, String> cells = form(writer, target, agencyOf(ERROR_VALUES), YEAR, 21);
        edit(target, wb -> {
            cellAt(wb, cells.get(REF_DATAPOINT)).setCellErrorValue(FormulaError.REF.getCode());
            Cell div0 = cellAt(wb, cells.get(DIV0_DATAPOINT));
            div0.setCellFormula("1/0");
            div0.setCellErrorValue(FormulaError.DIV0.getCode());
        });
    }

    /** A cell whose formula refers to itself, with the value last stored in it as its cached result. */
    static BigDecimal circular(SampleWorkbookWriter writer, Path target) throws IOException {
        Map<String, String> cells = form(writer, target, agencyOf(CIRCULAR), YEAR, 31);
        String address = cells.get(CIRCULAR_DATAPOINT);
        BigDecimal[] cached = new BigDecimal[1];
        edit(target, wb -> {
            Cell cell = cellAt(wb, address);
            cached[0] = BigDecimal.valueOf((long) cell.getNumericCellValue());
            String self = address.substring(address.indexOf('!') + 1);
            cell.setCellFormula(self + "+1");
            cell.setCellValue(cached[0].doubleValue()); // XSSF keeps the formula and stores this as its cached value
        });
        return cached[0];
    }

    static void injection(SampleWorkbookWriter writer, Path target) throws IOException {
        Map<String, BigDecimal> values = SyntheticReports.values(CATALOGUE.require("GOV2019"), AgencyProfile.subDistrict(),
                new Random(41), null, false);
        SampleReport report = new SampleReport(INJECTION_AGENCY, INJECTION_AGENCY + YEAR + "年政府信息公开工作年度报告", YEAR,
                "GOV2019", values, Map.of(), true);
        writer.write(report, EnumSet.of(Layout.OFFICIAL), target);
        edit(target, wb -> wb.setSheetName(0, INJECTION_SHEET));
    }

    interface WorkbookEdit {
        void apply(XSSFWorkbook wb) throws IOException;
    }

    /** Reads an .xlsx we wrote, changes it, and writes it back (test setup only; inputs are never edited by the job). */
    static void edit(Path file, WorkbookEdit change) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            change.apply(wb);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            bytes = out.toByteArray();
        }
        Files.write(file, bytes);
    }

    static Cell cellAt(XSSFWorkbook wb, String sheetBangA1) {
        int bang = sheetBangA1.indexOf('!');
        XSSFSheet sheet = wb.getSheet(sheetBangA1.substring(0, bang));
        CellReference ref = new CellReference(sheetBangA1.substring(bang + 1));
        return sheet.getRow(ref.getRow()).getCell(ref.getCol());
    }

    /** Every regular file under the folders, for checking that nothing was changed. */
    static List<Path> regularFiles(Path... roots) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            try (var walk = Files.walk(root)) {
                walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).sorted().forEach(files::add);
            }
        }
        return files;
    }
}
