package io.vjvector.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.api.dto.QueryBody;
import io.vjvector.api.request.QueryReader;
import io.vjvector.collection.CollectionService;
import io.vjvector.collection.PointRecord;
import io.vjvector.collection.ScoredPoint;
import io.vjvector.collection.ScrollRequest;
import io.vjvector.collection.ScrollResult;
import io.vjvector.collection.TextConfig;
import io.vjvector.collection.WithPayload;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.shard.VectorSelection;
import io.vjvector.inference.InferenceModels;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Text search over a document collection, written as a Qdrant query and run by the query API
 * itself: vector and keyword are one nearest query on {@code dense} or {@code bm25} (with its
 * collection-wide IDF); hybrid is both as prefetches fused by weighted {@code rrf}. So a document search
 * ranks exactly as the same query sent to {@code /points/query} does.
 */
@ApplicationScoped
public class DocumentSearch {

    /** Each prefetch looks this many times deeper than the answer, so fusion has candidates to agree on. */
    private static final int PREFETCH_FACTOR = 4;
    /**
     * Hybrid fuses by RRF with {@code k} 1 and the dense list weighted 1.45 to 1. Qdrant's weighted
     * RRF adds {@code 1 / ((rank + 1) / weight + k - 1)} per list (ranks from 0); with {@code k} 1
     * that is {@code weight / (rank + 1)}, so only the ratio of the weights counts. The keyword
     * list's first passage (1) beats the dense list's second (0.725) when the dense list does not
     * hold it, and beats the dense list's first (1.45) when the dense list also ranks it third or
     * better (1 + 1.45 / 3 = 1.48).
     *
     * <p>Why: tuned on the whole retrieval evaluation set (195 paraphrased questions, where the
     * dense model leads, MRR@10 0.966 against 0.805, and 100 keyword questions naming codes, names
     * and rare terms, where BM25 leads, 0.995 against 0.945). Measured over k 1, 2, 3, 5, 10, 20,
     * 60, dense weights 1 to 8 (and keyword weights up to 3), prefetch depths 20 to 80 (no
     * effect) and DBSF: larger k flattens both lists and lets each one's wrong passages in (k 2
     * at best 0.952 overall, k 60 0.943, DBSF 0.947); at k 1, dense weights of 1.25 to 1.5 lead
     * (overall 0.961 to 0.964 against dense alone 0.959), 2 and up drift to the dense order
     * (0.961, keyword questions 0.953), 1 lets BM25 pull wrong passages over paraphrases (0.954).
     * 1.5 itself sits on a tie (dense first alone = dense third + keyword first) that float
     * rounding decides, so 1.45: overall 0.963 to 0.964, paraphrases 0.952 to 0.955, keyword
     * questions 0.980 to 0.985 over six runs of {@code RetrievalEvaluationTest} while equal BM25
     * scores came back in varying order; since they come back by point id (and chunk ids order
     * the same in every ingestion, see {@link DocumentIds}) every run gives 0.964, 0.956 and 0.980.
     */
    private static final int RRF_K = 1;
    private static final float DENSE_WEIGHT = 1.45f;
    /** Grouping by document reads this many chunks per document wanted. */
    private static final int GROUP_FACTOR = 5;
    /** Points per scroll page when reading a whole document. */
    private static final int DOCUMENT_PAGE = 256;

    private final CollectionService service;
    private final QueryReader reader;
    private final ObjectMapper mapper;
    private final DocumentVisibilities visibilities;

    public DocumentSearch(CollectionService service, QueryReader reader, ObjectMapper mapper,
                          DocumentVisibilities visibilities) {
        this.service = service;
        this.reader = reader;
        this.mapper = mapper;
        this.visibilities = visibilities;
    }

    /**
     * The best chunks for {@code text}; with {@code groupByDocument} the best chunk of each of the
     * best documents. Every document in the answer is shown in one version only, even while it is
     * being replaced ({@link DocumentVisibility}).
     *
     * @param filter a Qdrant filter (JSON) or null
     */
    public List<ChunkHit> search(String collection, TextConfig config, String text, int limit, JsonNode filter,
                                 SearchMode mode, boolean groupByDocument) {
        int fetch = groupByDocument ? limit * GROUP_FACTOR : limit;
        if (mode != SearchMode.KEYWORD) {
            // Embedded before the read starts, so the read (which holds up writers) finds it cached.
            InferenceModels.dense(config.model(), null).ifPresent(m -> m.embed(List.of(text)));
        }
        Found found = visibilities.of(collection).read(filter, visible -> {
            List<ScoredPoint> points = run(collection, query(config, text, fetch, visible, mode));
            Map<PointId, Map<String, Float>> perMode = mode == SearchMode.HYBRID
                    ? singleModeScores(collection, config, text, points) : Map.of();
            return new Found(points, perMode);
        });
        List<ChunkHit> hits = new ArrayList<>();
        Set<String> documents = new HashSet<>();
        for (ScoredPoint p : found.points()) {
            Map<String, Float> scores = new LinkedHashMap<>();
            scores.put(mode.label(), p.score());
            scores.putAll(found.perMode().getOrDefault(p.id(), Map.of()));
            ChunkHit hit = hit(p.id(), p.score(), p.payload(), scores);
            if (groupByDocument && !documents.add(hit.documentId())) {
                continue;
            }
            hits.add(hit);
            if (hits.size() == limit) {
                break;
            }
        }
        return hits;
    }

