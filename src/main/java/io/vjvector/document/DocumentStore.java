package io.vjvector.document;

import io.vjvector.collection.CollectionService;
import io.vjvector.collection.TextConfig;
import io.vjvector.engine.index.sparse.SparseVector;
import io.vjvector.error.VJVectorException;
import io.vjvector.inference.Bm25Encoder;
import io.vjvector.inference.Bm25Options;
import io.vjvector.inference.DenseEncoder;
import io.vjvector.inference.InferenceModels;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Stores documents as chunk points. Documents go in batches of about {@link #BATCH_CHUNKS}
 * chunks: a batch is chunked and embedded (dense and BM25), then committed by {@link ChunkCommit},
 * which replaces each document's earlier version atomically for document readers. A failing
 * model or a write error stops the ingest at a batch boundary: the documents of earlier batches
 * are stored whole, the others not at all. A client that goes away changes nothing: the request
 * runs to its end.
 */
@ApplicationScoped
public class DocumentStore {

    private static final Logger LOG = Logger.getLogger(DocumentStore.class);
    /** Chunks per call to the model: the local model's throughput flattens past 32. */
    private static final int EMBED_BATCH = 32;
    /**
     * Chunks committed together. Each commit drains readers three times ({@link DocumentVisibility}),
     * so a batch amortises that, while staying small enough that progress moves and that a
     * failure loses little.
     */
    static final int BATCH_CHUNKS = 128;

    private final CollectionService service;
    private final DocumentVisibilities visibilities;

    public DocumentStore(CollectionService service, DocumentVisibilities visibilities) {
        this.service = service;
        this.visibilities = visibilities;
    }

    /** What one ingest stored. */
    public record Ingested(int documents, int chunks, List<String> documentIds, double chunksPerSecond) {
    }

    /** The text settings of {@code collection}, or 400 when it was not created for documents. */
    public TextConfig textConfig(String collection) {
        TextConfig text = service.params(collection).settings().textConfig();
        if (text == null) {
            throw VJVectorException.badRequest("text_config", "collection '" + collection
                    + "' was created without text_config; create it with {\"text_config\": {\"model\": ...}}");
        }
        return text;
    }

    /**
     * Chunks, embeds and stores {@code documents}, replacing any earlier chunks of the same ids,
     * reporting each committed batch to {@code progress}.
     */
    public Ingested ingest(String collection, List<DocumentInput> documents, IngestProgress progress) {
        progress.started();
        try {
            Ingested done = ingestBatches(collection, documents, progress);
            progress.completed();
            LOG.infof("Ingest %d: stored %d documents (%d chunks) in '%s': %.1f chunks/s", progress.operationId(),
                    done.documents(), done.chunks(), collection, done.chunksPerSecond());
            return done;
        } catch (RuntimeException e) {
            progress.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            LOG.warnf("Ingest %d into '%s' stopped after %d of %d documents: %s", progress.operationId(), collection,
                    progress.status().documentsDone(), documents.size(), e.getMessage());
            throw e;
        }
    }

    private Ingested ingestBatches(String collection, List<DocumentInput> documents, IngestProgress progress) {
        long start = System.nanoTime();
        TextConfig text = textConfig(collection);
        DenseEncoder dense = InferenceModels.dense(text.model(), null)
                .orElseThrow(() -> VJVectorException.unavailable("model '" + text.model() + "' is not available"));
        Bm25Encoder bm25 = new Bm25Encoder(Bm25Options.parse(null));
        TextChunker chunker = new TextChunker(text.chunkSize(), text.chunkOverlap());
        ChunkCommit commit = new ChunkCommit(service, collection, visibilities.of(collection));
        int chunks = 0;
        List<DocumentInput> batch = new ArrayList<>();
        List<List<String>> batchChunks = new ArrayList<>();
        int batchSize = 0;
        for (int i = 0; i < documents.size(); i++) {
            List<String> c = chunker.chunks(documents.get(i).text());
            batch.add(documents.get(i));
            batchChunks.add(c);
            batchSize += c.size();
            if (batchSize >= BATCH_CHUNKS || i == documents.size() - 1) {
                int stored = commit.replace(prepare(batch, batchChunks, dense, bm25));
                progress.committed(batch.size(), stored);
                chunks += stored;
                batch.clear();
                batchChunks.clear();
                batchSize = 0;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Ingested(documents.size(), chunks, documents.stream().map(DocumentInput::id).toList(),
                chunks / Math.max(seconds, 1e-9));
    }

    /** Removes every chunk of document {@code id}, atomically for document readers. */
    public void delete(String collection, String id) {
        textConfig(collection);
        new ChunkCommit(service, collection, visibilities.of(collection)).delete(id);
    }

    private static List<PreparedDocument> prepare(List<DocumentInput> documents, List<List<String>> chunks,
                                                  DenseEncoder dense, Bm25Encoder bm25) {
        List<String> all = new ArrayList<>();
        chunks.forEach(all::addAll);
        float[][] vectors = embed(dense, all);
        List<PreparedDocument> out = new ArrayList<>(documents.size());
        int next = 0;
        for (int i = 0; i < documents.size(); i++) {
            List<String> c = chunks.get(i);
            float[][] d = new float[c.size()][];
            SparseVector[] s = new SparseVector[c.size()];
            for (int k = 0; k < c.size(); k++) {
                d[k] = vectors[next++];
                s[k] = bm25.encodeDocument(c.get(k));
            }
            out.add(new PreparedDocument(documents.get(i), List.copyOf(c), d, s));
        }
        return out;
    }

    private static float[][] embed(DenseEncoder dense, List<String> texts) {
        float[][] out = new float[texts.size()][];
        for (int from = 0; from < texts.size(); from += EMBED_BATCH) {
            List<String> batch = texts.subList(from, Math.min(texts.size(), from + EMBED_BATCH));
            float[][] v = dense.embed(batch);
            System.arraycopy(v, 0, out, from, v.length);
        }
        return out;
    }
}
