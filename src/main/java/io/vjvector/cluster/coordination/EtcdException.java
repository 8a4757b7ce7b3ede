package io.vjvector.cluster.coordination;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * etcd did not answer in time or refused a request. An {@link IOException} so that the
 * {@link io.vjvector.collection.Catalog} methods (whose failures are I/O failures) pass it on as it is.
 */
public class EtcdException extends IOException {

    public EtcdException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The answer of {@code call}, waiting at most {@code timeout}; {@code what} names it in the error. */
    static <T> T await(CompletableFuture<T> call, Duration timeout, String what) throws EtcdException {
        try {
            return call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new EtcdException("etcd did not answer within " + timeout.toMillis() + " ms: " + what, e);
        } catch (ExecutionException e) {
            throw new EtcdException("etcd refused to " + what + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EtcdException("interrupted while waiting for etcd to " + what, e);
        }
    }
}
