package io.vjvector.collection;

import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.shard.OrderBy;

/** A scroll in payload-value order ({@code order_by}); one page, with no next-page offset (as in Qdrant). */
public record OrderedScrollRequest(Filter filter, int limit, OrderBy orderBy, WithPayload withPayload,
                                   boolean withVector) {
}
