package io.vjvector.engine.shard;

/**
 * What {@link Shard#rebuild} did.
 *
 * @param vectorsBefore ordinals of the replaced index, deleted and replaced ones included
 * @param points        live points the rebuilt index was built from (captured at the start)
 * @param caughtUp      operations committed during the build and applied to the rebuilt state at the swap
 * @param vectorsAfter  ordinals of the rebuilt index right after the swap
 * @param ramBefore     heap held by the replaced index
 * @param ramAfter      heap held by the rebuilt index right after the swap
 * @param buildNanos    time from the capture to the start of the swap (writes continue meanwhile)
 * @param swapNanos     time writes were paused to catch up and swap
 */
public record RebuildResult(int vectorsBefore, int points, int caughtUp, int vectorsAfter, long ramBefore,
                            long ramAfter, long buildNanos, long swapNanos) {
}
