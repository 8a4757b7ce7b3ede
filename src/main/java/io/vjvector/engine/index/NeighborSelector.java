package io.vjvector.engine.index;

/**
 * hnswlib's diversity heuristic ({@code getNeighborsByHeuristic2}): walking candidates from the
 * closest, keep one only if it is closer to the base node than to every neighbour already kept.
 * This keeps links pointing in different directions, which is what keeps the graph navigable
 * across clusters; it serves both a new node's list and the re-pruning of an overflowing one.
 */
final class NeighborSelector {

    private final VectorStore store;
    private final VectorSimilarity similarity;
    private final int dimension;

    NeighborSelector(VectorStore store, VectorSimilarity similarity) {
        this.store = store;
        this.similarity = similarity;
        this.dimension = store.dimension();
    }

    /**
     * Chooses up to {@code max} of {@code candidates[0..count)} ({@link NeighborQueue#encode
     * packed} with their similarity to the base node, sorted ascending so the best is last) into
     * {@code out}, best first; returns how many. Fewer than {@code max} candidates are all kept,
     * as in hnswlib.
     */
    int select(long[] candidates, int count, int max, int[] out) {
        if (count < max) {
            for (int i = 0; i < count; i++) {
                out[i] = NeighborQueue.decodeOrdinal(candidates[count - 1 - i]);
            }
            return count;
        }
        int kept = 0;
        SearchScratch scratch = SearchScratch.forThread(0);
        float[] candidate = scratch.heldVector(dimension);
        float[] selected = scratch.vector(dimension);
        for (int i = count - 1; i >= 0 && kept < max; i--) {
            int c = NeighborQueue.decodeOrdinal(candidates[i]);
            float toBase = NeighborQueue.decodeSimilarity(candidates[i]);
            store.read(c, candidate, 0);
            boolean diverse = true;
            for (int j = 0; j < kept; j++) {
                store.read(out[j], selected, 0);
                if (similarity.compare(candidate, 0, selected, 0, dimension) > toBase) {
                    diverse = false;
                    break;
                }
            }
            if (diverse) {
                out[kept++] = c;
            }
        }
        return kept;
    }
}
