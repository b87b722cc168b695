package cn.nianbao.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import cn.nianbao.ingest.InputScanner;
import cn.nianbao.ingest.ReadLimits;
import cn.nianbao.ingest.WorkbookIngester;
import cn.nianbao.model.Finding;
import cn.nianbao.ingest.IngestResult;
import cn.nianbao.model.Submission;
import cn.nianbao.job.AdHocJob;
import cn.nianbao.job.RosterResolver;
import cn.nianbao.samples.SampleWorkbookWriter;

/**
 * A file still being written or replaced by another program: it changes between the scan and the read.
 * Running as root, chmod 000 does not stop us, so the file is truncated or removed in between instead.
 * Either way: one PARSE-UNREADABLE finding with a message for the agency, no exception, no hang.
 */
class ChangingFileTest {

    @TempDir
    Path in;

    private final WorkbookIngester ingester = new WorkbookIngester(HostileCorpus.CATALOGUE, ReadLimits.defaults(),
            new RosterResolver(AdHocJob.of(Path.of("in"), Path.of("out"), 2020)), 2020);

    @Test
    @Timeout(30)
    void truncatedAfterTheScan() throws Exception {
        Path file = in.resolve("海滨街道-2020年报.xlsx");
        HostileCorpus.form(new SampleWorkbookWriter(HostileCorpus.CATALOGUE), file, "海滨街道办事处", 2020, 1);
        assertThat(InputScanner.scan(in).files()).containsExactly(file);
        Submission described = WorkbookIngester.describe(in, file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(file) / 3);
        }

        IngestResult result = ingester.ingest(file, described);

        assertThat(result.accepted()).isFalse();
        assertThat(result.findings()).extracting(Finding::rule).containsExactly("PARSE-UNREADABLE");
        assertThat(result.findings().get(0).message()).contains("不完整").contains("请");
    }

    @Test
    @Timeout(30)
    void goneAfterTheScan() throws Exception {
        Path file = in.resolve("金龙街道-2020年报.xlsx");
        HostileCorpus.form(new SampleWorkbookWriter(HostileCorpus.CATALOGUE), file, "金龙街道办事处", 2020, 2);
        Submission described = WorkbookIngester.describe(in, file);
        Files.delete(file);

        IngestResult result = ingester.ingest(file, described);

        assertThat(result.accepted()).isFalse();
        assertThat(result.findings()).extracting(Finding::rule).containsExactly("PARSE-UNREADABLE");
        assertThat(result.findings().get(0).message()).contains("无法读取文件").contains("请");
    }
}
