package io.vjvector.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vjvector.api.dto.SearchBody;
import io.vjvector.api.request.NamedVectorReader;
import io.vjvector.collection.CollectionParams;
import io.vjvector.collection.RecommendRequest;
import io.vjvector.collection.SearchOptions;
import io.vjvector.collection.SearchRequest;
import io.vjvector.collection.WithPayload;
import io.vjvector.collection.query.QueryPlan;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.index.VectorValue;
import io.vjvector.engine.index.sparse.SparseVector;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadDispatchTest {

    private static final CollectionParams GRAPH = new CollectionParams(3, Distance.COSINE, 1, 1, 1, 16, 100, 10_000);
    private static final CollectionParams FLAT = new CollectionParams(3, Distance.COSINE, 1, 1, 1, 0, 100, 10_000);
    private static final float[] VECTOR = {1f, 2f, 3f};

    private static SearchRequest search(Filter filter, int limit, int offset, Integer ef, boolean exact) {
        return new SearchRequest(VECTOR, new SearchOptions(filter, limit, offset, null, ef, exact, WithPayload.NONE, false));
    }

    @Test
    void aPlainNearestSearchOfAGraphRunsOnTheEventLoop() {
        assertTrue(ReadDispatch.isQuick(search(null, 10, 0, null, false), GRAPH));
        assertTrue(ReadDispatch.isQuick(search(null, 200, 56, 512, false), GRAPH));
        assertTrue(ReadDispatch.isQuick(new QueryPlan.Nearest(search(null, 10, 0, null, false)), GRAPH));
        assertTrue(ReadDispatch.isQuickBatch(Collections.nCopies(4, search(null, 10, 0, null, false)), GRAPH));
    }

    @Test
    void workThatGrowsWithTheCollectionOrTheRequestGoesToAWorker() {
        assertFalse(ReadDispatch.isQuick(search(Filter.matchAll(), 10, 0, null, false), GRAPH), "filter");
        assertFalse(ReadDispatch.isQuick(search(null, 10, 0, null, true), GRAPH), "exact");
        assertFalse(ReadDispatch.isQuick(search(null, 10, 0, null, false), FLAT), "no graph");
        assertFalse(ReadDispatch.isQuick(search(null, 250, 7, null, false), GRAPH), "large page");
        assertFalse(ReadDispatch.isQuick(search(null, 10, 0, 513, false), GRAPH), "wide beam");
        assertFalse(ReadDispatch.isQuickBatch(Collections.nCopies(5, search(null, 10, 0, null, false)), GRAPH), "batch");
        SearchOptions options = search(null, 10, 0, null, false).options();
        assertFalse(ReadDispatch.isQuick(new SearchRequest("", new VectorValue.Sparse(SparseVector.of(new int[] {1},
                new float[] {1f})), options), GRAPH), "sparse");
        assertFalse(ReadDispatch.isQuick(new SearchRequest("other", new VectorValue.Dense(VECTOR), options), GRAPH),
                "unknown field");
        assertFalse(ReadDispatch.isQuick(new QueryPlan.Recommend(new RecommendRequest(List.of(), List.of(VECTOR),
                List.of(), List.of(), options, "")), GRAPH), "recommend");
    }

    @Test
    void requestsNamingAModelAreReadOnAWorker() throws Exception {
        ObjectMapper json = new StrictJson(new ObjectMapper()).getContext(Object.class);
        assertFalse(NamedVectorReader.mentionsInference(
                json.readValue("{\"vector\": [1, 2, 3], \"limit\": 1}", SearchBody.class).vector()));
        assertFalse(NamedVectorReader.mentionsInference(
                json.readValue("{\"vector\": {\"name\": \"a\", \"vector\": [1, 2]}}", SearchBody.class).vector()));
        assertTrue(NamedVectorReader.mentionsInference(json.readValue(
                "{\"vector\": {\"name\": \"a\", \"vector\": {\"text\": \"hi\", \"model\": \"m\"}}}", SearchBody.class)
                .vector()));
        assertTrue(NamedVectorReader.mentionsInference(json.readTree(
                "[{\"query\": {\"nearest\": {\"text\": \"hi\", \"model\": \"m\"}}}]")));
    }
}
