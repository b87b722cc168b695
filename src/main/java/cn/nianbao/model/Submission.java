package cn.nianbao.model;

import java.time.Instant;

/** One input file as seen by a run: its path relative to the input folder, content hash and size. */
public record Submission(String path, String sha256, long sizeBytes, Instant modified) {

    /** The file name alone, for messages. */
    public String fileName() {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
