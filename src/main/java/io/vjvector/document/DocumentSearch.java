package io.vjvector.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.api.dto.QueryBody;
import io.vjvector.api.request.QueryReader;
import io.vjvector.collection.CollectionService;
import io.vjvector.collection.ScoredPoint;
import io.vjvector.collection.TextConfig;
import io.vjvector.engine.point.PointId;
import io.vjvector.inference.InferenceModels;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Text search over a document collection, written as a Qdrant query and run by the query API
 * itself: vector and keyword are one nearest query on {@code dense} or {@code bm25} (with its
 * collection-wide IDF); hybrid is both as prefetches fused by {@code rrf}. So a document search
 * ranks exactly as the same query sent to {@code /points/query} does.
 */
@ApplicationScoped
public class DocumentSearch {

    /** Each prefetch looks this many times deeper than the answer, so fusion has candidates to agree on. */
    private static final int PREFETCH_FACTOR = 4;
    /** Grouping by document reads this many chunks per document wanted. */
    private static final int GROUP_FACTOR = 5;

    private final CollectionService service;
    private final QueryReader reader;
    private final ObjectMapper mapper;

    public DocumentSearch(CollectionService service, QueryReader reader, ObjectMapper mapper) {
        this.service = service;
        this.reader = reader;
        this.mapper = mapper;
    }

    /**
     * The best chunks for {@code text}; with {@code groupByDocument} the best chunk of each of the
     * best documents.
     *
     * @param filter a Qdrant filter (JSON) or null
     */
    public List<ChunkHit> search(String collection, TextConfig config, String text, int limit, JsonNode filter,
                                 SearchMode mode, boolean groupByDocument) {
        int fetch = groupByDocument ? limit * GROUP_FACTOR : limit;
        ObjectNode body = query(config, text, fetch, filter, mode);
        QueryBody q = mapper.convertValue(body, QueryBody.class);
        List<ScoredPoint> points = reader.read(q, service.params(collection).vectors(), "").run(service, collection);
        List<ChunkHit> hits = new ArrayList<>();
        Set<String> documents = new HashSet<>();
        for (ScoredPoint p : points) {
            ChunkHit hit = hit(p, mode);
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
                body.putObject("query").put("fusion", "rrf");
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

    private static ChunkHit hit(ScoredPoint p, SearchMode mode) {
        ObjectNode payload = p.payload() == null ? null : p.payload().deepCopy();
        String text = payload == null ? null : payload.path("text").asText(null);
        String documentId = payload == null ? null : payload.path("document_id").asText(null);
        int chunkIndex = payload == null ? 0 : payload.path("chunk_index").asInt();
        if (payload != null) {
            payload.remove(List.of("text", "document_id", "chunk_index"));
        }
        Map<String, Float> scores = new LinkedHashMap<>();
        scores.put(mode.label(), p.score());
        return new ChunkHit(id(p.id()), p.score(), documentId, chunkIndex, text, payload, scores);
    }

    private static Object id(PointId id) {
        return id instanceof PointId.Num n ? (Object) n.value() : id.toString();
    }
}
