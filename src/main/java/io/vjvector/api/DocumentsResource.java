package io.vjvector.api;

import static io.vjvector.api.request.FieldPath.field;
import static io.vjvector.api.request.FieldPath.index;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.api.dto.DocumentSearchBody;
import io.vjvector.api.dto.DocumentsBody;
import io.vjvector.api.dto.QdrantResponse;
import io.vjvector.api.request.FilterReader;
import io.vjvector.api.request.RequestLimits;
import io.vjvector.collection.TextConfig;
import io.vjvector.document.ChunkHit;
import io.vjvector.document.ChunkPayload;
import io.vjvector.document.DocumentInput;
import io.vjvector.document.DocumentSearch;
import io.vjvector.document.DocumentStore;
import io.vjvector.document.IngestOperations;
import io.vjvector.document.IngestProgress;
import io.vjvector.document.SearchMode;
import io.vjvector.error.VJVectorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Documents in a collection created with {@code text_config}: store, delete, search. */
@Path("/collections/{collection_name}/documents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Documents")
public class DocumentsResource {

    private static final Set<String> DOCUMENT_MEMBERS = Set.of("id", "text", "metadata");

    private final DocumentStore store;
    private final IngestOperations operations;
    private final DocumentSearch search;
    private final RequestLimits limits;
    private final FilterReader filters;

    public DocumentsResource(DocumentStore store, IngestOperations operations, DocumentSearch search,
                             RequestLimits limits, FilterReader filters) {
        this.store = store;
        this.operations = operations;
        this.search = search;
        this.limits = limits;
        this.filters = filters;
    }

    /** Qdrant's answer to a write it has queued. */
    public record Acknowledged(@JsonProperty("operation_id") long operationId, String status) {
    }

    @POST
    @Operation(summary = "Chunk, embed and store documents (re-sending an id replaces the document); "
            + "with wait=false, queue them and answer an operation id at once")
    public QdrantResponse<?> add(@PathParam("collection_name") String name, @QueryParam("wait") String wait,
                                 DocumentsBody body) {
        List<DocumentInput> documents = read(body);
        if (!waits(wait)) {
            return QdrantResponse.ok(new Acknowledged(operations.submit(name, documents), "acknowledged"));
        }
        return QdrantResponse.ok(operations.run(name, documents));
    }

    @GET
    @Path("/operations/{operation_id}")
    @Operation(summary = "Progress of an ingest: documents and chunks done, rate, errors")
    public QdrantResponse<IngestProgress.Status> operation(@PathParam("collection_name") String name,
                                                           @PathParam("operation_id") String id) {
        long operationId;
        try {
            operationId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw VJVectorException.badRequest("operation_id", "must be an integer, got '" + id + "'");
        }
        store.textConfig(name);
        return QdrantResponse.ok(operations.status(name, operationId).orElseThrow(() -> VJVectorException.notFound(
                "No ingest operation " + operationId + " in collection '" + name + "'")));
    }

    @GET
    @Path("/{document_id}")
    @Operation(summary = "The chunks of a document, in order, all of one version")
    public QdrantResponse<List<ChunkHit>> get(@PathParam("collection_name") String name,
                                              @PathParam("document_id") String id) {
        store.textConfig(name);
        List<ChunkHit> chunks = search.document(name, id);
        if (chunks.isEmpty()) {
            throw VJVectorException.notFound("No document '" + id + "' in collection '" + name + "'");
        }
        return QdrantResponse.ok(chunks);
    }

    @DELETE
    @Path("/{document_id}")
    @Operation(summary = "Delete every chunk of a document")
    public QdrantResponse<Boolean> delete(@PathParam("collection_name") String name, @PathParam("document_id") String id) {
        store.delete(name, id);
        return QdrantResponse.ok(true);
    }

    @POST
    @Path("/search")
    @Operation(summary = "Search document chunks by text: vector, keyword or hybrid")
    public QdrantResponse<List<ChunkHit>> search(@PathParam("collection_name") String name, DocumentSearchBody body) {
        if (body == null || body.query() == null || body.query().isBlank()) {
            throw VJVectorException.badRequest("query", "is required: a non-blank text");
        }
        SearchMode mode = body.mode() == null ? SearchMode.HYBRID : SearchMode.parse(body.mode());
        if (mode == null) {
            throw VJVectorException.badRequest("mode", "must be one of vector, keyword, hybrid");
        }
        if (body.groupBy() != null && !body.groupBy().equals("document_id")) {
            throw VJVectorException.badRequest("group_by", "only \"document_id\" is supported");
        }
        int limit = limits.limit(body.limit(), "limit", 10);
        if (body.filter() != null) {
            filters.read(body.filter(), "filter");
        }
        TextConfig text = store.textConfig(name);
        return QdrantResponse.ok(search.search(name, text, body.query(), limit, body.filter(), mode, body.groupBy() != null));
    }

    /** {@code wait} as Qdrant reads it, except that absent means true: an ingest answers when stored. */
    private static boolean waits(String wait) {
        if (wait == null || wait.equalsIgnoreCase("true")) {
            return true;
        }
        if (wait.equalsIgnoreCase("false")) {
            return false;
        }
        throw VJVectorException.badRequest("wait", "must be true or false, got '" + wait + "'");
    }

    /** The documents of a request, all checked before any is chunked. */
    private List<DocumentInput> read(DocumentsBody body) {
        JsonNode list = body == null ? null : body.documents();
        if (list == null || !list.isArray()) {
            throw VJVectorException.badRequest("documents", "is required: a list of {\"id\"?, \"text\", \"metadata\"?}");
        }
        limits.points(list.size(), "documents");
        List<DocumentInput> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = index("documents", i);
            JsonNode d = list.get(i);
            if (!d.isObject()) {
                throw VJVectorException.badRequest(at, "must be an object {\"id\"?, \"text\", \"metadata\"?}");
            }
            d.fieldNames().forEachRemaining(f -> {
                if (!DOCUMENT_MEMBERS.contains(f)) {
                    throw VJVectorException.badRequest(field(at, f), "is not a member of a document (id, text, metadata)");
                }
            });
            JsonNode text = d.get("text");
            if (text == null || !text.isTextual() || text.textValue().isBlank()) {
                throw VJVectorException.badRequest(field(at, "text"), "is required: a non-blank string");
            }
            JsonNode id = d.get("id");
            String documentId;
            if (id == null || id.isNull()) {
                documentId = UUID.randomUUID().toString();
            } else if (id.isTextual() && !id.textValue().isEmpty() || id.isIntegralNumber()) {
                documentId = id.asText();
            } else {
                throw VJVectorException.badRequest(field(at, "id"), "must be a non-empty string or an integer");
            }
            if (!ids.add(documentId)) {
                throw VJVectorException.badRequest(field(at, "id"), "document '" + documentId + "' appears twice in the request");
            }
            JsonNode metadata = d.get("metadata");
            if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
                throw VJVectorException.format(field(at, "metadata"), "must be a JSON object");
            }
            if (metadata != null && metadata.isObject()) {
                for (String key : ChunkPayload.RESERVED) {
                    if (metadata.has(key)) {
                        throw VJVectorException.badRequest(field(field(at, "metadata"), key),
                                "is set by the server on every chunk; metadata may not use it");
                    }
                }
            }
            out.add(new DocumentInput(documentId, text.textValue(),
                    metadata == null || metadata.isNull() ? null : (ObjectNode) metadata));
        }
        return out;
    }
}
