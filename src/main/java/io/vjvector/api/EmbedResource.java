package io.vjvector.api;

import static io.vjvector.api.request.FieldPath.index;

import io.vjvector.api.dto.EmbedBody;
import io.vjvector.api.dto.EmbedResult;
import io.vjvector.api.dto.QdrantResponse;
import io.vjvector.api.request.RequestLimits;
import io.vjvector.error.VJVectorException;
import io.vjvector.inference.DenseEncoder;
import io.vjvector.inference.InferenceModels;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Embeds texts with a dense model for clients that want the vectors themselves. */
@Path("/embed")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Embeddings")
public class EmbedResource {

    private final RequestLimits limits;

    public EmbedResource(RequestLimits limits) {
        this.limits = limits;
    }

    @POST
    @Operation(summary = "Embed texts with a dense model")
    public QdrantResponse<EmbedResult> embed(EmbedBody body) {
        if (body == null || body.model() == null) {
            throw VJVectorException.badRequest("model", "is required: a model name");
        }
        if (body.inputs() == null) {
            throw VJVectorException.badRequest("inputs", "is required: a list of texts");
        }
        limits.points(body.inputs().size(), "inputs");
        for (int i = 0; i < body.inputs().size(); i++) {
            String t = body.inputs().get(i);
            if (t == null || t.isBlank()) {
                throw VJVectorException.badRequest(index("inputs", i), "must be a non-blank string");
            }
        }
        DenseEncoder encoder;
        try {
            encoder = InferenceModels.dense(body.model(), body.options()).orElseThrow(() -> VJVectorException.badRequest(
                    "model", "unknown dense model '" + body.model() + "'; available: " + InferenceModels.available()));
        } catch (IllegalArgumentException e) {
            throw VJVectorException.badRequest("options", e.getMessage());
        }
        float[][] vectors = encoder.embed(body.inputs());
        int dimension = vectors.length == 0 ? encoder.dimension() : vectors[0].length;
        return QdrantResponse.ok(new EmbedResult(encoder.name(), dimension, Arrays.asList(vectors)));
    }
}
