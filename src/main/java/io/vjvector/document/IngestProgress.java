package io.vjvector.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * How far one ingest has come. Written by the thread that ingests, read by anyone: counters
 * advance once per committed batch, so {@code documents_done} documents are stored whole.
 */
public final class IngestProgress {

    private static final Logger LOG = Logger.getLogger(IngestProgress.class);
    /** A long ingest logs its progress at most this often. */
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    /** Where an ingest is. */
    public enum State {
        QUEUED, RUNNING, COMPLETED, FAILED;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What the status endpoint shows.
     *
     * @param status queued, running, completed or failed
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Status(long operationId, String collection, String status, int documentsTotal, int documentsDone,
                         int chunksDone, double documentsPerSecond, double chunksPerSecond, double elapsedSeconds,
                         List<String> errors) {
    }

    private final long operationId;
    private final String collection;
    private final int documentsTotal;
    private final AtomicInteger documentsDone = new AtomicInteger();
    private final AtomicInteger chunksDone = new AtomicInteger();
    private final List<String> errors = new ArrayList<>();
    private volatile State state = State.QUEUED;
    private volatile long startNanos;
    private volatile long endNanos;
    private long lastLogNanos;

    IngestProgress(long operationId, String collection, int documentsTotal) {
        this.operationId = operationId;
        this.collection = collection;
        this.documentsTotal = documentsTotal;
    }

    public long operationId() {
        return operationId;
    }

    String collection() {
        return collection;
    }

    void started() {
        startNanos = System.nanoTime();
        lastLogNanos = startNanos;
        state = State.RUNNING;
    }

    /** A batch of {@code documents} documents with {@code chunks} chunks was committed. */
    void committed(int documents, int chunks) {
        documentsDone.addAndGet(documents);
        chunksDone.addAndGet(chunks);
        long now = System.nanoTime();
        if (now - lastLogNanos >= LOG_EVERY_NANOS) {
            lastLogNanos = now;
            Status s = status();
            LOG.infof("Ingest %d into '%s': %d of %d documents, %d chunks, %.1f chunks/s", operationId, collection,
                    s.documentsDone(), documentsTotal, s.chunksDone(), s.chunksPerSecond());
        }
    }

    void completed() {
        endNanos = System.nanoTime();
        state = State.COMPLETED;
    }

    void failed(String error) {
        synchronized (errors) {
            errors.add(error);
        }
        endNanos = System.nanoTime();
        state = State.FAILED;
    }

    boolean finished() {
        return state == State.COMPLETED || state == State.FAILED;
    }

    /** The progress now. */
    public Status status() {
        State s = state;
        long start = startNanos;
        long end = endNanos;
        double seconds = s == State.QUEUED ? 0 : ((s == State.RUNNING ? System.nanoTime() : end) - start) / 1e9;
        int documents = documentsDone.get();
        int chunks = chunksDone.get();
        List<String> errorsNow;
        synchronized (errors) {
            errorsNow = List.copyOf(errors);
        }
        return new Status(operationId, collection, s.label(), documentsTotal, documents, chunks,
                rate(documents, seconds), rate(chunks, seconds), seconds, errorsNow);
    }

    private static double rate(int count, double seconds) {
        return seconds <= 0 ? 0 : count / seconds;
    }
}
