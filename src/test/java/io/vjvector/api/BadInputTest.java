package io.vjvector.api;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad input answers a 4xx with Qdrant's error body naming the field and the rule,
 * never a 5xx, and changes nothing: the shared collection reads back the same afterwards and a
 * rejected create leaves no collection behind.
 */
@QuarkusTest
class BadInputTest {

    private static final String JSON = "application/json";
    /** Replaced by the shared collection (4 dimensions, Dot, the four points of {@link Qdrant#upsertFour}). */
    private static final String C = "/collections/{c}";
    /** Replaced by a fresh collection name that must not exist afterwards. */
    private static final String NEW = "/collections/{new}";

    /**
     * One bad request and the error it must get.
     *
     * @param field the JSON path the error must name, or null when the error is not about one field
     * @param rule  a fragment of the rule the error must state
     */
    record Case(String name, String method, String path, String contentType, String body, int status, String field,
                String rule) {

        static Case of(String name, String method, String path, String body, int status, String field, String rule) {
            return new Case(name, method, path, JSON, body, status, field, rule);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static String sharedCollection;
    /** What the shared collection reads back as, taken once when it is filled. */
    private static String sharedContents;

    static Stream<Case> cases() {
        return Stream.of(creates(), upserts(), searches(), queries(), recommends(), reads(), updates(), queryParameters(),
                        protocol())
                .flatMap(s -> s);
    }

    private static Stream<Case> creates() {
        return Stream.of(
                Case.of("vector size 0", "PUT", NEW, "{\"vectors\": {\"size\": 0, \"distance\": \"Dot\"}}", 400,
                        "vectors.size", "between 1 and 65536"),
                Case.of("vector size 65537", "PUT", NEW, "{\"vectors\": {\"size\": 65537, \"distance\": \"Dot\"}}", 422,
                        "vectors.size", "value 65537 invalid, must be from 1 to 65536"),
                Case.of("vector size as a string", "PUT", NEW, "{\"vectors\": {\"size\": \"4\", \"distance\": \"Dot\"}}",
                        400, "vectors.size", "Format error in JSON body: vectors.size: must be an integer"),
                Case.of("unknown distance", "PUT", NEW, "{\"vectors\": {\"size\": 4, \"distance\": \"Cosinus\"}}", 400,
                        "vectors.distance", "must be one of Cosine, Euclid, Dot, Manhattan"),
                Case.of("named vector of size 0", "PUT", NEW, "{\"vectors\": {\"image\": {\"size\": 0, \"distance\": \"Dot\"}}}",
                        400, "vectors.image.size", "between 1 and 65536"),
                Case.of("named vector without a distance", "PUT", NEW, "{\"vectors\": {\"image\": {\"size\": 4}}}", 400,
                        "vectors.image.distance", "must be one of"),
                Case.of("sparse vector with an unknown modifier", "PUT", NEW, "{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}, "
                        + "\"sparse_vectors\": {\"text\": {\"modifier\": \"bm42\"}}}", 400, "sparse_vectors.text.modifier",
                        "must be \"idf\" or \"none\""),
                Case.of("one name for a dense and a sparse vector", "PUT", NEW, "{\"vectors\": {\"a\": {\"size\": 4, "
                        + "\"distance\": \"Dot\"}}, \"sparse_vectors\": {\"a\": {}}}", 400, "sparse_vectors.a", "already a dense vector"),
                Case.of("quantization quantile under 0.5", "PUT", NEW, "{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}, "
                        + "\"quantization_config\": {\"scalar\": {\"type\": \"int8\", \"quantile\": 0.3}}}", 422,
                        "quantization_config.scalar.quantile", "value 0.3 invalid, must be from 0.5 to 1.0"),
                Case.of("unknown quantization type", "PUT", NEW, "{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}, "
                        + "\"quantization_config\": {\"int4\": {}}}", 400, "quantization_config.int4",
                        "unknown quantization type"),
                Case.of("product quantization", "PUT", NEW, "{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}, "
                        + "\"quantization_config\": {\"product\": {\"compression\": \"x16\"}}}", 400,
                        "quantization_config.product", "not supported"),
                Case.of("scalar quantization without a type", "PUT", NEW, "{\"vectors\": {\"size\": 4, "
                        + "\"distance\": \"Dot\"}, \"quantization_config\": {\"scalar\": {\"quantile\": 0.9}}}", 400,
                        "quantization_config.scalar.type", "is required"),
                Case.of("binary quantization with two bits", "PUT", NEW, "{\"vectors\": {\"size\": 4, "
                        + "\"distance\": \"Dot\"}, \"quantization_config\": {\"binary\": {\"encoding\": \"two_bits\"}}}",
                        400, "quantization_config.binary.encoding", "one_bit"),
                Case.of("quantization disabled on create", "PUT", NEW, "{\"vectors\": {\"size\": 4, "
                        + "\"distance\": \"Dot\"}, \"quantization_config\": \"Disabled\"}", 400, "quantization_config",
                        "must be"),
                Case.of("a vector's quantile above 1", "PUT", NEW, "{\"vectors\": {\"size\": 4, \"distance\": \"Dot\", "
                        + "\"quantization_config\": {\"scalar\": {\"type\": \"int8\", \"quantile\": 1.5}}}}", 422,
                        "vectors.quantization_config.scalar.quantile", "value 1.5 invalid, must be from 0.5 to 1.0"),
                Case.of("PATCH quantization of an unknown vector", "PATCH", C,
                        "{\"vectors\": {\"image\": {\"quantization_config\": \"Disabled\"}}}", 400, "vectors.image",
                        "Not existing vector name"),
                Case.of("PATCH quantile under 0.5", "PATCH", C,
                        "{\"quantization_config\": {\"scalar\": {\"type\": \"int8\", \"quantile\": 0.1}}}", 422,
                        "quantization_config.scalar.quantile", "value 0.1 invalid, must be from 0.5 to 1.0"),
                Case.of("unknown datatype", "PUT", NEW, "{\"vectors\": {\"size\": 4, \"distance\": \"Dot\", \"datatype\": \"int4\"}}",
                        400, "vectors.datatype", "must be one of float32, float16, uint8"),
                Case.of("vectors on disk not a boolean", "PUT", NEW,
                        "{\"vectors\": {\"size\": 4, \"distance\": \"Dot\", \"on_disk\": 1}}", 400, "vectors.on_disk",
                        "Format error in JSON body: vectors.on_disk: must be true or false"),
                Case.of("payload on disk as a string", "PUT", NEW, "{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}, "
                        + "\"on_disk_payload\": \"yes\"}", 400, "on_disk_payload",
                        "Format error in JSON body: on_disk_payload: expected a boolean"),
                Case.of("unknown top-level field", "PUT", NEW, "{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}, "
                        + "\"hnsw\": {\"m\": 8}}", 400, "hnsw", "unknown field"),
                Case.of("unknown wal member", "PUT", NEW, "{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}, "
                        + "\"wal_config\": {\"wal_capacity\": 8}}", 400, "wal_config.wal_capacity", "unknown field"),
                Case.of("wal capacity 0", "PUT", NEW, "{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}, "
                        + "\"wal_config\": {\"wal_capacity_mb\": 0}}", 422, "wal_config.wal_capacity_mb", "value 0 invalid, must be 1 or larger"),
                Case.of("strict mode limit 0", "PUT", NEW, "{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}, "
                        + "\"strict_mode_config\": {\"enabled\": true, \"max_query_limit\": 0}}", 422,
                        "strict_mode_config.max_query_limit", "value 0 invalid, must be 1 or larger"),
                Case.of("metadata not an object", "PUT", NEW, "{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}, "
                        + "\"metadata\": [1]}", 400, "metadata", "must be a JSON object"),
                Case.of("init_from an unknown collection", "PUT", NEW, "{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}, "
                        + "\"init_from\": {\"collection\": \"no_such_collection\"}}", 404, null, "doesn't exist"),
                Case.of("ef_construct below 4", "PUT", NEW, "{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}, "
                        + "\"hnsw_config\": {\"ef_construct\": 2}}", 422, "hnsw_config.ef_construct", "value 2 invalid, must be 4 or larger"),
                Case.of("shard_number 0", "PUT", NEW, "{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}, \"shard_number\": 0}",
                        422, "shard_number", "value 0 invalid, must be 1 or larger"),
                Case.of("two broken ranges, listed together", "PUT", NEW, "{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}, "
                        + "\"shard_number\": 0, \"replication_factor\": 0}", 422, null, "Validation error in JSON body: "
                        + "[replication_factor: value 0 invalid, must be 1 or larger; shard_number: value 0 invalid, must be 1 or larger]"),
                Case.of("shard_number over the limit", "PUT", NEW, "{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}, "
                        + "\"shard_number\": 100000}", 400, "shard_number", "between 1 and 64"),
                Case.of("no vectors", "PUT", NEW, "{}", 400, "vectors", "is required"),
                Case.of("no body", "PUT", NEW, "", 400, "body", "is required"),
                Case.of("forbidden character in name", "PUT", "/collections/bad:name",
                        "{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}}", 422, "collection_name", "Validation error in path parameters: [collection_name: collection name cannot contain \":\" char]"),
                Case.of("malformed JSON", "PUT", NEW, "{\"vectors\": {\"size\": 4,", 400, "vectors",
                        "Format error in JSON body: vectors: malformed JSON"),
                Case.of("content after the JSON", "PUT", NEW, "{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}} {}", 400,
                        null, "malformed JSON"),
                new Case("wrong content type", "PUT", NEW, "text/plain", "{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}}",
                        415, null, "application/json"));
    }

    private static Stream<Case> upserts() {
        String points = C + "/points";
        return Stream.of(
                Case.of("vector dimension mismatch (after a valid point)", "PUT", points,
                        "{\"points\": [{\"id\": 100, \"vector\": [1, 2, 3, 4]}, {\"id\": 101, \"vector\": [1, 2, 3]}]}", 400,
                        "points[1].vector", "expected 4 dimensions, got 3"),
                Case.of("NaN as a string", "PUT", points, "{\"points\": [{\"id\": 100, \"vector\": [1, 2, \"NaN\", 4]}]}", 400,
                        "points[0].vector[2]", "Format error in JSON body: points[0].vector[2]: must be a number"),
                Case.of("number overflowing float", "PUT", points, "{\"points\": [{\"id\": 100, \"vector\": [1, 1e39, 3, 4]}]}",
                        400, "points[0].vector[1]", "finite"),
                Case.of("negative id", "PUT", points,
                        "{\"points\": [{\"id\": 100, \"vector\": [1, 2, 3, 4]}, {\"id\": -1, \"vector\": [1, 2, 3, 4]}]}", 400,
                        "points[1].id", "unsigned 64-bit integer"),
                Case.of("id of 2^64", "PUT", points, "{\"points\": [{\"id\": 18446744073709551616, \"vector\": [1, 2, 3, 4]}]}",
                        400, "points[0].id", "unsigned 64-bit integer"),
                Case.of("id neither integer nor UUID", "PUT", points, "{\"points\": [{\"id\": \"abc\", \"vector\": [1, 2, 3, 4]}]}",
                        400, "points[0].id", "or a UUID string"),
                Case.of("fractional id", "PUT", points, "{\"points\": [{\"id\": 1.5, \"vector\": [1, 2, 3, 4]}]}", 400,
                        "points[0].id", "unsigned 64-bit integer"),
                Case.of("payload not an object", "PUT", points, "{\"points\": [{\"id\": 100, \"vector\": [1, 2, 3, 4], \"payload\": [1]}]}",
                        400, "points[0].payload", "must be a JSON object"),
                Case.of("unknown vector name in a point", "PUT", points,
                        "{\"points\": [{\"id\": 100, \"vector\": {\"a\": [1, 2, 3, 4]}}]}", 400, "points[0].vector.a",
                        "Not existing vector name error: a"),
                Case.of("batch with fewer vectors than ids", "PUT", points,
                        "{\"batch\": {\"ids\": [100, 101], \"vectors\": [[1, 2, 3, 4]]}}", 400, "batch.vectors", "expected 2 vectors"),
                Case.of("batch with a bad id", "PUT", points,
                        "{\"batch\": {\"ids\": [100, \"x\"], \"vectors\": [[1, 2, 3, 4], [1, 2, 3, 4]]}}", 400, "batch.ids[1]",
                        "unsigned 64-bit integer"),
                Case.of("both points and batch", "PUT", points, "{\"points\": [], \"batch\": {\"ids\": [], \"vectors\": []}}", 400,
                        "body", "exactly one"),
                Case.of("points not a list", "PUT", points, "{\"points\": 5}", 400, "points",
                        "Format error in JSON body: points: expected a list"),
                Case.of("too many points", "PUT", points, manyPoints(10_001), 413, "points", "at most 10000 points per request"),
                Case.of("body too large", "PUT", points, manyPoints(25_000), 413, null, "too large"),
                Case.of("unknown collection", "PUT", "/collections/no_such_collection/points",
                        "{\"points\": [{\"id\": 1, \"vector\": [1]}]}", 404, null, "doesn't exist"),
                new Case("upsert as text/plain", "PUT", points, "text/plain", "{\"points\": []}", 415, null, "application/json"));
    }

    private static Stream<Case> searches() {
        String search = C + "/points/search";
        return Stream.of(
                Case.of("limit 0", "POST", search, "{\"vector\": [1, 0, 0, 0], \"limit\": 0}", 422, "limit", "Validation error in JSON body: [limit: value 0 invalid, must be 1 or larger]"),
                Case.of("limit over the maximum", "POST", search, "{\"vector\": [1, 0, 0, 0], \"limit\": 10001}", 400, "limit",
                        "between 1 and 10000"),
                Case.of("limit as a string", "POST", search, "{\"vector\": [1, 0, 0, 0], \"limit\": \"ten\"}", 400, "limit",
                        "Format error in JSON body: limit: expected an integer"),
                Case.of("fractional limit", "POST", search, "{\"vector\": [1, 0, 0, 0], \"limit\": 2.5}", 400, "limit",
                        "expected an integer"),
                Case.of("limit overflowing int", "POST", search, "{\"vector\": [1, 0, 0, 0], \"limit\": 99999999999}", 400,
                        "limit", "expected an integer"),
                Case.of("no limit", "POST", search, "{\"vector\": [1, 0, 0, 0]}", 400, "limit", "is required"),
                Case.of("negative offset", "POST", search, "{\"vector\": [1, 0, 0, 0], \"limit\": 1, \"offset\": -1}", 400,
                        "offset", "between 0 and"),
                Case.of("query vector of the wrong size", "POST", search, "{\"vector\": [1, 0], \"limit\": 1}", 400, "vector",
                        "expected 4 dimensions, got 2"),
                Case.of("unknown named query vector", "POST", search,
                        "{\"vector\": {\"name\": \"a\", \"vector\": [1, 0, 0, 0]}, \"limit\": 1}", 400, "vector",
                        "Not existing vector name error: a"),
                Case.of("infinite score threshold", "POST", search,
                        "{\"vector\": [1, 0, 0, 0], \"limit\": 1, \"score_threshold\": 1e39}", 400, "score_threshold", "finite"),
                Case.of("with_payload of the wrong type", "POST", search,
                        "{\"vector\": [1, 0, 0, 0], \"limit\": 1, \"with_payload\": 5}", 400, "with_payload", "must be true, false"),
                Case.of("with_vector naming a number", "POST", search,
                        "{\"vector\": [1, 0, 0, 0], \"limit\": 1, \"with_vector\": [5]}", 400, "with_vector[0]",
                        "must be a vector name"),
                Case.of("hnsw_ef 0", "POST", search, "{\"vector\": [1, 0, 0, 0], \"limit\": 1, \"params\": {\"hnsw_ef\": 0}}", 400,
                        "params.hnsw_ef", "between 1 and 4096"),
                Case.of("unknown filter clause", "POST", search,
                        "{\"vector\": [1, 0, 0, 0], \"limit\": 1, \"filter\": {\"should_not\": []}}", 400, "filter.should_not",
                        "unknown field"),
                Case.of("filter nested too deep", "POST", search,
                        "{\"vector\": [1, 0, 0, 0], \"limit\": 1, \"filter\": " + nestedFilter(17) + "}", 400, "filter",
                        "nested at most 16 deep"),
                Case.of("bad limit inside a batch", "POST", search + "/batch",
                        "{\"searches\": [{\"vector\": [1, 0, 0, 0], \"limit\": 1}, {\"vector\": [1, 0, 0, 0], \"limit\": 0}]}", 422,
                        "searches[1].limit", "value 0 invalid, must be 1 or larger"),
                Case.of("bad filter inside a batch", "POST", search + "/batch",
                        "{\"searches\": [{\"vector\": [1, 0, 0, 0], \"limit\": 1, \"filter\": {\"must\": [{\"nokey\": 1}]}}]}", 400,
                        "searches[0].filter.must[0]", "unknown field"),
                Case.of("too many searches in a batch", "POST", search + "/batch", "{\"searches\": ["
                        + IntStream.range(0, 101).mapToObj(i -> "{\"vector\": [1, 0, 0, 0], \"limit\": 1}")
                        .collect(Collectors.joining(",")) + "]}", 413, "searches", "at most 100 searches"),
                Case.of("search in an unknown collection", "POST", "/collections/no_such_collection/points/search",
                        "{\"vector\": [1], \"limit\": 1}", 404, null, "doesn't exist"));
    }

    private static Stream<Case> queries() {
        String query = C + "/points/query";
        return Stream.of(
                Case.of("prefetch that is not an object", "POST", query, "{\"prefetch\": [5], \"query\": {\"fusion\": \"rrf\"}}",
                        400, "prefetch[0]", "must be an object"),
                Case.of("fusion without prefetch", "POST", query, "{\"query\": {\"fusion\": \"rrf\"}}", 400, "query",
                        "at least one prefetch"),
                Case.of("unknown fusion", "POST", query,
                        "{\"prefetch\": {\"query\": [1, 0, 0, 0]}, \"query\": {\"fusion\": \"max\"}}", 400, "query.fusion",
                        "must be \"rrf\" or \"dbsf\""),
                Case.of("rrf weights not matching the prefetches", "POST", query,
                        "{\"prefetch\": {\"query\": [1, 0, 0, 0]}, \"query\": {\"rrf\": {\"weights\": [1, 2]}}}", 400,
                        "query.rrf.weights", "one per prefetch"),
                Case.of("order_by query with a bad direction", "POST", query,
                        "{\"query\": {\"order_by\": {\"key\": \"n\", \"direction\": \"up\"}}}", 400,
                        "query.order_by.direction", "\"asc\" or \"desc\""),
                Case.of("sample that is not random", "POST", query, "{\"query\": {\"sample\": \"first\"}}", 400,
                        "query.sample", "must be \"random\""),
                Case.of("formula without prefetch", "POST", query, "{\"query\": {\"formula\": \"$score\"}}", 400,
                        "query", "at least one prefetch"),
                Case.of("formula expression not implemented", "POST", query,
                        "{\"prefetch\": {\"query\": [1, 0, 0, 0]}, \"query\": {\"formula\": {\"sum\": [\"$score\", {\"max\": [1]}]}}}",
                        400, "query.formula.sum[1].max", "not a formula expression"),
                Case.of("formula reserved variable unknown", "POST", query,
                        "{\"prefetch\": {\"query\": [1, 0, 0, 0]}, \"query\": {\"formula\": \"$rank\"}}", 400,
                        "query.formula", "Invalid reserved variable"),
                Case.of("decay midpoint out of range", "POST", query,
                        "{\"prefetch\": {\"query\": [1, 0, 0, 0]}, \"query\": {\"formula\": {\"exp_decay\": {\"x\": \"n\", \"midpoint\": 1}}}}",
                        400, "query.formula.exp_decay.midpoint", "(0.0, 1.0)"),
                Case.of("discover without context", "POST", query,
                        "{\"query\": {\"discover\": {\"target\": [1, 0, 0, 0]}}}", 400, "query.discover.context",
                        "is required"),
                Case.of("context pair without negative", "POST", query,
                        "{\"query\": {\"context\": [{\"positive\": [1, 0, 0, 0]}]}}", 400, "query.context[0]",
                        "{\"positive\": ..., \"negative\": ...}"),
                Case.of("relevance feedback with an unknown strategy", "POST", query,
                        "{\"query\": {\"relevance_feedback\": {\"target\": [1, 0, 0, 0], \"feedback\": [], "
                                + "\"strategy\": {\"rocchio\": {}}}}}", 400, "query.relevance_feedback.strategy",
                        "must be {\"naive\""),
                Case.of("relevance feedback item without a score", "POST", query,
                        "{\"query\": {\"relevance_feedback\": {\"target\": [1, 0, 0, 0], \"feedback\": [{\"example\": 1}], "
                                + "\"strategy\": {\"naive\": {\"a\": 1, \"b\": 1, \"c\": 1}}}}}", 400,
                        "query.relevance_feedback.feedback[0]", "{\"example\": ..., \"score\": ...}"),
                Case.of("lookup_from without collection", "POST", query,
                        "{\"query\": 1, \"lookup_from\": {\"vector\": \"\"}}", 400, "lookup_from.collection", "is required"),
                Case.of("quantization rescore not a boolean", "POST", query,
                        "{\"query\": [1, 0, 0, 0], \"params\": {\"quantization\": {\"rescore\": \"yes\"}}}", 400,
                        "params.quantization.rescore", "true or false"),
                Case.of("quantization oversampling under 1", "POST", query,
                        "{\"query\": [1, 0, 0, 0], \"params\": {\"quantization\": {\"oversampling\": 0.5}}}", 422,
                        "params.quantization.oversampling", "value 0.5 invalid, must be 1.0 or larger"),
                Case.of("unknown vector in using", "POST", query, "{\"query\": [1, 0, 0, 0], \"using\": \"image\"}", 400, "query",
                        "Not existing vector name error: image"),
                Case.of("prefetch without a query to combine them", "POST", query, "{\"prefetch\": {\"query\": [1, 0, 0, 0]}}",
                        400, "query", "is required with prefetch"),
                Case.of("sparse query", "POST", query, "{\"query\": {\"indices\": [1], \"values\": [0.5]}}", 400, "query",
                        "not a sparse vector"),
                Case.of("multi-vector query", "POST", query, "{\"query\": [[1, 0, 0, 0]]}", 400, "query", "not a multivector"),
                Case.of("query id neither integer nor UUID", "POST", query, "{\"query\": \"abc\"}", 400, "query",
                        "unsigned 64-bit integer"),
                Case.of("recommend query with an unknown strategy", "POST", query,
                        "{\"query\": {\"recommend\": {\"positive\": [1], \"strategy\": \"max_score\"}}}", 400,
                        "query.recommend.strategy", "\"best_score\" or \"sum_scores\""),
                Case.of("best_score without examples", "POST", query,
                        "{\"query\": {\"recommend\": {\"strategy\": \"best_score\"}}}", 400,
                        "query.recommend.positive", "at least one positive or negative"),
                Case.of("mmr diversity out of range", "POST", query,
                        "{\"query\": {\"nearest\": [1, 0, 0, 0], \"mmr\": {\"diversity\": 2}}}", 422, "query.mmr.diversity",
                        "Validation error in JSON body: [query.mmr.diversity: value 2.0 invalid, must be from 0.0 to 1.0]"),
                Case.of("mmr diversity not a number", "POST", query,
                        "{\"query\": {\"nearest\": [1, 0, 0, 0], \"mmr\": {\"diversity\": \"high\"}}}", 400,
                        "query.mmr.diversity", "Format error in JSON body: query.mmr.diversity: must be a number between 0 and 1"),
                Case.of("mmr candidates_limit over 16384", "POST", query,
                        "{\"query\": {\"nearest\": [1, 0, 0, 0], \"mmr\": {\"candidates_limit\": 20000}}}", 422,
                        "query.mmr.candidates_limit", "value 20000 invalid, must be 16384 or smaller"),
                Case.of("rrf k 0", "POST", query,
                        "{\"prefetch\": {\"query\": [1, 0, 0, 0]}, \"query\": {\"rrf\": {\"k\": 0}}}", 422,
                        "query.rrf.k", "value 0 invalid, must be 1 or larger"),
                Case.of("rrf k negative", "POST", query,
                        "{\"prefetch\": {\"query\": [1, 0, 0, 0]}, \"query\": {\"rrf\": {\"k\": -1}}}", 400,
                        "query.rrf.k", "must be a positive integer"),
                Case.of("query limit 0", "POST", query, "{\"query\": [1, 0, 0, 0], \"limit\": 0}", 422, "limit",
                        "value 0 invalid, must be 1 or larger"),
                Case.of("prefetch limit 0", "POST", query,
                        "{\"prefetch\": {\"query\": [1, 0, 0, 0], \"limit\": 0}, \"query\": {\"fusion\": \"rrf\"}}", 422,
                        "prefetch", "value 0 invalid, must be 1 or larger"),
                Case.of("query groups of size 0", "POST", query + "/groups",
                        "{\"query\": [1, 0, 0, 0], \"group_by\": \"city\", \"group_size\": 0}", 422, "group_size",
                        "value 0 invalid, must be 1 or larger"),
                Case.of("bad query inside a batch", "POST", query + "/batch",
                        "{\"searches\": [{\"query\": [1, 0, 0, 0]}, {\"query\": [1, 0]}]}", 400, "searches[1].query",
                        "expected 4 dimensions, got 2"));
    }

    private static Stream<Case> recommends() {
        String recommend = C + "/points/recommend";
        return Stream.of(
                Case.of("unknown strategy", "POST", recommend, "{\"positive\": [1], \"limit\": 1, \"strategy\": \"max_score\"}",
                        400, "strategy", "\"best_score\" or \"sum_scores\""),
                Case.of("no positive example", "POST", recommend, "{\"negative\": [1], \"limit\": 1}", 400, "positive",
                        "at least one positive example"),
                Case.of("bad example id", "POST", recommend, "{\"positive\": [\"x\"], \"limit\": 1}", 400, "positive[0]",
                        "unsigned 64-bit integer"),
                Case.of("example vector of the wrong size", "POST", recommend, "{\"positive\": [[1, 0]], \"limit\": 1}", 400,
                        "positive[0]", "expected 4 dimensions, got 2"),
                Case.of("lookup_from member unknown", "POST", recommend,
                        "{\"positive\": [1], \"limit\": 1, \"lookup_from\": {\"collection\": \"x\", \"shard\": 1}}",
                        400, "lookup_from.shard", "not a member of lookup_from"),
                Case.of("discover without limit", "POST", C + "/points/discover",
                        "{\"target\": [1, 0, 0, 0], \"context\": []}", 400, "limit", "is required"),
                Case.of("discover with neither target nor context", "POST", C + "/points/discover", "{\"limit\": 1}", 400,
                        "target", "a target or a context"),
                Case.of("query groups without group_by", "POST", C + "/points/query/groups", "{\"query\": [1, 0, 0, 0]}", 400,
                        "group_by", "is required"));
    }

    private static Stream<Case> reads() {
        return Stream.of(
                Case.of("retrieve a bad id", "POST", C + "/points", "{\"ids\": [1, \"x\"]}", 400, "ids[1]",
                        "unsigned 64-bit integer"),
                Case.of("retrieve without ids", "POST", C + "/points", "{}", 400, "ids", "is required"),
                new Case("get a bad id", "GET", C + "/points/abc", JSON, null, 400, "id", "unsigned 64-bit integer"),
                Case.of("scroll ordered by a key without a range index", "POST", C + "/points/scroll",
                        "{\"order_by\": \"n\"}", 400, "order_by.key", "No range index for `order_by` key: `n`"),
                Case.of("scroll ordered with an id offset", "POST", C + "/points/scroll",
                        "{\"order_by\": \"n\", \"offset\": 1}", 400, "offset", "cannot be used with order_by"),
                Case.of("scroll ordered in a bad direction", "POST", C + "/points/scroll",
                        "{\"order_by\": {\"key\": \"n\", \"direction\": \"up\"}}", 400, "order_by.direction", "\"asc\" or \"desc\""),
                Case.of("facet without key", "POST", C + "/facet", "{}", 400, "key", "is required"),
                Case.of("facet on a key without index", "POST", C + "/facet", "{\"key\": \"city\"}", 400, "key",
                        "No appropriate index for faceting: `city`"),
                Case.of("facet limit 0", "POST", C + "/facet", "{\"key\": \"city\", \"limit\": 0}", 422, "limit",
                        "value 0 invalid, must be 1 or larger"),
                Case.of("matrix sample 1", "POST", C + "/points/search/matrix/pairs", "{\"sample\": 1}", 422, "sample",
                        "value 1 invalid, must be 2 or larger"),
                Case.of("matrix limit 0", "POST", C + "/points/search/matrix/offsets", "{\"limit\": 0}", 422, "limit",
                        "value 0 invalid, must be 1 or larger"),
                Case.of("search groups without group_by", "POST", C + "/points/search/groups",
                        "{\"vector\": [1, 0, 0, 0], \"group_size\": 2, \"limit\": 3}", 400, "group_by", "is required"),
                Case.of("search groups by an empty key", "POST", C + "/points/search/groups",
                        "{\"vector\": [1, 0, 0, 0], \"group_by\": \"\", \"group_size\": 2, \"limit\": 3}", 422, "group_by",
                        "must be at least 1 characters"),
                Case.of("search groups without group_size", "POST", C + "/points/search/groups",
                        "{\"vector\": [1, 0, 0, 0], \"group_by\": \"city\", \"limit\": 3}", 400, "group_size", "is required"),
                Case.of("search groups of size 0", "POST", C + "/points/search/groups",
                        "{\"vector\": [1, 0, 0, 0], \"group_by\": \"city\", \"group_size\": 0, \"limit\": 3}", 422,
                        "group_size", "value 0 invalid, must be 1 or larger"),
                Case.of("search groups of too many points", "POST", C + "/points/search/groups",
                        "{\"vector\": [1, 0, 0, 0], \"group_by\": \"city\", \"group_size\": 1000, \"limit\": 1000}", 400,
                        "group_size", "group_size × limit must be at most"),
                Case.of("search groups with a short vector", "POST", C + "/points/search/groups",
                        "{\"vector\": [1, 0], \"group_by\": \"city\", \"group_size\": 1, \"limit\": 3}", 400, "vector", ""),
                Case.of("recommend groups with a bad lookup", "POST", C + "/points/recommend/groups",
                        "{\"positive\": [1], \"group_by\": \"city\", \"group_size\": 1, \"limit\": 3, \"with_lookup\": {}}",
                        400, "with_lookup.collection", "is required"),
                Case.of("scroll limit 0", "POST", C + "/points/scroll", "{\"limit\": 0}", 422, "limit", "value 0 invalid, must be 1 or larger"),
                Case.of("scroll from a bad id", "POST", C + "/points/scroll", "{\"offset\": \"x\"}", 400, "offset",
                        "unsigned 64-bit integer"),
                Case.of("count with a bad filter", "POST", C + "/points/count",
                        "{\"filter\": {\"must\": [{\"key\": \"n\", \"range\": {\"gt\": \"x\"}}]}}", 400, "filter.must[0].range.gt", ""));
    }

    private static Stream<Case> updates() {
        return Stream.of(
                Case.of("delete without points or filter", "POST", C + "/points/delete", "{}", 400, "body", "exactly one"),
                Case.of("upsert with a bad update_filter", "PUT", C + "/points",
                        "{\"points\": [{\"id\": 1, \"vector\": [1, 0, 0, 0]}], \"update_filter\": {\"must\": 3}}", 400,
                        "update_filter.must", ""),
                Case.of("batch without operations", "POST", C + "/points/batch", "{}", 400, "operations", "is required"),
                Case.of("batch with two operations in one", "POST", C + "/points/batch",
                        "{\"operations\": [{\"delete\": {\"points\": [9]}, \"clear_payload\": {\"points\": [9]}}]}", 400,
                        "operations[0]", "exactly one of"),
                Case.of("batch with a bad later operation", "POST", C + "/points/batch",
                        "{\"operations\": [{\"delete\": {\"points\": [1]}}, {\"set_payload\": {\"points\": [1]}}]}", 400,
                        "operations[1].set_payload.payload", ""),
                Case.of("batch with a bad vector", "POST", C + "/points/batch",
                        "{\"operations\": [{\"upsert\": {\"points\": [{\"id\": 5, \"vector\": [1]}]}}]}", 400,
                        "operations[0].upsert.points[0].vector", ""),
                Case.of("batch update_vectors with a short vector", "POST", C + "/points/batch",
                        "{\"operations\": [{\"delete\": {\"points\": [1]}},"
                                + " {\"update_vectors\": {\"points\": [{\"id\": 2, \"vector\": [1]}]}}]}", 400,
                        "operations[1].update_vectors.points[0].vector", "expected"),
                Case.of("batch update_vectors of an unknown vector", "POST", C + "/points/batch",
                        "{\"operations\": [{\"update_vectors\": {\"points\": [{\"id\": 1, \"vector\": {\"nope\": [1]}}]}}]}",
                        400, "operations[0].update_vectors.points[0].vector.nope", "Not existing vector name error: nope"),
                Case.of("batch delete_vectors without names", "POST", C + "/points/batch",
                        "{\"operations\": [{\"delete_vectors\": {\"points\": [1], \"vector\": []}}]}", 400,
                        "operations[0].delete_vectors.vector", "non-empty list of vector names"),
                Case.of("update_vectors without points", "PUT", C + "/points/vectors", "{\"points\": []}", 422, "points",
                        "Validation error in JSON body: [points: must specify points to update]"),
                Case.of("delete a bad id", "POST", C + "/points/delete", "{\"points\": [1, -2]}", 400, "points[1]",
                        "unsigned 64-bit integer"),
                Case.of("set a payload that is not an object", "POST", C + "/points/payload", "{\"payload\": 5, \"points\": [1]}",
                        400, "payload", "must be a JSON object"),
                Case.of("set payload at an invalid key", "POST", C + "/points/payload",
                        "{\"payload\": {\"a\": 1}, \"points\": [1], \"key\": \"a..b\"}", 400, "key", "not a valid payload key"),
                Case.of("set payload with both points and filter", "POST", C + "/points/payload",
                        "{\"payload\": {\"a\": 1}, \"points\": [1], \"filter\": {}}", 400, "body", "exactly one"),
                Case.of("overwrite payload at a key", "PUT", C + "/points/payload",
                        "{\"payload\": {\"a\": 1}, \"points\": [1], \"key\": \"meta\"}", 400, "key", "not supported"),
                Case.of("delete payload without keys", "POST", C + "/points/payload/delete", "{\"points\": [1]}", 400, "keys",
                        "is required"),
                Case.of("clear payload without a selector", "POST", C + "/points/payload/clear", "{}", 400, "body", "exactly one"),
                Case.of("index of an unknown type", "PUT", C + "/index", "{\"field_name\": \"city\", \"field_schema\": \"vector\"}",
                        400, "field_schema", "must be one of keyword, integer, float, bool, datetime, text, uuid, geo"),
                Case.of("flag of another index type", "PUT", C + "/index",
                        "{\"field_name\": \"city\", \"field_schema\": {\"type\": \"keyword\", \"is_principal\": true}}", 400,
                        "field_schema.is_principal", "unknown field for a keyword index"),
                Case.of("text index with an unknown tokenizer", "PUT", C + "/index",
                        "{\"field_name\": \"city\", \"field_schema\": {\"type\": \"text\", \"tokenizer\": \"ngram\"}}", 400,
                        "field_schema.tokenizer", "must be one of word, whitespace, prefix, multilingual"),
                Case.of("text index with min_token_len above max_token_len", "PUT", C + "/index",
                        "{\"field_name\": \"city\", \"field_schema\": {\"type\": \"text\", \"min_token_len\": 9, \"max_token_len\": 3}}",
                        400, "field_schema.min_token_len", "must not exceed max_token_len"),
                Case.of("index without a field name", "PUT", C + "/index", "{\"field_schema\": \"keyword\"}", 400, "field_name",
                        "non-empty payload key"),
                Case.of("patch optimizers out of range", "PATCH", C, "{\"optimizers_config\": {\"deleted_threshold\": 2}}", 422,
                        "optimizers_config.deleted_threshold", "value 2.0 invalid, must be from 0.0 to 1.0"),
                Case.of("patch an unknown optimizer member", "PATCH", C, "{\"optimizers_config\": {\"indexing\": 0}}", 400,
                        "optimizers_config.indexing", "unknown field"),
                Case.of("patch a negative indexing threshold", "PATCH", C,
                        "{\"optimizers_config\": {\"indexing_threshold\": -1}}", 400,
                        "optimizers_config.indexing_threshold",
                        "Format error in JSON body: optimizers_config.indexing_threshold: must be a non-negative integer"),
                Case.of("patch an unknown field", "PATCH", C, "{\"strict_mode\": {\"enabled\": true}}", 400,
                        "strict_mode", "unknown field"),
                Case.of("patch strict mode with a string limit", "PATCH", C,
                        "{\"strict_mode_config\": {\"max_query_limit\": \"5\"}}", 400,
                        "strict_mode_config.max_query_limit", "non-negative integer"),
                Case.of("patch m to 1", "PATCH", C, "{\"hnsw_config\": {\"m\": 1}}", 400, "hnsw_config.m", "at least 2"));
    }

    /** Qdrant reads a read's {@code timeout} as a non-zero integer and a collection operation's as an integer of at least 1. */
    private static Stream<Case> queryParameters() {
        String create = "{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}}";
        return Stream.of(
                Case.of("search timeout 0", "POST", C + "/points/search?timeout=0", "{\"vector\": [1, 0, 0, 0], \"limit\": 1}",
                        400, "timeout", "Deserialize error in query parameters: timeout: invalid value: integer `0`"),
                Case.of("query timeout not a number", "POST", C + "/points/query?timeout=soon", "{\"query\": [1, 0, 0, 0]}",
                        400, "timeout", "expected a whole number of seconds, got 'soon'"),
                new Case("get point with a negative timeout", "GET", C + "/points/1?timeout=-1", JSON, null, 400, "timeout",
                        "expected a whole number of seconds, got '-1'"),
                Case.of("create with timeout 0", "PUT", NEW + "?timeout=0", create, 422, "timeout",
                        "Validation error in query parameters: [timeout: value 0 invalid, must be 1 or larger]"),
                Case.of("create with a fractional timeout", "PUT", NEW + "?timeout=1.5", create, 400, "timeout",
                        "Deserialize error in query parameters: timeout: expected a whole number of seconds, got '1.5'"),
                Case.of("create with a timeout over 64 bits", "PUT", NEW + "?timeout=18446744073709551616", create, 400,
                        "timeout", "too large"),
                Case.of("update with timeout 0", "PATCH", C + "?timeout=0", "{\"optimizers_config\": {\"deleted_threshold\": 0.5}}",
                        422, "timeout", "value 0 invalid, must be 1 or larger"),
                new Case("delete with timeout 0", "DELETE", C + "?timeout=0", JSON, null, 422, "timeout",
                        "value 0 invalid, must be 1 or larger"),
                Case.of("aliases with an empty timeout", "POST", "/collections/aliases?timeout=",
                        "{\"actions\": [{\"create_alias\": {\"collection_name\": \"no_such_collection\", \"alias_name\": \"never\"}}]}", 400,
                        "timeout", "expected a whole number of seconds, got ''"));
    }

    private static Stream<Case> protocol() {
        return Stream.of(
                new Case("unknown route", "GET", "/no/such/endpoint", JSON, null, 404, null, "Not found"),
                new Case("method not allowed", "DELETE", "/collections", JSON, null, 405, null, "Method not allowed"),
                new Case("info of an unknown collection", "GET", "/collections/no_such_collection", JSON, null, 404, null,
                        "doesn't exist"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectedWithA4xxNamingFieldAndRuleAndNothingChanges(Case k) {
        String c = sharedCollection();
        String fresh = Qdrant.uniqueName("never_created");

        RequestSpecification request = given().contentType(k.contentType());
        if (k.body() != null) {
            request.body(k.body());
        }
        Response r = request.request(k.method(), k.path().replace("{c}", c).replace("{new}", fresh));

        String body = r.asString();
        assertEquals(k.status(), r.statusCode(), body);
        String error = r.jsonPath().getString("status.error");
        assertNotNull(error, body);
        if (k.field() != null) {
            assertTrue(namesField(error, k.field()), "error names " + k.field() + ": " + error);
        }
        assertTrue(error.contains(k.rule()), "error states the rule '" + k.rule() + "': " + error);
        assertTrue(r.jsonPath().get("time") instanceof Number, body);

        assertEquals(sharedContents, contents(c), "the collection is unchanged");
        if (k.path().startsWith(NEW)) {
            assertFalse(get("/collections/" + fresh + "/exists").then().extract().<Boolean>path("result.exists"));
        }
    }

    /**
     * The error names {@code field} or a path inside it ({@code filter} covers {@code filter.must[0]}),
     * plainly or in a validation error's bracketed list ({@code ...: [limit: ...]}).
     */
    private static boolean namesField(String error, String field) {
        String lead = error.contains(": [" + field) ? ": [" : ": ";
        int at = error.indexOf(lead + field);
        int end = at + lead.length() + field.length();
        return at >= 0 && end < error.length() && ":.[".indexOf(error.charAt(end)) >= 0;
    }

    private static synchronized String sharedCollection() {
        if (sharedCollection == null) {
            sharedCollection = Qdrant.createCollection("bad_input", 4, "Dot");
            Qdrant.upsertFour(sharedCollection);
            sharedContents = contents(sharedCollection);
        }
        return sharedCollection;
    }

    /** Everything a bad request could have changed: points, payloads, vectors, settings and indexes. */
    private static String contents(String c) {
        String points = Qdrant.json("{\"limit\": 100, \"with_payload\": true, \"with_vector\": true}")
                .post("/collections/" + c + "/points/scroll").then().statusCode(200).extract().path("result").toString();
        String info = get("/collections/" + c).then().statusCode(200).extract().path("result").toString();
        return points + info;
    }

    private static String manyPoints(int n) {
        return IntStream.range(0, n).mapToObj(i -> "{\"id\": " + (1000 + i) + ", \"vector\": [0.5, 0.25, 0.125, 1]}")
                .collect(Collectors.joining(",", "{\"points\": [", "]}"));
    }

    private static String nestedFilter(int depth) {
        String f = "{\"must\": [{\"key\": \"n\", \"match\": {\"value\": 1}}]}";
        for (int i = 1; i < depth; i++) {
            f = "{\"must\": [" + f + "]}";
        }
        return f;
    }
}
