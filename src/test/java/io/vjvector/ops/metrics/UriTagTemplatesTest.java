package io.vjvector.ops.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UriTagTemplatesTest {

    @ParameterizedTest
    @CsvSource({
            "/collections/c1,                          /collections/{collection_name}",
            "/collections/c1/points,                   /collections/{collection_name}/points",
            "/collections/c1/points/42,                /collections/{collection_name}/points/{id}",
            "/collections/c1/points/search/batch,      /collections/{collection_name}/points/search/batch",
            "/collections/c1/facet,                    /collections/{collection_name}/facet",
            "/collections/c1/points/search/groups,     /collections/{collection_name}/points/search/groups",
            "/collections/c1/points/search/matrix/pairs, /collections/{collection_name}/points/search/matrix/pairs",
            "/collections/c1/index/city,               /collections/{collection_name}/index/{field_name}",
            "/collections/c1/snapshots/upload,         /collections/{collection_name}/snapshots/upload",
            "/collections/c1/snapshots/c1-1.snapshot,  /collections/{collection_name}/snapshots/{snapshot_name}",
            "/collections/c1/x/y/z/w/v/u,              /collections/{collection_name}/{segment}/{segment}/{segment}/{segment}"})
    void rawPathsBecomeBoundedTemplates(String raw, String template) {
        assertEquals(template, UriTagTemplates.template(raw));
    }
}
