package io.vjvector.api;

import io.vjvector.collection.VectorsConfig;
import io.vjvector.api.dto.GroupsResult;
import io.vjvector.api.dto.QdrantResponse;
import io.vjvector.api.dto.RecommendGroupsBody;
import io.vjvector.api.dto.SearchGroupsBody;
import io.vjvector.api.request.GroupsReader;
import io.vjvector.api.request.SearchReader;
import io.vjvector.collection.CollectionService;
import io.vjvector.collection.GroupRequest;
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
@Path("/collections/{collection_name}/points")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Search")
public class GroupsResource {

    private final CollectionService service;
    private final SearchReader searches;
    private final GroupsReader groups;

    public GroupsResource(CollectionService service, SearchReader searches, GroupsReader groups) {
        this.service = service;
        this.searches = searches;
        this.groups = groups;
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

    private VectorsConfig vectors(String name) {
        return service.params(name).vectors();
    }

    private static void requireBody(Object body) {
        if (body == null) {
            throw VJVectorException.badRequest("body", "a JSON object is required");
        }
    }
}
