package cn.nianbao.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class IngestProgressTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private void advance(double seconds) {
        now.addAndGet((long) (seconds * 1e9));
    }

    @Test
    void saysAtMostEveryIntervalAndAlwaysAtTheEnd() {
        IngestProgress p = new IngestProgress(1000, 0, Duration.ofSeconds(10), now::get);
        advance(4);
        assertNull(p.stored(200, 0), "4 s after the start: too soon");
        advance(6);
        assertEquals("读取进度 400/1000（40%），每秒 40 个，预计还需约 15 秒", p.stored(400, 0));
        advance(2);
        assertNull(p.stored(500, 0), "2 s after the last line");
        advance(9);
        assertEquals("读取进度 900/1000（90%），每秒 43 个，预计还需约 2 秒", p.stored(900, 0));
        advance(1);
        assertEquals("读取完成：1000 个文件，用时 22.0 秒（每秒 45 个）", p.stored(1000, 0), "the last chunk is always said");
    }

    @Test
    void countsReusedFilesAndLeavesAResumedRunsEarlierFilesOutOfTheRate() {
        // a restarted run: 600 files were stored before the crash
        IngestProgress p = new IngestProgress(1000, 600, Duration.ofSeconds(10), now::get);
        advance(10);
        assertEquals("读取进度 800/1000（80%），每秒 20 个，预计还需约 10 秒，其中 150 个文件内容未变、沿用已存结果",
                p.stored(800, 150));
        advance(130);
        assertEquals("读取完成：1000 个文件，用时 140.0 秒（每秒 3 个），其中 170 个文件内容未变、沿用已存结果", p.stored(1000, 20));
    }

    @Test
    void longRemainingTimesAreInMinutes() {
        IngestProgress p = new IngestProgress(100_000, 0, Duration.ofSeconds(10), now::get);
        advance(10);
        assertEquals("读取进度 4000/100000（4%），每秒 400 个，预计还需约 4 分 0 秒", p.stored(4000, 0));
    }
}
