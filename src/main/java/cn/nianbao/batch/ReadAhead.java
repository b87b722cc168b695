package cn.nianbao.batch;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Reads a list's items on an executor ahead of the one asked for, at most {@code window} of them, and hands the
 * results out in the list's order: {@link #next} waits for the next item's result while the later ones are read.
 * Used by one thread (the one calling {@link #next}); {@code read} runs on the executor's threads.
 */
final class ReadAhead<T, R> {

    private final Iterator<T> items;
    private final Function<T, R> read;
    private final Executor executor;
    private final int window;
    private final ArrayDeque<CompletableFuture<R>> started = new ArrayDeque<>();

    /** @param window how many items' results may be read and held at once (at least one) */
    ReadAhead(List<T> items, Function<T, R> read, Executor executor, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1, not " + window);
        }
        this.items = items.iterator();
        this.read = read;
        this.executor = executor;
        this.window = window;
    }

    /**
     * The next item's result, in the list's order (waiting for it if it is still being read), or null after the last.
     * What {@code read} threw for that item is thrown here.
     */
    R next() throws InterruptedException {
        while (started.size() < window && items.hasNext()) {
            T item = items.next();
            started.add(CompletableFuture.supplyAsync(() -> read.apply(item), executor));
        }
        CompletableFuture<R> head = started.poll();
        if (head == null) {
            return null;
        }
        try {
            return head.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Stops handing out: reads not yet begun are dropped, those under way finish unobserved. */
    void stop() {
        started.forEach(f -> f.cancel(false));
        started.clear();
        while (items.hasNext()) {
            items.next();
        }
    }
}
