/**
 * Vector indexes of one shard: dense ordinals, tombstone deletes, exact and HNSW search.
 *
 * <ul>
 *   <li>{@link io.vjvector.engine.index.FlatIndex} scores every vector: the recall reference and
 *       the exact path for very selective filters.</li>
 *   <li>{@link io.vjvector.engine.index.HnswIndex} is the graph index, laid out like hnswlib:
 *       vectors off the heap in fixed-size records at the field's datatype width, in direct
 *       buffers or, for {@code on_disk} fields, memory-mapped files ({@code VectorStore} over
 *       {@code OffHeapRecords}, see {@link io.vjvector.engine.index.VectorStorage}; decoded into
 *       per-thread scratch before a kernel reads them),
 *       level-0 links in paged int
 *       arrays with a fixed stride of {@code 1 + 2m} per node, upper levels in small per-node
 *       arrays ({@code HnswGraph}). Searches keep their state in per-thread scratch
 *       ({@code SearchScratch}: generation-tagged visited set, packed-long heaps), so the search
 *       loop does not allocate.</li>
 * </ul>
 *
 * <p>Concurrency: adds may come from several threads at once and build the graph in parallel
 * (striped per-node locks, a global lock only while the top level grows); searches never lock and
 * see every add completed before they started. Neighbour lists are published with release/acquire
 * on their count, and a node is connected bottom-up so that a search reaching it on a level can
 * always continue below.
 *
 * <p>Similarities are higher-is-better ({@link io.vjvector.engine.index.Distance#toScore} turns
 * them into Qdrant's scores). Cosine vectors are normalised once, on insert and per query.
 */
package io.vjvector.engine.index;
