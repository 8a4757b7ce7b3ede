package io.vjvector.ops.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * Keeps the {@code uri} tag of HTTP metrics a template. A request rejected before it reaches a
 * resource (body too large, wrong media type) is tagged with its raw path, which would create a
 * series per collection name and point id; such paths are rewritten segment by segment into
 * {@code /collections/{collection_name}/points/{id}} style, so the number of series stays bounded.
 */
public class UriTagTemplates {

    private static final String URI = "uri";
    private static final String PREFIX = "/collections/";
    /** Path words of the collection API; every other segment is a name or an id. */
    private static final Set<String> WORDS = Set.of("points", "search", "batch", "recommend", "query", "scroll",
            "count", "delete", "payload", "clear", "index", "exists", "snapshots", "recover", "upload", "facet", "groups",
            "matrix", "pairs", "offsets");
    private static final int MAX_SEGMENTS = 6;

    @Produces
    @Singleton
    MeterFilter templatedUris() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String uri = id.getTag(URI);
                if (!id.getName().equals(HttpLatencyHistograms.HTTP_SERVER_REQUESTS) || uri == null
                        || !uri.startsWith(PREFIX) || uri.contains("{")) {
                    return id;
                }
                return id.replaceTags(id.getTags().stream()
                        .map(t -> t.getKey().equals(URI) ? Tag.of(URI, template(uri)) : t).toList());
            }
        };
    }

    static String template(String rawPath) {
        String[] segments = rawPath.substring(1).split("/", -1);
        StringBuilder out = new StringBuilder("/collections/{collection_name}");
        for (int i = 2; i < Math.min(segments.length, MAX_SEGMENTS); i++) {
            String s = segments[i];
            String previous = segments[i - 1];
            out.append('/').append(WORDS.contains(s) ? s
                    : previous.equals("points") ? "{id}"
                    : previous.equals("index") ? "{field_name}"
                    : previous.equals("snapshots") ? "{snapshot_name}" : "{segment}");
        }
        return out.toString();
    }
}
