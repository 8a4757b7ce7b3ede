package io.vjvector.api.dto;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.vjvector.collection.DistanceMatrix;
import io.vjvector.collection.ScoredPoint;
import io.vjvector.engine.point.PointId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Qdrant's SearchMatrixOffsetsResponse, a sparse matrix in coordinate form: entry {@code k} is
 * {@code scores[k]} between {@code ids[offsets_row[k]]} and {@code ids[offsets_col[k]]}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MatrixOffsets(
        List<Integer> offsetsRow,
        List<Integer> offsetsCol,
        List<Float> scores,
        @JsonSerialize(contentUsing = PointIdSerializer.class) List<PointId> ids) {

    public static MatrixOffsets of(DistanceMatrix matrix) {
        Map<PointId, Integer> position = new HashMap<>();
        for (int i = 0; i < matrix.ids().size(); i++) {
            position.put(matrix.ids().get(i), i);
        }
        List<Integer> rows = new ArrayList<>();
        List<Integer> cols = new ArrayList<>();
        List<Float> scores = new ArrayList<>();
        for (int row = 0; row < matrix.ids().size(); row++) {
            for (ScoredPoint p : matrix.nearest().get(row)) {
                rows.add(row);
                cols.add(position.get(p.id()));
                scores.add(p.score());
            }
        }
        return new MatrixOffsets(rows, cols, scores, matrix.ids());
    }
}
