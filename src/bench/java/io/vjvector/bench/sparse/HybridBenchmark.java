package io.vjvector.bench.sparse;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vjvector.collection.CollectionParams;
import io.vjvector.collection.LocalCollectionService;
import io.vjvector.collection.PointStruct;
import io.vjvector.collection.ScoredPoint;
import io.vjvector.collection.SearchOptions;
import io.vjvector.collection.SearchRequest;
import io.vjvector.collection.VectorsConfig;
import io.vjvector.collection.WithPayload;
import io.vjvector.collection.query.Fusion;
import io.vjvector.collection.query.QueryPlan;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.index.GaussianMixture;
import io.vjvector.engine.index.VectorValue;
import io.vjvector.engine.index.sparse.SparseVector;
import io.vjvector.engine.kernels.KernelMode;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import io.vjvector.engine.point.PointId;
import io.vjvector.inference.Bm25Encoder;
import io.vjvector.inference.Bm25Options;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Hybrid query latency ({@code ./mvnw -B -Pbench verify -Dbench=hybrid
 * [-Dbench.args="--n=100000 --queries=500 --k=10 --prefetch=20 --repeats=5"]}): one in-process
 * collection (collection service, one shard by default) whose points carry a 128-d Cosine vector
 * "dense" (a seeded Gaussian mixture, HNSW m 16 / ef_construct 100) and a sparse vector "bm25"
 * ({@code modifier: idf}) encoded by {@code qdrant/bm25} from a passage of {@link TextCorpus}.
 * Each query runs, through the query plan as {@code POST /points/query} runs it, as dense alone
 * ({@code limit k}), sparse alone, and hybrid: both as prefetches of {@code --prefetch} points
 * fused by RRF ({@code {"fusion": "rrf"}}, {@code limit k}), and each of those two prefetches on its
 * own (what the fusion adds is hybrid minus their sum), single-threaded: each kind over all
 * queries in turn, the order of kinds rotating from pass to pass.
 * Each pass prints p50/p99 of the three and the hybrid / dense ratios; the medians of the passes
 * close the report.
 */
public final class HybridBenchmark {

    private static final String DENSE = "dense";
    private static final String SPARSE = "bm25";
    /** Timed per query: dense, sparse, hybrid, and hybrid's two prefetches run on their own. */
    private static final int PLANS = 5;

