package io.vjvector.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vjvector.engine.index.SearchHits;
import io.vjvector.engine.index.sparse.SparseIndex;
import io.vjvector.engine.index.sparse.SparseVector;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/**
 * Our BM25 (document weights from {@link Bm25Encoder}, query values times
 * {@link SparseIndex#idf}, summed by a sparse dot product: what a sparse query on a
 * {@code modifier: idf} field computes) equals Lucene's {@link BM25Similarity} on a small corpus,
 * up to one constant factor.
 *
 * <p>The factor: Lucene 8+ dropped the {@code (k1 + 1)} from the numerator of the term-frequency
 * part ({@code freq / (freq + k1 * (1 - b + b * dl / avgdl))}), because it is the same for every
 * document and does not change a ranking; Qdrant's bm25 (and so ours) keeps it. So
 * {@code ours = (k1 + 1) * lucene}. The IDF is the same on both sides,
 * {@code ln(1 + (N - df + 0.5) / (df + 0.5))}, so no other factor appears.
 *
 * <p>Both sides see the same tokens: Lucene indexes our tokenizer's output (stemmed, stopwords
 * removed) split on whitespace. {@code avg_len} is set to the corpus's mean length, which Lucene
 * computes from its index statistics. Lucene stores a document's length lossily in one byte;
 * lengths below 24 are exact, so every document here is shorter (checked). What remains is float
 * rounding: Lucene scores in floats, we round the weight and IDF to floats and sum in floats, hence
 * a relative tolerance of 1e-5.
 */
class Bm25LuceneParityTest {

    private static final double K1 = 1.2;
    private static final double B = 0.75;
    private static final double TOLERANCE = 1e-5;
    /** Lengths below this are stored exactly in Lucene's one-byte norms (SmallFloat.intToByte4). */
    private static final int EXACT_NORM_LENGTHS = 24;

    private static final List<String> CORPUS = List.of(
            "The cat sat on the mat and the cat purred.",
            "Dogs chase cats; cats chase mice.",
            "A vector database stores vectors and searches them by similarity.",
            "Searching text with BM25 ranks documents by term frequency and rarity.",
            "The quick brown fox jumps over the lazy dog.",
            "Cats and dogs are common pets in many homes.",
            "Databases index data so that searches are fast.",
            "Rare words like zeppelin weigh more than common words.",
            "Vector search, text search and hybrid search: search everything.",
            "Mice eat cheese.");

    private static final List<String> QUERIES = List.of(
            "cat", "cats and dogs", "vector search", "zeppelin database", "search", "mice cheese fox");

    @Test
    void scoresEqualLuceneBm25SimilarityTimesKPlusOne() throws IOException {
        Bm25Options defaults = Bm25Options.defaults();
        TextTokenizer tokenizer = new TextTokenizer(defaults);
        List<List<String>> tokenized = CORPUS.stream().map(tokenizer::documentTokens).toList();
        long totalLength = 0;
        for (List<String> tokens : tokenized) {
            assertTrue(tokens.size() < EXACT_NORM_LENGTHS, "Lucene stores this length exactly: " + tokens);
            totalLength += tokens.size();
        }
        // Lucene's avgdl: sumTotalTermFreq / docCount, as a float.
        float avgLen = (float) (totalLength / (double) CORPUS.size());
        Bm25Options options = Bm25Options.parse(new ObjectMapper().createObjectNode()
                .put("k", K1).put("b", B).put("avg_len", (double) avgLen));
        Bm25Encoder encoder = new Bm25Encoder(options);

        SparseIndex index = new SparseIndex();
        for (String text : CORPUS) {
            index.add(encoder.encodeDocument(text));
        }

        try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
            IndexWriterConfig config = new IndexWriterConfig(new WhitespaceAnalyzer())
                    .setSimilarity(new BM25Similarity((float) K1, (float) B));
            try (IndexWriter writer = new IndexWriter(dir, config)) {
                for (List<String> tokens : tokenized) {
                    Document doc = new Document();
                    doc.add(new TextField("body", String.join(" ", tokens), Field.Store.NO));
                    writer.addDocument(doc);
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setSimilarity(new BM25Similarity((float) K1, (float) B));
                int compared = 0;
                for (String query : QUERIES) {
                    Map<Integer, Float> ours = ours(index, encoder.encodeQuery(query));
                    Map<Integer, Float> lucene = lucene(searcher, tokenizer.queryTokens(query));
                    assertEquals(lucene.keySet(), ours.keySet(), "documents matching '" + query + "'");
                    assertTrue(!ours.isEmpty(), "the query '" + query + "' matches something");
                    for (Map.Entry<Integer, Float> e : lucene.entrySet()) {
                        double expected = (K1 + 1) * e.getValue();
                        double actual = ours.get(e.getKey());
                        assertEquals(expected, actual, TOLERANCE * expected,
                                "'" + query + "' on document " + e.getKey() + ": " + CORPUS.get(e.getKey()));
                        compared++;
                    }
                }
                assertTrue(compared >= 15, "enough (query, document) pairs compared: " + compared);
            }
        }
    }

    /** The sparse query as a collection runs it on a {@code modifier: idf} field: each value times its IDF. */
    private static Map<Integer, Float> ours(SparseIndex index, SparseVector query) {
        float[] values = new float[query.size()];
        for (int i = 0; i < query.size(); i++) {
            values[i] = query.value(i) * SparseIndex.idf(index.liveCount(), index.documentFrequency(query.index(i)));
        }
        SearchHits hits = index.search(SparseVector.of(query.indices(), values), index.size(), null);
        Map<Integer, Float> scores = new TreeMap<>();
        for (int i = 0; i < hits.count(); i++) {
            scores.put(hits.ordinals()[i], hits.similarities()[i]);
        }
        return scores;
    }

    private static Map<Integer, Float> lucene(IndexSearcher searcher, List<String> tokens) throws IOException {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String token : new LinkedHashSet<>(tokens)) {
            query.add(new TermQuery(new Term("body", token)), BooleanClause.Occur.SHOULD);
        }
        Map<Integer, Float> scores = new TreeMap<>();
        for (ScoreDoc d : searcher.search(query.build(), CORPUS.size()).scoreDocs) {
            scores.put(d.doc, d.score);
        }
        return scores;
    }
}
