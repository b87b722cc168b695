package cn.nianbao.store;

/**
 * One string for each of the few distinct datapoint ids and cell addresses the packed rows hold, found by the characters
 * they would be cut from. Every read of a run's content (validate, facts.csv, each summary workbook) unpacks some 250
 * of each per workbook; cutting a new string for every one was a tenth of what a large run allocated.
 *
 * <p>Not thread-safe: one per thread ({@link PackedValues} keeps one in a ThreadLocal). Bounded: past
 * {@link #MAX_ENTRIES} distinct strings (a hostile workbook's addresses) it cuts new ones again instead of growing.
 */
final class CanonicalStrings {

    static final int MAX_ENTRIES = 8192;

    private String[] table = new String[1024]; // open addressing, a power of two, at most half full
    private int size;

    /** {@code text[from, to)} as a string, the same object each time for the same characters (within the bound). */
    String of(String text, int from, int to) {
        int hash = 0;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + text.charAt(i);
        }
        int mask = table.length - 1;
        int slot = spread(hash) & mask;
        int length = to - from;
        while (true) {
            String s = table[slot];
            if (s == null) {
                String made = text.substring(from, to);
                if (size < MAX_ENTRIES) {
                    table[slot] = made;
                    if (++size * 2 > table.length) {
                        grow();
                    }
                }
                return made;
            }
            if (s.length() == length && text.startsWith(s, from)) {
                return s;
            }
            slot = (slot + 1) & mask;
        }
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    private void grow() {
        String[] old = table;
        table = new String[old.length * 2];
        int mask = table.length - 1;
        for (String s : old) {
            if (s != null) {
                int slot = spread(s.hashCode()) & mask;
                while (table[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = s;
            }
        }
    }
}
