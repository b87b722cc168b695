package cn.nianbao.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.apache.poi.hwpf.HWPFDocument;
import org.apache.poi.hwpf.usermodel.CharacterRun;
import org.apache.poi.hwpf.usermodel.Paragraph;
import org.apache.poi.hwpf.usermodel.Range;
import org.apache.poi.hwpf.usermodel.Table;
import org.apache.poi.hwpf.usermodel.TableCell;
import org.apache.poi.hwpf.usermodel.TableRow;
import org.apache.poi.poifs.filesystem.DirectoryNode;

/**
 * Reads a binary Word document (.doc) with HWPF into {@link WordTables}. A .doc has no grid columns: each cell
 * only knows its left edge and width. The table's columns are the distinct edges of all its cells, so a wide
 * cell spans the columns between its edges, as the eye reads it; edges closer than {@link #EDGE_TOLERANCE}
 * (Word leaves rows a few twips apart) are one column boundary.
 *
 * <p>A cell's text is what Word shows: its paragraphs joined by "\n", without text marked deleted by tracked
 * changes, hidden text, field codes (a field's shown result is kept) and Word's control characters (cell marks,
 * paragraph ends, field marks, object anchors).
 */
final class DocBodyReader {

    /** 1/20 of a point: about 0.5 mm. */
    static final int EDGE_TOLERANCE = 30;

    private static final char FIELD_BEGIN = '\u0013';
    private static final char FIELD_SEPARATOR = '\u0014';
    private static final char FIELD_END = '\u0015';

    private final ReadLimits limits;

    DocBodyReader(ReadLimits limits) {
        this.limits = limits;
    }

    WorkbookGrid read(DirectoryNode root) throws IOException, UnreadableWorkbookException {
        HWPFDocument doc = new HWPFDocument(root);
        Range body = doc.getRange();
        WordTables out = new WordTables(limits);
        int n = body.numParagraphs();
        for (int i = 0; i < n; ) {
            Paragraph p = body.getParagraph(i);
            if (p.isInTable()) {
                Table table = body.getTable(p);
                readTable(table, out);
                i += Math.max(1, table.numParagraphs());
            } else {
                out.paragraph(shown(List.of(p)));
                i++;
            }
        }
        return out.grid();
    }

