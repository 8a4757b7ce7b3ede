package io.vjvector.api;

import io.vjvector.api.dto.GroupsResult;
import io.vjvector.api.dto.QdrantResponse;
import io.vjvector.api.dto.QueryGroupsBody;
import io.vjvector.api.dto.RecommendGroupsBody;
import io.vjvector.api.dto.SearchGroupsBody;
import io.vjvector.api.request.GroupsReader;
import io.vjvector.api.request.QueryReader;
import io.vjvector.api.request.SearchReader;
import io.vjvector.collection.CollectionService;
import io.vjvector.collection.GroupRequest;
import io.vjvector.collection.SearchOptions;
import io.vjvector.collection.VectorsConfig;
import io.vjvector.error.VJVectorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Qdrant's search and recommend groups: results grouped by the values of a payload field, best
 * group first, each with its best hits. The search part of a body is read as the plain endpoint
 * reads it, so the two accept the same options.
 */
@ConsistentRead
@Path("/collections/{collection_name}/points")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Search")
public class GroupsResource {

    private final CollectionService service;
    private final SearchReader searches;
    private final GroupsReader groups;
    private final QueryReader queries;

    /** Qdrant's defaults for query groups ({@code group_size} 3, {@code limit} 10). */
    static final int DEFAULT_GROUP_SIZE = 3;
    static final int DEFAULT_GROUPS = 10;

    public GroupsResource(CollectionService service, SearchReader searches, GroupsReader groups, QueryReader queries) {
        this.service = service;
        this.searches = searches;
        this.groups = groups;
        this.queries = queries;
    }

    @POST
    @Path("/search/groups")
    @Operation(summary = "Nearest neighbours of a vector, grouped by a payload field")
    public QdrantResponse<GroupsResult> searchGroups(@PathParam("collection_name") String name, SearchGroupsBody body) {
        requireBody(body);
        GroupRequest group = groups.read(body.groupBy(), body.groupSize(), body.limit(), body.withLookup());
        var request = searches.search(body.search(), vectors(name), "");
        return QdrantResponse.ok(GroupsResult.of(service.searchGroups(name, request, group)));
    }

    @POST
    @Path("/recommend/groups")
    @Operation(summary = "Recommendations (average_vector), grouped by a payload field")
    public QdrantResponse<GroupsResult> recommendGroups(@PathParam("collection_name") String name,
                                                        RecommendGroupsBody body) {
        requireBody(body);
        GroupRequest group = groups.read(body.groupBy(), body.groupSize(), body.limit(), body.withLookup());
        var request = searches.recommend(body.recommend(), vectors(name), "");
        return QdrantResponse.ok(GroupsResult.of(service.recommendGroups(name, request, group)));
    }

    @POST
    @Path("/query/groups")
    @Operation(summary = "Any universal query, its points grouped by a payload field")
    public QdrantResponse<GroupsResult> queryGroups(@PathParam("collection_name") String name, QueryGroupsBody body) {
        requireBody(body);
        GroupRequest group = groups.read(body.groupBy(), body.groupSize() == null ? DEFAULT_GROUP_SIZE : body.groupSize(),
                body.limit() == null ? DEFAULT_GROUPS : body.limit(), body.withLookup());
        VectorsConfig vectors = vectors(name);
        // Read once up front so that a bad body fails before anything runs; its options are the query's own.
        SearchOptions own = searches.options("", body.query(group.limit()), DEFAULT_GROUPS);
        queries.read(body.query(group.limit()), vectors, "");
        return QdrantResponse.ok(GroupsResult.of(service.queryGroups(own, group,
                options -> queries.read(body.grouping(options.limit()), vectors, "").within(options.filter())
                        .run(service, name))));
    }

    private VectorsConfig vectors(String name) {
        return service.params(name).vectors();
    }

    private static void requireBody(Object body) {
        if (body == null) {
            throw VJVectorException.badRequest("body", "a JSON object is required");
        }
    }
}
