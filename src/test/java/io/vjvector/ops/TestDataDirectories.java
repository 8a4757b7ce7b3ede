package io.vjvector.ops;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Declares {@link TemporaryDataDirectory} for the whole test suite: a {@code QuarkusTestResource}
 * that is not restricted to its annotated class applies to every {@code @QuarkusTest}.
 */
@QuarkusTestResource(TemporaryDataDirectory.class)
final class TestDataDirectories {

    private TestDataDirectories() {
    }
}
