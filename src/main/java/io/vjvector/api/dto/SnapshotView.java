package io.vjvector.api.dto;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.vjvector.collection.snapshot.SnapshotDescription;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Qdrant's {@code SnapshotDescription}: {@code creation_time} is UTC without a zone, to the
 * second ({@code 2024-03-04T12:00:00}), and {@code checksum} the file's SHA-256 in hex.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SnapshotView(String name, String creationTime, long size, String checksum) {

    public static SnapshotView of(SnapshotDescription d) {
        LocalDateTime time = LocalDateTime.ofInstant(d.creationTime(), ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        return new SnapshotView(d.name(), time.toString(), d.size(), d.checksum());
    }
}
