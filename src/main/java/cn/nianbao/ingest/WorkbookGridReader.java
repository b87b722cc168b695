package cn.nianbao.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.poi.EmptyFileException;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.OldExcelFormatException;
import org.apache.poi.hwpf.OldWordFileFormatException;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.formula.FormulaParseException;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/**
 * Reads an .xlsx, .xlsm or .xls file into {@link WorkbookGrid}s, strictly read-only: POI rewrites a
 * file it opened from a {@code File} on close unless it is opened read-only, and inputs are never ours
 * to change. A formula gives its saved result; where the file holds none, or the workbook asks to be
 * recalculated when opened, it is calculated as the spreadsheet would (see {@link FormulaResults}).
 * Nothing in a file is ever run: an .xlsm's macros are never even unzipped. A Word report (.docx, .doc),
 * told by its content, is read by {@link WordReportReader} into the same grids.
 */
public final class WorkbookGridReader {

    static final String DOCTYPE_MESSAGE =
            "工作簿含有不允许的 XML 声明（DOCTYPE/外部实体），已拒绝读取；请用 Excel 或 WPS 另存为 .xlsx 后重新报送";

    /** The limits last given to POI's process-wide zip guards. */
    private static ReadLimits zipGuardsSetFor;

    private final ReadLimits limits;
    private final XlsxStreamingReader streaming;
    private final WordReportReader word;

    public WorkbookGridReader(ReadLimits limits) {
        this.limits = limits;
        this.streaming = new XlsxStreamingReader(limits);
        this.word = new WordReportReader(limits);
        setZipGuards(limits);
    }

    /**
     * POI's zip-bomb guards are static, shared by every reader in the process: set them once for the
     * configured limits (a run has one ReadLimits), not again by every step's new reader while another
     * may be reading. .xlsx files do not go through POI's zip code (XlsxPackage counts what it inflates);
     * these guards cover what POI still unzips itself: a .docx (WordReportReader opens it as an OPC package)
     * and the package inside an encrypted file.
     */
    private static synchronized void setZipGuards(ReadLimits limits) {
        if (limits.equals(zipGuardsSetFor)) {
            return;
        }
        ZipSecureFile.setMinInflateRatio(limits.minInflateRatio());
        ZipSecureFile.setMaxEntrySize(limits.maxEntryBytes());
        zipGuardsSetFor = limits;
    }

