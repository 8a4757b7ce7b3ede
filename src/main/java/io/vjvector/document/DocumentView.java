package io.vjvector.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What document readers may see of the documents being written right now: for each such
 * document, which of its stored chunks to hide. Documents not named here are shown whole (they
 * have chunks of one generation only). Immutable; {@link DocumentVisibility} swaps whole views.
 */
final class DocumentView {

    static final DocumentView EMPTY = new DocumentView(Map.of());

    /** How a document in transition is shown. */
    enum Phase {
        /** The old chunks are shown; the new generation being written is hidden. */
        HIDE_NEW,
        /** Only the new generation is shown; the old chunks are being deleted. */
        ONLY_NEW,
        /** Nothing is shown: the document is being deleted. */
        HIDE_ALL
    }

    /** The state of one document in transition: its phase and the generation being written. */
    record Transition(Phase phase, long generation) {
    }

    private final Map<String, Transition> documents;
    /** The {@code must_not} conditions that hide what {@link #documents} says, or null for none. */
    private final ArrayNode hidden;

    private DocumentView(Map<String, Transition> documents) {
        this.documents = documents;
        this.hidden = documents.isEmpty() ? null : hiddenChunks(documents);
    }

    /** This view changed by {@code change} (applied to a copy of its documents). */
    DocumentView with(Consumer<Map<String, Transition>> change) {
        Map<String, Transition> next = new HashMap<>(documents);
        change.accept(next);
        return next.isEmpty() ? EMPTY : new DocumentView(Map.copyOf(next));
    }

    Map<String, Transition> documents() {
        return documents;
    }

    /**
     * A filter that keeps what {@code filter} (a Qdrant filter, or null) keeps minus the chunks
     * this view hides; null when both are empty.
     */
    JsonNode restrict(JsonNode filter) {
        if (hidden == null) {
            return filter;
        }
        ObjectNode f = JsonNodeFactory.instance.objectNode();
        if (filter != null && !filter.isNull()) {
            f.putArray("must").add(filter);
        }
        f.set("must_not", hidden.deepCopy());
        return f;
    }

    /** One condition per (phase, generation): a batch of documents written together costs one. */
    private static ArrayNode hiddenChunks(Map<String, Transition> documents) {
        Map<Transition, List<String>> groups = new LinkedHashMap<>();
        documents.forEach((id, t) -> groups.computeIfAbsent(t, k -> new ArrayList<>()).add(id));
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        groups.forEach((t, ids) -> out.add(switch (t.phase()) {
            case HIDE_NEW -> ChunkFilters.generation(ids, t.generation());
            case ONLY_NEW -> ChunkFilters.otherGenerations(ids, t.generation());
            case HIDE_ALL -> ChunkFilters.documents(ids);
        }));
        return out;
    }
}
