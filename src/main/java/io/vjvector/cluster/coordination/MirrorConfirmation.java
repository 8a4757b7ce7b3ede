package io.vjvector.cluster.coordination;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Keeps confirming that a {@link PrefixMirror} holds what etcd holds ({@link PrefixMirror#confirmCurrent}),
 * four times per {@code maxAge}, and tells whether the copy was confirmed within the last
 * {@code maxAge}: the freshness bound of whatever is decided from the copy.
 *
 * <p>A confirmation counts from when its read was <em>sent</em>, not when it came back: the read
 * reflects every change committed before it was sent, so a change made at time T is in the copy,
 * or the copy is no longer confirmed, by T + {@code maxAge} at the latest. A watch alone cannot
 * promise that: a node cut off from etcd (a partition that drops packets, etcd paused) sees no
 * error, only silence, and silence looks the same as nothing having changed.
 *
 * <p>Freshness is computed when asked, from the last confirmation's send time, so it runs out on
 * its own while a read hangs; the confirming thread only ever moves it forward.
 */
final class MirrorConfirmation implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(MirrorConfirmation.class.getName());

    private final PrefixMirror mirror;
    private final String what;
    private final Duration maxAge;
    private final Thread thread;
    private volatile long confirmedAtNanos;
    private volatile boolean closed;

    private MirrorConfirmation(PrefixMirror mirror, String what, Duration maxAge, long confirmedAtNanos) {
        this.mirror = mirror;
        this.what = what;
        this.maxAge = maxAge;
        this.confirmedAtNanos = confirmedAtNanos;
        this.thread = new Thread(this::run, "etcd-confirm");
        thread.setDaemon(true);
    }

    /**
     * Starts confirming {@code mirror} on a thread of its own.
     *
     * @param what             names the copy in log lines
     * @param confirmedAtNanos {@link System#nanoTime} when the read the mirror started from was sent
     * @param maxAge           how long a confirmation keeps the copy current; positive
     */
    static MirrorConfirmation start(PrefixMirror mirror, String what, long confirmedAtNanos, Duration maxAge) {
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("the freshness bound of " + what + " must be positive, not " + maxAge);
        }
        MirrorConfirmation confirmation = new MirrorConfirmation(mirror, what, maxAge, confirmedAtNanos);
        confirmation.thread.start();
        return confirmation;
    }

    /** How long ago the latest confirmation that succeeded was sent. */
    Duration age() {
        return Duration.ofNanos(System.nanoTime() - confirmedAtNanos);
    }

    /** True while the copy was confirmed within the last {@code maxAge}. */
    boolean isCurrent() {
        return System.nanoTime() - confirmedAtNanos < maxAge.toNanos();
    }

    Duration maxAge() {
        return maxAge;
    }

    private void run() {
        // Four tries per bound: a slow or lost read or two still leaves the copy current.
        long period = maxAge.toNanos() / 4;
        boolean wasCurrent = true;
        while (!closed) {
            long sent = System.nanoTime();
            try {
                // A read outstanding for maxAge could no longer keep the copy current anyway.
                if (mirror.confirmCurrent(maxAge)) {
                    confirmedAtNanos = sent;
                }
            } catch (EtcdException e) {
                LOG.log(System.Logger.Level.DEBUG, "confirming {0} failed: {1}", what, e.getMessage());
            } catch (InterruptedException e) {
                return;
            }
            boolean current = isCurrent();
            if (current != wasCurrent && !closed) {
                if (current) {
                    LOG.log(System.Logger.Level.INFO, "{0} confirmed with etcd again", what);
                } else {
                    LOG.log(System.Logger.Level.WARNING, "{0} not confirmed with etcd for {1} ms (bound {2} ms):"
                            + " refused until etcd answers", what, Long.toString(age().toMillis()),
                            Long.toString(maxAge.toMillis()));
                }
                wasCurrent = current;
            }
            long pause = sent + period - System.nanoTime();
            if (pause > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(pause);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
