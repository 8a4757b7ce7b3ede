package io.vjvector.document;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.collection.CollectionService;
import io.vjvector.collection.PointSelector;
import io.vjvector.collection.PointStruct;
import io.vjvector.collection.TextConfig;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.index.VectorValue;
import io.vjvector.engine.point.PointId;
import io.vjvector.error.VJVectorException;
import io.vjvector.inference.Bm25Encoder;
import io.vjvector.inference.Bm25Options;
import io.vjvector.inference.DenseEncoder;
import io.vjvector.inference.InferenceModels;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Stores documents as chunk points: every chunk of every document in the request is embedded
 * (dense and BM25) before anything is written, so a failing model or a client that goes away
 * leaves no document half-stored. Then each document's chunks are upserted under ids derived from
 * (document id, chunk index) and the chunks a shorter new version no longer has are deleted.
 */
@ApplicationScoped
public class DocumentStore {

    private static final Logger LOG = Logger.getLogger(DocumentStore.class);
    /** Chunks per call to the model: the local model's throughput flattens past 32. */
    private static final int EMBED_BATCH = 32;

    private final CollectionService service;

    public DocumentStore(CollectionService service) {
        this.service = service;
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

    /** Chunks, embeds and stores {@code documents}, replacing any earlier chunks of the same ids. */
    public Ingested ingest(String collection, List<DocumentInput> documents) {
        long start = System.nanoTime();
        TextConfig text = textConfig(collection);
        DenseEncoder dense = InferenceModels.dense(text.model(), null)
                .orElseThrow(() -> VJVectorException.unavailable("model '" + text.model() + "' is not available"));
        Bm25Encoder bm25 = new Bm25Encoder(Bm25Options.parse(null));
        TextChunker chunker = new TextChunker(text.chunkSize(), text.chunkOverlap());
        List<List<PointStruct>> perDocument = new ArrayList<>();
        List<String> all = new ArrayList<>();
        List<List<String>> chunks = new ArrayList<>();
        for (DocumentInput d : documents) {
            List<String> c = chunker.chunks(d.text());
            chunks.add(c);
            all.addAll(c);
        }
        float[][] vectors = embed(dense, all);
        int next = 0;
        for (int i = 0; i < documents.size(); i++) {
            DocumentInput d = documents.get(i);
            List<PointStruct> points = new ArrayList<>();
            for (int k = 0; k < chunks.get(i).size(); k++) {
                String chunk = chunks.get(i).get(k);
                ObjectNode payload = d.metadata() == null ? JsonNodeFactory.instance.objectNode() : d.metadata().deepCopy();
                payload.put("text", chunk);
                payload.put("document_id", d.id());
                payload.put("chunk_index", k);
                points.add(new PointStruct(PointId.of(DocumentIds.chunk(d.id(), k)), Map.of(
                        TextConfig.DENSE, new VectorValue.Dense(vectors[next++]),
                        TextConfig.SPARSE, new VectorValue.Sparse(bm25.encodeDocument(chunk))), payload));
            }
            perDocument.add(points);
        }
        for (int i = 0; i < documents.size(); i++) {
            if (!perDocument.get(i).isEmpty()) {
                service.upsert(collection, perDocument.get(i));
            }
            service.deletePoints(collection, PointSelector.filter(chunksFrom(documents.get(i).id(), perDocument.get(i).size())));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = all.size() / Math.max(seconds, 1e-9);
        LOG.infof("Stored %d documents (%d chunks) in '%s' in %.2f s: %.1f chunks/s", documents.size(), all.size(),
                collection, seconds, rate);
        return new Ingested(documents.size(), all.size(), documents.stream().map(DocumentInput::id).toList(), rate);
    }

    /** Removes every chunk of document {@code id}. */
    public void delete(String collection, String id) {
        textConfig(collection);
        service.deletePoints(collection, PointSelector.filter(chunksFrom(id, 0)));
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

    /** Chunks {@code from} and later of document {@code id}. */
    private static Filter chunksFrom(String id, int from) {
        ObjectNode f = JsonNodeFactory.instance.objectNode();
        var must = f.putArray("must");
        must.addObject().put("key", "document_id").putObject("match").put("value", id);
        must.addObject().put("key", "chunk_index").putObject("range").put("gte", from);
        return Filter.parse(f);
    }
}
