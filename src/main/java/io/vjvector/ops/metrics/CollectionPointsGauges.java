package io.vjvector.ops.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vjvector.collection.CollectionInfo;
import io.vjvector.collection.CollectionService;
import io.vjvector.tenant.AllTenants;
import io.vjvector.error.VJVectorException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gauges {@code vjvector_collection_points{collection=...}} and
 * {@code vjvector_collection_deleted_vectors{collection=...}} per collection, read from the
 * collection service when scraped. {@link #refresh()} adds and removes gauges to match the
 * collections that exist; it runs at start-up and after every create or delete.
 */
@ApplicationScoped
public class CollectionPointsGauges {

    static final String NAME = "vjvector.collection.points";
    static final String DELETED = "vjvector.collection.deleted.vectors";

    private final MeterRegistry registry;
    private final CollectionService service;
    private final Map<String, List<Gauge>> gauges = new ConcurrentHashMap<>();

    public CollectionPointsGauges(MeterRegistry registry, @AllTenants CollectionService service) {
        this.registry = registry;
        this.service = service;
    }

    public synchronized void refresh() {
        Set<String> live = new HashSet<>(service.list());
        gauges.keySet().removeIf(name -> {
            if (live.contains(name)) {
                return false;
            }
            gauges.get(name).forEach(registry::remove);
            return true;
        });
        for (String name : live) {
            gauges.computeIfAbsent(name, n -> List.of(
                    Gauge.builder(NAME, () -> points(n))
                            .description("Points stored in the collection")
                            .tag("collection", n)
                            .register(registry),
                    Gauge.builder(DELETED, () -> deletedVectors(n))
                            .description("Deleted or replaced vectors the collection's indexes still hold"
                                    + " (reclaimed when the optimizer rebuilds a shard)")
                            .tag("collection", n)
                            .register(registry)));
        }
    }

    private double deletedVectors(String collection) {
        try {
            CollectionInfo info = service.info(collection);
            return info.storedVectorsCount() - info.indexedVectorsCount();
        } catch (VJVectorException e) {
            return Double.NaN;
        }
    }

    /** NaN when the collection vanished between the last refresh and this scrape. */
    private double points(String collection) {
        try {
            return service.count(collection, null);
        } catch (VJVectorException e) {
            return Double.NaN;
        }
    }
}
