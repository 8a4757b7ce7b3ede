package io.vjvector.ops;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether this node is ready for traffic: the readiness probe answers true only once collections
 * are loaded. Whoever loads them (start-up today, storage recovery later) calls {@link #markReady()}.
 */
@ApplicationScoped
public class StartupState {

    private final AtomicBoolean ready = new AtomicBoolean();

    public boolean isReady() {
        return ready.get();
    }

    public void markReady() {
        ready.set(true);
    }
}
