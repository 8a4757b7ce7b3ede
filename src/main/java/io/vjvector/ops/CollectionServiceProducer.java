package io.vjvector.ops;

import io.quarkus.arc.ClientProxy;
import io.vjvector.cluster.admin.ClusterAdmin;
import io.vjvector.cluster.admin.ClusterNodeAdmin;
import io.vjvector.cluster.admin.StandaloneClusterAdmin;
import io.vjvector.cluster.node.DataNode;
import io.vjvector.cluster.transport.ReplicationReceiver;
import io.vjvector.cluster.transport.ShardLeadership;
import io.vjvector.collection.CollectionService;
import io.vjvector.collection.LocalCollectionService;
import io.vjvector.collection.LocalReplicas;
import io.vjvector.collection.LocalShardSource;
import io.vjvector.collection.ShardHandle;
import io.vjvector.collection.StorageSettings;
import io.vjvector.config.ClusterConfig;
import io.vjvector.config.Role;
import io.vjvector.config.StorageConfig;
import io.vjvector.config.VJVectorConfig;
import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.error.VJVectorException;
import io.vjvector.ops.metrics.StorageMetrics;
import io.vjvector.security.AuthMode;
import io.vjvector.security.SecurityConfig;
import io.vjvector.tenant.AllTenants;
import io.vjvector.tenant.RequestNamespace;
import io.vjvector.tenant.TenantCollections;
import io.vjvector.tenant.TenantNamespace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The collection service, chosen by role (a standalone node's own collections, or in a cluster the
 * gateway service that routes to every shard's copies: masters and replicas answer clients the
 * same way, and also hold shards), in two views: {@link AllTenants} sees every tenant's
 * collections under their stored names (start-up, health, metrics, snapshots), and the
 * unqualified one, which every request-serving bean injects, shows the caller's tenant only
 * ({@link TenantCollections}). Kernels and storage settings are looked up lazily so that a role
 * that needs none never creates them.
 */
public class CollectionServiceProducer {

    private static final Logger LOG = Logger.getLogger(CollectionServiceProducer.class);

    @Produces
    @ApplicationScoped
    @AllTenants
    CollectionService collectionService(VJVectorConfig config, Instance<VectorKernels> kernels,
                                        Instance<StorageConfig> storage, Instance<StorageMetrics> metrics,
                                        Instance<ClusterMembership> cluster) {
        return switch (config.role()) {
            case STANDALONE -> openLocal(kernels.get(), storage.get(), metrics.get(), null);
            case GATEWAY, MASTER, REPLICA -> cluster.get().collections();
        };
    }

    /**
     * The caller's view. With authentication off no caller has a tenant, but the view still
     * applies the alias rule (an alias and its collection belong to the same tenant).
     */
    @Produces
    @ApplicationScoped
    CollectionService callersView(@AllTenants CollectionService all, Supplier<TenantNamespace> namespace) {
        return new TenantCollections(all, namespace);
    }

    /** The namespace (tenant) of the request being served. */
    @Produces
    @Singleton
    Supplier<TenantNamespace> requestNamespace(SecurityConfig security) {
        return security.authMode() == AuthMode.NONE ? RequestNamespace.global() : RequestNamespace.ofAuthenticatedCaller();
    }

    /** Cluster status and shard changes: Qdrant's disabled answers when standalone, the shard table otherwise. */
    @Produces
    @ApplicationScoped
    ClusterAdmin clusterAdmin(VJVectorConfig config, @AllTenants CollectionService all, LocalShardSource shards,
                              Instance<ClusterMembership> cluster) {
        if (config.role() == Role.STANDALONE) {
            return new StandaloneClusterAdmin(all, shards);
        }
        ClusterMembership membership = cluster.get();
        DataNode node = membership.dataNode();
        return new ClusterNodeAdmin(membership.runtime().self().nodeId(), membership.runtime().watch(),
                membership.runtime().shardTable(), node == null ? null : shards,
                node == null ? shard -> java.util.List.of() : node::replication, membership.handovers());
    }


