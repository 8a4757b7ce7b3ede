package io.vjvector.api;

import io.vjvector.api.dto.QdrantResponse;
import io.vjvector.api.dto.RagBody;
import io.vjvector.api.request.FilterReader;
import io.vjvector.api.request.RequestLimits;
import io.vjvector.document.DocumentStore;
import io.vjvector.error.VJVectorException;
import io.vjvector.rag.RagAnswer;
import io.vjvector.rag.RagService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Questions answered from a document collection, with citations. */
@Path("/collections/{collection_name}/rag")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Documents")
public class RagResource {

    private final RagService rag;
    private final DocumentStore store;
    private final RequestLimits limits;
    private final FilterReader filters;

    public RagResource(RagService rag, DocumentStore store, RequestLimits limits, FilterReader filters) {
        this.rag = rag;
        this.store = store;
        this.limits = limits;
        this.filters = filters;
    }

    @POST
    @Operation(summary = "Answer a question from the collection's documents (context and citations without an LLM)")
    public QdrantResponse<RagAnswer> ask(@PathParam("collection_name") String name, RagBody body) {
        if (body == null || body.question() == null || body.question().isBlank()) {
            throw VJVectorException.badRequest("question", "is required: a non-blank text");
        }
        if (Boolean.TRUE.equals(body.stream())) {
            throw VJVectorException.badRequest("stream", "streamed answers are not supported yet; send \"stream\": false");
        }
        if (body.filter() != null) {
            filters.read(body.filter(), "filter");
        }
        int limit = limits.limit(body.limit(), "limit", 5);
        return QdrantResponse.ok(rag.answer(name, store.textConfig(name), body.question(), limit, body.filter()));
    }
}
