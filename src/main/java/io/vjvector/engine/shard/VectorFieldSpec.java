package io.vjvector.engine.shard;

import io.vjvector.engine.index.Datatype;
import io.vjvector.engine.index.IndexConfig;

/** How a shard stores and indexes one named vector field. */
public sealed interface VectorFieldSpec {

    /** Qdrant's name of the unnamed vector. */
    String DEFAULT_NAME = "";

    /** A dense vector field with its own HNSW (or flat) index, stored at {@code datatype}'s precision. */
    record Dense(IndexConfig index, Datatype datatype) implements VectorFieldSpec {
        public Dense {
            if (datatype == null) {
                datatype = Datatype.FLOAT32;
            }
        }
    }

    /**
     * A sparse vector field: an inverted index scored by dot product, exactly.
     *
     * @param idf Qdrant's {@code modifier: "idf"}: query values are weighted by the inverse document
     *            frequency over the whole collection (the collection supplies the weights)
     */
    record Sparse(boolean idf) implements VectorFieldSpec {
    }

    /**
     * A multivector field (Qdrant's {@code multivector_config: {comparator: "max_sim"}}): rows of
     * {@code index.dimension()} under {@code index.distance()}, an HNSW over all rows (none when
     * {@code index.exactOnly()}), points scored by MaxSim.
     */
    record Multi(IndexConfig index, Datatype datatype) implements VectorFieldSpec {
        public Multi {
            if (datatype == null) {
                datatype = Datatype.FLOAT32;
            }
        }
    }
}
