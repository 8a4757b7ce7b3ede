package io.vjvector.document;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ingests, numbered: run in the request ({@code wait=true}) or queued to one background thread
 * ({@code wait=false}, in the order they arrive, as Qdrant applies a collection's updates), and
 * observable by number while they run and for a while after ({@link #KEPT} finished ones).
 */
@ApplicationScoped
public class IngestOperations {

    /** Finished operations kept for the status endpoint; the oldest finished go first. */
    static final int KEPT = 1000;

    private final DocumentStore store;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, IngestProgress> operations = new ConcurrentSkipListMap<>();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vjvector-document-ingest");
        t.setDaemon(true);
        return t;
    });

    public IngestOperations(DocumentStore store) {
        this.store = store;
    }

    /** Ingests {@code documents} now, as operation {@link IngestProgress#operationId()} of the answer's progress. */
    public DocumentStore.Ingested run(String collection, List<DocumentInput> documents) {
        return store.ingest(collection, documents, register(collection, documents.size()));
    }

    /**
     * Queues {@code documents} for ingest and returns the operation's id at once. The collection
     * is checked first (a missing one or one without {@code text_config} is refused now).
     */
    public long submit(String collection, List<DocumentInput> documents) {
        store.textConfig(collection);
        IngestProgress progress = register(collection, documents.size());
        background.execute(() -> {
            try {
                store.ingest(collection, documents, progress);
            } catch (RuntimeException e) {
                // Recorded in the progress (status "failed") and logged by the store.
            }
        });
        return progress.operationId();
    }

    /** The progress of operation {@code id} if it is an ingest into {@code collection}. */
    public Optional<IngestProgress.Status> status(String collection, long id) {
        IngestProgress p = operations.get(id);
        return p == null || !p.collection().equals(collection) ? Optional.empty() : Optional.of(p.status());
    }

    private IngestProgress register(String collection, int documents) {
        IngestProgress p = new IngestProgress(ids.incrementAndGet(), collection, documents);
        operations.put(p.operationId(), p);
        forgetOldFinished();
        return p;
    }

    private void forgetOldFinished() {
        int excess = operations.size() - KEPT;
        for (Iterator<IngestProgress> it = operations.values().iterator(); excess > 0 && it.hasNext(); ) {
            if (it.next().finished()) {
                it.remove();
                excess--;
            }
        }
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }
}
