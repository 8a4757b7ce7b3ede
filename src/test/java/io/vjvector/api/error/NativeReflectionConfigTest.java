package io.vjvector.api.error;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The native image's extra reflection registrations (native-profile/) cannot be exercised here (no
 * GraalVM), so this keeps them honest: every entry names a class that exists, and the error body
 * that exception mappers hand to Jackson inside a {@code Response} (invisible to Quarkus's own
 * registration) is listed.
 */
class NativeReflectionConfigTest {

    private static final Path REFLECT_CONFIG = Path.of(
            "native-profile/resources/META-INF/native-image/io.vjvector/vjvector/reflect-config.json");

    @Test
    void everyRegisteredClassExists() throws IOException {
        for (String name : registeredNames()) {
            assertDoesNotThrow(() -> Class.forName(name, false, getClass().getClassLoader()),
                    () -> REFLECT_CONFIG + " names a class that does not exist: " + name);
        }
    }

    @Test
    void errorBodyRecordsAreRegistered() throws IOException {
        Set<String> names = registeredNames();
        for (Class<?> type : new Class<?>[] {ErrorResponse.class, ErrorResponse.Status.class}) {
            assertTrue(names.contains(type.getName()), () -> type.getName() + " missing from " + REFLECT_CONFIG);
        }
    }

    private static Set<String> registeredNames() throws IOException {
        Set<String> names = new HashSet<>();
        for (JsonNode entry : new ObjectMapper().readTree(REFLECT_CONFIG.toFile())) {
            names.add(entry.get("name").asText());
        }
        return names;
    }
}
