package io.vjvector.api.request;

import io.vjvector.collection.RecommendRequest;
import io.vjvector.collection.SearchRequest;
import io.vjvector.collection.WithPayload;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.point.PointId;
import java.util.List;

/** What search, recommend and query share once read and checked: filter, paging, params, projection. */
record SearchOptions(Filter filter, int limit, int offset, Float scoreThreshold, Integer hnswEf, boolean exact,
                     WithPayload withPayload, boolean withVector) {

    SearchRequest search(float[] vector) {
        return new SearchRequest(vector, filter, limit, offset, scoreThreshold, hnswEf, exact, withPayload, withVector);
    }

    RecommendRequest recommend(List<PointId> positiveIds, List<float[]> positiveVectors,
                               List<PointId> negativeIds, List<float[]> negativeVectors) {
        return new RecommendRequest(positiveIds, positiveVectors, negativeIds, negativeVectors, filter, limit, offset,
                scoreThreshold, hnswEf, exact, withPayload, withVector);
    }
}
