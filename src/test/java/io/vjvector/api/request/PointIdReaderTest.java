package io.vjvector.api.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vjvector.engine.point.PointId;
import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PointIdReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    @Test
    void readsTheWholeUnsigned64BitRange() throws Exception {
        assertEquals(PointId.of(0), PointIdReader.read(json("0"), "id"));
        assertEquals(PointId.of(Long.MAX_VALUE), PointIdReader.read(json("9223372036854775807"), "id"));
        assertEquals(PointId.of(-1L), PointIdReader.read(json("18446744073709551615"), "id"));
    }

    @Test
    void readsHyphenatedAndSimpleUuids() throws Exception {
        UUID u = UUID.fromString("f47ac10b-58cc-4372-a567-0e02b2c3d479");
        assertEquals(PointId.of(u), PointIdReader.read(json("\"f47ac10b-58cc-4372-a567-0e02b2c3d479\""), "id"));
        assertEquals(PointId.of(u), PointIdReader.read(json("\"F47AC10B58CC4372A5670E02B2C3D479\""), "id"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "18446744073709551616", "1.5", "1.0", "\"12\"", "\"1-2-3-4-5\"", "true", "{}",
            "[1]", "\"\"", "null"})
    void rejectsAnythingElseNamingTheField(String id) throws Exception {
        VJVectorException e = assertThrows(VJVectorException.class, () -> PointIdReader.read(json(id), "points[2].id"));
        assertEquals(ErrorKind.BAD_REQUEST, e.kind());
        assertEquals("points[2].id", e.field());
        assertTrue(e.getMessage().contains("unsigned 64-bit integer"), e.getMessage());
    }

    @Test
    void pathSegmentsAreDigitsOrUuids() {
        assertEquals(PointId.of(-1L), PointIdReader.fromPathSegment("18446744073709551615", "id"));
        assertEquals(PointId.of(UUID.fromString("f47ac10b-58cc-4372-a567-0e02b2c3d479")),
                PointIdReader.fromPathSegment("f47ac10b-58cc-4372-a567-0e02b2c3d479", "id"));
        assertThrows(VJVectorException.class, () -> PointIdReader.fromPathSegment("18446744073709551616", "id"));
        assertThrows(VJVectorException.class, () -> PointIdReader.fromPathSegment("abc", "id"));
    }
}
