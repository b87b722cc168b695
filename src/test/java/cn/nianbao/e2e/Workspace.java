package cn.nianbao.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import cn.nianbao.samples.SampleGenerator;
import cn.nianbao.samples.SampleGenerator.GeneratedSample;

/**
 * A district's working folder for one test: the sample workbooks freshly generated (the same as
 * sample-input/), the repository's real job files beside them, and an output folder.
 */
final class Workspace {

    final Path root;
    final List<GeneratedSample> samples;

    private Workspace(Path root, List<GeneratedSample> samples) {
        this.root = root;
        this.samples = samples;
    }

    static Workspace create(Path root) throws IOException {
        List<GeneratedSample> samples = SampleGenerator.generate(root.resolve("sample-input"));
        Files.createDirectories(root.resolve("jobs"));
        try (Stream<Path> jobs = Files.list(Path.of("jobs"))) {
            for (Path job : jobs.toList()) {
                Files.copy(job, root.resolve("jobs").resolve(job.getFileName()));
            }
        }
        return new Workspace(root, samples);
    }

    Path job(String name) {
        return root.resolve("jobs").resolve(name + ".yml");
    }

    Path out(String name) {
        return root.resolve("out").resolve(name);
    }
}
