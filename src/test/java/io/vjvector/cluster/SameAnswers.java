package io.vjvector.cluster;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares an answer from a cluster with the same request's answer from a standalone node. What
 * may differ: the named fields (operation ids, points' versions) and float noise in scores, since
 * kernels and shards sum in different orders. Scores are compared within a tolerance; rounding both
 * to a fixed number of digits is not the same thing, because the rounding flips at a boundary.
 */
public final class SameAnswers {

    /** Largest difference allowed between two scores of the same hit. */
    public static final double SCORE_TOLERANCE = 1e-5;

    private SameAnswers() {
    }

    public static void assertSame(JsonNode expected, JsonNode actual, Set<String> ignoredFields, String message) {
        String difference = difference(expected, actual, ignoredFields, "$");
        if (difference != null) {
            fail(message + ": " + difference + "\nexpected: " + expected + "\nactual:   " + actual);
        }
    }

    private static String difference(JsonNode e, JsonNode a, Set<String> ignored, String at) {
        if (e == null || a == null || e.isNull() || a.isNull()) {
            boolean same = (e == null || e.isNull()) == (a == null || a.isNull());
            return same ? null : at + " is " + e + " here and " + a + " there";
        }
        if (e.isObject() && a.isObject()) {
            Set<String> names = new TreeSet<>();
            e.fieldNames().forEachRemaining(names::add);
            a.fieldNames().forEachRemaining(names::add);
            names.removeAll(ignored);
            for (String name : names) {
                String path = at + "." + name;
                if (!e.has(name) || !a.has(name)) {
                    return path + " is present on one side only";
                }
                String d = name.equals("score") && e.get(name).isNumber() && a.get(name).isNumber()
                        ? scoreDifference(e.get(name), a.get(name), path)
                        : difference(e.get(name), a.get(name), ignored, path);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (e.isArray() && a.isArray()) {
            if (e.size() != a.size()) {
                return at + " has " + e.size() + " elements here and " + a.size() + " there";
            }
            Iterator<JsonNode> ie = e.elements();
            Iterator<JsonNode> ia = a.elements();
            for (int i = 0; ie.hasNext(); i++) {
                String d = difference(ie.next(), ia.next(), ignored, at + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (e.isNumber() && a.isNumber()) {
            return e.decimalValue().compareTo(a.decimalValue()) == 0 ? null : at + ": " + e + " vs " + a;
        }
        return e.equals(a) ? null : at + ": " + e + " vs " + a;
    }

    private static String scoreDifference(JsonNode e, JsonNode a, String at) {
        double diff = Math.abs(e.asDouble() - a.asDouble());
        return diff <= SCORE_TOLERANCE ? null : at + ": " + e + " vs " + a + " (more than " + SCORE_TOLERANCE + " apart)";
    }
}
