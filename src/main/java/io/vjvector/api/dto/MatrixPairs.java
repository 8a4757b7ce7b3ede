package io.vjvector.api.dto;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.vjvector.collection.DistanceMatrix;
import io.vjvector.collection.ScoredPoint;
import io.vjvector.engine.point.PointId;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Qdrant's SearchMatrixPairsResponse: for each sampled point {@code a}, its nearest {@code b} with the score. */
public record MatrixPairs(List<Pair> pairs) {

    public record Pair(
            @JsonSerialize(using = PointIdSerializer.class) @Schema(oneOf = {Long.class, String.class}) PointId a,
            @JsonSerialize(using = PointIdSerializer.class) @Schema(oneOf = {Long.class, String.class}) PointId b,
            float score) {
    }

    public static MatrixPairs of(DistanceMatrix matrix) {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < matrix.ids().size(); i++) {
            for (ScoredPoint p : matrix.nearest().get(i)) {
                pairs.add(new Pair(matrix.ids().get(i), p.id(), p.score()));
            }
        }
        return new MatrixPairs(pairs);
    }
}
