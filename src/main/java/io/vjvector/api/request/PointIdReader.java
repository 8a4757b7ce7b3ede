package io.vjvector.api.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.engine.point.PointId;
import io.vjvector.error.VJVectorException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** Reads Qdrant point ids: JSON integers in [0, 2^64) or UUID strings. */
public final class PointIdReader {

    static final String RULE = "must be an unsigned 64-bit integer (0..18446744073709551615) or a UUID string";

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);
    // Hyphenated or 32-hex "simple" form; java.util.UUID.fromString alone accepts "1-2-3-4-5".
    private static final Pattern HYPHENATED =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern SIMPLE = Pattern.compile("[0-9a-fA-F]{32}");

    private PointIdReader() {
    }

    public static PointId read(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            throw VJVectorException.badRequest(path, "is required; " + RULE);
        }
        if (node.isIntegralNumber()) {
            BigInteger v = node.bigIntegerValue();
            if (v.signum() >= 0 && v.compareTo(TWO_TO_64) < 0) {
                return PointId.of(v.longValue());
            }
        } else if (node.isTextual()) {
            UUID uuid = parseUuid(node.textValue());
            if (uuid != null) {
                return PointId.of(uuid);
            }
        }
        throw VJVectorException.badRequest(path, RULE + ", got " + abbreviate(node));
    }

    public static List<PointId> readAll(List<JsonNode> nodes, String path) {
        List<PointId> ids = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            ids.add(read(nodes.get(i), FieldPath.index(path, i)));
        }
        return ids;
    }

    /** A path segment such as {@code /points/42}: digits are an integer id, anything else must be a UUID. */
    public static PointId fromPathSegment(String text, String path) {
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            try {
                return PointId.of(Long.parseUnsignedLong(text));
            } catch (NumberFormatException e) {
                throw VJVectorException.badRequest(path, RULE + ", got " + text);
            }
        }
        UUID uuid = parseUuid(text);
        if (uuid == null) {
            throw VJVectorException.badRequest(path, RULE + ", got " + text);
        }
        return PointId.of(uuid);
    }

    private static UUID parseUuid(String s) {
        if (HYPHENATED.matcher(s).matches()) {
            return UUID.fromString(s);
        }
        if (SIMPLE.matcher(s).matches()) {
            return new UUID(Long.parseUnsignedLong(s.substring(0, 16), 16), Long.parseUnsignedLong(s.substring(16), 16));
        }
        return null;
    }

    static String abbreviate(JsonNode node) {
        String s = node.toString();
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
