package io.vjvector.cluster.coordination;

import java.util.concurrent.CompletableFuture;

/**
 * A campaign for one shard's leadership, waiting while another node leads. {@link #elected()}
 * completes with the {@link Leadership} once this node has won, re-checked its key and recorded
 * itself in the shard record; it fails when the campaign's lease is lost first, when this node
 * has left the shard's in-sync set, or after {@link #withdraw()}.
 */
public final class Candidacy {

    private final CompletableFuture<Leadership> elected;
    private final Runnable withdraw;

    Candidacy(CompletableFuture<Leadership> elected, Runnable withdraw) {
        this.elected = elected;
        this.withdraw = withdraw;
    }

    public CompletableFuture<Leadership> elected() {
        return elected;
    }

    /** Stops campaigning (its key is deleted); resigns if elected meanwhile. */
    public void withdraw() {
        withdraw.run();
    }
}
