package cn.nianbao.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * A formula's text cut into its A1 references and the text between them, so that it can be moved to another cell
 * as a spreadsheet fills a formula: relative parts of references move, absolute ($) parts stay, everything else
 * (strings, sheet names, function and defined names, numbers, error values, links to other workbooks, table
 * references) is kept as written. It works on the text, without parsing the formula, because the streaming reader
 * moves the formula of every cell a shared formula covers and parsing each cost as much as reading the sheet.
 *
 * <p>{@link #of} gives null for text it cannot cut with certainty (an unclosed string or bracket); the caller then
 * leaves the formula to POI.
 */
final class MovableFormula {

    private static final int LAST_ROW = 1 << 20;      // 1,048,576 rows
    private static final int LAST_COLUMN = 1 << 14;   // 16,384 columns (XFD)

    /** A reference's movable parts; -1 where a part is absent (a whole column or row). */
    private record Ref(int col, boolean colAbsolute, int row, boolean rowAbsolute) {
        void appendMoved(StringBuilder out, int rows, int cols) {
            if (col >= 0) {
                if (colAbsolute) {
                    out.append('$');
                }
                appendColumn(out, colAbsolute ? col : Math.floorMod(col + cols, LAST_COLUMN));
            }
            if (row >= 0) {
                if (rowAbsolute) {
                    out.append('$');
                }
                out.append((rowAbsolute ? row : Math.floorMod(row + rows, LAST_ROW)) + 1);
            }
        }
    }

    /** Text and references alternate: text[0] ref[0] text[1] ref[1] … text[n]. */
    private final List<String> text;
    private final List<Ref> refs;

    private MovableFormula(List<String> text, List<Ref> refs) {
        this.text = text;
        this.refs = refs;
    }

    /** The formula as written in the cell it was written for, moved by (rows, cols). */
    String moved(int rows, int cols) {
        StringBuilder out = new StringBuilder(text.size() * 8);
        for (int i = 0; i < refs.size(); i++) {
            out.append(text.get(i));
            refs.get(i).appendMoved(out, rows, cols);
        }
        return out.append(text.get(refs.size())).toString();
    }

    static MovableFormula of(String formula) {
        List<String> text = new ArrayList<>();
        List<Ref> refs = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        int n = formula.length();
        int i = 0;
        while (i < n) {
            char ch = formula.charAt(i);
            int end;
            if (ch == '"' || ch == '\'') {
                end = closingQuote(formula, i);       // a string, or a quoted sheet name
            } else if (ch == '[') {
                end = closingBracket(formula, i);     // another workbook [1], a table's columns [[#This Row],[数量]]
            } else if (ch == '{') {
                end = closing(formula, i, '}');       // an array of constants
            } else if (ch == '#') {
                end = errorValueEnd(formula, i);      // #REF!, #N/A, #DIV/0!
            } else if (startsName(formula, i)) {
                end = nameEnd(formula, i);
                Ref ref = reference(formula, i, end);
                if (ref != null) {
                    text.add(pending.toString());
                    pending.setLength(0);
                    refs.add(ref);
                    i = end;
                    continue;
                }
            } else if (Character.isDigit(ch) && (i == 0 || !partOfName(formula.charAt(i - 1)))) {
                end = numberEnd(formula, i);
                Ref row = rowOfRange(formula, i, end);
                if (row != null) {
                    text.add(pending.toString());
                    pending.setLength(0);
                    refs.add(row);
                    i = end;
                    continue;
                }
            } else {
                end = i + 1;
            }
            if (end < 0) {
                return null;
            }
            pending.append(formula, i, end);
            i = end;
        }
        text.add(pending.toString());
        return new MovableFormula(text, refs);
    }

    /**
     * The reference a name-like token at [from, to) is, or null: A1, $A$1, a column of a range (A:C), a row of a
     * range ($3:5). A token followed by 「(」 is a function (LOG10), by 「!」 a sheet; a token beyond column XFD or
     * row 1,048,576 is a defined name.
     */
    private static Ref reference(String f, int from, int to) {
        char next = to < f.length() ? f.charAt(to) : ' ';
        char before = from > 0 ? f.charAt(from - 1) : ' ';
        if (next == '(' || next == '!') {
            return null;
        }
        int i = from;
        boolean colAbsolute = f.charAt(i) == '$';
        if (colAbsolute) {
            i++;
        }
        int letters = i;
        while (i < to && isAsciiLetter(f.charAt(i))) {
            i++;
        }
        if (i == letters || i - letters > 3) {
            return rowOfRange(f, from, to);
        }
        int col = columnIndex(f, letters, i);
        if (col >= LAST_COLUMN) {
            return null;
        }
        if (i == to) {
            // letters alone: a column, only as one end of a column range (A:C)
            boolean range = next == ':' && isColumnToken(f, to + 1) || before == ':' && from >= 2 && isColumnEnd(f, from - 1);
            return range ? new Ref(col, colAbsolute, -1, false) : null;
        }
        boolean rowAbsolute = f.charAt(i) == '$';
        if (rowAbsolute) {
            i++;
        }
        int digits = i;
        while (i < to && Character.isDigit(f.charAt(i))) {
            i++;
        }
        if (i != to || i == digits || i - digits > 7) {
            return null;
        }
        int row = Integer.parseInt(f, digits, i, 10);
        return row >= 1 && row <= LAST_ROW ? new Ref(col, colAbsolute, row - 1, rowAbsolute) : null;
    }

    /** A row number as one end of a row range (3:5, $3:$5), or null. */
    private static Ref rowOfRange(String f, int from, int to) {
        int i = from;
        boolean absolute = f.charAt(i) == '$';
        if (absolute) {
            i++;
        }
        if (i == to) {
            return null;
        }
        for (int k = i; k < to; k++) {
            if (!Character.isDigit(f.charAt(k))) {
                return null;
            }
        }
        boolean range = (to < f.length() && f.charAt(to) == ':' && isRowToken(f, to + 1))
                || (from >= 1 && f.charAt(from - 1) == ':' && isRowEnd(f, from - 1));
        if (!range || to - i > 7) {
            return null;
        }
        int row = Integer.parseInt(f, i, to, 10);
        return row >= 1 && row <= LAST_ROW ? new Ref(-1, false, row - 1, absolute) : null;
    }

    private static boolean isColumnToken(String f, int at) {
        int i = at < f.length() && f.charAt(at) == '$' ? at + 1 : at;
        int start = i;
        while (i < f.length() && isAsciiLetter(f.charAt(i))) {
            i++;
        }
        return i > start && i - start <= 3 && (i == f.length() || !partOfName(f.charAt(i)));
    }

    /** Whether letters end right before the colon at {@code colon} (the first column of A:C). */
    private static boolean isColumnEnd(String f, int colon) {
        int i = colon;
        while (i > 0 && isAsciiLetter(f.charAt(i - 1))) {
            i--;
        }
        int start = i > 0 && f.charAt(i - 1) == '$' ? i - 1 : i;
        return i < colon && colon - i <= 3 && (start == 0 || !partOfName(f.charAt(start - 1)));
    }

    private static boolean isRowToken(String f, int at) {
        int i = at < f.length() && f.charAt(at) == '$' ? at + 1 : at;
        int start = i;
        while (i < f.length() && Character.isDigit(f.charAt(i))) {
            i++;
        }
        return i > start && (i == f.length() || !partOfName(f.charAt(i)));
    }

    private static boolean isRowEnd(String f, int colon) {
        int i = colon;
        while (i > 0 && Character.isDigit(f.charAt(i - 1))) {
            i--;
        }
        int start = i > 0 && f.charAt(i - 1) == '$' ? i - 1 : i;
        return i < colon && (start == 0 || !partOfName(f.charAt(start - 1)));
    }

    private static boolean startsName(String f, int i) {
        char ch = f.charAt(i);
        boolean start = ch == '$' || ch == '_' || ch == '\\' || Character.isLetter(ch);
        return start && (i == 0 || !partOfName(f.charAt(i - 1)));
    }

    /** A character that continues a name, a reference or a number (so a token cannot start right after it). */
    private static boolean partOfName(char ch) {
        return Character.isLetterOrDigit(ch) || ch == '_' || ch == '.' || ch == '$' || ch == '\\' || ch == '?';
    }

    private static int nameEnd(String f, int i) {
        int end = i + 1;
        while (end < f.length() && partOfName(f.charAt(end))) {
            end++;
        }
        return end;
    }

    /** The end of a number: digits, a decimal point, an exponent (1.5E+3: the E3 is not a cell). */
    private static int numberEnd(String f, int i) {
        int end = i;
        while (end < f.length() && (Character.isDigit(f.charAt(end)) || f.charAt(end) == '.')) {
            end++;
        }
        if (end < f.length() && (f.charAt(end) == 'E' || f.charAt(end) == 'e')) {
            int e = end + 1;
            if (e < f.length() && (f.charAt(e) == '+' || f.charAt(e) == '-')) {
                e++;
            }
            int digits = e;
            while (e < f.length() && Character.isDigit(f.charAt(e))) {
                e++;
            }
            if (e > digits) {
                end = e;
            }
        }
        return end;
    }

    /** After a quoted string or sheet name; a doubled quote inside is the quote itself. -1 when it is not closed. */
    private static int closingQuote(String f, int open) {
        char q = f.charAt(open);
        int i = open + 1;
        while (i < f.length()) {
            if (f.charAt(i) == q) {
                if (i + 1 < f.length() && f.charAt(i + 1) == q) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return -1;
    }

    /** After the bracket matching the one at {@code open} (brackets nest in table references). */
    private static int closingBracket(String f, int open) {
        int depth = 0;
        for (int i = open; i < f.length(); i++) {
            char ch = f.charAt(i);
            if (ch == '\'') {
                i++; // an escaped character in a table's column name
            } else if (ch == '[') {
                depth++;
            } else if (ch == ']' && --depth == 0) {
                return i + 1;
            }
        }
        return -1;
    }

    private static int closing(String f, int open, char close) {
        for (int i = open + 1; i < f.length(); i++) {
            char ch = f.charAt(i);
            if (ch == '"') {
                int end = closingQuote(f, i);
                if (end < 0) {
                    return -1;
                }
                i = end - 1;
            } else if (ch == close) {
                return i + 1;
            }
        }
        return -1;
    }

    private static int errorValueEnd(String f, int i) {
        int end = i + 1;
        while (end < f.length() && (Character.isLetterOrDigit(f.charAt(end)) || f.charAt(end) == '/' || f.charAt(end) == '_')) {
            end++;
        }
        if (end < f.length() && (f.charAt(end) == '!' || f.charAt(end) == '?')) {
            end++;
        }
        return end;
    }

    private static boolean isAsciiLetter(char ch) {
        return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
    }

    private static int columnIndex(String f, int from, int to) {
        int col = 0;
        for (int i = from; i < to; i++) {
            col = col * 26 + (Character.toUpperCase(f.charAt(i)) - 'A' + 1);
        }
        return col - 1;
    }

    /** Column letters (0 = A, 26 = AA), at most three. */
    private static void appendColumn(StringBuilder out, int col) {
        if (col >= 702) {
            out.append((char) ('A' + (col - 702) / 676));
        }
        if (col >= 26) {
            out.append((char) ('A' + (col - 26) / 26 % 26));
        }
        out.append((char) ('A' + col % 26));
    }
}
