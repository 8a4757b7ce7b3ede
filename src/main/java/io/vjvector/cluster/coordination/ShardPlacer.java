package io.vjvector.cluster.coordination;

import io.vjvector.collection.CollectionParams;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/** Chooses the nodes of a new collection's shard copies (one replica list per shard). */
@FunctionalInterface
public interface ShardPlacer {

    List<List<String>> place(CollectionParams params) throws IOException;

    /** {@link Placement} over the nodes live now, balancing against the copies they already hold. */
    static ShardPlacer overLiveNodes(Supplier<Collection<NodeRegistration>> liveNodes, ShardTable table) {
        return params -> Placement.place(params.shardNumber(), params.replicationFactor(), liveNodes.get(),
                table.copiesHeld());
    }
}
