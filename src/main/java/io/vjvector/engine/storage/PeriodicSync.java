package io.vjvector.engine.storage;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Background flusher for {@link FsyncPolicy#INTERVAL}. Stopped through a latch, never by
 * interrupting: the flush must not be interrupted half-way.
 */
final class PeriodicSync implements AutoCloseable {

    /** One flush of everything written so far. */
    @FunctionalInterface
    interface Flush {
        void run() throws IOException;
    }

    private static final System.Logger LOG = System.getLogger(PeriodicSync.class.getName());

    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;

    PeriodicSync(String name, Duration interval, Flush flush) {
        thread = new Thread(() -> loop(interval, flush), name);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop(Duration interval, Flush flush) {
        try {
            while (!stop.await(interval.toNanos(), TimeUnit.NANOSECONDS)) {
                flush.run();
            }
        } catch (IOException e) {
            // The failure is recorded by the group commit; every later append reports it.
            LOG.log(System.Logger.Level.ERROR, "periodic WAL fsync failed; the log accepts no more writes", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop.countDown();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
