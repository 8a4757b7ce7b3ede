package io.vjvector.bench.sparse;

import io.vjvector.engine.index.SearchHits;
import io.vjvector.engine.index.sparse.SparseIndex;
import io.vjvector.engine.index.sparse.SparseVector;
import io.vjvector.inference.Bm25Encoder;
import io.vjvector.inference.Bm25Options;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Sparse search on BM25 vectors ({@code ./mvnw -B -Pbench verify -Dbench=sparse
 * [-Dbench.args="--n=100000 --queries=1000 --k=10 --repeats=5"]}): passages of a dictionary that
 * a Debian package ships ({@link TextCorpus}) are encoded by the server's {@code qdrant/bm25}
 * model ({@link Bm25Encoder}) and stored in the engine's inverted index ({@link SparseIndex});
 * queries are 2 to 5 words of held-out passages, weighted by IDF as a collection with
 * {@code modifier: "idf"} weights them. Every query's top k is first checked against a brute-force
 * dot product over all vectors (sparse search is exact, so they must agree), then both are timed
 * single-threaded in alternating passes; each pass prints QPS and p50/p99, and the medians of the
 * passes close the report.
 */
public final class SparseBenchmark {

    private SparseBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = 100_000;
        int queryCount = 1_000;
        int k = 10;
        int repeats = 5;
        long seed = 42;
        Path corpusFile = TextCorpus.DEFAULT_FILE;
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            String v = kv.length > 1 ? kv[1] : "";
            switch (kv[0]) {
                case "n" -> n = Integer.parseInt(v);
                case "queries" -> queryCount = Integer.parseInt(v);
                case "k" -> k = Integer.parseInt(v);
                case "repeats" -> repeats = Integer.parseInt(v);
                case "seed" -> seed = Long.parseLong(v);
                case "corpus" -> corpusFile = Path.of(v);
                case "" -> { }
                default -> throw new IllegalArgumentException("unknown option " + arg
                        + " (n, queries, k, repeats, seed, corpus)");
            }
        }
        System.out.printf(Locale.ROOT, "sparse benchmark: n=%d queries=%d k=%d repeats=%d seed=%d corpus=%s java=%s cores=%d%n",
                n, queryCount, k, repeats, seed, corpusFile, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());

        long start = System.nanoTime();
        TextCorpus corpus = TextCorpus.load(corpusFile, n, seed);
        System.out.printf(Locale.ROOT, "corpus: %d passages, %d held out, read in %.1f s; e.g. \"%s\"%n",
                corpus.documents().size(), corpus.heldOut().size(), seconds(start), corpus.documents().get(n / 2));

        Bm25Encoder encoder = new Bm25Encoder(Bm25Options.defaults());
        start = System.nanoTime();
        SparseVector[] docs = new SparseVector[n];
        long nonZeros = 0;
        for (int i = 0; i < n; i++) {
            docs[i] = encoder.encodeDocument(corpus.documents().get(i));
            nonZeros += docs[i].size();
        }
        double encodeSeconds = seconds(start);
        start = System.nanoTime();
        SparseIndex index = new SparseIndex();
        for (SparseVector d : docs) {
            index.add(d);
        }
        System.out.printf(Locale.ROOT, "encode (qdrant/bm25): %.1f s (%.0f docs/s), %.1f non-zeros per doc;"
                        + " index build: %.2f s; %.1f MB in the index%n", encodeSeconds, n / encodeSeconds,
                (double) nonZeros / n, seconds(start), index.ramBytesUsed() / 1e6);

        List<SparseVector> queries = queries(corpus, encoder, index, queryCount, seed);
        double terms = queries.stream().mapToInt(SparseVector::size).average().orElse(0);
        long postings = 0;
        for (SparseVector q : queries) {
            for (int i = 0; i < q.size(); i++) {
                postings += index.documentFrequency(q.index(i));
            }
        }
        System.out.printf(Locale.ROOT, "queries: %d, %.2f terms each, %.0f postings read per query on average%n",
                queries.size(), terms, (double) postings / queries.size());

        int agree = 0;
        for (SparseVector q : queries) {
            if (sameTopK(index.search(q, k, null), bruteForce(docs, q, k))) {
                agree++;
            }
        }
        System.out.printf(Locale.ROOT, "exactness: top-%d of the index equals the brute force for %d of %d queries%n",
                k, agree, queries.size());
        if (agree != queries.size()) {
            throw new AssertionError("sparse search differs from the brute-force dot product");
        }

        System.out.println("load average before timing: " + Latencies.loadAverage());
        List<Double> qps = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<Double> bruteQps = new ArrayList<>();
        List<Double> bruteP50 = new ArrayList<>();
        List<Double> ratio = new ArrayList<>();
        List<Double> ratio50 = new ArrayList<>();
        int sink = 0;
        for (int r = 0; r < repeats; r++) {
            long[] indexed = new long[queries.size()];
            long[] brute = new long[queries.size()];
            for (int i = 0; i < queries.size(); i++) {
                long t = System.nanoTime();
                sink += index.search(queries.get(i), k, null).count();
                indexed[i] = System.nanoTime() - t;
            }
            for (int i = 0; i < queries.size(); i++) {
                long t = System.nanoTime();
                sink += bruteForce(docs, queries.get(i), k).count();
                brute[i] = System.nanoTime() - t;
            }
            Latencies a = new Latencies(indexed);
            Latencies b = new Latencies(brute);
            qps.add(a.qps());
            p50.add(a.percentileMillis(50));
            p99.add(a.percentileMillis(99));
            bruteQps.add(b.qps());
            bruteP50.add(b.percentileMillis(50));
            ratio.add(a.qps() / b.qps());
            ratio50.add(b.percentileMillis(50) / a.percentileMillis(50));
            System.out.printf(Locale.ROOT, "pass %d: index %.0f QPS, p50 %.3f ms, p99 %.3f ms | brute force %.1f QPS,"
                            + " p50 %.2f ms, p99 %.2f ms | index / brute force: QPS %.1fx, p50 %.0fx | load %s%n", r + 1,
                    a.qps(), a.percentileMillis(50), a.percentileMillis(99), b.qps(), b.percentileMillis(50),
                    b.percentileMillis(99), a.qps() / b.qps(), ratio50.get(r), Latencies.loadAverage());
        }
        System.out.printf(Locale.ROOT, "median of %d passes: index %.0f QPS, p50 %.3f ms, p99 %.3f ms;"
                        + " brute force %.1f QPS, p50 %.2f ms; index / brute force: QPS %.1fx, p50 %.0fx"
                        + " (single thread, k=%d, n=%d)%n", repeats, Latencies.median(qps), Latencies.median(p50),
                Latencies.median(p99), Latencies.median(bruteQps), Latencies.median(bruteP50), Latencies.median(ratio),
                Latencies.median(ratio50), k, n);
        // The output depends on every result, so the JIT cannot drop a search as dead code.
        System.out.println("load average after timing: " + Latencies.loadAverage() + (sink == 42 ? " " : ""));
    }

    /**
     * Query vectors as the collection searches them: the {@code qdrant/bm25} query encoding of a
     * 2-5 word window of a held-out passage, each value times the dimension's IDF over the index.
     * Windows that keep no term (stopwords only) are skipped.
     */
    static List<SparseVector> queries(TextCorpus corpus, Bm25Encoder encoder, SparseIndex index, int count, long seed) {
        Random random = new Random(seed + 1);
        List<SparseVector> out = new ArrayList<>(count);
        for (int i = 0; out.size() < count && i < corpus.heldOut().size(); i++) {
            SparseVector q = encoder.encodeQuery(TextCorpus.queryWindow(corpus.heldOut().get(i), random));
            if (q.size() > 0) {
                out.add(idfWeighted(q, index));
            }
        }
        return out;
    }

    static SparseVector idfWeighted(SparseVector q, SparseIndex index) {
        float[] values = q.values().clone();
        for (int i = 0; i < values.length; i++) {
            values[i] *= SparseIndex.idf(index.liveCount(), index.documentFrequency(q.index(i)));
        }
        return SparseVector.of(q.indices(), values);
    }

    /** The reference: every vector's dot product with the query; top k of those sharing a dimension, ties to the lower ordinal. */
    static SearchHits bruteForce(SparseVector[] docs, SparseVector query, int k) {
        PriorityQueue<float[]> top = new PriorityQueue<>(k + 1, (x, y) -> x[1] != y[1]
                ? Float.compare(x[1], y[1]) : Float.compare(y[0], x[0]));
        int scored = 0;
        for (int ordinal = 0; ordinal < docs.length; ordinal++) {
            if (!sharesDimension(docs[ordinal], query)) {
                continue;
            }
            scored++;
            top.add(new float[] {ordinal, docs[ordinal].dot(query)});
            if (top.size() > k) {
                top.poll();
            }
        }
        int count = top.size();
        int[] ordinals = new int[count];
        float[] scores = new float[count];
        for (int i = count - 1; i >= 0; i--) {
            float[] e = top.poll();
            ordinals[i] = (int) e[0];
            scores[i] = e[1];
        }
        return new SearchHits(ordinals, scores, count, scored);
    }

    private static boolean sharesDimension(SparseVector a, SparseVector b) {
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            int x = a.index(i);
            int y = b.index(j);
            if (x == y) {
                return true;
            }
            if (x < y) {
                i++;
            } else {
                j++;
            }
        }
        return false;
    }

    /** Same scores position by position (within float rounding of the summation order): the same top k up to ties. */
    static boolean sameTopK(SearchHits a, SearchHits b) {
        if (a.count() != b.count()) {
            return false;
        }
        for (int i = 0; i < a.count(); i++) {
            float x = a.similarity(i);
            float y = b.similarity(i);
            // Equal scores may list different ordinals only where the summation order makes a tie
            // differ in the last bit; anything further apart is a wrong result.
            if (Math.abs(x - y) > 1e-5f * Math.max(1f, Math.abs(y))) {
                return false;
            }
        }
        return true;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