    private HybridBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = 100_000;
        int dim = 128;
        int queryCount = 500;
        int k = 10;
        int prefetch = 20;
        int repeats = 5;
        int shards = 1;
        int batch = 1_000;
        long seed = 42;
        Path corpusFile = TextCorpus.DEFAULT_FILE;
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            String v = kv.length > 1 ? kv[1] : "";
            switch (kv[0]) {
                case "n" -> n = Integer.parseInt(v);
                case "dim" -> dim = Integer.parseInt(v);
                case "queries" -> queryCount = Integer.parseInt(v);
                case "k" -> k = Integer.parseInt(v);
                case "prefetch" -> prefetch = Integer.parseInt(v);
                case "repeats" -> repeats = Integer.parseInt(v);
                case "shards" -> shards = Integer.parseInt(v);
                case "batch" -> batch = Integer.parseInt(v);
                case "seed" -> seed = Long.parseLong(v);
                case "corpus" -> corpusFile = Path.of(v);
                case "" -> { }
                default -> throw new IllegalArgumentException("unknown option " + arg
                        + " (n, dim, queries, k, prefetch, repeats, shards, batch, seed, corpus)");
            }
        }
        System.out.printf(Locale.ROOT, "hybrid benchmark: n=%d dim=%d queries=%d k=%d prefetch=%d repeats=%d shards=%d"
                        + " seed=%d java=%s cores=%d%n", n, dim, queryCount, k, prefetch, repeats, shards, seed,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());

        TextCorpus corpus = TextCorpus.load(corpusFile, n, seed);
        Bm25Encoder encoder = new Bm25Encoder(Bm25Options.defaults());
        GaussianMixture mixture = new GaussianMixture(dim, 100, 0.6f, seed);
        float[][] base = mixture.sample(n, seed + 1);
        float[][] denseQueries = mixture.sample(queryCount, seed + 2);

        LocalCollectionService service = new LocalCollectionService(VectorKernelsProvider.select(KernelMode.AUTO, false));
        VectorsConfig vectors = new VectorsConfig(true,
                Map.of(DENSE, new VectorsConfig.DenseVector(dim, Distance.COSINE, null, null, null, null, null)),
                Map.of(SPARSE, new VectorsConfig.SparseVector(true, null, null, null)));
        service.create("hybrid", new CollectionParams(dim, Distance.COSINE, shards, 1, 1, 16, 100, 10_000,
                null, null, vectors));
        long start = System.nanoTime();
        var empty = JsonNodeFactory.instance.objectNode();
        for (int from = 0; from < n; from += batch) {
            List<PointStruct> points = new ArrayList<>(batch);
            for (int i = from; i < Math.min(n, from + batch); i++) {
                points.add(new PointStruct(PointId.of(i), Map.of(
                        DENSE, new VectorValue.Dense(base[i]),
                        SPARSE, new VectorValue.Sparse(encoder.encodeDocument(corpus.documents().get(i)))), empty));
            }
            service.upsert("hybrid", points);
        }
        var info = service.info("hybrid");
        System.out.printf(Locale.ROOT, "collection: %d points upserted (BM25 encoding and HNSW build included) in %.1f s;"
                + " %d vectors indexed%n", info.pointsCount(), (System.nanoTime() - start) / 1e9, info.indexedVectorsCount());

        Random windows = new Random(seed + 1);
        List<QueryPlan[]> plans = new ArrayList<>(queryCount);
        for (int i = 0, h = 0; plans.size() < queryCount && h < corpus.heldOut().size(); h++) {
            SparseVector text = encoder.encodeQuery(TextCorpus.queryWindow(corpus.heldOut().get(h), windows));
            if (text.size() == 0) {
                continue;
            }
            SearchRequest dense = new SearchRequest(DENSE, new VectorValue.Dense(denseQueries[i++]), options(k));
            SearchRequest sparse = new SearchRequest(SPARSE, new VectorValue.Sparse(text), options(k));
            QueryPlan densePrefetch = new QueryPlan.Nearest(new SearchRequest(DENSE, dense.query(), options(prefetch)));
            QueryPlan sparsePrefetch = new QueryPlan.Nearest(new SearchRequest(SPARSE, sparse.query(), options(prefetch)));
            QueryPlan hybrid = new QueryPlan.Fuse(true, Fusion.DEFAULT_RRF_K, null, List.of(densePrefetch, sparsePrefetch),
                    options(k));
            plans.add(new QueryPlan[] {new QueryPlan.Nearest(dense), new QueryPlan.Nearest(sparse), hybrid,
                densePrefetch, sparsePrefetch});
        }
        long hits = 0;
        for (QueryPlan[] p : plans) { // warm-up, and a check that every plan answers
            for (QueryPlan plan : p) {
                hits += plan.run(service, "hybrid").size();
            }
        }
        System.out.printf(Locale.ROOT, "queries: %d; warm-up pass returned %.2f hits per plan%n", plans.size(),
                hits / (double) (PLANS * plans.size()));

        String[] names = {"dense", "sparse", "hybrid rrf", "dense prefetch alone", "sparse prefetch alone"};
        System.out.println("load average before timing: " + Latencies.loadAverage());
        List<List<Double>> p50 = new ArrayList<>();
        List<List<Double>> p99 = new ArrayList<>();
        for (int j = 0; j < PLANS; j++) {
            p50.add(new ArrayList<>());
            p99.add(new ArrayList<>());
        }
        List<Double> ratio50 = new ArrayList<>();
        List<Double> ratio99 = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            long[][] nanos = new long[PLANS][plans.size()];
            // One kind over all queries, then the next (their order rotating between passes): the same
            // query run twice in a row would find the first run's graph nodes and postings in cache.
            for (int j = 0; j < PLANS; j++) {
                int which = (j + r) % PLANS;
                for (int q = 0; q < plans.size(); q++) {
                    long t = System.nanoTime();
                    List<ScoredPoint> result = plans.get(q)[which].run(service, "hybrid");
                    nanos[which][q] = System.nanoTime() - t;
                    hits += result.size();
                }
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "pass %d:", r + 1));
            for (int j = 0; j < PLANS; j++) {
                Latencies l = new Latencies(nanos[j]);
                p50.get(j).add(l.percentileMillis(50));
                p99.get(j).add(l.percentileMillis(99));
                line.append(String.format(Locale.ROOT, " %s p50 %.3f ms p99 %.3f ms |", names[j],
                        l.percentileMillis(50), l.percentileMillis(99)));
            }
            ratio50.add(p50.get(2).get(r) / p50.get(0).get(r));
            ratio99.add(p99.get(2).get(r) / p99.get(0).get(r));
            System.out.println(line.append(String.format(Locale.ROOT, " hybrid / dense p50 %.2fx p99 %.2fx | load %s",
                    ratio50.get(r), ratio99.get(r), Latencies.loadAverage())));
        }
        StringBuilder summary = new StringBuilder(String.format(Locale.ROOT, "median of %d passes:", repeats));
        for (int j = 0; j < PLANS; j++) {
            summary.append(String.format(Locale.ROOT, " %s p50 %.3f ms p99 %.3f ms;", names[j],
                    Latencies.median(p50.get(j)), Latencies.median(p99.get(j))));
        }
        System.out.println(summary.append(String.format(Locale.ROOT, " hybrid / dense p50 %.2fx p99 %.2fx"
                        + " (single thread, k=%d, prefetch %d each, n=%d)", Latencies.median(ratio50),
                Latencies.median(ratio99), k, prefetch, n)));
        // The output depends on every result, so the JIT cannot drop a search as dead code.
        System.out.println("load average after timing: " + Latencies.loadAverage() + (hits == 42 ? " " : ""));
        service.close();
    }

    private static SearchOptions options(int limit) {
        return new SearchOptions(null, limit, 0, null, null, false, WithPayload.NONE, false);
    }
}
