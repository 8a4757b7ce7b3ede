package io.vjvector.security;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one table of what every endpoint asks of its caller. It is matched on the raw method and
 * path, before the request is routed or its body read. A request that matches no rule is treated
 * as {@link Permission#MANAGE} (fail closed), and {@code EndpointRulesCoverageTest} fails for any
 * endpoint of the OpenAPI document without a rule.
 */
public final class EndpointRules {

    /**
     * The service endpoints a caller of a tenant may reach: the metrics, which
     * {@code io.vjvector.ops.metrics.TenantMetricsRoute} answers it with its own collections' series only.
     */
    public static final List<String> TENANT_METRICS_PATHS = List.of("/q/metrics", "/metrics");

    /** The path parameter that names the collection a rule is about. */
    private static final String COLLECTION = "{collection_name}";

    private static final List<EndpointRule> RULES = List.of(
            // Service: Qdrant leaves the banner and probes open for load balancers and clients' version checks.
            rule("GET", "/", Permission.OPEN),
            rule("GET", "/healthz", Permission.OPEN),
            rule("GET", "/livez", Permission.OPEN),
            rule("GET", "/readyz", Permission.OPEN),
            rule("GET", "/q/health/**", Permission.OPEN),
            rule("GET", "/q/health", Permission.OPEN),
            rule("GET", "/telemetry", Permission.SERVICE),
            rule("GET", "/metrics", Permission.SERVICE),
            rule("GET", "/q/metrics", Permission.SERVICE),
            rule("GET", "/q/openapi", Permission.SERVICE),
            rule("GET", "/q/swagger-ui/**", Permission.SERVICE),
            rule("GET", "/q/swagger-ui", Permission.SERVICE),
            rule("GET", "/q/dev-ui/**", Permission.SERVICE),
            rule("GET", "/q/dev-ui", Permission.SERVICE),
            // Collections and aliases.
            rule("GET", "/collections", Permission.READ),
            rule("GET", "/aliases", Permission.READ),
            rule("POST", "/collections/aliases", Permission.MANAGE),
            rule("PUT", "/collections/{collection_name}", Permission.MANAGE),
            rule("PATCH", "/collections/{collection_name}", Permission.MANAGE),
            rule("DELETE", "/collections/{collection_name}", Permission.MANAGE),
            rule("GET", "/collections/{collection_name}", Permission.READ),
            rule("GET", "/collections/{collection_name}/exists", Permission.READ),
            rule("GET", "/collections/{collection_name}/aliases", Permission.READ),
            // Cluster: topology and shard placement, admins only.
            rule("GET", "/cluster", Permission.MANAGE),
            rule("GET", "/cluster/vjvector", Permission.MANAGE),
            rule("GET", "/collections/{collection_name}/cluster", Permission.MANAGE),
            rule("POST", "/collections/{collection_name}/cluster", Permission.MANAGE),
            // Field indexes.
            rule("PUT", "/collections/{collection_name}/index", Permission.MANAGE),
            rule("DELETE", "/collections/{collection_name}/index/{field_name}", Permission.MANAGE),
            // Snapshots hold a whole collection: admins only, listing included.
            rule("POST", "/collections/{collection_name}/snapshots", Permission.MANAGE),
            rule("GET", "/collections/{collection_name}/snapshots", Permission.MANAGE),
            rule("GET", "/collections/{collection_name}/snapshots/{snapshot_name}", Permission.MANAGE),
            rule("DELETE", "/collections/{collection_name}/snapshots/{snapshot_name}", Permission.MANAGE),
            rule("PUT", "/collections/{collection_name}/snapshots/recover", Permission.MANAGE),
            rule("POST", "/collections/{collection_name}/snapshots/upload", Permission.MANAGE),
            // Points: reads.
            rule("POST", "/collections/{collection_name}/points", Permission.READ),
            rule("GET", "/collections/{collection_name}/points/{id}", Permission.READ),
            rule("POST", "/collections/{collection_name}/points/scroll", Permission.READ),
            rule("POST", "/collections/{collection_name}/points/count", Permission.READ),
            rule("POST", "/collections/{collection_name}/points/search", Permission.READ),
            rule("POST", "/collections/{collection_name}/points/search/batch", Permission.READ),
            rule("POST", "/collections/{collection_name}/points/recommend", Permission.READ),
            rule("POST", "/collections/{collection_name}/points/recommend/batch", Permission.READ),
            rule("POST", "/collections/{collection_name}/points/query", Permission.READ),
            rule("POST", "/collections/{collection_name}/points/query/batch", Permission.READ),
            rule("POST", "/collections/{collection_name}/facet", Permission.READ),
            rule("POST", "/collections/{collection_name}/points/search/groups", Permission.READ),
            rule("POST", "/collections/{collection_name}/points/recommend/groups", Permission.READ),
            rule("POST", "/collections/{collection_name}/points/query/groups", Permission.READ),
            rule("POST", "/collections/{collection_name}/points/discover", Permission.READ),
            rule("POST", "/collections/{collection_name}/points/discover/batch", Permission.READ),
            rule("POST", "/collections/{collection_name}/points/search/matrix/pairs", Permission.READ),
            rule("POST", "/collections/{collection_name}/points/search/matrix/offsets", Permission.READ),
            rule("POST", "/collections/{collection_name}/documents/search", Permission.READ),
            rule("GET", "/collections/{collection_name}/documents/{document_id}", Permission.READ),
            rule("GET", "/collections/{collection_name}/documents/operations/{operation_id}", Permission.READ),
            rule("POST", "/collections/{collection_name}/rag", Permission.READ),
            rule("POST", "/embed", Permission.READ),
            // Points: writes.
            rule("PUT", "/collections/{collection_name}/points", Permission.WRITE),
            rule("POST", "/collections/{collection_name}/points/delete", Permission.WRITE),
            rule("PUT", "/collections/{collection_name}/points/vectors", Permission.WRITE),
            rule("POST", "/collections/{collection_name}/points/vectors/delete", Permission.WRITE),
            rule("POST", "/collections/{collection_name}/points/payload", Permission.WRITE),
            rule("PUT", "/collections/{collection_name}/points/payload", Permission.WRITE),
            rule("POST", "/collections/{collection_name}/points/payload/delete", Permission.WRITE),
            rule("POST", "/collections/{collection_name}/points/payload/clear", Permission.WRITE),
            rule("POST", "/collections/{collection_name}/points/batch", Permission.WRITE),
            rule("POST", "/collections/{collection_name}/documents", Permission.WRITE),
            rule("DELETE", "/collections/{collection_name}/documents/{document_id}", Permission.WRITE),
            rule("PUT", "/collections/{collection_name}/vectors/{vector_name}", Permission.MANAGE),
            rule("DELETE", "/collections/{collection_name}/vectors/{vector_name}", Permission.MANAGE),
            // Managed API keys: creating one hands out access, listing shows who has it.
            rule("POST", "/auth/api-keys", Permission.MANAGE),
            rule("GET", "/auth/api-keys", Permission.MANAGE),
            rule("DELETE", "/auth/api-keys/{id}", Permission.MANAGE),
            // Node to node: shard calls of a gateway, signed with the cluster secret (not user API).
            rule("POST", "/internal/v1/collections/{collection_name}/shards/{shard_id}/{call}", Permission.CLUSTER),
            rule("POST", "/internal/v1/collections/{collection_name}/shards/{shard_id}/replication/apply",
                    Permission.CLUSTER),
            rule("POST", "/internal/v1/collections/{collection_name}/shards/{shard_id}/replication/epoch-end/{epoch}",
                    Permission.CLUSTER),
            rule("POST", "/internal/v1/collections/{collection_name}/shards/{shard_id}/replication/handover", Permission.CLUSTER),
            rule("GET", "/internal/v1/collections/{collection_name}/shards/{shard_id}/replication/transfer",
                    Permission.CLUSTER),
            rule("POST",
                    "/internal/v1/collections/{collection_name}/shards/{shard_id}/replication/transfer-required/{log_start}",
                    Permission.CLUSTER),
            rule("POST", "/internal/v1/collections/{collection_name}/config-version", Permission.CLUSTER));

    private EndpointRules() {
    }

    /** Every rule, for tests. */
    public static List<EndpointRule> all() {
        return RULES;
    }

    /**
     * The rule for a request, with the collection its path names. Literal segments win over
     * parameters ({@code /collections/aliases} is not a collection called "aliases"), as JAX-RS
     * routes them. HEAD is judged as GET.
     */
    public static Optional<Match> match(String method, String path) {
        String m = method.toUpperCase(Locale.ROOT);
        String wanted = "HEAD".equals(m) ? "GET" : m;
        String[] segments = segments(path);
        Match best = null;
        int bestLiterals = -1;
        for (EndpointRule rule : RULES) {
            if (!rule.method().equals(wanted)) {
                continue;
            }
            int literals = rule.literalMatches(segments);
            if (literals > bestLiterals) {
                best = new Match(rule, rule.collection(segments));
                bestLiterals = literals;
            }
        }
        return Optional.ofNullable(best);
    }

    static String[] segments(String path) {
        String trimmed = path;
        while (trimmed.endsWith("/") && trimmed.length() > 1) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty() || "/".equals(trimmed)) {
            return new String[0];
        }
        return (trimmed.startsWith("/") ? trimmed.substring(1) : trimmed).split("/", -1);
    }

    private static EndpointRule rule(String method, String template, Permission permission) {
        return new EndpointRule(method, template, permission, segments(template));
    }

    /** A rule matched by a request, and the collection name its path holds (null when none). */
    public record Match(EndpointRule rule, String collection) {
    }

    /**
     * One endpoint: a path template whose {@code {param}} segments match one segment each and a
     * final {@code **} matches the rest.
     */
    public record EndpointRule(String method, String template, Permission permission, String[] parts) {

        /** How many literal segments match, or -1 when the path does not match at all. */
        int literalMatches(String[] segments) {
            boolean rest = parts.length > 0 && "**".equals(parts[parts.length - 1]);
            int fixed = rest ? parts.length - 1 : parts.length;
            if (rest ? segments.length < fixed : segments.length != fixed) {
                return -1;
            }
            int literals = 0;
            for (int i = 0; i < fixed; i++) {
                if (parts[i].startsWith("{")) {
                    if (segments[i].isEmpty()) {
                        return -1;
                    }
                } else if (parts[i].equals(segments[i])) {
                    literals++;
                } else {
                    return -1;
                }
            }
            return literals;
        }

        String collection(String[] segments) {
            for (int i = 0; i < parts.length && i < segments.length; i++) {
                if (COLLECTION.equals(parts[i])) {
                    return PathDecoding.decode(segments[i]);
                }
            }
            return null;
        }
    }
}
