package cn.nianbao.batch;

/**
 * Told how far a run has got, at the points where what came before is safely stored: before the ingest step writes
 * a chunk (the files counted are committed), and after the publish step writes each output file. Any bean of this
 * type is told; the program itself has none (the crash tests' pause is one, from the test classes).
 */
public interface RunProgressListener {

    /** {@code stored} files of the run are committed; the next chunk is about to be written. */
    default void filesStored(int stored) {
    }

    /** {@code written} output files are written. */
    default void outputsWritten(int written) {
    }
}
