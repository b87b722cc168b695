package cn.nianbao.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import cn.nianbao.job.JobDefinition;
import cn.nianbao.publish.AtomicFiles;
import cn.nianbao.publish.Publisher;
import cn.nianbao.store.RunRecords;

/**
 * The files auditors record decisions in: the exceptions.xlsx the job's last run wrote (and the copies kept beside it
 * while it was open in Excel or WPS), and the dispositions file the job names. A workbook is an auditor's work only
 * when it is not as the last run left it (its size or time differs from what that run recorded); such a workbook is
 * copied into {@value #HISTORY}/ before it is read, since the run's publish step rewrites it.
 */
@Component
public class DecisionSources {

    /** The folder, in the output folder, where workbooks auditors edited are kept. */
    public static final String HISTORY = "history";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final RunRecords records;

    public DecisionSources(RunRecords records) {
        this.records = records;
    }

    /** exceptions.xlsx and the copies beside it that exist, in reading order. */
    public List<Path> workbooks(JobDefinition job) {
        Path target = job.output().resolve(Publisher.EXCEPTIONS_XLSX);
        List<Path> found = new ArrayList<>();
        if (Files.isRegularFile(target)) {
            found.add(target);
        }
        found.addAll(AtomicFiles.asides(target)); // never recorded: each is written only while the target is open
        return found;
    }

    /** Whether {@code workbook} is not as the job's last run left it: someone saved it since, or no run recorded it. */
    public boolean edited(JobDefinition job, Path workbook) throws IOException {
        String folder = job.output().toAbsolutePath().normalize().toString();
        BasicFileAttributes now = Files.readAttributes(workbook, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return records.lastOutput(job.name(), folder, workbook.getFileName().toString())
                .map(o -> o.sizeBytes() != now.size() || o.modifiedMicros() != now.lastModifiedTime().to(TimeUnit.MICROSECONDS))
                .orElse(true);
    }

    /**
     * What names the decisions a run would read, for the run's fingerprint: each workbook an auditor saved since the
     * last run, and the dispositions file, by name, size and time. Empty when there is nothing new to read, so the
     * same command on unchanged inputs still finds its run done.
     */
    public String stamp(JobDefinition job) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Path workbook : workbooks(job)) {
            if (edited(job, workbook)) {
                b.append(describe(workbook)).append('\n');
            }
        }
        if (job.dispositions() != null && Files.isRegularFile(job.dispositions())) {
            b.append(describe(job.dispositions())).append('\n');
        }
        return b.toString();
    }

    private static String describe(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return file.toAbsolutePath().normalize() + ":" + a.size() + ":" + a.lastModifiedTime().to(TimeUnit.MICROSECONDS);
    }

    /**
     * Keeps a copy of {@code workbook} in the output folder's history, named after it and the time it was last saved
     * ({@code history/exceptions-20210315-164205.xlsx}), and returns the copy's path relative to the output folder. The
     * same file kept twice (a restarted step) is one copy.
     */
    public String keep(JobDefinition job, Path workbook) throws IOException {
        Path history = Files.createDirectories(job.output().resolve(HISTORY));
        String name = workbook.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Instant saved = Files.getLastModifiedTime(workbook).toInstant();
        String kept = name.substring(0, dot) + "-" + STAMP.format(saved.atZone(ZoneId.systemDefault())) + name.substring(dot);
        Path copy = history.resolve(kept);
        if (!Files.isRegularFile(copy) || Files.size(copy) != Files.size(workbook)) {
            Path temp = history.resolve("." + kept + ".copying");
            Files.copy(workbook, temp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            Files.move(temp, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return HISTORY + "/" + kept;
    }
}
