package io.vjvector.engine.kernels;

import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Child-JVM entry point for {@link VectorKernelsProviderTest}: selects kernels for the mode given
 * as the first argument, twice, and prints what came back or what was thrown, and every record
 * the provider logged. Runs, like the application, with JBoss LogManager as the
 * {@code java.util.logging} manager, which is also where {@link System.Logger} output goes.
 */
final class ProviderProbe {

    private ProviderProbe() {
    }

    public static void main(String[] args) {
        Logger.getLogger("io.vjvector.engine.kernels").addHandler(new StdoutHandler());
        KernelMode mode = KernelMode.parse(args[0]);
        try {
            VectorKernels first = VectorKernelsProvider.select(mode, false);
            VectorKernels second = VectorKernelsProvider.select(mode, false);
            System.out.println("selected: " + first.name() + (first == second ? " (cached)" : " (not cached)"));
        } catch (RuntimeException e) {
            System.out.println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static final class StdoutHandler extends Handler {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            System.out.println("log " + record.getLevel() + ": " + formatter.formatMessage(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
