package io.vjvector.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vjvector.engine.filter.PayloadSchemaType;
import io.vjvector.engine.index.Distance;
import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CollectionSettingsTest {

    private final LocalCollectionService service = Collections.service();

    @Test
    void infoReportsCountsShardsAndIndexedFields() {
        service.create("i", Collections.params(3, Distance.COSINE, 3, 100));
        service.upsert("i", Collections.randomPoints(60, 3, new Random(2)));
        service.createFieldIndex("i", "color", PayloadSchemaType.KEYWORD);
        CollectionInfo info = service.info("i");
        assertEquals(60, info.pointsCount());
        assertEquals(60, info.indexedVectorsCount());
        assertEquals(3, info.segmentsCount());
        assertEquals(Map.of("color", new CollectionInfo.PayloadFieldInfo(PayloadSchemaType.KEYWORD, 60)), info.payloadSchema());
        service.deleteFieldIndex("i", "color");
        assertEquals(Map.of(), service.info("i").payloadSchema());
    }

    @Test
    void updateChangesOnlyTheGivenSettings() {
        service.create("u", Collections.params(3, Distance.DOT, 2, 100));
        service.update("u", new CollectionParamsUpdate(3, 2, null, 64, 500));
        CollectionParams p = service.info("u").params();
        assertEquals(new CollectionParams(3, Distance.DOT, 2, 3, 2, 16, 64, 500), p);
        VJVectorException bad = assertThrows(VJVectorException.class,
                () -> service.update("u", new CollectionParamsUpdate(null, null, 1, null, null)));
        assertEquals(ErrorKind.BAD_REQUEST, bad.kind());
        assertEquals("hnsw_config.m", bad.field());
        assertEquals(p, service.info("u").params(), "a refused update changes nothing");
    }

    @Test
    void invalidSettingsAreBadRequestsNamingTheField() {
        assertEquals("vectors.size", field(new CollectionParams(0, Distance.DOT, 1, 1, 1, 16, 100, 10)));
        assertEquals("shard_number", field(new CollectionParams(2, Distance.DOT, 0, 1, 1, 16, 100, 10)));
        assertEquals("vectors.distance", field(new CollectionParams(2, null, 1, 1, 1, 16, 100, 10)));
        assertEquals("hnsw_config.ef_construct", field(new CollectionParams(2, Distance.DOT, 1, 1, 1, 16, 0, 10)));
        assertEquals("replication_factor", field(new CollectionParams(2, Distance.DOT, 1, 0, 1, 16, 100, 10)));
    }

    private String field(CollectionParams params) {
        return assertThrows(VJVectorException.class, () -> service.create("bad", params)).field();
    }

    @Test
    void mZeroMeansNoGraphAndSearchStillWorks() {
        service.create("flat", new CollectionParams(3, Distance.EUCLID, 2, 1, 1, 0, 100, 0));
        service.upsert("flat", Collections.randomPoints(50, 3, new Random(1)));
        assertEquals(5, service.search("flat", Collections.search(new float[] {0, 0, 0}, null, 5, 0, false)).size());
    }

    @Test
    void emptyUpsertIsStillAnOperationWithAnIncreasingId() {
        service.create("e", Collections.params(3, Distance.DOT, 2, 100));
        long a = service.upsert("e", java.util.List.of()).operationId();
        long b = service.upsert("e", java.util.List.of()).operationId();
        assertEquals(true, b > a);
        assertEquals(0, service.count("e", null));
    }
}
