package io.vjvector.api;

import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;

/**
 * Checks Qdrant's {@code timeout} query parameter, in whole seconds. Qdrant reads it with two
 * types, and answers 0 differently for each: a read's is a non-zero integer, so 0 fails to read
 * like any other non-number (400, "Deserialize error in query parameters"); a collection
 * operation's is any integer with a declared minimum of 1, so 0 reads and then breaks the rule
 * (422, "Validation error in query parameters"). Absent is always fine.
 *
 * <p>The value is not used further: a collection operation here answers once it is applied, and
 * reads have no deadline of their own yet.
 */
final class TimeoutParameter {

    static final String NAME = "timeout";

    private TimeoutParameter() {
    }

    /** The {@code timeout} of a read (Qdrant's {@code ReadParams}). */
    static void checkRead(String raw) {
        Long seconds = seconds(raw);
        if (seconds != null && seconds == 0) {
            throw new VJVectorException(ErrorKind.QUERY_FORMAT, NAME,
                    "invalid value: integer `0`, expected a non-zero number of seconds");
        }
    }

    /** The {@code timeout} of a collection operation (Qdrant's {@code WaitTimeout}). */
    static void checkWait(String raw) {
        Long seconds = seconds(raw);
        if (seconds != null && seconds == 0) {
            VJVectorException rule = VJVectorException.atLeast(NAME, 0, 1);
            throw new VJVectorException(ErrorKind.QUERY_VALIDATION, NAME, rule.getMessage());
        }
    }

    /** Null when absent; any unsigned 64-bit integer otherwise, as Qdrant's {@code u64}. */
    private static Long seconds(String raw) {
        if (raw == null) {
            return null;
        }
        // parseUnsignedLong alone would take a leading '+'; a u64 in a query string has digits only.
        boolean digits = !raw.isEmpty() && raw.chars().allMatch(c -> c >= '0' && c <= '9');
        try {
            if (digits) {
                return Long.parseUnsignedLong(raw);
            }
        } catch (NumberFormatException e) {
            throw new VJVectorException(ErrorKind.QUERY_FORMAT, NAME,
                    "number too large to fit in an unsigned 64-bit integer: '" + raw + "'");
        }
        throw new VJVectorException(ErrorKind.QUERY_FORMAT, NAME,
                "expected a whole number of seconds, got '" + raw + "'");
    }
}
