package cn.nianbao.ingest;

/** A1 addresses from zero-based row and column indexes. */
public final class CellAddresses {

    private CellAddresses() {
    }

    public static String a1(int row, int col) {
        return column(col) + (row + 1);
    }

    public static String column(int col) {
        StringBuilder sb = new StringBuilder();
        int c = col + 1;
        while (c > 0) {
            int rem = (c - 1) % 26;
            sb.insert(0, (char) ('A' + rem));
            c = (c - 1) / 26;
        }
        return sb.toString();
    }
}
