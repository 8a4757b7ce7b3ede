package io.vjvector.engine.shard;

import java.nio.file.Path;

/**
 * A checkpoint written by {@link DurableShard#checkpoint()}.
 *
 * @param file            the checkpoint file
 * @param sequence        last log sequence it covers
 * @param bytes           size of the file
 * @param points          live points in it
 * @param pauseNanos      how long writes were paused to capture the shard
 * @param writeNanos      time to write and sync the file
 * @param removedSegments log segments deleted because the checkpoint covers them
 */
public record CheckpointResult(Path file, long sequence, long bytes, int points, long pauseNanos, long writeNanos,
                               int removedSegments) {
}
