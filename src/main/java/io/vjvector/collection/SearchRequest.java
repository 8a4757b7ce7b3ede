package io.vjvector.collection;

/** A nearest-neighbour search for {@code vector}; everything else is in {@code options}. */
public record SearchRequest(float[] vector, SearchOptions options) {
}