    private void readTable(Table table, WordTables out) throws UnreadableWorkbookException {
        WordTableBuilder builder = out.begin();
        int rows = table.numRows();
        if (rows > limits.maxRowsPerSheet()) {
            throw WordReportReader.tooLarge("表格「" + builder.name() + "」有 " + rows + " 行，超过上限 " + limits.maxRowsPerSheet() + " 行");
        }
        int[] boundaries = columnBoundaries(table);
        if (boundaries.length - 1 > limits.maxColumns()) {
            throw WordReportReader.tooLarge("表格「" + builder.name() + "」超过 " + limits.maxColumns() + " 列（上限）");
        }
        List<Table> nested = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            TableRow row = table.getRow(r);
            builder.startRow(0);
            int col = 0;
            for (int c = 0; c < row.numCells(); c++) {
                TableCell cell = row.getCell(c);
                int first = column(boundaries, cell.getLeftEdge());
                int last = Math.max(first + 1, column(boundaries, cell.getLeftEdge() + cell.getWidth()));
                if (first > col) {
                    builder.skip(first - col);
                } else if (first < col) {
                    first = col; // overlapping edges of a damaged row: keep the cells in their order
                    last = Math.max(last, first + 1);
                }
                if (cell.isMerged() && !cell.isFirstMerged()) {
                    builder.continueLeft(last - first);
                } else {
                    builder.cell(last - first, vMerge(cell), cellText(cell, table.getTableLevel(), nested));
                }
                col = last;
            }
        }
        out.end(builder);
        for (Table t : nested) {
            readTable(t, out);
        }
    }

    private static WordTableBuilder.VMerge vMerge(TableCell cell) {
        if (cell.isFirstVerticallyMerged()) {
            return WordTableBuilder.VMerge.RESTART;
        }
        return cell.isVerticallyMerged() ? WordTableBuilder.VMerge.CONTINUE : WordTableBuilder.VMerge.NONE;
    }

    /** The cell's own paragraphs as text; the tables nested in it are added to {@code nested}, read after the parent. */
    private static String cellText(TableCell cell, int level, List<Table> nested) {
        List<Paragraph> own = new ArrayList<>();
        int n = cell.numParagraphs();
        for (int j = 0; j < n; ) {
            Paragraph p = cell.getParagraph(j);
            if (p.isInTable() && p.getTableLevel() > level) {
                Table inner = cell.getTable(p);
                nested.add(inner);
                j += Math.max(1, inner.numParagraphs());
            } else {
                own.add(p);
                j++;
            }
        }
        String text = shown(own).strip();
        return text.isEmpty() ? null : text;
    }

    /** The distinct cell edges of a table, near ones snapped together, in twips from the left. */
    private static int[] columnBoundaries(Table table) {
        TreeSet<Integer> edges = new TreeSet<>();
        for (int r = 0; r < table.numRows(); r++) {
            TableRow row = table.getRow(r);
            for (int c = 0; c < row.numCells(); c++) {
                TableCell cell = row.getCell(c);
                edges.add(cell.getLeftEdge());
                edges.add(cell.getLeftEdge() + cell.getWidth());
            }
        }
        List<Integer> kept = new ArrayList<>();
        for (int edge : edges) {
            if (kept.isEmpty() || edge - kept.get(kept.size() - 1) > EDGE_TOLERANCE) {
                kept.add(edge);
            }
        }
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The boundary an edge snaps to: the nearest one. */
    private static int column(int[] boundaries, int edge) {
        int best = 0;
        for (int i = 1; i < boundaries.length; i++) {
            if (Math.abs(boundaries[i] - edge) < Math.abs(boundaries[best] - edge)) {
                best = i;
            }
        }
        return best;
    }

    /** The text Word shows for some paragraphs, joined by "\n". */
    private static String shown(List<Paragraph> paragraphs) {
        StringBuilder raw = new StringBuilder();
        for (int i = 0; i < paragraphs.size(); i++) {
            Paragraph p = paragraphs.get(i);
            if (i > 0) {
                raw.append('\n');
            }
            for (int k = 0; k < p.numCharacterRuns(); k++) {
                CharacterRun run = p.getCharacterRun(k);
                if (run == null || run.isMarkedDeleted() || run.isVanished()) {
                    continue;
                }
                raw.append(run.text());
            }
        }
        return withoutControls(raw);
    }

    /**
     * Removes field codes (between a field's begin and separator marks; its result is kept) and Word's control
     * characters; a vertical tab (a line break inside a paragraph) becomes "\n", a non-breaking hyphen "-".
     */
    static String withoutControls(CharSequence raw) {
        StringBuilder out = new StringBuilder(raw.length());
        // for each open field, whether its code has ended (its shown result follows)
        java.util.ArrayDeque<Boolean> fields = new java.util.ArrayDeque<>();
        for (int i = 0; i < raw.length(); i++) {
            char ch = raw.charAt(i);
            if (ch == FIELD_BEGIN) {
                fields.push(Boolean.FALSE);
                continue;
            }
            if (ch == FIELD_SEPARATOR) {
                if (!fields.isEmpty()) {
                    fields.pop();
                    fields.push(Boolean.TRUE);
                }
                continue;
            }
            if (ch == FIELD_END) {
                fields.poll();
                continue;
            }
            if (fields.contains(Boolean.FALSE)) {
                continue;
            }
            if (ch == '\u000b' || ch == '\n') {
                out.append('\n');
            } else if (ch == '\u001e') {
                out.append('-');
            } else if (ch == '\t' || (ch >= ' ' && ch != '\u007f')) {
                out.append(ch);
            }
            // \u0007 cell and row marks, \r paragraph ends, \u0001 \u0008 object anchors, \u000c breaks, \u001f soft hyphens
        }
        return out.toString();
    }
}
