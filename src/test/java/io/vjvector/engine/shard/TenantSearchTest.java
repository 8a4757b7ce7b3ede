package io.vjvector.engine.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.filter.PayloadFieldSchema;
import io.vjvector.engine.filter.PayloadSchemaType;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.point.PointId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A search within one tenant of an {@code is_tenant} index scans that tenant's points exactly on a
 * budget {@link SearchPlanner#TENANT_SCAN_FACTOR} times the usual one, so its answer equals the
 * exact one; without the flag the same search goes through the graph.
 */
class TenantSearchTest {

    private static final long SEED = Long.getLong("vjvector.test.seed", System.nanoTime());
    private static final int DIM = 8;
    private static final int POINTS = 3000;
    /** Points of the small tenant: above the usual scan limit (k·ln N = 81 here), within 8 times it. */
    private static final int SMALL = 300;

    @Test
    void theTenantRuleRaisesTheExactScanBudgetOnlyForANamedTenant() {
        assertEquals(SearchPlanner.FilteredPath.GRAPH, SearchPlanner.filteredPath(false, 300, -1, 81));
        assertEquals(SearchPlanner.FilteredPath.SCAN_MATCHES, SearchPlanner.filteredPath(false, 300, 300, 81));
        assertEquals(SearchPlanner.FilteredPath.SCAN_MATCHES, SearchPlanner.filteredPath(false, 80, -1, 81));
        assertEquals(SearchPlanner.FilteredPath.SCAN_MATCHES, SearchPlanner.filteredPath(true, 5000, -1, 81));
        assertEquals(SearchPlanner.FilteredPath.SCAN_MATCHES,
                SearchPlanner.filteredPath(false, 1000, 8 * 81, 81), "the budget's edge");
        assertEquals(SearchPlanner.FilteredPath.GRAPH,
                SearchPlanner.filteredPath(false, 1000, 8 * 81 + 1, 81), "a large tenant goes through the graph");
    }

    @Test
    void aSearchWithinATenantEqualsTheExactSearch() {
        System.out.println("TenantSearchTest seed=" + SEED + " (-Dvjvector.test.seed to repeat)");
        Random rnd = new Random(SEED);
        // Threshold 0 and m 0: the usual scan limit is k·ln(N) alone (81 for k 10, N 3000).
        Shard shard = Shards.create(DIM, Distance.EUCLID, new SearchDefaults(0, 16, 0));
        List<PointWrite> batch = new ArrayList<>();
        for (long id = 0; id < POINTS; id++) {
            float[] v = new float[DIM];
            for (int i = 0; i < DIM; i++) {
                v[i] = (float) rnd.nextGaussian();
            }
            String tenant = id % (POINTS / SMALL) == 0 ? "small" : "big";
            batch.add(new PointWrite(PointId.of(id), v, JsonNodeFactory.instance.objectNode().put("tenant", tenant)));
        }
        shard.upsert(batch);
        shard.createFieldIndex("tenant", new PayloadFieldSchema(PayloadSchemaType.KEYWORD,
                new PayloadFieldSchema.Options(true, null, null, null, null, null), null));
        Filter small = ShardFilterTest.filter("{'must': {'key': 'tenant', 'match': {'value': 'small'}}}");
        assertEquals(SMALL, shard.count(small));
        for (int q = 0; q < 20; q++) {
            float[] query = new float[DIM];
            for (int i = 0; i < DIM; i++) {
                query[i] = (float) rnd.nextGaussian();
            }
            List<ScoredHit> planned = shard.search(new ShardSearch(query, 10, small, null, false, null, false, false));
            List<ScoredHit> exact = shard.search(new ShardSearch(query, 10, small, null, true, null, false, false));
            assertEquals(ids(exact), ids(planned), "seed=" + SEED + " query " + q);
        }
    }

    private static List<PointId> ids(List<ScoredHit> hits) {
        return hits.stream().map(h -> h.point().id()).toList();
    }
}
