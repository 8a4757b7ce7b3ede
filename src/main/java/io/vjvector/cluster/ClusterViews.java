package io.vjvector.cluster;

import io.vjvector.cluster.coordination.ClusterView;
import io.vjvector.cluster.coordination.ClusterWatch;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Waiting for the cluster's view to reach a state (after a change this node made, or a failover). */
final class ClusterViews {

    private ClusterViews() {
    }

    /**
     * Returns once the current view satisfies {@code condition} (true), or after {@code timeout}
     * (false). Woken by the watch, not by polling.
     */
    static boolean await(ClusterWatch watch, Predicate<ClusterView> condition, Duration timeout) {
        if (condition.test(watch.current())) {
            return true;
        }
        CountDownLatch met = new CountDownLatch(1);
        Consumer<ClusterView> listener = view -> {
            if (condition.test(view)) {
                met.countDown();
            }
        };
        watch.addListener(listener);
        try {
            if (condition.test(watch.current())) {
                return true;
            }
            return met.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return condition.test(watch.current());
        } finally {
            watch.removeListener(listener);
        }
    }
}