    public WorkbookGrid read(Path file) throws UnreadableWorkbookException {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UnreadableWorkbookException("PARSE-UNREADABLE", "无法读取文件（" + e.getMessage() + "）；文件可能正在写入或被其他程序占用，请关闭后重新报送", e);
        }
        if (size == 0) {
            throw new UnreadableWorkbookException("PARSE-UNREADABLE", "文件为空（0 字节），请重新导出后报送", null);
        }
        if (size > limits.maxFileBytes()) {
            throw new UnreadableWorkbookException("PARSE-TOO-LARGE",
                    "文件大小 " + size + " 字节，超过上限 " + limits.maxFileBytes() + " 字节；年报表格通常不足 1 MB；请只报送年报表格，删除无关数据和图片后重新报送", null);
        }
        FileMagic magic;
        try (InputStream in = FileMagic.prepareToCheckMagic(Files.newInputStream(file))) {
            magic = FileMagic.valueOf(in);
        } catch (IOException e) {
            throw new UnreadableWorkbookException("PARSE-UNREADABLE", "无法读取文件（" + e.getMessage() + "）；文件可能正在写入或被其他程序占用，请关闭后重新报送", e);
        }
        if (magic == FileMagic.RTF) {
            throw new UnreadableWorkbookException("PARSE-UNREADABLE", WordReportReader.RTF_MESSAGE, null);
        }
        if (magic == FileMagic.WORD2) {
            throw new UnreadableWorkbookException("PARSE-UNREADABLE", WordReportReader.OLD_WORD_MESSAGE, null);
        }
        if (magic != FileMagic.OOXML && magic != FileMagic.OLE2) {
            throw new UnreadableWorkbookException("PARSE-UNREADABLE", "不是 Excel 工作簿，也不是 Word 文档（文件内容为 " + describe(magic)
                    + "）；请用 Excel 或 WPS 另存为 .xlsx（Word 年报另存为 .docx）后重新报送", null);
        }
        // By content, not by name: a Word report may come named .xls, a workbook named .doc. The name only words
        // the message of a file whose content cannot tell (a truncated one).
        Wording wording = Wording.byName(file);
        try {
            if (magic == FileMagic.OOXML) {
                if (WordReportReader.isWordPackage(file)) {
                    wording = Wording.WORD;
                    return word.readDocx(file);
                }
                return readOoxml(file);
            }
            try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
                if (fs.getRoot().hasEntry("WordDocument")) {
                    wording = Wording.WORD;
                    return word.readDoc(fs.getRoot());
                }
            }
            return readOle2(file);
        } catch (UnreadableWorkbookException e) {
            throw e;
        } catch (Exception | OutOfMemoryError e) {
            throw classify(e, wording);
        }
    }

    /** .xlsx: the zip opened and checked by XlsxPackage, then its sheets streamed (no usermodel, no OPCPackage). */
    private WorkbookGrid readOoxml(Path file) throws Exception {
        XlsxPackage pkg = XlsxPackage.open(file, limits);
        try (pkg) {
            return streaming.read(pkg);
        } catch (Exception e) {
            // A part that inflated past its limit: the XML parser reports it as a parse error of its own.
            if (pkg.refused() != null) {
                throw pkg.refused();
            }
            throw e;
        }
    }

    /** .xls (or an encrypted .xlsx, which is an OLE2 container): the file size limit bounds the memory. */
    private WorkbookGrid readOle2(Path file) throws Exception {
        try (Workbook wb = WorkbookFactory.create(file.toFile(), null, true)) {
            return UsermodelGridReader.read(wb, limits);
        }
    }

    /** How messages name the file, the program that saves it and what to save it as. */
    enum Wording {
        EXCEL("工作簿", "Excel", ".xlsx", "保护工作簿"),
        WORD("文档", "Word", ".docx", "保护文档");

        final String noun;
        final String program;
        final String extension;
        final String protect;

        Wording(String noun, String program, String extension, String protect) {
            this.noun = noun;
            this.program = program;
            this.extension = extension;
            this.protect = protect;
        }

        static Wording byName(Path file) {
            String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            return name.endsWith(".docx") || name.endsWith(".doc") || name.endsWith(".docm") ? WORD : EXCEL;
        }
    }

    static UnreadableWorkbookException classify(Throwable e) {
        return classify(e, Wording.EXCEL);
    }

    /** Maps what POI throws (wrapped at any depth) to a PARSE-* rule and a message for the agency. */
    static UnreadableWorkbookException classify(Throwable e, Wording w) {
        String saveAs = "请用 " + w.program + " 或 WPS 另存为 " + w.extension + " 后重新报送";
        for (Throwable t = e; t != null; t = t.getCause()) {
            String msg = String.valueOf(t.getMessage());
            if (t instanceof EncryptedDocumentException || msg.contains("password") || msg.contains("encrypted")) {
                return new UnreadableWorkbookException("PARSE-ENCRYPTED",
                        w.noun + "设置了打开密码或已加密，无法读取；请取消打开密码（文件→信息→" + w.protect + "→用密码进行加密，清空密码）后重新报送", e);
            }
            if (t instanceof EmptyFileException) {
                return new UnreadableWorkbookException("PARSE-UNREADABLE", "文件为空，请重新导出后报送", e);
            }
            if (t instanceof OldExcelFormatException) {
                return new UnreadableWorkbookException("PARSE-UNREADABLE",
                        "文件是 Excel 5.0/95 等旧格式，无法读取；请用 Excel 或 WPS 另存为 .xlsx 后重新报送", e);
            }
            if (t instanceof OldWordFileFormatException) {
                return new UnreadableWorkbookException("PARSE-UNREADABLE", WordReportReader.OLD_WORD_MESSAGE, e);
            }
            if (msg.contains("Zip bomb") || msg.contains("potentially malicious") || msg.contains("exceeds the max")
                    || t instanceof OutOfMemoryError) {
                return new UnreadableWorkbookException("PARSE-TOO-LARGE",
                        w.noun + "解压后体积异常（疑似压缩炸弹或内容过大），已拒绝读取；请删除与年报无关的内容，另存为普通 " + w.extension + " 后重新报送", e);
            }
            if (msg.contains("DOCTYPE")) {
                return new UnreadableWorkbookException("PARSE-UNREADABLE",
                        w == Wording.WORD ? WordReportReader.DOCTYPE_MESSAGE : DOCTYPE_MESSAGE, e);
            }
            if (msg.contains("Truncated") || msg.contains("truncated") || msg.contains("Unexpected end")
                    || msg.contains("Unable to read entire") || msg.matches("Block \\d+ not found")) {
                return new UnreadableWorkbookException("PARSE-UNREADABLE",
                        "文件不完整（可能上传或复制中断），请重新报送完整文件", e);
            }
            if (t instanceof FormulaParseException) {
                return new UnreadableWorkbookException("PARSE-UNREADABLE", "工作簿中的公式无法解析（" + msg + "）；请把公式改为数值后重新报送", e);
            }
        }
        return new UnreadableWorkbookException("PARSE-UNREADABLE",
                "无法作为 " + w.program + " " + w.noun + "读取（" + e.getClass().getSimpleName() + ": " + e.getMessage() + "）；" + saveAs, e);
    }

    /** What a file that is no workbook or Word document holds (RTF and Word 2 are refused with their own messages). */
    private static String describe(FileMagic magic) {
        switch (magic) {
            case PDF: return "PDF";
            case HTML: return "HTML 网页";
            case XML: return "XML";
            case BIFF2: case BIFF3: case BIFF4: return "Excel 2.x–4.x 旧格式";
            default: return "无法识别的格式";
        }
    }
}
