package io.vjvector.collection;

/** What a collection name stands for in a {@link LocalCollectionService} right now. */
sealed interface CollectionState {

    /** Being created: not visible yet, but the name is taken. */
    record Creating() implements CollectionState {
    }

    /** Listed, but its shards are still being loaded at start-up (503 until done). */
    record Loading() implements CollectionState {
    }

    /** Listed, but loading failed (503 with the reason, e.g. a damaged file and offset). */
    record Failed(String reason) implements CollectionState {
    }

    /** Serving. */
    record Ready(LocalCollection collection) implements CollectionState {
    }
}
