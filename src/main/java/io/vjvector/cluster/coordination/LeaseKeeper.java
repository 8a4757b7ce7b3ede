package io.vjvector.cluster.coordination;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One etcd lease, kept alive by this process, and how long it is surely still alive.
 *
 * <p>etcd grants a lease its TTL from when the server <em>receives</em> a keep-alive, which is no
 * earlier than when this process <em>sent</em> it. So {@code send time + TTL} on this process's
 * monotonic clock is a deadline before which the server cannot have expired the lease — the
 * self-fencing deadline of {@link #isValid()}. A keep-alive that gets no answer (etcd paused,
 * partitioned, down) does not move the deadline, so validity ends on its own even when nothing
 * answers. Keep-alives are sent one at a time (the next after the previous one answered or timed
 * out), three per TTL, so two may be lost before the lease is at risk. A failed keep-alive is
 * sent again after a quarter of that period rather than a whole one, and none is awaited longer
 * than half a period: the client spreads calls over etcd's members, and the next call likely
 * reaches one that renews the lease at once. A member cut off from its quorum refuses at once
 * ({@link EtcdClients}), but a follower forwards a keep-alive to the leader it last knew, and when
 * that leader has just been cut off etcd holds the call up to its request timeout (about 5 s) —
 * long enough, awaited whole, to lose the lease while the other members would have renewed it.
 *
 * <p>jetcd's streaming {@code keepAlive} is not used because it does not tell when each request
 * was sent. Once lost (the server answered TTL 0, or the deadline passed) a lease stays lost:
 * listeners run once, and the owner grants a new lease if it wants one.
 */
final class LeaseKeeper implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LeaseKeeper.class.getName());

    private final Client client;
    private final ScheduledExecutorService scheduler;
    private final long ttlSeconds;
    private final long id;
    private final List<Runnable> lostListeners = new CopyOnWriteArrayList<>();
    private volatile long deadlineNanos;
    private volatile boolean lost;
    private volatile boolean closed;

    private LeaseKeeper(Client client, ScheduledExecutorService scheduler, long ttlSeconds, long id, long deadlineNanos) {
        this.client = client;
        this.scheduler = scheduler;
        this.ttlSeconds = ttlSeconds;
        this.id = id;
        this.deadlineNanos = deadlineNanos;
    }

    /**
     * Grants a lease of {@code ttl} (rounded up to whole seconds, etcd's unit) and starts keeping
     * it alive on {@code scheduler}.
     */
    static CompletableFuture<LeaseKeeper> grant(Client client, ScheduledExecutorService scheduler, Duration ttl) {
        long seconds = ttlSeconds(ttl);
        long sent = System.nanoTime();
        return client.getLeaseClient().grant(seconds).orTimeout(Math.max(2, seconds), TimeUnit.SECONDS).thenApply(granted -> {
            long grantedSeconds = Math.min(seconds, granted.getTTL());
            LeaseKeeper keeper = new LeaseKeeper(client, scheduler, seconds, granted.getID(),
                    sent + TimeUnit.SECONDS.toNanos(grantedSeconds));
            keeper.scheduleKeepAlive(sent);
            return keeper;
        });
    }

    static long ttlSeconds(Duration ttl) {
        return Math.max(1, (ttl.toMillis() + 999) / 1000);
    }

    long id() {
        return id;
    }

    /** True until the lease may have expired on the server (see the class comment); monotonic. */
    boolean isValid() {
        return !lost && System.nanoTime() - deadlineNanos < 0;
    }

    /** Nanoseconds of validity left (0 or less when invalid). */
    long remainingNanos() {
        return lost ? 0 : deadlineNanos - System.nanoTime();
    }

    /** Runs {@code listener} once when the lease is lost (at once if it already is); not on {@link #close}. */
    synchronized void onLost(Runnable listener) {
        if (closed) {
            return;
        }
        if (lost) {
            listener.run();
        } else {
            lostListeners.add(listener);
        }
    }

    private void scheduleKeepAlive(long previousSend) {
        scheduleKeepAlive(previousSend, TimeUnit.SECONDS.toNanos(ttlSeconds) / 3);
    }

    private void scheduleKeepAlive(long previousSend, long period) {
        if (closed || lost) {
            return;
        }
        long delay = Math.max(0, previousSend + period - System.nanoTime());
        scheduler.schedule(this::keepAlive, delay, TimeUnit.NANOSECONDS);
    }

    private void keepAlive() {
        if (closed || lost) {
            return;
        }
        if (!isValid()) {
            markLost("no keep-alive was answered in time");
            return;
        }
        long sent = System.nanoTime();
        // A keep-alive unanswered within the validity left cannot extend it anyway; one held up
        // longer than half a period is given up for another attempt (see the class comment).
        long timeout = Math.max(TimeUnit.MILLISECONDS.toNanos(100),
                Math.min(remainingNanos(), TimeUnit.SECONDS.toNanos(ttlSeconds) / 6));
        CompletableFuture<LeaseKeepAliveResponse> call;
        try {
            call = client.getLeaseClient().keepAliveOnce(id);
        } catch (RuntimeException e) {
            // A closed client refuses at once; the deadline still runs out and marks the lease lost.
            call = CompletableFuture.failedFuture(e);
        }
        call.orTimeout(timeout, TimeUnit.NANOSECONDS).whenComplete((response, failure) -> answered(sent, response, failure));
    }

    private void answered(long sent, LeaseKeepAliveResponse response, Throwable failure) {
        if (failure == null && response.getTTL() <= 0) {
            markLost("etcd says the lease has expired");
            return;
        }
        if (failure == null) {
            long next = sent + TimeUnit.SECONDS.toNanos(Math.min(ttlSeconds, response.getTTL()));
            if (next - deadlineNanos > 0 && !lost) {
                deadlineNanos = next;
            }
        } else {
            if (!closed) {
                LOG.log(System.Logger.Level.DEBUG, "keep-alive of lease {0} failed: {1}", Long.toHexString(id),
                        failure.toString());
            }
            scheduleKeepAlive(sent, TimeUnit.SECONDS.toNanos(ttlSeconds) / 12);
            return;
        }
        scheduleKeepAlive(sent);
    }

    private synchronized void markLost(String why) {
        if (lost || closed) {
            return;
        }
        lost = true;
        LOG.log(System.Logger.Level.WARNING, "etcd lease {0} lost: {1}", Long.toHexString(id), why);
        for (Runnable listener : lostListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "lease-lost listener failed", e);
            }
        }
        lostListeners.clear();
    }

    /** Stops keep-alives and revokes the lease (best effort: unrevoked, it expires after its TTL). */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            lost = true;
        }
        try {
            client.getLeaseClient().revoke(id).get(Math.max(1, ttlSeconds), TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "revoking lease {0} failed: {1}", Long.toHexString(id), e.toString());
        }
    }
}
