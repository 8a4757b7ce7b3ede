package io.vjvector.engine.storage;

/** When the write-ahead log forces appended records to stable storage. */
public enum FsyncPolicy {
    /**
     * An append is durable before it is acknowledged. Concurrent appenders share one fsync
     * (group commit), so throughput grows with concurrency instead of being capped at one
     * record per disk flush.
     */
    ALWAYS,
    /**
     * A background thread forces the log every {@link WalOptions#fsyncInterval()}; a machine
     * crash loses at most about one interval of acknowledged writes.
     */
    INTERVAL,
    /**
     * The operating system decides when data reaches the disk. A process crash loses nothing
     * (the page cache survives it); a machine crash can lose any number of recent writes.
     */
    NEVER
}
