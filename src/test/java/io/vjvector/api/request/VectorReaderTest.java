package io.vjvector.api.request;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vjvector.error.VJVectorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VectorReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsFloats() throws Exception {
        assertArrayEquals(new float[] {1f, -0.5f, 0f}, VectorReader.read(JSON.readTree("[1, -0.5, 0]"), "vector", 3));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[1, 2]                  | vector       | expected 3 dimensions, got 2",
            "[1, 2, 3, 4]            | vector       | expected 3 dimensions, got 4",
            "[1, \"NaN\", 3]         | vector[1]    | must be a number",
            "[1, 1e39, 3]            | vector[1]    | finite",
            "[1, -1e400, 3]          | vector[1]    | finite",
            "[1, null, 3]            | vector[1]    | must be a number",
            "{\"a\": [1, 2, 3]}      | vector       | must be an array of 3 numbers",
            "{\"indices\": [1], \"values\": [1]} | vector | not a sparse vector",
            "[[1, 2, 3]]             | vector       | not a multivector",
            "\"1,2,3\"               | vector       | must be an array",
            "null                    | vector       | is required"})
    void rejectsNamingTheElementAndTheRule(String json, String field, String rule) throws Exception {
        VJVectorException e = assertThrows(VJVectorException.class,
                () -> VectorReader.read(JSON.readTree(json), "vector", 3));
        assertEquals(field, e.field());
        assertTrue(e.getMessage().contains(rule), e.getMessage());
    }
}
