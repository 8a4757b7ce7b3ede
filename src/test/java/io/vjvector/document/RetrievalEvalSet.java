package io.vjvector.document;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The retrieval evaluation set shipped with the tests ({@code retrieval-eval.txt}): passages
 * written for the project, grouped five to a topic so that near misses compete, and one question
 * per passage that paraphrases it. Scored as recall@5 (the relevant passage among the first five)
 * and MRR over the first ten (the mean of 1 / rank, 0 when not in the ten).
 */
public record RetrievalEvalSet(Map<String, String> passages, List<Question> questions) {

    /** The depth MRR looks at. */
    public static final int DEPTH = 10;

    /** A question and the id of the passage that answers it. */
    public record Question(String relevant, String text) {
    }

    /** The scores of one search mode over every question. */
    public record Scores(String mode, double recallAt5, double mrr, int questions) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "| %s | %.3f | %.3f |", mode, recallAt5, mrr);
        }
    }

    /** The set shipped in the test resources. */
    public static RetrievalEvalSet load() {
        try (InputStream in = RetrievalEvalSet.class.getResourceAsStream("retrieval-eval.txt")) {
            if (in == null) {
                throw new IllegalStateException("retrieval-eval.txt is not on the class path");
            }
            Map<String, String> passages = new LinkedHashMap<>();
            List<Question> questions = new ArrayList<>();
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 3 || !(f[0].equals("P") || f[0].equals("Q"))) {
                    throw new IllegalStateException("not a P or Q line of three tab-separated fields: " + line);
                }
                if (f[0].equals("P") && passages.put(f[1], f[2]) != null) {
                    throw new IllegalStateException("passage " + f[1] + " twice");
                } else if (f[0].equals("Q")) {
                    questions.add(new Question(f[1], f[2]));
                }
            }
            for (Question q : questions) {
                if (!passages.containsKey(q.relevant())) {
                    throw new IllegalStateException("question about unknown passage " + q.relevant());
                }
            }
            return new RetrievalEvalSet(passages, questions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Scores {@code search} (question text and depth → passage ids, best first) under the name
     * {@code mode}.
     */
    public Scores score(String mode, BiFunction<String, Integer, List<String>> search) {
        int found = 0;
        double reciprocal = 0;
        for (Question q : questions) {
            List<String> ids = search.apply(q.text(), DEPTH);
            int rank = ids.indexOf(q.relevant());
            if (rank >= 0 && rank < 5) {
                found++;
            }
            if (rank >= 0 && rank < DEPTH) {
                reciprocal += 1.0 / (rank + 1);
            }
        }
        return new Scores(mode, found / (double) questions.size(), reciprocal / questions.size(), questions.size());
    }
}
