package io.vjvector.api.dto;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Qdrant's TelemetryData ({@code GET /telemetry}) with the members it requires: this instance's
 * id, the application and the number of collections. Qdrant's optional sections (cluster,
 * requests, memory, hardware) are left out; the metrics are on {@code /metrics}.
 */
public record TelemetryView(String id, App app, Collections collections) {

    /**
     * @param name    the application ("vjvector")
     * @param version VJVector's version
     * @param startup when this process started (ISO-8601)
     */
    public record App(String name, String version, String startup) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Collections(int numberOfCollections) {
    }
}
