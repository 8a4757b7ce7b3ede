package io.vjvector.api.error;

import io.vjvector.error.ErrorKind;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
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

    /** Fails the read that would take the body past the limit, before handing out those bytes. */
    private static final class Limited extends FilterInputStream {

        private final long maxBytes;
        private long count;

        Limited(InputStream in, long maxBytes) {
            super(in);
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counted(skipped);
            return skipped;
        }

        private void counted(long n) throws BodyTooLargeException {
            count += n;
            if (count > maxBytes) {
                throw new BodyTooLargeException(ErrorStatus.prefix(ErrorKind.TOO_LARGE)
                        + ": the request body is longer than the limit of " + maxBytes
                        + " bytes (vjvector.limits.max-body-size)");
            }
        }
    }
}
