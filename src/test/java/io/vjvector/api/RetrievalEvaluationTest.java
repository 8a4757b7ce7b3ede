package io.vjvector.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.vjvector.document.RetrievalEvalSet;
import io.vjvector.document.RetrievalEvalSet.Kind;
import io.vjvector.document.RetrievalEvalSet.Scores;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Retrieval quality of {@code /documents/search} on the shipped evaluation set (255 passages;
 * 195 paraphrased questions, which favour the dense model, and 100 keyword questions naming
 * codes, identifiers, names and rare terms, which favour BM25) with the local model. Over all
 * questions each mode reaches a stated floor and hybrid is not worse than the better of vector
 * and keyword; on each kind of question hybrid reaches a floor too, so fusion cannot buy the
 * overall figure by giving one kind up. The floors sit a few points under the figures measured
 * when they were set (README, "Text, embeddings and RAG"), so a change that costs quality fails here.
 */
@QuarkusTest
class RetrievalEvaluationTest {

    private static final String MODEL = "sentence-transformers/all-MiniLM-L6-v2";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MODES = List.of("vector", "keyword", "hybrid");
    /** Overall recall@5 floors by mode (measured: 0.997, 0.932, 1.000). */
    private static final Map<String, Double> RECALL_FLOOR = Map.of("vector", 0.95, "keyword", 0.89, "hybrid", 0.95);
    /** Overall MRR@10 floors by mode (measured: 0.959, 0.869, 0.964). */
    private static final Map<String, Double> MRR_FLOOR = Map.of("vector", 0.92, "keyword", 0.83, "hybrid", 0.92);
    /** Hybrid's MRR@10 floor on each kind of question alone (measured: paraphrases 0.956, keyword questions 0.980). */
    private static final Map<Kind, Double> HYBRID_MRR_FLOOR_BY_KIND = Map.of(Kind.PARAPHRASE, 0.92, Kind.KEYWORD, 0.95);
    /**
     * Passages per ingest request: on a loaded machine the local model embeds 4 or 5 a second, and
     * one request must finish (with the model's first load) within the client's 30 s read timeout.
     */
    private static final int INGEST_BATCH = 40;
    /** Float rounding only: overall, hybrid must not trail either single mode. */
    private static final double HYBRID_SLACK = 1e-9;

    @Test
    void everyModeReachesItsFloorAndHybridIsNotWorseThanEitherOverall() {
        RetrievalEvalSet set = RetrievalEvalSet.load();
        String c = Qdrant.uniqueName("retrieval_eval");
        Qdrant.json("{\"text_config\": {\"model\": \"" + MODEL + "\", \"chunk_size\": 1000, \"chunk_overlap\": 0}}")
                .put("/collections/" + c).then().statusCode(200);
        List<Map.Entry<String, String>> passages = List.copyOf(set.passages().entrySet());
        for (int from = 0; from < passages.size(); from += INGEST_BATCH) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode documents = body.putArray("documents");
            passages.subList(from, Math.min(from + INGEST_BATCH, passages.size()))
                    .forEach(p -> documents.addObject().put("id", p.getKey()).put("text", p.getValue()));
            Qdrant.json(body.toString()).post("/collections/" + c + "/documents").then().statusCode(200);
        }

        Map<String, List<List<String>>> rankings = new LinkedHashMap<>();
        for (String mode : MODES) {
            rankings.put(mode, set.rank((question, depth) -> {
                ObjectNode q = JSON.createObjectNode().put("query", question).put("mode", mode).put("limit", depth);
                return Qdrant.json(q.toString()).post("/collections/" + c + "/documents/search").then().statusCode(200)
                        .extract().path("result.document_id");
            }));
        }
        Map<String, Scores> overall = table(set, rankings, null, "all questions");
        Map<String, Scores> paraphrase = table(set, rankings, Kind.PARAPHRASE, "paraphrased questions");
        Map<String, Scores> keyword = table(set, rankings, Kind.KEYWORD, "keyword questions");

        overall.forEach((mode, s) -> {
            assertTrue(s.recallAt5() >= RECALL_FLOOR.get(mode), mode + " recall@5 " + s.recallAt5() + " < " + RECALL_FLOOR.get(mode));
            assertTrue(s.mrr() >= MRR_FLOOR.get(mode), mode + " MRR " + s.mrr() + " < " + MRR_FLOOR.get(mode));
        });
        Scores hybrid = overall.get("hybrid");
        for (String single : List.of("vector", "keyword")) {
            Scores s = overall.get(single);
            assertTrue(hybrid.recallAt5() >= s.recallAt5() - HYBRID_SLACK, "hybrid recall@5 below " + single + ": " + overall);
            assertTrue(hybrid.mrr() >= s.mrr() - HYBRID_SLACK, "hybrid MRR below " + single + ": " + overall);
        }
        Map<Kind, Scores> hybridByKind = Map.of(Kind.PARAPHRASE, paraphrase.get("hybrid"), Kind.KEYWORD, keyword.get("hybrid"));
        hybridByKind.forEach((kind, s) -> assertTrue(s.mrr() >= HYBRID_MRR_FLOOR_BY_KIND.get(kind),
                "hybrid MRR on " + kind + " questions " + s.mrr() + " < " + HYBRID_MRR_FLOOR_BY_KIND.get(kind)));
    }

    /** Scores every mode on the questions of {@code kind} (null: all) and prints them as a table. */
    private static Map<String, Scores> table(RetrievalEvalSet set, Map<String, List<List<String>>> rankings, Kind kind,
                                             String title) {
        Map<String, Scores> scores = new LinkedHashMap<>();
        rankings.forEach((mode, ranked) -> scores.put(mode, set.score(mode, ranked, kind)));
        System.out.println("\n" + title + " (" + scores.get("hybrid").questions() + ")\n| mode | recall@5 | MRR@10 |\n|---|---:|---:|");
        scores.values().forEach(System.out::println);
        return scores;
    }
}
