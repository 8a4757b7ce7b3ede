package io.vjvector.collection;

import io.vjvector.engine.filter.Condition;
import io.vjvector.engine.filter.FacetValues;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.payload.JsonPath;
import io.vjvector.engine.payload.JsonPathException;
import io.vjvector.error.VJVectorException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Qdrant's search groups, over any search: asks for the top {@code limit × group_size} points,
 * groups them by value, and asks again for twice as many while the first {@code limit} groups are
 * not all full and the search may have more to give.
 *
 * <p>Why that is the exact answer for an exact search: hits come best first, so groups appear in
 * the order of their best hit. Once {@code limit} groups have been seen, no unseen group can rank
 * among them; once each of those holds {@code group_size} hits, no later hit can displace one of
 * them. A search that returned fewer hits than asked has nothing more, so what is seen is all.
 */
final class GroupedSearch {

    private GroupedSearch() {
    }

    /**
     * @param request the search; its limit and offset are ignored, its {@code with_payload} is
     *                applied to the hits returned (grouping itself reads every payload)
     * @param search  runs one search (limit and offset from the request it is given)
     */
    static List<PointGroup> run(SearchOptions request, GroupRequest groups,
                                Function<SearchOptions, List<ScoredPoint>> search) {
        JsonPath path;
        try {
            path = JsonPath.parse(groups.groupBy());
        } catch (JsonPathException e) {
            throw VJVectorException.badRequest("group_by", e.getMessage());
        }
        // Points without any value at the key can never be in a group: leave them out of the search.
        Filter withKey = Filter.of(request.filter() == null ? List.of() : List.of(new Condition.Sub(request.filter())),
                List.of(), List.of(new Condition.IsEmpty(path)), null);
        PayloadProjection projection = PayloadProjection.of(request.withPayload());
        long asked = (long) groups.limit() * groups.groupSize();
        while (true) {
            int k = (int) Math.min(Integer.MAX_VALUE, asked);
            List<ScoredPoint> hits = search.apply(new SearchOptions(withKey, k, 0, request.scoreThreshold(),
                    request.hnswEf(), request.exact(), WithPayload.ALL, request.withVector()));
            Map<Object, List<ScoredPoint>> byValue = group(hits, path, groups.groupSize(), projection);
            boolean exhausted = hits.size() < k || k == Integer.MAX_VALUE;
            if (exhausted || firstGroupsFull(byValue, groups)) {
                List<PointGroup> out = new ArrayList<>(Math.min(groups.limit(), byValue.size()));
                for (Map.Entry<Object, List<ScoredPoint>> e : byValue.entrySet()) {
                    if (out.size() == groups.limit()) {
                        break;
                    }
                    out.add(new PointGroup(e.getKey(), e.getValue(), null));
                }
                return out;
            }
            asked *= 2;
        }
    }

    /** Groups in the order of their best hit, each with its first {@code groupSize} hits. */
    private static Map<Object, List<ScoredPoint>> group(List<ScoredPoint> hits, JsonPath path, int groupSize,
                                                        PayloadProjection projection) {
        Map<Object, List<ScoredPoint>> byValue = new LinkedHashMap<>();
        for (ScoredPoint hit : hits) {
            ScoredPoint shown = null;
            for (Object value : FacetValues.groupIds(path, hit.payload())) {
                List<ScoredPoint> members = byValue.computeIfAbsent(value, v -> new ArrayList<>());
                if (members.size() < groupSize) {
                    if (shown == null) {
                        shown = new ScoredPoint(hit.id(), hit.version(), hit.score(), projection.apply(hit.payload()),
                                hit.vectors());
                    }
                    members.add(shown);
                }
            }
        }
        return byValue;
    }

    private static boolean firstGroupsFull(Map<Object, List<ScoredPoint>> byValue, GroupRequest groups) {
        if (byValue.size() < groups.limit()) {
            return false;
        }
        int seen = 0;
        for (List<ScoredPoint> members : byValue.values()) {
            if (seen++ == groups.limit()) {
                break;
            }
            if (members.size() < groups.groupSize()) {
                return false;
            }
        }
        return true;
    }
}
