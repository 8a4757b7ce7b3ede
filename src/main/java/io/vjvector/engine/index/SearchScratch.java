package io.vjvector.engine.index;

/**
 * Per-thread working memory of graph searches and inserts, reused across calls and across
 * indexes so that the search loop never allocates. A thread runs one search or insert at a time,
 * which is all a thread-local needs.
 */
final class SearchScratch {

    private static final ThreadLocal<SearchScratch> PER_THREAD = ThreadLocal.withInitial(SearchScratch::new);

    final VisitedSet visited = new VisitedSet();
    /** Nodes still to expand, best on top. */
    final NeighborQueue candidates = new NeighborQueue(256, true);
    /** The best {@code ef} nodes found, worst on top. */
    final NeighborQueue results = new NeighborQueue(256, false);
    /** Unvisited neighbours of the node being expanded, and their similarities. */
    private int[] batch = new int[64];
    float[] batchSimilarities = new float[64];
    /** Receives {@code HnswSearcher}'s touch loads so the JIT cannot drop them. */
    int touchSink;
    /** Similarities computed by the last search, for {@link SearchHits#visited()}. */
    int scored;
    /** An insert's candidate neighbours, packed, worst first. */
    long[] packed = new long[0];
    /** Neighbours chosen for a new node, per level, and how many on each level. */
    private int[][] chosen = new int[0][];
    int[] chosenCount = new int[0];
    /** Candidates and choice when an overflowing neighbour list is re-pruned. */
    long[] prunePacked = new long[0];
    int[] pruned = new int[0];

    /**
     * Stored vectors are decoded here from their off-heap records right before a kernel reads
     * them: one decoded vector at a time, so every caller decodes and compares without anything in
     * between.
     */
    private float[] vector = new float[0];
    /** A second decoded vector, for code that compares two stored vectors (neighbour selection). */
    private float[] held = new float[0];

    /** The decode buffer, of at least {@code dimension} floats. */
    float[] vector(int dimension) {
        if (vector.length < dimension) {
            vector = new float[dimension];
        }
        return vector;
    }

    /** The second decode buffer, of at least {@code dimension} floats. */
    float[] heldVector(int dimension) {
        if (held.length < dimension) {
            held = new float[dimension];
        }
        return held;
    }

    /** The neighbour batch buffer, large enough for {@code count} neighbours. */
    int[] batchFor(int count) {
        if (batch.length < count) {
            batch = new int[count];
            batchSimilarities = new float[count];
        }
        return batch;
    }

    /** Room for the neighbours chosen on {@code levels} levels, up to {@code perLevel} each. */
    int[][] chosenPerLevel(int levels, int perLevel) {
        if (chosen.length < levels || chosen[0].length < perLevel) {
            chosen = new int[Math.max(levels, chosen.length)][perLevel];
            chosenCount = new int[chosen.length];
        }
        return chosen;
    }

    /** This thread's scratch, with insert buffers for lists of up to {@code maxList} entries. */
    static SearchScratch forThread(int maxList) {
        SearchScratch s = PER_THREAD.get();
        if (s.packed.length < maxList) {
            s.packed = new long[maxList];
            s.prunePacked = new long[maxList];
            s.pruned = new int[maxList];
        }
        return s;
    }
}
