package io.vjvector.api.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.config.VJVectorConfig;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.filter.FilterException;
import jakarta.enterprise.context.ApplicationScoped;

/** Parses Qdrant filters with the configured nesting limit, naming paths relative to the whole body. */
@ApplicationScoped
public class FilterReader {

    /** The root name {@link Filter#parse} uses in the paths it reports. */
    private static final String PARSER_ROOT = "filter";

    private final int maxDepth;

    public FilterReader(VJVectorConfig config) {
        this.maxDepth = config.limits().maxFilterDepth();
    }

    /** Null when no filter is given. */
    public Filter read(JsonNode node, String path) {
        if (!JsonValues.present(node)) {
            return null;
        }
        try {
            return Filter.parse(node, maxDepth);
        } catch (FilterException e) {
            if (path.equals(PARSER_ROOT) || !e.path().startsWith(PARSER_ROOT)) {
                throw e;
            }
            // A filter inside a batch or selector: report searches[2].filter.must[0] rather than filter.must[0].
            String rule = e.getMessage().substring(e.path().length() + 2);
            throw new FilterException(path + e.path().substring(PARSER_ROOT.length()), rule);
        }
    }
}
