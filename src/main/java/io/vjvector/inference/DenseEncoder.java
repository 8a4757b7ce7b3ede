package io.vjvector.inference;

import java.util.List;

/**
 * A model that turns texts into dense vectors of one fixed size. Implementations are thread-safe
 * and either return a vector for every text or throw: a batch is never answered in part.
 */
public interface DenseEncoder {

    /** The model's name as the registry knows it (lower case). */
    String name();

    /** The size of every vector {@link #embed} returns (a remote model may be asked once to learn it). */
    int dimension();

    /**
     * One vector per text, in order.
     *
     * @throws io.vjvector.error.VJVectorException a provider that failed (502), is unavailable or
     *                                             circuit-broken (503) or too slow (504); the message
     *                                             names the model
     */
    float[][] embed(List<String> texts);
}
