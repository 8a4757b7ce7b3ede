package io.vjvector.ops;

import io.quarkus.runtime.ImageMode;
import io.vjvector.config.VJVectorConfig;
import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Locale;
import org.jboss.logging.Logger;

/** Chooses the vector kernels once, from {@code vjvector.kernels}; a native image always gets the scalar ones. */
public class KernelsProducer {

    private static final Logger LOG = Logger.getLogger(KernelsProducer.class);

    @Produces
    @Singleton
    VectorKernels kernels(VJVectorConfig config) {
        VectorKernels kernels = VectorKernelsProvider.select(config.kernels(), ImageMode.current().isNativeImage());
        LOG.infof("Vector kernels: %s (vjvector.kernels=%s)", kernels.getClass().getSimpleName(),
                config.kernels().name().toLowerCase(Locale.ROOT));
        return kernels;
    }
}
