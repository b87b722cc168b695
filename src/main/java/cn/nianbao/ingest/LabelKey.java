package cn.nianbao.ingest;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reduces label text to a key that survives how agencies really type labels: full- or half-width
 * punctuation, spaces and line breaks inside, a leading enumerator (一、 （一） (1) 1. 1、), a trailing
 * note in parentheses, quote marks. 「（二）部分公开（区分处理的，只计这一情形，不计其他情形）」 and
 * 「(二) 部分公开」 both become 「部分公开」.
 */
public final class LabelKey {

    private static final String CN_NUM = "一二三四五六七八九十";
    /** An enumerator at the start of a label. */
    private static final Pattern LEADING_ENUM = Pattern.compile(
            "^(?:\\([" + CN_NUM + "]+\\)|\\(\\d+\\)|[" + CN_NUM + "]+[、.]|\\d+(?:[.、](?!\\d)|\\.?(?=[^\\d.])))");
    /** An enumerator inside a label: where a group label and its item share one cell. */
    private static final Pattern INNER_ENUM = Pattern.compile("(?:\\([" + CN_NUM + "]+\\)|\\d+[.、](?!\\d))");
    private static final Pattern TRAILING_NOTE = Pattern.compile("\\([^()]*\\)$");
    private static final Pattern PUNCT = Pattern.compile("[\\p{P}\\p{S}\\s]+");

    private LabelKey() {
    }

    /** NFKC and no white space: the text as compared, before enumerators and notes are removed. */
    public static String compact(String text) {
        if (text == null) {
            return "";
        }
        if (isPlainAscii(text)) {
            return text; // NFKC leaves printable ASCII as it is: most value cells (numbers)
        }
        String cached = COMPACT.get(text);
        if (cached != null) {
            return cached;
        }
        return remember(COMPACT, text, compactUncached(text));
    }

    /** Printable ASCII and no white space. */
    private static boolean isPlainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch <= ' ' || ch >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /**
     * Labels repeat in every workbook of a run: each distinct text is reduced once. Bounded (emptied when
     * full), safe for the ingest step's threads.
     */
    private static final int CACHE_LIMIT = 20_000;
    private static final Map<String, String> COMPACT = new ConcurrentHashMap<>();
    private static final Map<String, String> KEY = new ConcurrentHashMap<>();
    private static final Map<String, List<String>> CANDIDATES = new ConcurrentHashMap<>();

    private static <T> T remember(Map<String, T> cache, String text, T value) {
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(text, value);
        return value;
    }

    private static String compactUncached(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!Character.isWhitespace(ch) && !Character.isSpaceChar(ch) && ch != '\u200b' && ch != '\ufeff') {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** The key of a whole label. */
    public static String of(String text) {
        if (text == null) {
            return "";
        }
        String cached = KEY.get(text);
        if (cached != null) {
            return cached;
        }
        return remember(KEY, text, ofUncached(text));
    }

    private static String ofUncached(String text) {
        String s = compact(text);
        s = stripLeadingEnumerators(s);
        String stripped = s;
        Matcher m;
        while ((m = TRAILING_NOTE.matcher(stripped)).find() && m.start() > 0) {
            stripped = stripped.substring(0, m.start());
        }
        return PUNCT.matcher(stripped).replaceAll("");
    }

    /**
     * The keys to try for a label: the whole label; where it holds several enumerated parts
     * (「（四）无法提供1.本机关不掌握相关政府信息」) its last part; and where a group names its item in
     * parentheses (「行政诉讼（未经复议直接起诉）」) the item.
     */
    public static List<String> candidates(String text) {
        if (text == null) {
            return candidatesUncached(null);
        }
        List<String> cached = CANDIDATES.get(text);
        if (cached != null) {
            return cached;
        }
        return remember(CANDIDATES, text, candidatesUncached(text));
    }

    private static List<String> candidatesUncached(String text) {
        List<String> keys = new ArrayList<>(2);
        String whole = of(text);
        if (!whole.isEmpty()) {
            keys.add(whole);
        }
        String s = stripLeadingEnumerators(compact(text));
        Matcher m = INNER_ENUM.matcher(s);
        int lastStart = -1;
        while (m.find()) {
            if (m.start() > 0) {
                lastStart = m.start();
            }
        }
        if (lastStart > 0) {
            String tail = of(s.substring(lastStart));
            if (!tail.isEmpty() && !tail.equals(whole)) {
                keys.add(tail);
            }
        }
        Matcher note = TRAILING_NOTE.matcher(s);
        if (note.find() && note.start() > 0) {
            String inner = of(s.substring(note.start() + 1, s.length() - 1));
            if (!inner.isEmpty() && !keys.contains(inner)) {
                keys.add(inner);
            }
        }
        return List.copyOf(keys);
    }

    private static String stripLeadingEnumerators(String s) {
        String prev;
        do {
            prev = s;
            Matcher m = LEADING_ENUM.matcher(s);
            if (m.find() && m.end() < s.length()) {
                s = s.substring(m.end());
            }
        } while (!s.equals(prev));
        return s;
    }
}
