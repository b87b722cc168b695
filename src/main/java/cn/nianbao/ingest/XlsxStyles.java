package cn.nianbao.ingest;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/**
 * The number format of each cell style of an .xlsx (styles.xml: {@code <numFmts>} and {@code <cellXfs>}), by the
 * style index a cell names in its {@code s} attribute. Nothing else of the styles is read.
 */
final class XlsxStyles {

    static final XlsxStyles NONE = new XlsxStyles(new CellFormat[0]);

    /** Styles parts up to this size are remembered (Excel's and WPS's are a few KB): at most 2 MB held. */
    private static final int CACHED_UP_TO = 32 * 1024;
    private static final int CACHE_ENTRIES = 64;
    private static final Map<Content, XlsxStyles> SEEN = new ConcurrentHashMap<>();

    private final CellFormat[] byStyle;

    private XlsxStyles(CellFormat[] byStyle) {
        this.byStyle = byStyle;
    }

    /** The format of style {@code index}; General for a cell without a style or naming one that does not exist. */
    CellFormat format(int index) {
        return index >= 0 && index < byStyle.length ? byStyle[index] : CellFormat.GENERAL;
    }

    /**
     * The styles of a part. Files from one program mostly have the same styles part byte for byte: a small one seen
     * before is not parsed again (keyed by its whole content, so never confused with another).
     */
    static XlsxStyles read(InputStream in, XMLInputFactory factory) throws Exception {
        byte[] head = in.readNBytes(CACHED_UP_TO + 1);
        if (head.length > CACHED_UP_TO) {
            return parse(new SequenceInputStream(new ByteArrayInputStream(head), in), factory);
        }
        Content key = new Content(head);
        XlsxStyles styles = SEEN.get(key);
        if (styles == null) {
            styles = parse(new ByteArrayInputStream(head), factory);
            if (SEEN.size() >= CACHE_ENTRIES) {
                SEEN.clear();
            }
            SEEN.put(key, styles);
        }
        return styles;
    }

    /** A part's bytes as a key: equal only to the same bytes. */
    private static final class Content {
        private final byte[] bytes;
        private final int hash;

        Content(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Content c && c.hash == hash && Arrays.equals(c.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private static XlsxStyles parse(InputStream in, XMLInputFactory factory) throws Exception {
        Map<Integer, String> declared = new HashMap<>();
        List<CellFormat> formats = new ArrayList<>();
        Map<Integer, CellFormat> byId = new HashMap<>();
        XMLStreamReader xml = factory.createXMLStreamReader(in);
        try {
            boolean inCellXfs = false;
            while (xml.hasNext()) {
                int event = xml.next();
                XlsxPackage.refuseDoctype(event);
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (XlsxStreamingReader.local(xml)) {
                        case "numFmt" -> {
                            Integer id = integer(xml.getAttributeValue(null, "numFmtId"));
                            String code = xml.getAttributeValue(null, "formatCode");
                            if (id != null && code != null) {
                                declared.put(id, code);
                            }
                        }
                        case "cellXfs" -> inCellXfs = true;
                        case "xf" -> {
                            if (inCellXfs) {
                                Integer id = integer(xml.getAttributeValue(null, "numFmtId"));
                                int fmt = id == null ? 0 : id;
                                formats.add(byId.computeIfAbsent(fmt, k -> CellFormat.of(k, declared.get(k))));
                            }
                        }
                        default -> {
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && XlsxStreamingReader.local(xml).equals("cellXfs")) {
                    break; // the cell styles are all a cell needs: the rest of the part is not parsed
                }
            }
        } finally {
            xml.close();
        }
        return new XlsxStyles(formats.toArray(new CellFormat[0]));
    }

    private static Integer integer(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