    /** A cluster role's membership: created on first use, which only cluster roles make. */
    @Produces
    @Singleton
    ClusterMembership clusterMembership(VJVectorConfig config, ClusterConfig cluster, Instance<VectorKernels> kernels,
                                        Instance<StorageConfig> storage, Instance<StorageMetrics> metrics,
                                        io.micrometer.core.instrument.MeterRegistry registry) {
        Role role = config.role();
        if (role == Role.STANDALONE) {
            throw new IllegalStateException("a standalone node is in no cluster");
        }
        LocalReplicas replicas = role == Role.GATEWAY ? null : new LocalReplicas();
        LocalCollectionService shards = role == Role.GATEWAY ? null
                : openLocal(kernels.get(), storage.get(), metrics.get(), replicas);
        try {
            return ClusterMembership.join(role, cluster, shards, replicas, registry);
        } catch (RuntimeException e) {
            if (shards != null) {
                try {
                    shards.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /** The shards internal calls from other nodes reach: this node's own (none on a gateway). */
    @Produces
    @ApplicationScoped
    LocalShardSource localShards(VJVectorConfig config, @AllTenants CollectionService service,
                                 Instance<ClusterMembership> cluster) {
        return switch (config.role()) {
            case STANDALONE -> (LocalShardSource) ClientProxy.unwrap(service);
            case MASTER, REPLICA -> cluster.get().shards();
            case GATEWAY -> new LocalShardSource() {
                @Override
                public ShardHandle localShard(String collection, int shardId) {
                    throw VJVectorException.notFound("this node is a gateway and holds no shards");
                }

                @Override
                public long configVersion(String collection) {
                    return -1;
                }
            };
        };
    }

    /** Where replication from other nodes' shard leaders lands: this node's copies (none unless a data node). */
    @Produces
    @ApplicationScoped
    ReplicationReceiver replicationReceiver(VJVectorConfig config, Instance<ClusterMembership> cluster) {
        return switch (config.role()) {
            case STANDALONE, GATEWAY -> ReplicationReceiver.NONE;
            case MASTER, REPLICA -> cluster.get().dataNode();
        };
    }

    /** Which shards this node may write: every one it holds when standalone, those it leads in a cluster. */
    @Produces
    @ApplicationScoped
    ShardLeadership shardLeadership(VJVectorConfig config, Instance<ClusterMembership> cluster) {
        return switch (config.role()) {
            case STANDALONE, GATEWAY -> ShardLeadership.EVERY_SHARD;
            case MASTER, REPLICA -> cluster.get().dataNode();
        };
    }

    private static LocalCollectionService openLocal(VectorKernels kernels, StorageConfig config, StorageMetrics metrics,
                                                    LocalReplicas replicas) {
        StorageSettings settings = StorageSettingsFactory.from(config);
        LOG.infof("Data directory %s (fsync=%s, checkpoint every %s or %d MiB of log, encryption %s)",
                settings.root().toAbsolutePath(), config.fsync().name().toLowerCase(java.util.Locale.ROOT),
                settings.checkpointInterval(), settings.checkpointLogBytes() >> 20,
                settings.wal().keys().encrypts() ? "on, key id " + settings.wal().keys().currentKeyId() : "off");
        try {
            return LocalCollectionService.open(kernels, Runnable::run, settings, metrics, replicas);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the data directory " + settings.root().toAbsolutePath()
                    + ": " + e.getMessage(), e);
        }
    }

    /** At shutdown: checkpoint (if configured) and close every shard's log. */
    void close(@Disposes @AllTenants CollectionService service) throws IOException {
        if (service instanceof LocalCollectionService local) {
            local.close();
        }
    }

    /** At shutdown: leave the cluster (resigning leaderships, withdrawing the registration) and close the shards. */
    void close(@Disposes ClusterMembership membership) {
        membership.close();
    }
}
