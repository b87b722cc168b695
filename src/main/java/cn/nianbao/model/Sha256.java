package cn.nianbao.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256, as every stage uses it: file hashes, content keys, run fingerprints, finding fingerprints. */
public final class Sha256 {

    private Sha256() {
    }

    /** A new SHA-256 digest (every Java platform has one). */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Adds a field that may be missing: its text ({@code toString}) as {@link #field(MessageDigest, String)} adds it,
     * a missing one as a text no field has (a 0 byte, then "null").
     */
    public static void fieldOrMissing(MessageDigest md, Object value) {
        field(md, value == null ? "\u0000null" : value.toString());
    }

    /** The SHA-256 of fields that may be missing ({@link #fieldOrMissing}), as 64 hex digits: a key of what they are. */
    public static String keyOf(Object... fields) {
        MessageDigest md = digest();
        for (Object f : fields) {
            fieldOrMissing(md, f);
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    /** Adds a text field: its UTF-8 bytes and a 0 byte, so that "ab", "c" and "a", "bc" hash differently. */
    public static void field(MessageDigest md, String text) {
        md.update(text.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
    }
}
