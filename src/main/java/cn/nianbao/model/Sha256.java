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

    /** Adds a text field: its UTF-8 bytes and a 0 byte, so that "ab", "c" and "a", "bc" hash differently. */
    public static void field(MessageDigest md, String text) {
        md.update(text.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
    }
}
