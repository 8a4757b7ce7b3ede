package io.vjvector.engine.index;

import java.util.Arrays;

/**
 * Links an allocated node into the graph as hnswlib's {@code addPoint} does: greedy descent to the
 * node's top level, then on each level down to 0 a beam search of width {@code efConstruct},
 * the diversity heuristic to choose {@code m} neighbours, and back-links whose overflow re-runs
 * the heuristic over the neighbour's list. Inserts run concurrently: each list is rewritten under
 * its node's stripe lock, and only an insert that raises the graph's top level holds the top
 * lock (for its whole duration, so the entry point moves only to a fully linked node).
 */
final class HnswInserter {

    private final HnswGraph graph;
    private final VectorStore store;
    private final HnswSearcher searcher;
    private final NeighborSelector selector;
    private final NodeLocks locks = new NodeLocks();
    private final Object topLock = new Object();
    private final int efConstruct;

    HnswInserter(HnswGraph graph, VectorStore store, HnswSearcher searcher, NeighborSelector selector,
                 int efConstruct) {
        this.graph = graph;
        this.store = store;
        this.searcher = searcher;
        this.selector = selector;
        this.efConstruct = efConstruct;
    }

    long ramBytesUsed() {
        return NodeLocks.ramBytesUsed();
    }

    /** Scratch size an insert needs: the beam plus one, or a full level-0 list plus one. */
    int scratchSize() {
        return Math.max(efConstruct, 2 * graph.m()) + 2;
    }

    /** Links {@code node}, already stored and {@link HnswGraph#allocate allocated}. */
    void insert(int node) {
        SearchScratch scratch = SearchScratch.forThread(scratchSize());
        int level = graph.level(node);
        HnswGraph.EntryPoint entry = graph.entryPoint();
        if (entry == null || level > entry.level()) {
            synchronized (topLock) {
                entry = graph.entryPoint();
                if (entry == null) {
                    graph.setEntryPoint(node, level);
                    return;
                }
                if (level > entry.level()) {
                    link(node, level, entry, scratch);
                    graph.setEntryPoint(node, level);
                    return;
                }
            }
        }
        link(node, level, entry, scratch);
    }

    private void link(int node, int level, HnswGraph.EntryPoint entry, SearchScratch scratch) {
        NodeScorer scorer = searcher.floatScorer(store.copy(node), 0);
        int current = entry.node();
        float currentSimilarity = scorer.score(current);
        if (entry.level() > level) {
            long best = searcher.descend(scorer, current, currentSimilarity, entry.level(), level + 1, scratch);
            current = NeighborQueue.decodeOrdinal(best);
            currentSimilarity = NeighborQueue.decodeSimilarity(best);
        }
        // Choose neighbours top-down, then connect bottom-up: a concurrent search can reach this
        // node on a level only through links made on that level, and by then its lists on every
        // level below already exist, so no search ever lands on a node it cannot leave.
        int top = Math.min(level, entry.level());
        int[][] chosen = scratch.chosenPerLevel(top + 1, graph.m());
        int[] chosenCount = scratch.chosenCount;
        for (int lev = top; lev >= 0; lev--) {
            searcher.searchLayer(scorer, current, currentSimilarity, efConstruct, lev, null, scratch);
            int found = drainAscending(scratch, node);
            chosenCount[lev] = 0;
            if (found == 0) {
                continue;
            }
            chosenCount[lev] = selector.select(scratch.packed, found, graph.m(), chosen[lev]);
            long best = scratch.packed[found - 1];
            current = NeighborQueue.decodeOrdinal(best);
            currentSimilarity = NeighborQueue.decodeSimilarity(best);
        }
        for (int lev = 0; lev <= top; lev++) {
            connect(node, lev, chosen[lev], chosenCount[lev], scratch);
        }
    }

    /** Moves the beam's results into {@code scratch.packed}, worst first, leaving out {@code self}. */
    private static int drainAscending(SearchScratch scratch, int self) {
        NeighborQueue results = scratch.results;
        int n = 0;
        while (!results.isEmpty()) {
            long packed = results.popPacked();
            if (NeighborQueue.decodeOrdinal(packed) != self) {
                scratch.packed[n++] = packed;
            }
        }
        return n;
    }

    private void connect(int node, int level, int[] chosen, int count, SearchScratch scratch) {
        synchronized (locks.of(node)) {
            int[] links = graph.links(node, level);
            int offset = graph.linksOffset(node, level);
            if (HnswGraph.count(links, offset) == 0) {
                System.arraycopy(chosen, 0, links, offset + 1, count);
                HnswGraph.publishCount(links, offset, count);
            } else {
                // Another insert reached this node through a fresh link on a higher level and
                // linked to it here first: merge instead of overwriting its link.
                for (int i = 0; i < count; i++) {
                    addLink(node, level, chosen[i], scratch);
                }
            }
        }
        for (int i = 0; i < count; i++) {
            addLink(chosen[i], level, node, scratch);
        }
    }

    /** Adds {@code neighbor} to {@code target}'s list, re-pruning the list if it is full. */
    private void addLink(int target, int level, int neighbor, SearchScratch scratch) {
        synchronized (locks.of(target)) {
            int[] links = graph.links(target, level);
            int offset = graph.linksOffset(target, level);
            int count = HnswGraph.count(links, offset);
            for (int i = 1; i <= count; i++) {
                if (links[offset + i] == neighbor) {
                    return;
                }
            }
            int max = graph.maxConnections(level);
            if (count < max) {
                links[offset + 1 + count] = neighbor;
                HnswGraph.publishCount(links, offset, count + 1);
                return;
            }
            NodeScorer fromTarget = searcher.floatScorer(store.copy(target), 0);
            long[] candidates = scratch.prunePacked;
            for (int i = 0; i < count; i++) {
                int n = links[offset + 1 + i];
                candidates[i] = NeighborQueue.encode(n, fromTarget.score(n));
            }
            candidates[count] = NeighborQueue.encode(neighbor, fromTarget.score(neighbor));
            Arrays.sort(candidates, 0, count + 1);
            int kept = selector.select(candidates, count + 1, max, scratch.pruned);
            System.arraycopy(scratch.pruned, 0, links, offset + 1, kept);
            HnswGraph.publishCount(links, offset, kept);
        }
    }
}
