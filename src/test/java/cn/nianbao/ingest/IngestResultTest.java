package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.nianbao.model.Finding;
import cn.nianbao.model.Severity;
import cn.nianbao.model.Submission;

/** The two results the ingest step builds itself: a file that gave nothing, and content read from the store. */
class IngestResultTest {

    private static final Submission FILE = new Submission("2024/坏.xlsx", "c".repeat(64), 10, Instant.EPOCH);
    private static final Finding UNREADABLE = new Finding(Severity.ERROR, "PARSE-UNREADABLE", null, null, null,
            "2024/坏.xlsx", null, List.of(), null, null, null, "无法读取");

    @Test
    void aFailedFileHasOnlyItsFindingAndNothingToStore() {
        IngestResult r = IngestResult.failed(FILE, UNREADABLE);

        assertThat(r.submission()).isEqualTo(FILE);
        assertThat(r.reports()).isEmpty();
        assertThat(r.findings()).containsExactly(UNREADABLE);
        assertThat(r.parsed()).isNull();
        assertThat(r.reused()).isFalse();
        assertThat(r.accepted()).isFalse();
    }

    @Test
    void aReusedResultKeepsEverythingAndSaysItCameFromTheStore() {
        IngestResult read = new IngestResult(FILE, List.of(), List.of(UNREADABLE), null, false);

        IngestResult reused = read.asReused();

        assertThat(reused.reused()).isTrue();
        assertThat(reused.submission()).isEqualTo(FILE);
        assertThat(reused.findings()).containsExactly(UNREADABLE);
        assertThat(reused.reports()).isEmpty();
        assertThat(read.reused()).as("the result it was made from").isFalse();
    }
}
