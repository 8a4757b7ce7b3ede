package io.vjvector.api.error;

import io.vjvector.engine.storage.CountingInputStream;
import io.vjvector.error.ErrorKind;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import java.io.InputStream;

/**
 * Enforces {@code vjvector.limits.max-body-size} on a body that declared no length (chunked), by
 * counting while it is read, so that an oversized one fails with Qdrant's error body: the HTTP
 * layer's own check would end the response itself, with an empty body (see {@link BodySizeLimit},
 * which handles declared lengths before any byte is read and hands chunked bodies to this count).
 * A body with a declared length is within the limit by then, and its count never trips.
 */
@Provider
public class CountedBody implements ReaderInterceptor {

    /** A client proxy: providers are created before the configuration can be read. */
    private final BodySizeLimit limit;

    public CountedBody(BodySizeLimit limit) {
        this.limit = limit;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new Limited(context.getInputStream(), limit.maxBytes()));
        return context.proceed();
    }

    /** Fails the read that takes the body past the limit, before handing out those bytes. */
    private static final class Limited extends CountingInputStream {

        private final long maxBytes;

        Limited(InputStream in, long maxBytes) {
            super(in);
            this.maxBytes = maxBytes;
        }

        @Override
        protected void counted(long total) throws BodyTooLargeException {
            if (total > maxBytes) {
                throw new BodyTooLargeException(ErrorStatus.prefix(ErrorKind.TOO_LARGE)
                        + ": the request body is longer than the limit of " + maxBytes
                        + " bytes (vjvector.limits.max-body-size)");
            }
        }
    }
}
