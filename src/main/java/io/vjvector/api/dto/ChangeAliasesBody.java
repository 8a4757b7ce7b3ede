package io.vjvector.api.dto;

import com.fasterxml.jackson.databind.JsonNode;

/** Body of {@code POST /collections/aliases}: {@code actions} is read by {@link io.vjvector.api.request.AliasActionsReader}. */
public record ChangeAliasesBody(JsonNode actions) {
}
