package io.vjvector.cluster.transport;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** {@link ShardLeadership#EVERY_SHARD} unless another bean (the control plane's) provides leadership. */
public class ShardLeadershipProducer {

    @Produces
    @DefaultBean
    @ApplicationScoped
    ShardLeadership everyShard() {
        return ShardLeadership.EVERY_SHARD;
    }
}
