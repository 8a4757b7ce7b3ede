package io.vjvector.api.dto;

import java.util.List;

/** Qdrant's CollectionsResponse. */
public record CollectionsList(List<Description> collections) {

    public record Description(String name) {
    }

    public static CollectionsList of(List<String> names) {
        return new CollectionsList(names.stream().map(Description::new).toList());
    }
}
