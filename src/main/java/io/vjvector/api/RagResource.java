package io.vjvector.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.api.dto.QdrantResponse;
import io.vjvector.api.dto.RagBody;
import io.vjvector.api.error.ErrorStatus;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Questions answered from a document collection, with citations. With {@code "stream": true} the
 * answer comes as server-sent events: {@code token} events ({@code {"text"}}) as the LLM produces
 * them, then one {@code citations} event ({@code {"answer", "citations", "context"}}), or an
 * {@code error} event ({@code {"status", "error"}}) if the LLM fails, stalls or cuts its stream.
 * Retrieval runs before the first byte, so a missing collection or a bad filter is still a plain
 * JSON error with its status.
 */
@Path("/collections/{collection_name}/rag")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Documents")
public class RagResource {

    private final RagService rag;
    private final DocumentStore store;
    private final RequestLimits limits;
    private final FilterReader filters;
    private final ObjectMapper mapper;

    public RagResource(RagService rag, DocumentStore store, RequestLimits limits, FilterReader filters, ObjectMapper mapper) {
        this.rag = rag;
        this.mapper = mapper;
        this.store = store;
        this.limits = limits;
        this.filters = filters;
    }

    @POST
    @Operation(summary = "Answer a question from the collection's documents (context and citations without an LLM)")
    @Produces({MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS})
    public Response ask(@PathParam("collection_name") String name, RagBody body) {
        if (body == null || body.question() == null || body.question().isBlank()) {
            throw VJVectorException.badRequest("question", "is required: a non-blank text");
        }
        if (body.filter() != null) {
            filters.read(body.filter(), "filter");
        }
        int limit = limits.limit(body.limit(), "limit", 5);
        if (!Boolean.TRUE.equals(body.stream())) {
            return Response.ok(QdrantResponse.ok(rag.answer(name, store.textConfig(name), body.question(), limit, body.filter())),
                    MediaType.APPLICATION_JSON).build();
        }
        RagAnswer retrieved = rag.retrieve(name, store.textConfig(name), body.question(), limit, body.filter());
        StreamingOutput events = out -> stream(out, retrieved, body.question());
        return Response.ok(events, MediaType.SERVER_SENT_EVENTS)
                .header("Cache-Control", "no-cache")
                .build();
    }

    private void stream(OutputStream out, RagAnswer retrieved, String question) throws IOException {
        String answer = null;
        if (rag.hasLlm()) {
            try {
                answer = rag.stream(retrieved, question, token -> {
                    ObjectNode data = mapper.createObjectNode().put("text", token);
                    event(out, "token", data);
                });
            } catch (VJVectorException e) {
                ObjectNode data = mapper.createObjectNode()
                        .put("status", ErrorStatus.httpStatus(e.kind()))
                        .put("error", e.getMessage());
                event(out, "error", data);
                return;
            }
        }
        event(out, "citations", new RagAnswer(answer, retrieved.citations(), retrieved.context()));
    }

    /** Writes one event and flushes it, so the client sees each token as it arrives. */
    private void event(OutputStream out, String name, Object data) {
        try {
            String text = "event: " + name + "\ndata: " + mapper.writeValueAsString(data) + "\n\n";
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            // The client went away; the LLM's stream is abandoned with it.
            throw new UncheckedIOException(e);
        }
    }
}
