package io.vjvector.engine.index;

/**
 * Result of a search: ordinals with their internal similarity (higher is better; see
 * {@link Distance#toScore(float)}), best first.
 */
public record SearchHits(int[] ordinals, float[] similarities, int count, int visited) {

    public static final SearchHits EMPTY = new SearchHits(new int[0], new float[0], 0, 0);

    public int ordinal(int i) {
        return ordinals[i];
    }

    public float similarity(int i) {
        return similarities[i];
    }
}
