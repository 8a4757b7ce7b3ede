package io.vjvector.api.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A JSON array of numbers that was parsed straight into a {@code float[]} (see {@link VectorJson}):
 * {@link VectorReader} takes the floats as they are, and code that walks JSON trees sees an
 * ordinary, read-only array whose elements are made on demand. Every element was a finite 32-bit
 * float in the request, so the checks {@link VectorReader} makes element by element hold already.
 */
public final class FloatsNode extends ArrayNode {

    private static final long serialVersionUID = 1L;

    private final float[] values;

    FloatsNode(float[] values) {
        super(JsonNodeFactory.instance, new Elements(values));
        this.values = values;
    }

    /** The numbers, as sent; callers that keep or change them take a copy. */
    float[] floats() {
        return values;
    }

    /** The elements as {@link FloatNode}s, made when asked for: only error paths and rare forms walk them. */
    private static final class Elements extends AbstractList<JsonNode> implements RandomAccess {

        private final float[] values;

        Elements(float[] values) {
            this.values = values;
        }

        @Override
        public JsonNode get(int index) {
            return FloatNode.valueOf(values[index]);
        }

        @Override
        public int size() {
            return values.length;
        }
    }
}