    /** The points a search found, with (hybrid only) each one's score under the single modes. */
    private record Found(List<ScoredPoint> points, Map<PointId, Map<String, Float>> perMode) {
    }

    private List<ScoredPoint> run(String collection, ObjectNode query) {
        QueryBody q = mapper.convertValue(query, QueryBody.class);
        return reader.read(q, service.params(collection).vectors(), "").run(service, collection);
    }

    /**
     * The {@code vector} and {@code keyword} scores of the points a hybrid search found: each
     * single-mode query again, restricted by {@code has_id} to those points, so it scans only
     * them (exactly) and scores them as that mode's own search would. A chunk sharing no term
     * with the query has no {@code keyword} score: sparse search, like Qdrant's, never returns
     * it (its BM25 score would be 0).
     */
    private Map<PointId, Map<String, Float>> singleModeScores(String collection, TextConfig config, String text,
                                                              List<ScoredPoint> points) {
        if (points.isEmpty()) {
            return Map.of();
        }
        ObjectNode ids = mapper.createObjectNode();
        ArrayNode list = ids.putArray("must").addObject().putArray("has_id");
        points.forEach(p -> list.add(mapper.valueToTree(id(p.id()))));
        Map<PointId, Map<String, Float>> scores = new LinkedHashMap<>();
        for (SearchMode single : new SearchMode[] {SearchMode.VECTOR, SearchMode.KEYWORD}) {
            ObjectNode q = query(config, text, points.size(), ids, single).put("with_payload", false);
            for (ScoredPoint p : run(collection, q)) {
                scores.computeIfAbsent(p.id(), k -> new LinkedHashMap<>()).put(single.label(), p.score());
            }
        }
        return scores;
    }

    private ObjectNode query(TextConfig config, String text, int limit, JsonNode filter, SearchMode mode) {
        ObjectNode body = mapper.createObjectNode();
        body.put("limit", limit);
        body.put("with_payload", true);
        if (filter != null && !filter.isNull()) {
            body.set("filter", filter);
        }
        switch (mode) {
            case VECTOR -> {
                body.set("query", inference(text, config.model()));
                body.put("using", TextConfig.DENSE);
            }
            case KEYWORD -> {
                body.set("query", inference(text, InferenceModels.BM25));
                body.put("using", TextConfig.SPARSE);
            }
            case HYBRID -> {
                ArrayNode prefetch = body.putArray("prefetch");
                for (String[] p : new String[][] {{TextConfig.DENSE, config.model()}, {TextConfig.SPARSE, InferenceModels.BM25}}) {
                    ObjectNode one = prefetch.addObject();
                    one.set("query", inference(text, p[1]));
                    one.put("using", p[0]);
                    one.put("limit", limit * PREFETCH_FACTOR);
                    if (filter != null && !filter.isNull()) {
                        one.set("filter", filter);
                    }
                }
                ObjectNode rrf = body.putObject("query").putObject("rrf");
                rrf.put("k", RRF_K);
                rrf.putArray("weights").add(DENSE_WEIGHT).add(1f);
            }
            default -> throw new IllegalStateException(mode.name());
        }
        return body;
    }

    private ObjectNode inference(String text, String model) {
        ObjectNode n = mapper.createObjectNode();
        n.put("text", text);
        n.put("model", model);
        return n;
    }

    /**
     * The chunks of document {@code documentId} in order, all of one version; empty when there is
     * no such document.
     */
    public List<ChunkHit> document(String collection, String documentId) {
        ObjectNode f = mapper.createObjectNode();
        f.putArray("must").addObject().put("key", ChunkPayload.DOCUMENT_ID).putObject("match").put("value", documentId);
        List<PointRecord> records = visibilities.of(collection).read(f, visible -> {
            List<PointRecord> all = new ArrayList<>();
            PointId offset = null;
            do {
                ScrollResult page = service.scroll(collection, new ScrollRequest(Filter.parse(visible), DOCUMENT_PAGE,
                        offset, WithPayload.ALL, VectorSelection.of(false)));
                all.addAll(page.points());
                offset = page.nextPageOffset();
            } while (offset != null);
            return all;
        });
        return records.stream().map(r -> hit(r.id(), 0, r.payload(), Map.of()))
                .sorted(Comparator.comparingInt(ChunkHit::chunkIndex)).toList();
    }

    private static ChunkHit hit(PointId id, float score, JsonNode payload, Map<String, Float> scores) {
        String text = payload == null ? null : payload.path(ChunkPayload.TEXT).asText(null);
        String documentId = payload == null ? null : payload.path(ChunkPayload.DOCUMENT_ID).asText(null);
        int chunkIndex = payload == null ? 0 : payload.path(ChunkPayload.CHUNK_INDEX).asInt();
        return new ChunkHit(id(id), score, documentId, chunkIndex, text, ChunkPayload.metadata(payload), scores);
    }

    private static Object id(PointId id) {
        return id instanceof PointId.Num n ? (Object) n.value() : id.toString();
    }
}
