package io.vjvector.cluster.transport;

/**
 * Told of every call to another node that got no usable answer, for metrics: the target node
 * and the kind of failure ({@code timeout}, {@code circuit_open}, {@code bulkhead},
 * {@code connect}, {@code io}, {@code status}). Called on the calling thread; keep it cheap.
 */
@FunctionalInterface
public interface CallFailures {

    CallFailures NONE = (nodeId, kind) -> { };

    void failed(String nodeId, String kind);

    /** The kind of failure {@code e} (as thrown by a guarded call) stands for. */
    static String kindOf(Throwable e) {
        if (e instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException
                || e instanceof java.net.http.HttpTimeoutException || e instanceof java.net.SocketTimeoutException) {
            return e instanceof java.net.http.HttpConnectTimeoutException ? "connect" : "timeout";
        }
        if (e instanceof org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException) {
            return "circuit_open";
        }
        if (e instanceof org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException) {
            return "bulkhead";
        }
        if (e instanceof java.net.ConnectException) {
            return "connect";
        }
        if (e instanceof io.vjvector.collection.wire.RemoteShardException || e instanceof StatusException) {
            return "status";
        }
        return "io";
    }

    /** A reply that was not HTTP 200. */
    final class StatusException extends java.io.IOException {
        StatusException(String message) {
            super(message);
        }
    }
}
