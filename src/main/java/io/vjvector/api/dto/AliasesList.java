package io.vjvector.api.dto;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/** Qdrant's CollectionsAliasesResponse. */
public record AliasesList(List<Description> aliases) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Description(String aliasName, String collectionName) {
    }

    /** From alias name to collection name, in the map's order. */
    public static AliasesList of(Map<String, String> aliases) {
        return new AliasesList(aliases.entrySet().stream().map(e -> new Description(e.getKey(), e.getValue())).toList());
    }
}
