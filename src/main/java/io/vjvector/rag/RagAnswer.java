package io.vjvector.rag;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * An answer with its sources. {@code [n]} in the answer refers to {@code citations.get(n - 1)}.
 *
 * @param answer  the LLM's answer, or null when no LLM is configured
 * @param context the numbered context the answer was (or would be) asked from
 */
public record RagAnswer(String answer, List<Citation> citations, String context) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Citation(int number, String documentId, int chunkIndex, String text, float score) {
    }
}
