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
 * written for the project, grouped five to a topic so that near misses compete, and two kinds of
 * question: paraphrases of a passage ({@code Q} lines), and keyword questions ({@code K} lines)
 * that name a code, an identifier, a name or a rare term of the passage. Scored as recall@5 (the
 * relevant passage among the first five) and MRR over the first ten (the mean of 1 / rank, 0
 * when not in the ten), over all questions or one kind.
 */
public record RetrievalEvalSet(Map<String, String> passages, List<Question> questions) {

    /** The depth MRR looks at. */
    public static final int DEPTH = 10;

    /** What a question is like. */
    public enum Kind {
        /** Says what the passage says in other words. */
        PARAPHRASE,
        /** Names a code, an identifier, a name or a rare term the passage contains. */
        KEYWORD
    }

    /** A question and the id of the passage that answers it. */
    public record Question(String relevant, String text, Kind kind) {
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
                if (f.length != 3 || !(f[0].equals("P") || f[0].equals("Q") || f[0].equals("K"))) {
                    throw new IllegalStateException("not a P, Q or K line of three tab-separated fields: " + line);
                }
                if (f[0].equals("P") && passages.put(f[1], f[2]) != null) {
                    throw new IllegalStateException("passage " + f[1] + " twice");
                } else if (!f[0].equals("P")) {
                    questions.add(new Question(f[1], f[2], f[0].equals("Q") ? Kind.PARAPHRASE : Kind.KEYWORD));
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
     * {@code mode}, over every question.
     */
    public Scores score(String mode, BiFunction<String, Integer, List<String>> search) {
        return score(mode, rank(search), null);
    }

    /** The passage ids {@code search} gives each question (in {@link #questions()} order), best first. */
    public List<List<String>> rank(BiFunction<String, Integer, List<String>> search) {
        return questions.stream().map(q -> search.apply(q.text(), DEPTH)).toList();
    }

    /**
     * Scores the {@code rankings} of {@link #rank} under the name {@code mode}, over the questions
     * of {@code kind} (null: all of them).
     */
    public Scores score(String mode, List<List<String>> rankings, Kind kind) {
        int found = 0;
        int counted = 0;
        double reciprocal = 0;
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            if (kind != null && q.kind() != kind) {
                continue;
            }
            counted++;
            List<String> ids = rankings.get(i);
            int rank = ids.indexOf(q.relevant());
            if (rank >= 0 && rank < 5) {
                found++;
            }
            if (rank >= 0 && rank < DEPTH) {
                reciprocal += 1.0 / (rank + 1);
            }
        }
        return new Scores(mode, found / (double) counted, reciprocal / counted, counted);
    }
}
