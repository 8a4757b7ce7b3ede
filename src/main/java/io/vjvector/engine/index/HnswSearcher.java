package io.vjvector.engine.index;

import java.util.function.IntPredicate;

/**
 * The two searches of HNSW over one graph: the greedy descent through the upper levels and the
 * best-first beam search of one level. Both are used by queries and by inserts; all state lives
 * in the caller's {@link SearchScratch}.
 */
final class HnswSearcher {

    private final HnswGraph graph;
    private final VectorStore store;
    private final VectorSimilarity similarity;

    HnswSearcher(HnswGraph graph, VectorStore store, VectorSimilarity similarity) {
        this.graph = graph;
        this.store = store;
        this.similarity = similarity;
    }

    /** A scorer of the full-precision vector at {@code q[qOffset..]} against stored nodes. */
    NodeScorer floatScorer(float[] q, int qOffset) {
        return new FloatNodeScorer(store, similarity, q, qOffset);
    }

    /**
     * Greedy walk from {@code entry} on levels {@code fromLevel} down to {@code toLevel}: on each
     * level, move to the best neighbour while one is better. Returns the final node and its
     * similarity {@link NeighborQueue#encode packed}.
     */
    long descend(NodeScorer scorer, int entry, float entrySimilarity, int fromLevel, int toLevel,
                 SearchScratch scratch) {
        int current = entry;
        float best = entrySimilarity;
        for (int level = fromLevel; level >= toLevel; level--) {
            boolean moved = true;
            while (moved) {
                moved = false;
                int[] links = graph.links(current, level);
                if (links == null) {
                    break;
                }
                int offset = graph.linksOffset(current, level);
                int count = HnswGraph.count(links, offset);
                for (int i = 1; i <= count; i++) {
                    int n = links[offset + i];
                    float s = scorer.score(n);
                    scratch.scored++;
                    if (s > best) {
                        best = s;
                        current = n;
                        moved = true;
                    }
                }
            }
        }
        return NeighborQueue.encode(current, best);
    }

    /**
     * Beam search of {@code level} from {@code entry}, leaving the best {@code ef} nodes that pass
     * {@code filter} in {@code scratch.results} (worst on top). Nodes the filter rejects are still
     * expanded, so the search walks through them to accepted ones; with a null filter the loop
     * carries no per-node check (hnswlib's unfiltered path).
     */
    void searchLayer(NodeScorer scorer, int entry, float entrySimilarity, int ef, int level,
                     IntPredicate filter, SearchScratch scratch) {
        NeighborQueue candidates = scratch.candidates;
        NeighborQueue results = scratch.results;
        VisitedSet visited = scratch.visited;
        candidates.clear();
        results.clear();
        visited.reset(store.size());
        visited.visit(entry);
        candidates.push(entry, entrySimilarity);
        if (filter == null || filter.test(entry)) {
            results.push(entry, entrySimilarity);
        }
        // The worst kept similarity once ef results are held; until then everything qualifies.
        float bound = results.size() >= ef ? results.topSimilarity() : Float.NEGATIVE_INFINITY;
        int scored = 0;
        while (!candidates.isEmpty()) {
            long best = candidates.peekPacked();
            if (NeighborQueue.decodeSimilarity(best) < bound) {
                break;
            }
            candidates.popPacked();
            int node = NeighborQueue.decodeOrdinal(best);
            int[] links = graph.links(node, level);
            if (links == null) {
                continue;
            }
            int offset = graph.linksOffset(node, level);
            int count = HnswGraph.count(links, offset);
            int[] batch = scratch.batchFor(count);
            float[] batchSimilarities = scratch.batchSimilarities;
            int fresh = 0;
            for (int i = 1; i <= count; i++) {
                int n = links[offset + i];
                if (visited.visit(n)) {
                    batch[fresh++] = n;
                }
            }
            // Score the whole batch before looking at any score: no branch depends on a distance here.
            scorer.score(batch, fresh, batchSimilarities, scratch);
            scored += fresh;
            for (int j = 0; j < fresh; j++) {
                float s = batchSimilarities[j];
                if (s > bound) {
                    int n = batch[j];
                    candidates.push(n, s);
                    if ((filter == null || filter.test(n)) && results.insertWithOverflow(n, s, ef)
                            && results.size() >= ef) {
                        bound = results.topSimilarity();
                    }
                }
            }
        }
        scratch.scored += scored;
    }
}
