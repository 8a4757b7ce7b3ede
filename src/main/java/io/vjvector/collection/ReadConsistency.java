package io.vjvector.collection;

import io.vjvector.error.VJVectorException;
import java.util.Locale;

/**
 * Qdrant's read {@code consistency} query parameter: how many copies of each shard a read asks,
 * and how many of the answers must agree on an item for it to be returned.
 *
 * <ul>
 *   <li>a number {@code n} (the default is 1): {@code n} copies, capped at the shard's number of
 *       copies; an item is returned when every answer holds it;</li>
 *   <li>{@code majority}: every copy; an item is returned when a majority of the answers holds it;</li>
 *   <li>{@code quorum}: a majority of the copies ({@code copies / 2 + 1}); every answer must hold it;</li>
 *   <li>{@code all}: every copy; every answer must hold it.</li>
 * </ul>
 *
 * <p>These are Qdrant's rules as its replica sets apply them (its API reference words
 * {@code majority} and {@code quorum} the other way round; its code is followed here). A shard
 * with fewer answering copies than the rule asks for fails the read: no answer is made up from
 * fewer copies.
 *
 * @param kind   which rule
 * @param factor the number of copies for {@link Kind#FACTOR}, 0 otherwise
 */
public record ReadConsistency(Kind kind, int factor) {

    /** The rules of Qdrant's parameter. */
    public enum Kind { FACTOR, MAJORITY, QUORUM, ALL }

    /** One copy, whichever answers: what a read without the parameter does. */
    public static final ReadConsistency DEFAULT = new ReadConsistency(Kind.FACTOR, 1);

    public ReadConsistency {
        if (kind == Kind.FACTOR ? factor < 1 : factor != 0) {
            throw new IllegalArgumentException(kind + " with factor " + factor);
        }
    }

    /**
     * Reads the query parameter's value: a positive integer, {@code majority}, {@code quorum} or
     * {@code all}; null (absent) is the default.
     *
     * @throws VJVectorException BAD_REQUEST naming {@code consistency} for any other value
     */
    public static ReadConsistency parse(String value) {
        if (value == null) {
            return DEFAULT;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "majority":
                return new ReadConsistency(Kind.MAJORITY, 0);
            case "quorum":
                return new ReadConsistency(Kind.QUORUM, 0);
            case "all":
                return new ReadConsistency(Kind.ALL, 0);
            default:
                break;
        }
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw VJVectorException.badRequest("consistency", "consistency must be a positive number of copies,"
                    + " `majority`, `quorum` or `all`, got '" + value + "'");
        }
        if (n < 1) {
            throw VJVectorException.badRequest("consistency", "Read consistency factor cannot be less than 1, got " + n);
        }
        return new ReadConsistency(Kind.FACTOR, (int) Math.min(Integer.MAX_VALUE, n));
    }

    /** Whether this is {@link #DEFAULT}: one copy, nothing to resolve. */
    public boolean isDefault() {
        return kind == Kind.FACTOR && factor == 1;
    }

    /** How many of a shard's {@code copies} (its replica set, in sync or not) must answer; at least 1. */
    public int copiesToAsk(int copies) {
        int n = Math.max(1, copies);
        return switch (kind) {
            case FACTOR -> Math.min(factor, n);
            case MAJORITY, ALL -> n;
            case QUORUM -> n / 2 + 1;
        };
    }

    /** How many of {@code answers} must hold an item for it to be returned. */
    public int agreement(int answers) {
        return kind == Kind.MAJORITY ? answers / 2 + 1 : answers;
    }

    /** The parameter's value as a client writes it. */
    @Override
    public String toString() {
        return kind == Kind.FACTOR ? Integer.toString(factor) : kind.name().toLowerCase(Locale.ROOT);
    }
}
