package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files this process holds open, as Linux lists them in /proc/self/fd: a reader must close what it opened, or
 * on Windows the agency's file stays locked until the collector happens to run. Under CI (Linux) a missing
 * /proc/self/fd fails the test; elsewhere the test is skipped.
 */
final class OpenFiles {

    private static final Path FDS = Path.of("/proc/self/fd");

    private OpenFiles() {
    }

    /** The descriptors of this process open on {@code file}. */
    static List<String> on(Path file) throws IOException {
        boolean listed = Files.isDirectory(FDS);
        assertThat(listed || !"true".equals(System.getenv("CI"))).as("/proc/self/fd lists the open files under CI (Linux)").isTrue();
        assumeTrue(listed, "no /proc/self/fd: open files cannot be listed here");
        Path target = file.toRealPath();
        List<String> open = new ArrayList<>();
        try (Stream<Path> fds = Files.list(FDS)) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    if (Files.readSymbolicLink(fd).equals(target)) {
                        open.add(fd.getFileName().toString());
                    }
                } catch (IOException e) {
                    // closed while listed (the listing's own descriptor): not open on the file
                }
            }
        }
        return open;
    }
}
