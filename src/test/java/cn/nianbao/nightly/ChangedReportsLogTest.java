package cn.nianbao.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import cn.nianbao.NianbaoApplication;
import cn.nianbao.bench.BenchCorpus;

/**
 * What the log says on a night when many reports arrive: the first 200 changed reports one line each, the
 * rest counted and left to run.json, which lists them all; reading says its progress and when it is done;
 * each output file gets a line with its size.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChangedReportsLogTest {

    @TempDir
    Path tmp;

    @Test
    void aNightWithManyNewReportsNamesTheFirst200AndCountsTheRest(CapturedOutput output) throws Exception {
        BenchCorpus.Corpus corpus = BenchCorpus.ensure(tmp.resolve("corpus"), 240, 11L, 2);
        List<Path> files;
        try (Stream<Path> s = Files.walk(corpus.input())) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).hasSize(240);
        Path in = tmp.resolve("in");
        Path out = tmp.resolve("out");

        // night 1: one agency's report
        copy(corpus.input(), files.subList(0, 1), in);
        assertThat(NianbaoApplication.run(new String[] {"consolidate", "--input", in.toString(), "--out", out.toString()})).isZero();

        // night 2: the other 239 arrive
        copy(corpus.input(), files.subList(1, files.size()), in);
        int mark = output.length();
        assertThat(NianbaoApplication.run(new String[] {"consolidate", "--input", in.toString(), "--out", out.toString()})).isZero();
        String night2 = output.toString().substring(mark);

        assertThat(night2).contains("与上次完成的运行（执行号 1）相比：239 份报表有变化");
        assertThat(night2.lines().filter(l -> l.contains("：新报送（"))).hasSize(200);
        assertThat(night2).contains("……其余 39 份报表的变化见 run.json 的 changes.agencies");
        String runJson = Files.readString(out.resolve("run.json"), StandardCharsets.UTF_8);
        assertThat(runJson.split("\"change\": \"NEW\"", -1)).hasSize(240); // all 239 listed there

        assertThat(night2).contains("读取完成：240 个文件").contains("其中 1 个文件内容未变、沿用已存结果");
        assertThat(night2).containsPattern("已写出 facts\\.csv（[0-9,]+ 字节，用时 [0-9.]+ 秒）");
    }

    private static void copy(Path from, List<Path> files, Path to) throws Exception {
        for (Path f : files) {
            Path target = to.resolve(from.relativize(f).toString());
            Files.createDirectories(target.getParent());
            Files.copy(f, target);
        }
    }
}
