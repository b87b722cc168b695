package cn.nianbao.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.NianbaoApplication;
import cn.nianbao.testing.CsvFiles;
import cn.nianbao.testing.SampleFiles;

/**
 * The ingest step reads files ahead of the chunk it stores, on several threads: however many threads read and however
 * large the chunks are (so whichever file's read finishes first), the outputs are the same bytes, and a file that
 * fails part way through its read is a finding while the files read around it are consolidated. (Of two files with the
 * same bytes close together, whether the later one is opened or takes the earlier one's stored content depends on
 * which read ends first; run.json says which, the datapoints and findings are the same.)
 */
class IngestReadAheadTest {

    @TempDir
    Path dir;

    @Test
    void outputsDoNotDependOnTheIngestThreadsOrChunksAndABrokenFileIsAFinding() throws Exception {
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        try (Stream<Path> files = Files.list(Path.of("sample-input/2020"))) {
            for (Path f : files.toList()) {
                Files.copy(f, in.resolve(f.getFileName().toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        for (int i = 0; i < 12; i++) {
            SampleFiles.report(in.resolve("加测" + i + "-2020.xlsx"), "加测" + i + "街道办事处", 2020, 100 + i);
        }
        // the same bytes sent twice: whichever copy's read finishes first, the second is the same report
        Files.copy(in.resolve("加测3-2020.xlsx"), in.resolve("加测3-2020 (1).xlsx"), StandardCopyOption.COPY_ATTRIBUTES);
        // a workbook that ends part way: its read fails inside the package, among files read before and after it
        Path broken = in.resolve("加测5-2020.xlsx");
        try (FileChannel ch = FileChannel.open(broken, StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(broken) / 3);
        }

        Path one = consolidate("one-thread", "--nianbao.ingest.threads=1", "--nianbao.ingest.chunk-size=1");
        Path two = consolidate("two-threads", "--nianbao.ingest.threads=2", "--nianbao.ingest.chunk-size=3");
        Path many = consolidate("more-threads-than-files-ahead", "--nianbao.ingest.threads=4", "--nianbao.ingest.chunk-size=50");

        for (Path other : List.of(two, many)) {
            for (String csv : List.of("facts.csv", "summary.csv", "exceptions.csv")) {
                assertThat(Files.readAllBytes(other.resolve(csv))).as(other.getFileName() + "/" + csv)
                        .isEqualTo(Files.readAllBytes(one.resolve(csv)));
            }
        }
        List<Map<String, String>> findings = CsvFiles.rows(one.resolve("exceptions.csv"));
        assertThat(findings).filteredOn(f -> f.get("source_file").equals("加测5-2020.xlsx")).extracting(f -> f.get("rule"))
                .containsExactly("PARSE-UNREADABLE");
        // every other added workbook, read before and after the broken one, is consolidated
        List<String> consolidated = CsvFiles.rows(one.resolve("facts.csv")).stream().map(f -> f.get("source_file")).distinct().toList();
        for (int i = 0; i < 12; i++) {
            if (i == 5) {
                assertThat(consolidated).doesNotContain("加测5-2020.xlsx");
            } else {
                assertThat(consolidated).contains("加测" + i + "-2020.xlsx");
            }
        }
    }

    /** A run on a database of its own (beside its output folder), so every file is read, none reused. */
    private Path consolidate(String name, String... options) throws Exception {
        Path out = dir.resolve(name);
        List<String> args = new java.util.ArrayList<>(List.of("consolidate", "--input", dir.resolve("in").toString(),
                "--out", out.toString(), "--year", "2020"));
        args.addAll(List.of(options));
        assertThat(NianbaoApplication.run(args.toArray(String[]::new))).isZero();
        return out;
    }
}
