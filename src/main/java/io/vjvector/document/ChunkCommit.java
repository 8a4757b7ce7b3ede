package io.vjvector.document;

import io.vjvector.collection.CollectionService;
import io.vjvector.collection.PointSelector;
import io.vjvector.collection.PointStruct;
import io.vjvector.collection.TextConfig;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.index.VectorValue;
import io.vjvector.engine.point.PointId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Stores and deletes documents so that document readers see every document either as it was or
 * as it is now, never both and never neither — in a collection of any number of shards.
 *
 * <p><b>Why generations, not a shard-level batch.</b> Chunk ids hash to different shards, and no
 * operation spans shards atomically; routing a document's chunks to one shard would tie chunk
 * ids to the shard count. Instead every version of a document is written under a new
 * generation (in the ids and the payload, {@link ChunkPayload#GENERATION}), so old and new
 * chunks coexist, and readers are told which to skip by the collection's
 * {@link DocumentVisibility} view. A replacement of a batch of documents is:
 * <ol>
 * <li>publish "hide generation g of these documents" (readers of the earlier view are drained,
 *     so nobody who could see the new chunks is left unfiltered);
 * <li>upsert every new chunk (readers keep seeing the old version whole);
 * <li>publish "show only generation g" (the new version is whole: the switch is one swap);
 * <li>delete the other generations (readers of the previous view, who still needed the old
 *     chunks, have been drained by the publish);
 * <li>publish the documents as settled (only generation g is left).
 * </ol>
 * Deleting a document hides it, deletes its chunks, and settles it.
 *
 * <p><b>Crash safety.</b> The view lives in memory; what survives a crash are the chunks, and each
 * carries its generation and its generation's chunk count. The commit point of a replacement is
 * the last new chunk stored (step 2): before it the new generation is incomplete, after it
 * complete, and {@link ChunkRecovery} keeps each document's newest complete generation. So after
 * a crash mid-replacement a document is fully old or fully new; a batch may commit some
 * documents and not others, but never part of one.
 *
 * <p><b>Scope.</b> Only document reads (document search, RAG, reading a document) go through the
 * view; {@code /points} reads see the stored chunks as they are, both generations during step 2–4.
 * The view belongs to the node that writes, as all collection state does in a standalone node.
 */
final class ChunkCommit {

    private static final Logger LOG = Logger.getLogger(ChunkCommit.class);

    private final CollectionService service;
    private final String collection;
    private final DocumentVisibility visibility;

    ChunkCommit(CollectionService service, String collection, DocumentVisibility visibility) {
        this.service = service;
        this.collection = collection;
        this.visibility = visibility;
    }

    /** Stores {@code documents}, each replacing any earlier version; returns the chunks written. */
    int replace(List<PreparedDocument> documents) {
        return visibility.write(() -> {
            long generation = visibility.nextGeneration();
            List<String> ids = documents.stream().map(d -> d.input().id()).toList();
            List<PointStruct> points = points(documents, generation);
            visibility.publish(view -> ids.forEach(id -> view.put(id,
                    new DocumentView.Transition(DocumentView.Phase.HIDE_NEW, generation))));
            try {
                if (!points.isEmpty()) {
                    service.upsert(collection, points);
                }
            } catch (RuntimeException e) {
                discard(ids, generation);
                throw e;
            }
            visibility.publish(view -> ids.forEach(id -> view.put(id,
                    new DocumentView.Transition(DocumentView.Phase.ONLY_NEW, generation))));
            delete(ChunkFilters.otherGenerations(ids, generation));
            visibility.publish(view -> ids.forEach(view::remove));
            return points.size();
        });
    }

    /** Deletes every chunk of document {@code id}. */
    void delete(String id) {
        visibility.write(() -> {
            visibility.publish(view -> view.put(id, new DocumentView.Transition(DocumentView.Phase.HIDE_ALL, 0)));
            delete(ChunkFilters.documents(List.of(id)));
            visibility.publish(view -> view.remove(id));
            return null;
        });
    }

    /**
     * Removes what a failed upsert may have stored of generation {@code generation}; the documents
     * stay as they were. If that fails too, they stay hidden until recovery at the next start.
     */
    private void discard(List<String> ids, long generation) {
        try {
            delete(ChunkFilters.generation(ids, generation));
            visibility.publish(view -> ids.forEach(view::remove));
        } catch (RuntimeException again) {
            LOG.warnf(again, "Collection '%s': could not remove the partly written chunks of %d documents;"
                    + " they stay hidden and are removed at the next start", collection, ids.size());
        }
    }

    private void delete(com.fasterxml.jackson.databind.JsonNode filter) {
        service.deletePoints(collection, PointSelector.filter(Filter.parse(filter)));
    }

    private static List<PointStruct> points(List<PreparedDocument> documents, long generation) {
        List<PointStruct> points = new ArrayList<>();
        for (PreparedDocument d : documents) {
            int count = d.chunks().size();
            for (int k = 0; k < count; k++) {
                points.add(new PointStruct(PointId.of(DocumentIds.chunk(d.input().id(), generation, k)), Map.of(
                        TextConfig.DENSE, new VectorValue.Dense(d.dense()[k]),
                        TextConfig.SPARSE, new VectorValue.Sparse(d.sparse()[k])),
                        ChunkPayload.of(d.input().metadata(), d.chunks().get(k), d.input().id(), k, count, generation)));
            }
        }
        return points;
    }
}
