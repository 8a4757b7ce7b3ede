package io.vjvector.api.request;

import io.vjvector.collection.CollectionService;
import io.vjvector.collection.RecommendRequest;
import io.vjvector.collection.ScoredPoint;
import io.vjvector.collection.SearchRequest;
import java.util.List;

/** What a universal query turns into: a nearest-neighbour search or a recommendation. */
public sealed interface QueryPlan {

    List<ScoredPoint> run(CollectionService service, String collection);

    record Nearest(SearchRequest request) implements QueryPlan {
        @Override
        public List<ScoredPoint> run(CollectionService service, String collection) {
            return service.search(collection, request);
        }
    }

    /** Also a query by point id: nearest to that point's vector, the point itself excluded. */
    record Recommend(RecommendRequest request) implements QueryPlan {
        @Override
        public List<ScoredPoint> run(CollectionService service, String collection) {
            return service.recommend(collection, request);
        }
    }
}
