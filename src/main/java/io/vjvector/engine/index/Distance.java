package io.vjvector.engine.index;

import io.vjvector.engine.kernels.VectorKernels;

/**
 * Qdrant's distance functions. Internally every index ranks by a <em>similarity</em> where higher
 * is better; {@link #toScore(float)} turns it into the score Qdrant reports (similarity for Cosine
 * and Dot, a distance for Euclid and Manhattan, where lower is better).
 */
public enum Distance {
    /** Cosine similarity; vectors are normalised on insert, so it is a dot product of unit vectors. */
    COSINE("Cosine"),
    /** Euclidean distance; ranked internally by negated squared distance. */
    EUCLID("Euclid"),
    /** Raw dot product. */
    DOT("Dot"),
    /** L1 distance; ranked internally by its negation. */
    MANHATTAN("Manhattan");

    private final String qdrantName;

    Distance(String qdrantName) {
        this.qdrantName = qdrantName;
    }

    /** The name used in Qdrant's API ("Cosine", "Euclid", "Dot", "Manhattan"). */
    public String qdrantName() {
        return qdrantName;
    }

    /** Parses Qdrant's name (exact, case-sensitive as in Qdrant); null if unknown. */
    public static Distance fromQdrantName(String name) {
        for (Distance d : values()) {
            if (d.qdrantName.equals(name)) {
                return d;
            }
        }
        return null;
    }

    /** Whether stored and query vectors are normalised to unit length first. */
    public boolean normalizes() {
        return this == COSINE;
    }

    /** Higher-is-better similarity of two prepared (normalised if {@link #normalizes()}) vectors. */
    public float similarity(VectorKernels k, float[] a, int aOffset, float[] b, int bOffset, int length) {
        return switch (this) {
            case COSINE, DOT -> k.dot(a, aOffset, b, bOffset, length);
            case EUCLID -> -k.squareDistance(a, aOffset, b, bOffset, length);
            case MANHATTAN -> -k.l1Distance(a, aOffset, b, bOffset, length);
        };
    }

    /** The score Qdrant reports for an internal similarity. */
    public float toScore(float similarity) {
        return switch (this) {
            case COSINE, DOT -> similarity;
            case EUCLID -> (float) Math.sqrt(Math.max(0f, -similarity));
            case MANHATTAN -> -similarity;
        };
    }

    /** Whether a reported score is better when higher (Cosine, Dot) or when lower (distances). */
    public boolean higherScoreIsBetter() {
        return this == COSINE || this == DOT;
    }

    /** Returns a unit-length copy of {@code v} (or a copy of {@code v} itself if its norm is 0). */
    public static float[] normalized(VectorKernels k, float[] v) {
        float inv = inverseNorm(k, v);
        float[] out = v.clone();
        if (inv != 1f) {
            for (int i = 0; i < out.length; i++) {
                out[i] *= inv;
            }
        }
        return out;
    }

    /**
     * The factor {@link #normalized} multiplies every component by: 1 / the Euclidean norm, or 1
     * for a zero vector. A store that keeps the components and this factor decodes them to exactly
     * the normalised floats.
     */
    public static float inverseNorm(VectorKernels k, float[] v) {
        float norm = (float) Math.sqrt(k.dot(v, v));
        return norm > 0f ? 1f / norm : 1f;
    }
}
