package io.vjvector.collection;

import static io.vjvector.collection.Collections.filter;
import static io.vjvector.collection.Collections.search;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vjvector.engine.filter.FacetHit;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.filter.PayloadSchemaType;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.shard.OrderBy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Facets, value-ordered scrolls and distance matrices merged over three shards equal one shard's answers. */
class PayloadAggregatesTest {

    private static final int DIM = 8;
    private static final int POINTS = 400;

    private static LocalCollectionService twoCollections(long seed) {
        LocalCollectionService service = Collections.service();
        service.create("one", Collections.params(DIM, Distance.COSINE, 1, 0));
        service.create("three", Collections.params(DIM, Distance.COSINE, 3, 0));
        for (String name : List.of("one", "three")) {
            service.upsert(name, Collections.randomPoints(POINTS, DIM, new Random(seed)));
            service.createFieldIndex(name, "color", PayloadSchemaType.KEYWORD);
            service.createFieldIndex(name, "n", PayloadSchemaType.INTEGER);
        }
        return service;
    }

    @Test
    void facetHitsAreMergedAcrossShardsInQdrantsOrder() {
        LocalCollectionService service = twoCollections(5);
        List<FacetHit> one = service.facet("one", "color", null, 10);
        assertEquals(one, service.facet("three", "color", null, 10));
        assertEquals(3, one.size());
        assertEquals(POINTS, one.stream().mapToLong(FacetHit::count).sum());
        for (int i = 1; i < one.size(); i++) {
            assertTrue(one.get(i - 1).count() >= one.get(i).count(), "most frequent first: " + one);
        }
        // Every n is unique: equal counts, so values ascending; the limit keeps the first ones.
        Filter small = filter("{'must': {'key': 'n', 'range': {'lt': 50}}}");
        List<FacetHit> ns = service.facet("three", "n", small, 5);
        assertEquals(List.of(new FacetHit(0L, 1), new FacetHit(1L, 1), new FacetHit(2L, 1), new FacetHit(3L, 1),
                new FacetHit(4L, 1)), ns);
    }

    @Test
    void equalCountsOrderKeywordsBeforeIntegersBeforeBooleans() {
        List<FacetHit> hits = new ArrayList<>(List.of(new FacetHit(true, 2), new FacetHit(7L, 2), new FacetHit("b", 2),
                new FacetHit("a", 2), new FacetHit(-1L, 2), new FacetHit(false, 3)));
        hits.sort(FacetHit.ORDER);
        assertEquals(List.of(new FacetHit(false, 3), new FacetHit("a", 2), new FacetHit("b", 2), new FacetHit(-1L, 2),
                new FacetHit(7L, 2), new FacetHit(true, 2)), hits);
    }

    @Test
    void orderedScrollMergesShardsLikeOneShard() {
        LocalCollectionService service = twoCollections(9);
        for (boolean descending : new boolean[] {false, true}) {
            OrderedScrollRequest request = new OrderedScrollRequest(null, 30,
                    new OrderBy("n", descending, JsonNodeFactory.instance.numberNode(100)), WithPayload.NONE, false);
            List<PointId> one = service.scrollOrdered("one", request).stream().map(r -> r.record().id()).toList();
            List<PointId> three = service.scrollOrdered("three", request).stream().map(r -> r.record().id()).toList();
            assertEquals(one, three);
            assertEquals(PointId.of(100), one.get(0));
            assertEquals(PointId.of(descending ? 71 : 129), one.get(29));
        }
    }

    @Test
    void distanceMatrixIsReproducibleAndHoldsTheExactNeighboursWithinTheSample() {
        LocalCollectionService service = twoCollections(13);
        Filter red = filter("{'must': {'key': 'color', 'match': {'value': 'red'}}}");
        DistanceMatrix one = service.searchMatrix("one", red, 20, 4);
        DistanceMatrix three = service.searchMatrix("three", red, 20, 4);
        assertEquals(one.ids(), three.ids(), "the same points give the same sample, whatever the shards");
        assertEquals(20, one.ids().size());
        List<PointId> sorted = new ArrayList<>(one.ids());
        sorted.sort(null);
        assertEquals(sorted, one.ids(), "sampled ids in id order");
        List<PointRecord> sampled = service.retrieve("one", one.ids(), WithPayload.ALL, true);
        sampled.forEach(r -> assertEquals("red", r.payload().get("color").textValue()));
        for (int i = 0; i < sampled.size(); i++) {
            PointId self = one.ids().get(i);
            Filter others = Filter.of(List.of(new io.vjvector.engine.filter.Condition.HasId(new HashSet<>(one.ids()))),
                    List.of(), List.of(new io.vjvector.engine.filter.Condition.HasId(java.util.Set.of(self))), null);
            List<PointId> exact = service.search("one", search(sampled.get(i).vector(), others, 4, 0, true))
                    .stream().map(ScoredPoint::id).toList();
            assertEquals(exact, one.nearest().get(i).stream().map(ScoredPoint::id).toList(), "row " + i);
            assertEquals(exact, three.nearest().get(i).stream().map(ScoredPoint::id).toList(), "row " + i);
        }
        assertEquals(DistanceMatrix.EMPTY, service.searchMatrix("one",
                filter("{'must': {'key': 'n', 'match': {'value': 3}}}"), 10, 3), "one point: no matrix");
    }
}
