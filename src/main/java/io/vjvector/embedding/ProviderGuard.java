package io.vjvector.embedding;

import io.smallrye.faulttolerance.api.Guard;
import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * Timeout, retries and a circuit breaker (SmallRye Fault Tolerance) around the calls to one remote
 * endpoint, and the one place their failures become statuses naming the model: too slow → 504,
 * circuit open or endpoint unreachable → 503, anything else (an error status, an unreadable
 * answer) → 502. One guard per endpoint and model, so one provider's outage opens only its breaker.
 */
public final class ProviderGuard {

    private final String what;
    private final ProviderPolicy policy;
    private final Guard guard;

    /** @param what how messages name the callee, e.g. {@code model 'openai/text-embedding-3-small'} */
    public ProviderGuard(String what, ProviderPolicy policy) {
        this.what = what;
        this.policy = policy;
        Guard.Builder builder = Guard.create()
                .withDescription(what)
                .withTimeout().duration(policy.timeout().toMillis(), ChronoUnit.MILLIS).done()
                .withCircuitBreaker()
                .requestVolumeThreshold(policy.breakerWindow())
                .failureRatio(policy.failureRatio())
                .delay(policy.breakerDelay().toMillis(), ChronoUnit.MILLIS)
                .skipOn(VJVectorException.class)
                .done();
        if (policy.maxRetries() > 0) {
            builder.withRetry()
                    .maxRetries(policy.maxRetries())
                    .delay(policy.retryDelay().toMillis(), ChronoUnit.MILLIS)
                    .abortOn(VJVectorException.class)
                    .done();
        }
        this.guard = builder.build();
    }

    /** Runs {@code call} under the policy; every failure comes out as a {@link VJVectorException}. */
    public <T> T call(Callable<T> call, Class<T> type) {
        long start = System.nanoTime();
        try {
            return guard.call(() -> {
                // An interrupt the timeout sent to the previous attempt must not fail this one.
                Thread.interrupted();
                return call.call();
            }, type);
        } catch (VJVectorException e) {
            throw e;
        } catch (CircuitBreakerOpenException e) {
            throw new VJVectorException(ErrorKind.UNAVAILABLE, null, what + " is unavailable: it failed repeatedly, "
                    + "calls resume within " + policy.breakerDelay().toSeconds() + " s", e);
        } catch (org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException e) {
            throw new VJVectorException(ErrorKind.UPSTREAM_TIMEOUT, null, what + " did not answer within "
                    + policy.timeout().toMillis() + " ms", e);
        } catch (Exception e) {
            if (interruptedByTheTimeout(e, start)) {
                throw new VJVectorException(ErrorKind.UPSTREAM_TIMEOUT, null, what + " did not answer within "
                        + policy.timeout().toMillis() + " ms", e);
            }
            throw failure(e);
        }
    }

    /**
     * Whether {@code e} is the interruption the timeout sends to a late attempt: the call may
     * surface it as its own failure (an {@link InterruptedException} in the causes) rather than
     * the guard as a timeout, depending on which of them sees it first. The flag is cleared: the
     * thread goes on serving.
     */
    private boolean interruptedByTheTimeout(Throwable e, long startNanos) {
        boolean interrupted = Thread.interrupted();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof java.io.InterruptedIOException) {
                interrupted = true;
            }
        }
        return interrupted && System.nanoTime() - startNanos >= policy.timeout().toNanos();
    }

    /**
     * The status a failure outside {@link #call} (a streamed answer, whose tokens arrive on
     * another thread) stands for, classified as {@link #call} classifies its own.
     */
    public VJVectorException failure(Throwable e) {
        if (e instanceof VJVectorException v) {
            return v;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException
                    || t instanceof dev.langchain4j.exception.TimeoutException) {
                return new VJVectorException(ErrorKind.UPSTREAM_TIMEOUT, null, what + " did not answer within "
                        + policy.timeout().toMillis() + " ms", e);
            }
            if (t instanceof ConnectException) {
                return new VJVectorException(ErrorKind.UNAVAILABLE, null, what + " is unreachable: " + t.getMessage(), e);
            }
        }
        return new VJVectorException(ErrorKind.UPSTREAM_FAILED, null, what + " failed: " + brief(e), e);
    }

    /** The provider's own message, cut so an HTML error page does not fill the answer. */
    private static String brief(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.length() > 300 ? m.substring(0, 300) + "..." : m;
    }
}
