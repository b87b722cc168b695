package cn.nianbao.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What a Word report reads into, as its tables are met: the tables named 「表1」「表2」… in the order they begin
 * in the document (a table nested in a cell begins after its parent, so its grid follows the parent's), and
 * the text paragraphs before the first table, where the report's title stands.
 */
final class WordTables {

    /** The title and the agency stand in the first paragraphs; a long narrative before any table is not kept whole. */
    static final int MAX_PREAMBLE_PARAGRAPHS = 200;
    static final int MAX_PREAMBLE_CHARS = 2_000;

    private final ReadLimits limits;
    private final TreeMap<Integer, SheetGrid> grids = new TreeMap<>();
    private final List<String> preamble = new ArrayList<>();
    private int started;

    WordTables(ReadLimits limits) {
        this.limits = limits;
    }

    /** A table begins: its builder, named by the order tables begin in. */
    WordTableBuilder begin() throws UnreadableWorkbookException {
        started++;
        if (started > limits.maxSheets()) {
            throw WordReportReader.tooLarge("文档中的表格超过 " + limits.maxSheets() + " 个（上限）");
        }
        return new WordTableBuilder(started, limits);
    }

    /** A table ends. */
    void end(WordTableBuilder table) {
        grids.put(table.number(), table.build());
    }

    /** A paragraph outside every table; kept while no table has begun. */
    void paragraph(String text) {
        if (started > 0 || preamble.size() >= MAX_PREAMBLE_PARAGRAPHS) {
            return;
        }
        String t = text.strip();
        if (!t.isEmpty()) {
            preamble.add(t.length() > MAX_PREAMBLE_CHARS ? t.substring(0, MAX_PREAMBLE_CHARS) : t);
        }
    }

    WorkbookGrid grid() {
        return new WorkbookGrid(new ArrayList<>(grids.values()), preamble, WorkbookGrid.Source.WORD);
    }
}
