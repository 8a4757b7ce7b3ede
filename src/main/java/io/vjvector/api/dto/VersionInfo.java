package io.vjvector.api.dto;

/**
 * Answer of {@code GET /}, not wrapped in the envelope, with exactly Qdrant's keys. Clients
 * compare {@code version} with their own major.minor, so it is the Qdrant API version VJVector
 * follows; VJVector's own version is in {@code GET /telemetry} ({@code app.version}).
 *
 * @param commit the source revision of the build, or null when the build does not record one
 */
public record VersionInfo(String title, String version, String commit) {
}
