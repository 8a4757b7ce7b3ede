package io.vjvector.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The in-process all-MiniLM-L6-v2 (loads the ONNX model: a few seconds and ~600 MB RSS). Vectors
 * are compared with ones recorded once from this model, so an upgrade of the model or its
 * tokenizer that changes answers is caught.
 */
class LocalMiniLmTest {

    private static final LocalMiniLm MODEL = new LocalMiniLm();

    @Test
    void vectorsMatchTheOnesRecordedForThisModel() throws Exception {
        JsonNode pinned;
        try (InputStream in = getClass().getResourceAsStream("minilm-pinned.json")) {
            pinned = new ObjectMapper().readTree(in);
        }
        List<String> sentences = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = pinned.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            sentences.add(e.getKey());
            float[] v = new float[e.getValue().size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = e.getValue().get(i).floatValue();
            }
            expected.add(v);
        }
        float[][] actual = MODEL.embed(sentences);
        for (int i = 0; i < actual.length; i++) {
            assertEquals(384, actual[i].length);
            double cos = cosine(actual[i], expected.get(i));
            assertTrue(cos >= 0.99, "'" + sentences.get(i) + "': cosine " + cos + " to the recorded vector");
            assertEquals(1.0, norm(actual[i]), 1e-3, "vectors are unit length");
        }
    }

    @Test
    void paraphrasesRankAboveUnrelatedSentences() {
        String[][] pairs = {
                {"How do I reset my password?", "I forgot my password and need to change it."},
                {"The stock market fell sharply today.", "Share prices dropped a lot this afternoon."},
                {"A dog is playing in the park.", "A puppy runs around on the grass outside."},
        };
        String[] unrelated = {"Photosynthesis converts light into chemical energy.",
                "The recipe needs two cups of flour.", "Jupiter is the largest planet."};
        for (String[] pair : pairs) {
            List<String> texts = new ArrayList<>(List.of(pair[0], pair[1]));
            texts.addAll(List.of(unrelated));
            float[][] v = MODEL.embed(texts);
            double paraphrase = cosine(v[0], v[1]);
            for (int u = 2; u < v.length; u++) {
                double other = cosine(v[0], v[u]);
                assertTrue(paraphrase > other + 0.1, "'" + pair[0] + "': paraphrase " + paraphrase
                        + " vs unrelated '" + texts.get(u) + "' " + other);
            }
        }
    }

    @Test
    void concurrentCallersGetTheSameVectorsAsOneCaller() throws Exception {
        List<String> texts = List.of("first sentence", "second sentence about vectors", "third one, rather longer than the rest");
        float[][] serial = MODEL.embed(texts);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[][]>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> MODEL.embed(texts)));
            }
            for (Future<float[][]> f : futures) {
                float[][] got = f.get();
                for (int i = 0; i < serial.length; i++) {
                    assertArrayEquals(serial[i], got[i], 1e-5f);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void reportsThroughputOfBatchesOf32() {
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            batch.add("Sentence number " + i + " about embeddings and the retrieval of passages.");
        }
        MODEL.embed(batch);
        long start = System.nanoTime();
        int rounds = 3;
        for (int r = 0; r < rounds; r++) {
            assertEquals(32, MODEL.embed(batch).length);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("all-MiniLM-L6-v2: %.1f sentences/s (batch 32)%n", rounds * 32 / seconds);
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot / (norm(a) * norm(b));
    }

    private static double norm(float[] a) {
        double s = 0;
        for (float f : a) {
            s += f * f;
        }
        return Math.sqrt(s);
    }
}
