package io.vjvector.ops;

import io.vjvector.collection.CollectionService;
import io.vjvector.collection.LocalCollectionService;
import io.vjvector.config.VJVectorConfig;
import io.vjvector.engine.kernels.VectorKernels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/**
 * The one {@link CollectionService} the resources call, chosen by role. Kernels are looked up
 * lazily so that a role that needs none never creates them.
 */
public class CollectionServiceProducer {

    @Produces
    @ApplicationScoped
    CollectionService collectionService(VJVectorConfig config, Instance<VectorKernels> kernels) {
        config.role().requireAvailable();
        return switch (config.role()) {
            case STANDALONE -> new LocalCollectionService(kernels.get());
            case GATEWAY, MASTER, REPLICA -> throw new IllegalStateException("unreachable: " + config.role());
        };
    }
}
