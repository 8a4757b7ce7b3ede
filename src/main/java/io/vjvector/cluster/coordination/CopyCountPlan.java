package io.vjvector.cluster.coordination;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The copies a shard's leader adds or drops so that the shard holds its collection's
 * {@code replication_factor} after a change of it ({@code PATCH /collections/{name}}). Pure: the
 * leader computes it from the shard record it is about to change and commits the result with its
 * epoch guard, so it acts on the record as it is, not as some view had it.
 *
 * <p>Only a change counts: the record keeps the factor its copies were last brought to
 * ({@link ShardAssignment#factor}), and a shard whose recorded factor is the catalog's is left as
 * it is, so an operator's {@code replicate_shard} or {@code drop_replica} stands (as in Qdrant,
 * where the factor is what new shards get). The recorded factor follows the catalog's only once
 * the shard holds that many copies: until then every plan tries again (a node joined, the
 * {@code write_consistency_factor} was lowered).
 *
 * <p>Adding: new copies go where {@link Placement#addTo} puts them (live data nodes holding none
 * of the shard, the least loaded first), out of the in-sync set; each catches up from the
 * leader's checkpoint and log like any new copy and joins the in-sync set once current. Copies
 * that no live data node can take yet are counted as {@link #unplaced}.
 *
 * <p>Dropping: never below the collection's {@code write_consistency_factor} (a collection asked
 * to acknowledge writes on that many copies keeps that many), never the leader's copy, never the
 * last in-sync copy. Copies of nodes that are gone go first, then copies not in sync, then the
 * in-sync copies of the most loaded nodes (the preferred leader's last), ties to the higher node
 * id.
 *
 * <p>A shard with a move under way ({@link ShardAssignment#moves}) is left alone: it holds one
 * copy too many until the move ends, and the next plan sees the record after it.
 *
 * @param add       nodes to place new copies on
 * @param drop      nodes whose copies are dropped
 * @param unplaced  copies wanted that no live data node can hold now
 * @param factor    the replication factor to record as reached, or null while copies are missing
 *                  or surplus after this plan
 */
public record CopyCountPlan(List<String> add, List<String> drop, int unplaced, Integer factor) {

    private static final CopyCountPlan NOTHING = new CopyCountPlan(List.of(), List.of(), 0, null);

    public CopyCountPlan {
        add = List.copyOf(add);
        drop = List.copyOf(drop);
    }

    /**
     * The plan for shard record {@code a} of a collection with {@code replicationFactor} and
     * {@code writeConsistencyFactor}, with {@code view}'s live nodes and shard table (the load
     * new copies are balanced against).
     */
    public static CopyCountPlan of(ShardAssignment a, int replicationFactor, int writeConsistencyFactor,
                                   ClusterView view) {
        if (a.factor() == null) {
            // A record from before copy counts followed the catalog: it adopts the catalog's factor as is.
            return new CopyCountPlan(List.of(), List.of(), 0, replicationFactor);
        }
        if (a.factor() == replicationFactor || !a.moves().isEmpty() || a.replicas().isEmpty()) {
            return NOTHING;
        }
        int copies = a.replicas().size();
        if (copies < replicationFactor) {
            List<String> targets = Placement.addTo(a.replicas(), replicationFactor - copies, view.nodes().values(),
                    Placement.copiesHeld(view.shards().values()));
            int unplaced = replicationFactor - copies - targets.size();
            return new CopyCountPlan(targets, List.of(), unplaced, unplaced == 0 ? replicationFactor : null);
        }
        int keep = Math.max(replicationFactor, writeConsistencyFactor);
        List<String> drop = copies > keep ? surplus(a, copies - keep, view) : List.of();
        return new CopyCountPlan(List.of(), drop, 0, copies - drop.size() == replicationFactor ? replicationFactor : null);
    }

    private static List<String> surplus(ShardAssignment a, int count, ClusterView view) {
        Map<String, Integer> load = Placement.copiesHeld(view.shards().values());
        String preferred = a.replicas().get(0);
        List<String> candidates = a.replicas().stream()
                .filter(n -> !n.equals(a.leader()))
                .sorted(Comparator.<String>comparingInt(n -> view.nodes().containsKey(n) ? 1 : 0)
                        .thenComparingInt(n -> a.inSync().contains(n) ? 1 : 0)
                        .thenComparingInt(n -> n.equals(preferred) ? 1 : 0)
                        .thenComparing(Comparator.<String>comparingInt(n -> load.getOrDefault(n, 0)).reversed())
                        .thenComparing(Comparator.<String>reverseOrder()))
                .toList();
        List<String> drop = new ArrayList<>();
        long inSyncLeft = a.inSync().size();
        for (String n : candidates) {
            if (drop.size() == count) {
                break;
            }
            boolean inSync = a.inSync().contains(n);
            if (inSync && inSyncLeft <= 1) {
                continue;
            }
            drop.add(n);
            if (inSync) {
                inSyncLeft--;
            }
        }
        return drop;
    }

    /** Whether the plan changes nothing. */
    public boolean isEmpty() {
        return add.isEmpty() && drop.isEmpty() && factor == null;
    }

    /**
     * {@code a} with the plan's copies added (out of sync) and dropped, and the factor reached
     * recorded; null when the plan is empty.
     */
    public ShardAssignment applyTo(ShardAssignment a) {
        if (isEmpty()) {
            return null;
        }
        ShardAssignment next = factor == null ? a : a.withFactor(factor);
        for (String n : drop) {
            next = next.withCopyRemoved(n);
        }
        for (String n : add) {
            next = next.withCopyAdded(n, null);
        }
        return next;
    }
}
