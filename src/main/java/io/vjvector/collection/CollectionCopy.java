package io.vjvector.collection;

import io.vjvector.engine.point.PointId;
import io.vjvector.error.VJVectorException;
import java.util.ArrayList;
import java.util.List;

/**
 * Qdrant's {@code init_from}: a new collection that starts with the points (ids, vectors,
 * payloads) of an existing one. Written against {@link CollectionService} only, so every role
 * copies the same way: the source is scrolled in id order and each page upserted. Writes to the
 * source while the copy runs may or may not be copied (as in Qdrant, where the copy is not a
 * snapshot either).
 */
public final class CollectionCopy {

    /** Points per scroll page and upsert. */
    static final int PAGE = 256;

    private CollectionCopy() {
    }

    /**
     * Creates {@code name} with {@code params}, then copies every point of {@code source} into it.
     * If the copy fails the new collection is deleted again, so a failed request leaves nothing.
     *
     * @throws VJVectorException NOT_FOUND if {@code source} does not exist; BAD_REQUEST naming
     *                           {@code init_from.collection} if its vectors differ in size from
     *                           the new collection's; whatever creating or writing throws
     */
    public static void createFrom(CollectionService service, String name, CollectionParams params, String source) {
        CollectionParams from = service.info(source).params();
        if (from.vectorSize() != params.vectorSize()) {
            throw VJVectorException.badRequest("init_from.collection", "collection `" + source + "` has vectors of size "
                    + from.vectorSize() + ", the new collection " + params.vectorSize());
        }
        service.create(name, params);
        try {
            copy(service, source, name, page(from, params));
        } catch (RuntimeException | Error e) {
            service.delete(name);
            throw e;
        }
    }

    /** A page no larger than the source's strict mode lets a scroll read and the target's lets an upsert write. */
    private static int page(CollectionParams source, CollectionParams target) {
        StrictModeConfig read = source.settings().effectiveStrictMode();
        StrictModeConfig write = target.settings().effectiveStrictMode();
        int page = PAGE;
        if (read.active() && read.maxQueryLimit() != null) {
            page = Math.min(page, read.maxQueryLimit());
        }
        if (write.active() && write.upsertMaxBatchsize() != null && write.upsertMaxBatchsize() > 0) {
            page = Math.min(page, write.upsertMaxBatchsize());
        }
        return page;
    }

    private static void copy(CollectionService service, String source, String target, int page) {
        PointId offset = null;
        do {
            ScrollResult result = service.scroll(source, new ScrollRequest(null, page, offset, WithPayload.ALL, true));
            if (!result.points().isEmpty()) {
                List<PointStruct> points = new ArrayList<>(result.points().size());
                for (PointRecord r : result.points()) {
                    points.add(new PointStruct(r.id(), r.vector(), r.payload()));
                }
                service.upsert(target, points);
            }
            offset = result.nextPageOffset();
        } while (offset != null);
    }
}
