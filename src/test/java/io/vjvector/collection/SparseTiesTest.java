package io.vjvector.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vjvector.engine.index.Distance;
import io.vjvector.engine.index.VectorValue;
import io.vjvector.engine.index.sparse.SparseVector;
import io.vjvector.engine.point.PointId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Points with equal sparse scores (BM25 gives them often) come back ordered by point id, also at
 * the cut of the limit: the same answer whatever the number of shards and whatever order the
 * points were written in.
 */
class SparseTiesTest {

    private static final SparseVector TIED = SparseVector.of(new int[] {3, 7}, new float[] {0.5f, 1f});
    private static final SparseVector QUERY = SparseVector.of(new int[] {3, 7}, new float[] {1f, 1f});

    @Test
    void equalScoresComeBackByPointIdWhateverShardsAndWriteOrder() {
        long seed = Long.getLong("vjvector.sparseties.seed", System.nanoTime());
        System.out.println("SparseTiesTest seed=" + seed);
        Random rnd = new Random(seed);
        List<PointStruct> points = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            PointId id = i % 3 == 0 ? PointId.of(new UUID(rnd.nextLong(), rnd.nextLong())) : PointId.of(rnd.nextInt(1_000_000));
            points.add(point(id, TIED));
        }
        points.add(point(PointId.of(999_999_999L), SparseVector.of(new int[] {3}, new float[] {2f})));
        points.add(point(PointId.of(0L), SparseVector.of(new int[] {7}, new float[] {0.25f})));
        List<PointStruct> distinct = points.stream().collect(Collectors.toMap(PointStruct::id, p -> p,
                (a, b) -> a, LinkedHashMap::new)).values().stream().toList();
        List<PointId> expected = distinct.stream()
                .sorted(Comparator.comparingDouble((PointStruct p) -> -score(p)).thenComparing(PointStruct::id))
                .map(PointStruct::id).toList();

        for (int shards : new int[] {1, 3}) {
            for (int run = 0; run < 4; run++) {
                List<PointStruct> written = new ArrayList<>(distinct);
                java.util.Collections.shuffle(written, rnd);
                LocalCollectionService service = Collections.service();
                VectorsConfig vectors = new VectorsConfig(true, Map.of(),
                        Map.of("s", new VectorsConfig.SparseVector(false, null, null, null)));
                service.create("c", new CollectionParams(4, Distance.DOT, shards, 1, 1, 16, 100, 0, null, null, vectors));
                for (PointStruct p : written) {
                    service.upsert("c", List.of(p));
                }
                String where = "seed=" + seed + " shards=" + shards + " run=" + run;
                for (int limit : new int[] {1, 5, 12, expected.size()}) {
                    for (int offset : new int[] {0, 3}) {
                        assertEquals(expected.subList(Math.min(offset, expected.size()), Math.min(offset + limit, expected.size())),
                                Collections.ids(service.search("c", new SearchRequest("s", new VectorValue.Sparse(QUERY),
                                        new SearchOptions(null, limit, offset, null, null, false, WithPayload.NONE, false)))),
                                where + " limit=" + limit + " offset=" + offset);
                    }
                }
            }
        }
    }

    private static PointStruct point(PointId id, SparseVector v) {
        return new PointStruct(id, Map.of("s", new VectorValue.Sparse(v)), null);
    }

    private static double score(PointStruct p) {
        return ((VectorValue.Sparse) p.vectors().get("s")).vector().dot(QUERY);
    }
}
