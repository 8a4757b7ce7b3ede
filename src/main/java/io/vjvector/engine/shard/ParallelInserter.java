package io.vjvector.engine.shard;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Links a batch of reserved vectors into their graphs, with helper threads for large batches ({@link
 * io.vjvector.engine.index.VectorIndex#link} is thread-safe; a graph insert is CPU-bound, so a second thread nearly halves
 * a bulk load). The calling thread always works too, so a batch progresses even when every helper
 * is busy with another shard's batch.
 */
final class ParallelInserter {

    /** Batches smaller than this are inserted on the calling thread: hand-off costs more than it saves. */
    static final int MIN_PARALLEL_BATCH = 256;
    /** Threads working on one batch, the caller included. */
    static final int THREADS = 2;

    private static final ExecutorService HELPERS = Executors.newFixedThreadPool(THREADS - 1, r -> {
        Thread t = new Thread(r, "vjvector-bulk-insert");
        t.setDaemon(true);
        return t;
    });

    private ParallelInserter() {
    }

    /**
     * Runs {@code task} for every index in {@code [0, n)}, with helper threads when the batch is
     * large; returns once all have run.
     *
     * @throws RuntimeException the first failure of any task (the others stop taking work)
     */
    static void forEach(int n, IntConsumer task) {
        AtomicInteger next = new AtomicInteger();
        Runnable work = () -> {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                task.accept(i);
            }
        };
        Helper[] helpers = new Helper[n < MIN_PARALLEL_BATCH ? 0 : THREADS - 1];
        for (int h = 0; h < helpers.length; h++) {
            helpers[h] = new Helper(work);
        }
        RuntimeException failure = null;
        try {
            work.run();
        } catch (RuntimeException e) {
            next.set(n);
            failure = e;
        }
        for (Helper helper : helpers) {
            RuntimeException helperFailure = helper.finish();
            failure = helperFailure != null ? helperFailure : failure;
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * One helper's share of a batch. Whoever claims it first decides: the helper thread runs the
     * work, or the caller, having finished the batch alone, abandons it — so the caller never
     * waits for a helper that is still queued behind another shard's batch.
     */
    private static final class Helper {
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final CompletableFuture<Void> done;

        Helper(Runnable work) {
            done = CompletableFuture.runAsync(() -> {
                if (claimed.compareAndSet(false, true)) {
                    work.run();
                }
            }, HELPERS);
        }

        /** Waits for the helper if it started; returns its failure, if any. */
        RuntimeException finish() {
            if (claimed.compareAndSet(false, true)) {
                return null;
            }
            try {
                done.join();
                return null;
            } catch (CompletionException e) {
                return e.getCause() instanceof RuntimeException re ? re : e;
            }
        }
    }
}
