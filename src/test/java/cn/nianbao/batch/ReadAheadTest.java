package cn.nianbao.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadAheadTest {

    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void handsResultsOutInTheListsOrderWhicheverReadFinishesFirst() throws Exception {
        CountDownLatch secondDone = new CountDownLatch(1);
        Queue<String> finished = new ConcurrentLinkedQueue<>();
        ReadAhead<String, String> reading = new ReadAhead<>(List.of("a", "b", "c"), item -> {
            if (item.equals("a")) {
                await(secondDone); // "a" finishes only after "b" has
            }
            finished.add(item);
            if (item.equals("b")) {
                secondDone.countDown();
            }
            return item.toUpperCase();
        }, threads, 2);

        List<String> out = new ArrayList<>();
        for (String r; (r = reading.next()) != null; ) {
            out.add(r);
        }

        assertThat(finished.peek()).isEqualTo("b");
        assertThat(out).containsExactly("A", "B", "C");
        assertThat(reading.next()).isNull();
    }

    @Test
    void readsAtMostTheWindowAhead() throws Exception {
        AtomicInteger started = new AtomicInteger();
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            items.add(i);
        }
        ReadAhead<Integer, Integer> reading = new ReadAhead<>(items, i -> {
            started.incrementAndGet();
            return i;
        }, threads, 3);

        for (int handedOut = 1; handedOut <= 10; handedOut++) {
            assertThat(reading.next()).isEqualTo(handedOut - 1);
            assertThat(started.get()).isLessThanOrEqualTo(Math.min(10, handedOut - 1 + 3));
        }
        assertThat(reading.next()).isNull();
        assertThat(started.get()).isEqualTo(10);
    }

    @Test
    void whatAReadThrowsIsThrownInItsPlace() throws Exception {
        ReadAhead<Integer, Integer> reading = new ReadAhead<>(List.of(0, 1, 2, 3), i -> {
            if (i == 2) {
                throw new IllegalStateException("item 2");
            }
            return i;
        }, threads, 4);

        assertThat(reading.next()).isZero();
        assertThat(reading.next()).isOne();
        assertThatThrownBy(reading::next).isInstanceOf(IllegalStateException.class).hasMessage("item 2");
        reading.stop();
        assertThat(reading.next()).isNull();
    }

    private static void await(CountDownLatch latch) {
        try {
            // a bound against a hang, never an expectation of speed
            if (!latch.await(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the other read never finished");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
