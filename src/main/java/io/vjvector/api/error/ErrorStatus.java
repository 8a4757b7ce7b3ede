package io.vjvector.api.error;

import io.vjvector.error.ErrorKind;

/**
 * The one table from {@link ErrorKind} to HTTP status and to the prefix of Qdrant's error text.
 * The switch is exhaustive, so a new kind does not compile until it is given a status here.
 */
public final class ErrorStatus {

    private ErrorStatus() {
    }

    public static int httpStatus(ErrorKind kind) {
        return switch (kind) {
            case BAD_REQUEST, FORMAT, STRICT_MODE, QUERY_FORMAT -> 400;
            case VALIDATION, PATH_VALIDATION, QUERY_VALIDATION -> 422;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case RATE_LIMITED -> 429;
            case UNAVAILABLE, NOT_LEADER -> 503;
            case UPSTREAM_FAILED -> 502;
            case UPSTREAM_TIMEOUT -> 504;
        };
    }

    /** Qdrant starts its error texts with the class of error ("Wrong input: ..."). */
    public static String prefix(ErrorKind kind) {
        return switch (kind) {
            case BAD_REQUEST -> "Wrong input";
            case FORMAT -> "Format error in JSON body";
            case VALIDATION -> "Validation error in JSON body";
            case PATH_VALIDATION -> "Validation error in path parameters";
            case QUERY_VALIDATION -> "Validation error in query parameters";
            case QUERY_FORMAT -> "Deserialize error in query parameters";
            case STRICT_MODE -> "Bad request";
            case NOT_FOUND -> "Not found";
            case CONFLICT -> "Conflict";
            case TOO_LARGE -> "Payload too large";
            case RATE_LIMITED -> "Too many requests";
            case UNAVAILABLE, NOT_LEADER -> "Service unavailable";
            case UPSTREAM_FAILED -> "Bad gateway";
            case UPSTREAM_TIMEOUT -> "Gateway timeout";
        };
    }
}
