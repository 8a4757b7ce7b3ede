package io.vjvector.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class InferenceModelsTest {

    @Test
    void knowsQdrantBm25WhateverItsCase() throws Exception {
        for (String name : new String[] {"qdrant/bm25", "Qdrant/bm25", "QDRANT/BM25"}) {
            SparseEncoder encoder = InferenceModels.sparse(name, null).orElseThrow();
            assertTrue(encoder instanceof Bm25Encoder, name);
        }
        Bm25Encoder configured = (Bm25Encoder) InferenceModels
                .sparse("qdrant/bm25", new ObjectMapper().readTree("{\"avg_len\": 10}")).orElseThrow();
        assertEquals(10.0, configured.options().avgLen());
    }

    @Test
    void otherNamesAreNotSparseModels() {
        assertTrue(InferenceModels.sparse("sentence-transformers/all-MiniLM-L6-v2", null).isEmpty());
        assertTrue(InferenceModels.sparse("bm25", null).isEmpty());
        assertTrue(InferenceModels.sparse(null, null).isEmpty());
    }

    @Test
    void invalidOptionsOfAKnownModelAreRefused() throws Exception {
        var options = new ObjectMapper().readTree("{\"b\": 2}");
        var e = assertThrows(IllegalArgumentException.class, () -> InferenceModels.sparse("qdrant/bm25", options));
        assertTrue(e.getMessage().contains("'b'"), e.getMessage());
    }
}
