package io.vjvector.api;

import static io.vjvector.api.request.FieldPath.index;

import io.vjvector.api.dto.BatchBody;
import io.vjvector.api.request.RequestLimits;
import io.vjvector.collection.VectorsConfig;
import io.vjvector.error.VJVectorException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads every entry of a Qdrant batch body ({@code {"searches": [...]}}) before any of them runs,
 * so that one bad entry fails the whole batch with its path ({@code searches[2].limit}) and no
 * partial work is done.
 */
final class BatchReading {

    /** Reads one entry of the batch, for a collection with the given vector fields, at {@code path}. */
    @FunctionalInterface
    interface EntryReader<B, R> {
        R read(B entry, VectorsConfig vectors, String path);
    }

    private BatchReading() {
    }

    /**
     * @param required what a missing {@code searches} list is reported as needing
     * @param vectors asked only once the batch's size is within limits: the collection lookup
     *     (which may fail with 404) comes after the body's own checks
     */
    static <B, R> List<R> read(BatchBody<B> body, String required, RequestLimits limits, Supplier<VectorsConfig> vectors,
                               EntryReader<B, R> reader) {
        if (body == null || body.searches() == null) {
            throw VJVectorException.badRequest("searches", required);
        }
        List<B> entries = body.searches();
        limits.batch(entries.size(), "searches");
        VectorsConfig config = vectors.get();
        List<R> out = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            out.add(reader.read(entries.get(i), config, index("searches", i)));
        }
        return out;
    }
}
