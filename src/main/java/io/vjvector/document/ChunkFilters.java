package io.vjvector.document;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/** Qdrant filters (JSON) over the chunk payload keys of {@link ChunkPayload}. */
final class ChunkFilters {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ChunkFilters() {
    }

    /** Chunks of any of {@code documents}. */
    static ObjectNode documents(Collection<String> documents) {
        ObjectNode f = NODES.objectNode();
        f.putArray("must").add(documentCondition(documents));
        return f;
    }

    /** Chunks of any of {@code documents} with generation {@code generation}. */
    static ObjectNode generation(Collection<String> documents, long generation) {
        ObjectNode f = documents(documents);
        ((ArrayNode) f.get("must")).add(generationCondition(generation));
        return f;
    }

    /** Chunks of any of {@code documents} of any generation but {@code generation} (chunks without one included). */
    static ObjectNode otherGenerations(Collection<String> documents, long generation) {
        ObjectNode f = documents(documents);
        f.putArray("must_not").add(generationCondition(generation));
        return f;
    }

    /** Chunks of any of {@code documents} that carry a generation of at least {@code from}. */
    static ObjectNode generationsFrom(Collection<String> documents, long from) {
        ObjectNode f = documents(documents);
        ObjectNode range = ((ArrayNode) f.get("must")).addObject();
        range.put("key", ChunkPayload.GENERATION).putObject("range").put("gte", from);
        return f;
    }

    private static ObjectNode documentCondition(Collection<String> documents) {
        ObjectNode c = NODES.objectNode().put("key", ChunkPayload.DOCUMENT_ID);
        if (documents.size() == 1) {
            c.putObject("match").put("value", documents.iterator().next());
        } else {
            ArrayNode any = c.putObject("match").putArray("any");
            documents.forEach(any::add);
        }
        return c;
    }

    private static ObjectNode generationCondition(long generation) {
        ObjectNode c = NODES.objectNode().put("key", ChunkPayload.GENERATION);
        c.putObject("match").put("value", generation);
        return c;
    }
}
