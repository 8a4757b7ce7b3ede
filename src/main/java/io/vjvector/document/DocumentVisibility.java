package io.vjvector.document;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The reader/writer protocol of one document collection: readers run under the current
 * {@link DocumentView}, and a writer that changes the view waits until every reader that may
 * still be using the previous one has finished.
 *
 * <p>A read holds the read lock for its whole duration, so taking the write lock to publish a
 * view is the wait: once it is held, no reader of an earlier view is left. Readers keep one view
 * for their whole fan-out over the shards, so what they see depends only on that view and on the
 * chunks stored while it was current, which {@link ChunkCommit} keeps consistent with it. Holding
 * the write lock only for the swap keeps readers waiting at most for the longest read in flight
 * (a read queued behind a waiting writer waits for it, so writers are not starved).
 *
 * <p>Writers are serialised ({@link #write}): two concurrent replacements of one document would
 * otherwise overwrite each other's entry in the view.
 */
public final class DocumentVisibility {

    private final ReentrantReadWriteLock views = new ReentrantReadWriteLock();
    private final ReentrantLock writers = new ReentrantLock();
    private volatile DocumentView view = DocumentView.EMPTY;
    /** Guarded by {@link #writers}. */
    private long lastGeneration;
    /** Set once, under {@link #writers}; read without it on every access. */
    private volatile boolean recovered;

    /**
     * Runs {@code reader} with {@code filter} narrowed to what readers may see now; the view
     * cannot change until it returns.
     *
     * @param filter a Qdrant filter (JSON) or null
     */
    public <T> T read(JsonNode filter, Function<JsonNode, T> reader) {
        views.readLock().lock();
        try {
            return reader.apply(view.restrict(filter));
        } finally {
            views.readLock().unlock();
        }
    }

    /** Runs {@code work} as the only writer of the collection. */
    <T> T write(Supplier<T> work) {
        writers.lock();
        try {
            return work.get();
        } finally {
            writers.unlock();
        }
    }

    /**
     * Changes the view and returns once no reader of an earlier view is running. Called by the
     * writer ({@link #write}).
     */
    void publish(Consumer<Map<String, DocumentView.Transition>> change) {
        assert writers.isHeldByCurrentThread() : "only the writer publishes";
        views.writeLock().lock();
        try {
            view = view.with(change);
        } finally {
            views.writeLock().unlock();
        }
    }

    /**
     * A generation larger than any this collection has seen: microseconds of the wall clock, or
     * one more than the last when the clock has not moved on (or went back).
     */
    long nextGeneration() {
        assert writers.isHeldByCurrentThread() : "only the writer draws generations";
        lastGeneration = Math.max(lastGeneration + 1, System.currentTimeMillis() * 1000);
        return lastGeneration;
    }

    /**
     * Runs {@code recovery} once, before any read or write: it cleans up what an interrupted
     * replacement left and returns the largest generation stored.
     */
    void recoverOnce(Supplier<Long> recovery) {
        if (recovered) {
            return;
        }
        writers.lock();
        try {
            if (recovered) {
                return;
            }
            views.writeLock().lock();
            try {
                lastGeneration = Math.max(lastGeneration, recovery.get());
                recovered = true;
            } finally {
                views.writeLock().unlock();
            }
        } finally {
            writers.unlock();
        }
    }

    /** The documents in transition, for tests. */
    Map<String, DocumentView.Transition> inTransition() {
        return view.documents();
    }
}
