package io.vjvector.api.dto;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fields Qdrant's search, recommend and query bodies share, so that one reader checks them
 * for all three. Each body keeps its own record component list: it is that request's wire schema.
 */
public interface SearchOptionsBody {

    JsonNode filter();

    SearchParamsBody params();

    Integer limit();

    Integer offset();

    Float scoreThreshold();

    JsonNode withPayload();

    JsonNode withVector();
}
