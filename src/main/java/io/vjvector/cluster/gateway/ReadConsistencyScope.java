package io.vjvector.cluster.gateway;

import io.vjvector.collection.ReadConsistency;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The read consistency of the request a gateway thread serves. On the request's own thread it is
 * asked of the request ({@code requested}); a shard read that the collection fans out to a pool
 * thread finds it there because {@link #carrying} hands it over with the task.
 */
final class ReadConsistencyScope {

    private final Supplier<ReadConsistency> requested;
    private final ThreadLocal<ReadConsistency> carried = new ThreadLocal<>();

    /** @param requested the consistency of the request served on the calling thread (default outside one) */
    ReadConsistencyScope(Supplier<ReadConsistency> requested) {
        this.requested = requested;
    }

    ReadConsistency current() {
        ReadConsistency c = carried.get();
        return c != null ? c : requested.get();
    }

    /** {@code pool}, whose tasks see the consistency current where they were submitted. */
    Executor carrying(Executor pool) {
        return task -> {
            ReadConsistency c = current();
            if (c.isDefault()) {
                pool.execute(task);
                return;
            }
            pool.execute(() -> {
                carried.set(c);
                try {
                    task.run();
                } finally {
                    carried.remove();
                }
            });
        };
    }
}
