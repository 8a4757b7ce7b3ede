package io.vjvector.api.request;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads the members of a request that hold vectors with Jackson's streaming parser, so that a
 * dense vector becomes one {@code float[]} ({@link FloatsNode}) instead of a tree of one node per
 * number: on a 768-d search that tree was most of the request's parsing. The result is still a
 * {@link JsonNode}, the same value the default tree reader gives for any other shape, so the
 * readers behind it (and their error messages) are unchanged.
 *
 * <p>An array becomes floats only where the member's place says it is a dense vector or a list of
 * them, never merely because it holds numbers: point ids, sparse indices and formula constants
 * must keep their JSON types. So the two deserializers name the places they speed up; anything
 * else in them is read as the default tree.
 */
public final class VectorJson {

    /** Nesting that still holds vectors: a map of names to lists of multivectors is three deep. */
    private static final int MAX_DEPTH = 3;

    private VectorJson() {
    }

    /*
     * Both deserializers give what Jackson's own JsonNode deserializer gives for the member's
     * absence (null) and for a JSON null (NullNode), so readers tell the two apart as before.
     */

    /**
     * Where a vector or vectors go in a point or a search: a dense vector, a list of them (a
     * multivector, a batch's column), or a map of vector names to those. Objects that are a
     * sparse vector or an inference document are read as trees.
     */
    public static final class Deserializer extends StdDeserializer<JsonNode> {

        private static final long serialVersionUID = 1L;

        public Deserializer() {
            super(JsonNode.class);
        }

        @Override
        public JsonNode deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return vectors(p, ctxt, MAX_DEPTH);
        }

        @Override
        public JsonNode getNullValue(DeserializationContext ctxt) {
            return NullNode.getInstance();
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return null;
        }
    }

    /**
     * Qdrant's {@code query} of a query request: a dense vector or multivector, or
     * {@code {"nearest": ...}} with one; every other kind of query (ids, recommend, formula, ...)
     * is read as a tree.
     */
    public static final class QueryDeserializer extends StdDeserializer<JsonNode> {

        private static final long serialVersionUID = 1L;

        public QueryDeserializer() {
            super(JsonNode.class);
        }

        @Override
        public JsonNode deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.START_ARRAY) {
                return vectors(p, ctxt, MAX_DEPTH);
            }
            if (p.currentToken() != JsonToken.START_OBJECT) {
                return ctxt.readTree(p);
            }
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                p.nextToken();
                out.set(name, name.equals("nearest") ? vectors(p, ctxt, MAX_DEPTH) : ctxt.readTree(p));
            }
            return out;
        }

        @Override
        public JsonNode getNullValue(DeserializationContext ctxt) {
            return NullNode.getInstance();
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return null;
        }
    }

    /** The value at the parser's current token, with dense vectors as floats down to {@code depth} levels. */
    static JsonNode vectors(JsonParser p, DeserializationContext ctxt, int depth) throws IOException {
        JsonToken token = p.currentToken();
        if (depth == 0 || (token != JsonToken.START_ARRAY && token != JsonToken.START_OBJECT)) {
            return ctxt.readTree(p);
        }
        if (token == JsonToken.START_OBJECT) {
            return object(p, ctxt, depth);
        }
        JsonToken first = p.nextToken();
        if (first == JsonToken.VALUE_NUMBER_FLOAT || first == JsonToken.VALUE_NUMBER_INT) {
            return numbers(p, ctxt);
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (JsonToken t = first; t != JsonToken.END_ARRAY; t = p.nextToken()) {
            out.add(vectors(p, ctxt, depth - 1));
        }
        return out;
    }

    /**
     * A map of vector names to values. A sparse vector ({@code indices}, {@code values}) or an
     * inference document ({@code text}, {@code model}) is recognised by its first member and read
     * as a tree: its arrays are not dense vectors.
     */
    private static JsonNode object(JsonParser p, DeserializationContext ctxt, int depth) throws IOException {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        boolean vectorsInside = true;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            if (out.isEmpty() && isNotVectorMap(name)) {
                vectorsInside = false;
            }
            p.nextToken();
            out.set(name, vectorsInside ? vectors(p, ctxt, depth - 1) : ctxt.readTree(p));
        }
        return out;
    }

    private static boolean isNotVectorMap(String firstMember) {
        return switch (firstMember) {
            case "indices", "values", "text", "model", "options" -> true;
            default -> false;
        };
    }

    /**
     * The rest of an array whose first element (the current token) is a number. Stays on the fast
     * path while every element is a number that is a finite float; at the first that is not, it
     * gives up and returns the default tree of the whole array, so that the reader reports that
     * element just as it would have without this class.
     */
    private static JsonNode numbers(JsonParser p, DeserializationContext ctxt) throws IOException {
        double[] read = new double[16];
        int n = 0;
        for (JsonToken t = p.currentToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (!isPlainNumber(p, t)) {
                return slowRest(p, ctxt, read, n);
            }
            // The tree reader keeps a double and callers narrow it: narrow the same double here.
            double d = p.getDoubleValue();
            if (!Float.isFinite((float) d)) {
                return slowRest(p, ctxt, read, n);
            }
            if (n == read.length) {
                read = Arrays.copyOf(read, n * 2);
            }
            read[n++] = d;
        }
        float[] floats = new float[n];
        for (int i = 0; i < n; i++) {
            floats[i] = (float) read[i];
        }
        return new FloatsNode(floats);
    }

    /** Numbers Jackson holds as int, long or double; big integers and decimals go the default way. */
    private static boolean isPlainNumber(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getNumberType() == JsonParser.NumberType.DOUBLE || p.getNumberType() == JsonParser.NumberType.FLOAT;
        }
        return t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
    }

    /** The first {@code n} numbers as they were read, then the current element and the rest as trees. */
    private static JsonNode slowRest(JsonParser p, DeserializationContext ctxt, double[] read, int n) throws IOException {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < n; i++) {
            out.add(DoubleNode.valueOf(read[i]));
        }
        for (JsonToken t = p.currentToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            out.add(ctxt.readTree(p));
        }
        return out;
    }
}
