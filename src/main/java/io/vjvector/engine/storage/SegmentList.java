package io.vjvector.engine.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * The log's segments in sequence order, published copy-on-write: readers take an immutable
 * snapshot without locking; changes (roll, truncation) happen under the writer's lock.
 */
final class SegmentList {

    private volatile List<Segment> segments;

    SegmentList(List<Segment> initial) {
        segments = List.copyOf(initial);
    }

    List<Segment> snapshot() {
        return segments;
    }

    Segment first() {
        return segments.get(0);
    }

    /** The segment being appended to. */
    Segment last() {
        List<Segment> list = segments;
        return list.get(list.size() - 1);
    }

    void add(Segment segment) {
        List<Segment> next = new ArrayList<>(segments);
        next.add(segment);
        segments = List.copyOf(next);
    }

    /** Replaces the whole list (truncation, reset). */
    void replace(List<Segment> next) {
        segments = List.copyOf(next);
    }

    /** Index of the segment that holds (or would hold) {@code sequence}, or -1 if it is older than all. */
    static int indexOf(List<Segment> list, long sequence) {
        int lo = 0;
        int hi = list.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (list.get(mid).firstSequence() <= sequence) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }
}
