package io.vjvector.engine.shard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds that keep a shard's log from a sequence on past checkpoints, each until it is released or
 * expires. A leader streaming its checkpoint to a copy takes one: the copy continues from the log
 * right after that checkpoint's sequence, and under heavy writes the leader's next checkpoint
 * would otherwise delete that part of the log before the copy asks for it, sending the copy into
 * another transfer. The expiry bounds how much log an abandoned hold keeps.
 */
final class LogHolds {

    private final List<Hold> holds = new ArrayList<>();

    /** A hold on the log from {@link #from} on; moved forward as its holder learns more, then released. */
    final class Hold implements LogHold {
        private long from;
        private final long expiresNanos;

        private Hold(long from, long expiresNanos) {
            this.from = from;
            this.expiresNanos = expiresNanos;
        }

        @Override
        public void moveTo(long sequence) {
            synchronized (LogHolds.this) {
                from = Math.max(from, sequence);
            }
        }

        @Override
        public void close() {
            synchronized (LogHolds.this) {
                holds.remove(this);
            }
        }
    }

    synchronized LogHold hold(long from, Duration ttl) {
        Hold h = new Hold(from, System.nanoTime() + ttl.toNanos());
        holds.add(h);
        return h;
    }

    /** The first sequence some live hold keeps, or {@link Long#MAX_VALUE} when none does. */
    synchronized long earliest() {
        long now = System.nanoTime();
        holds.removeIf(h -> now - h.expiresNanos > 0);
        long min = Long.MAX_VALUE;
        for (Hold h : holds) {
            min = Math.min(min, h.from);
        }
        return min;
    }
}
