package cn.nianbao.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * What earlier runs published, so that a file whose bytes would not change is left in place rather than
 * rewritten: facts.csv is 575 MB at 10,000 workbooks, and a night on which agencies' files were copied in again
 * (new times, same bytes) would otherwise rewrite it whole, and every tool that syncs the output folder would copy
 * it again. A file is left only when an earlier run recorded the same content key for it and it still has the size
 * and modification time that run left it with: a file someone deleted, edited or replaced is written again.
 */
public interface OutputHistory {

    /** The program writing the files (a newer one may write other bytes from the same content); part of every key. */
    String program();

    /** The content key and the size and modification time (µs) an earlier run left the file with, if one did. */
    java.util.Optional<State> last(String fileName);

    /** Records that {@code fileName} now holds content of {@code contentKey}, with the size and time it has now. */
    void record(String fileName, State state);

    /**
     * Where each report's rows lie in the file as the run {@link #last} describes left it, by the report's piece key
     * (facts.csv only); empty when that run recorded none.
     */
    default java.util.Map<String, Piece> pieces(String fileName) {
        return java.util.Map.of();
    }

    /** Records where each report's rows lie in {@code fileName} as this run leaves it. */
    default void recordPieces(String fileName, java.util.Map<String, Piece> pieces) {
    }

    /** A report's rows in an output file: their first byte and how many bytes they take. */
    record Piece(long offset, long length) {
    }

    /** An output file as a run left it. */
    record State(String contentKey, long sizeBytes, long modifiedMicros) {

        /** The file as it is now, with the given content key; null when it does not exist. */
        static State of(String contentKey, Path file) throws IOException {
            if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            return new State(contentKey, a.size(), a.lastModifiedTime().to(TimeUnit.MICROSECONDS));
        }
    }

    /** No history: every file is written. */
    OutputHistory NONE = new OutputHistory() {
        @Override
        public String program() {
            return "";
        }

        @Override
        public java.util.Optional<State> last(String fileName) {
            return java.util.Optional.empty();
        }

        @Override
        public void record(String fileName, State state) {
        }
    };
}
