package io.vjvector.collection;

import io.vjvector.engine.kernels.VectorKernels;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Qdrant's vacuum optimizer for the collections of one service: rebuilds a shard whose share of
 * deleted vectors passed the collection's {@code deleted_threshold}, or whose index settings were
 * changed (see {@link LocalCollection#optimize}). One background thread serves every collection,
 * so at most one rebuild runs at a time in the process: a rebuild costs CPU like an index build
 * and, for its duration, a second copy of the shard's index.
 *
 * <p>{@link #check} is called after writes and settings changes; it costs a few volatile reads
 * per shard and queues a collection at most once.
 */
final class VacuumOptimizer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(VacuumOptimizer.class.getName());

    private final VectorKernels kernels;
    private final StorageEvents events;
    private final Set<LocalCollection> queued = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor thread;

    VacuumOptimizer(VectorKernels kernels, StorageEvents events) {
        this.kernels = kernels;
        this.events = events;
        this.thread = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "vjvector-optimizer");
            t.setDaemon(true);
            return t;
        });
        // The thread exists only while there is work, so an idle service holds none.
        thread.allowCoreThreadTimeOut(true);
    }

    /** Queues {@code c} for optimization if a shard of it is due and it is not queued already. */
    void check(LocalCollection c) {
        if (!c.optimizationDue() || !queued.add(c)) {
            return;
        }
        try {
            thread.execute(() -> {
                queued.remove(c);
                try {
                    c.optimize(kernels, events);
                    // Writes during the rebuild may have made a shard due again, with no write to follow.
                    check(c);
                } catch (RuntimeException | Error e) {
                    LOG.log(System.Logger.Level.ERROR, "optimizing collection `" + c.sharded().name() + "` failed", e);
                }
            });
        } catch (RejectedExecutionException closing) {
            queued.remove(c);
        }
    }

    /**
     * Stops taking work, drops what is queued and waits a while for a running rebuild to finish
     * with its checkpoint; one that takes longer is left to be dropped (the collections close,
     * and the rebuild is an optimisation that a later start repeats). The thread is not
     * interrupted: an interrupt would fail the rebuilt shard's checkpoint half-way through its
     * file I/O.
     */
    @Override
    public void close() {
        thread.getQueue().clear();
        queued.clear();
        thread.shutdown();
        try {
            thread.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
