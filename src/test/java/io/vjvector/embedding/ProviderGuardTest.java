package io.vjvector.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.junit.QuarkusTest;
import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Guards need SmallRye Fault Tolerance's runtime, which the application provides. */
@QuarkusTest
class ProviderGuardTest {

    private static final ProviderPolicy QUICK =
            new ProviderPolicy(Duration.ofMillis(200), 1, Duration.ofMillis(10), 10, 0.5, Duration.ofSeconds(30));

    @Test
    void anAttemptThatTurnsTheTimeoutsInterruptIntoItsOwnFailureIsStillATimeout() {
        ProviderGuard guard = new ProviderGuard("model 'test/slow'", QUICK);
        VJVectorException e = assertThrows(VJVectorException.class, () -> guard.call(() -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException interrupted) {
                // What an HTTP client does with the interrupt: its own exception, the cause kept.
                throw new IllegalStateException("request interrupted", interrupted);
            }
            return "never";
        }, String.class));
        assertEquals(ErrorKind.UPSTREAM_TIMEOUT, e.kind(), e.getMessage());
        assertFalse(Thread.currentThread().isInterrupted(), "the serving thread is not left interrupted");
    }

    @Test
    void aRetryThatFailsOnTheInterruptTheTimedOutAttemptLeftIsStillATimeout() {
        ProviderGuard guard = new ProviderGuard("model 'test/slow'", QUICK);
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        VJVectorException e = assertThrows(VJVectorException.class, () -> guard.call(() -> {
            if (attempts.incrementAndGet() == 1) {
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw interrupted;
                }
            }
            // The retry finds the thread still interrupted: its HTTP call fails at once.
            throw new java.io.IOException("send failed", new InterruptedException());
        }, String.class));
        assertEquals(2, attempts.get());
        assertEquals(ErrorKind.UPSTREAM_TIMEOUT, e.kind(), e.getMessage());
        assertFalse(Thread.currentThread().isInterrupted(), "the serving thread is not left interrupted");
    }

    @Test
    void aFailureBeforeTheTimeoutIsTheProvidersFailure() {
        ProviderGuard guard = new ProviderGuard("model 'test/broken'", QUICK);
        VJVectorException e = assertThrows(VJVectorException.class, () -> guard.call(() -> {
            throw new IllegalStateException("HTTP 500");
        }, String.class));
        assertEquals(ErrorKind.UPSTREAM_FAILED, e.kind(), e.getMessage());
    }
}
