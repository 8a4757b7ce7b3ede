package io.vjvector.document;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.collection.CollectionService;
import io.vjvector.collection.PointRecord;
import io.vjvector.collection.PointSelector;
import io.vjvector.collection.ScrollRequest;
import io.vjvector.collection.ScrollResult;
import io.vjvector.collection.WithPayload;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.shard.VectorSelection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.jboss.logging.Logger;

/**
 * Brings a document collection back to whole documents after a crash (or a failed write) left a
 * replacement half done. Each document keeps its newest <em>complete</em> generation — one with
 * as many chunks stored as its chunks say ({@link ChunkPayload#CHUNK_COUNT}) — and loses every
 * other chunk. Chunks written before generations existed (no {@code generation} key) count as one
 * complete generation older than any other.
 *
 * <p>Why this is the right answer: {@link ChunkCommit} deletes old chunks only after every new
 * chunk is stored, so a crash before that point leaves the new generation incomplete (the old one
 * wins: the document is fully old) and a crash after it leaves the new one complete (it wins:
 * fully new). A crash during a document delete leaves an incomplete generation and no complete
 * one: the rest is deleted.
 *
 * <p>It reads the three keys of every point once, so it costs one pass over the collection's
 * payloads; it runs once per collection and process, before the first document read or write.
 */
final class ChunkRecovery {

    private static final Logger LOG = Logger.getLogger(ChunkRecovery.class);
    private static final int PAGE = 1024;
    /** Stands for "no generation key": older than every real generation, which are all positive. */
    private static final long LEGACY = 0;

    private ChunkRecovery() {
    }

    /** Stored chunks of one generation of one document. */
    private static final class Generation {
        int stored;
        int expected = -1;

        boolean complete(long generation) {
            return generation == LEGACY || stored == expected;
        }
    }

    /**
     * Deletes the chunks of {@code collection} that are not part of their document's newest
     * complete generation, and returns the largest generation found (0 for none).
     */
    static long run(CollectionService service, String collection) {
        Map<String, Map<Long, Generation>> documents = scan(service, collection);
        long largest = 0;
        int repaired = 0;
        for (Map.Entry<String, Map<Long, Generation>> d : documents.entrySet()) {
            Map<Long, Generation> generations = d.getValue();
            largest = Math.max(largest, generations.keySet().stream().mapToLong(Long::longValue).max().orElse(0));
            if (generations.size() == 1 && generations.entrySet().iterator().next().getValue()
                    .complete(generations.keySet().iterator().next())) {
                continue;
            }
            OptionalLong keep = generations.entrySet().stream().filter(e -> e.getValue().complete(e.getKey()))
                    .mapToLong(Map.Entry::getKey).max();
            List<String> id = List.of(d.getKey());
            JsonNode garbage = keep.isEmpty() ? ChunkFilters.documents(id)
                    : keep.getAsLong() == LEGACY ? ChunkFilters.generationsFrom(id, 1)
                    : ChunkFilters.otherGenerations(id, keep.getAsLong());
            service.deletePoints(collection, PointSelector.filter(Filter.parse(garbage)));
            repaired++;
            LOG.infof("Collection '%s': document '%s' was left half written; kept %s", collection, d.getKey(),
                    keep.isEmpty() ? "nothing (it was being deleted or first written)" : "generation " + keep.getAsLong());
        }
        if (repaired > 0) {
            LOG.infof("Collection '%s': %d half-written documents repaired", collection, repaired);
        }
        return largest;
    }

    private static Map<String, Map<Long, Generation>> scan(CollectionService service, String collection) {
        Map<String, Map<Long, Generation>> documents = new HashMap<>();
        WithPayload keys = new WithPayload(true,
                List.of(ChunkPayload.DOCUMENT_ID, ChunkPayload.GENERATION, ChunkPayload.CHUNK_COUNT), null);
        PointId offset = null;
        do {
            ScrollResult page = service.scroll(collection, new ScrollRequest(null, PAGE, offset, keys, VectorSelection.of(false)));
            for (PointRecord p : page.points()) {
                JsonNode payload = p.payload();
                JsonNode id = payload == null ? null : payload.get(ChunkPayload.DOCUMENT_ID);
                if (id == null || !id.isTextual()) {
                    continue;
                }
                long generation = payload.path(ChunkPayload.GENERATION).asLong(LEGACY);
                Generation g = documents.computeIfAbsent(id.textValue(), k -> new HashMap<>())
                        .computeIfAbsent(generation, k -> new Generation());
                g.stored++;
                g.expected = payload.path(ChunkPayload.CHUNK_COUNT).asInt(-1);
            }
            offset = page.nextPageOffset();
        } while (offset != null);
        return documents;
    }
}
