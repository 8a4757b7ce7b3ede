package io.vjvector.api.error;

import io.vjvector.api.dto.Timed;
import io.vjvector.error.ErrorKind;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Qdrant's error body: {@code {"status": {"error": "..."}, "time": seconds}}. */
public record ErrorResponse(Status status, double time) implements Timed {

    public record Status(String error) {
    }

    public static ErrorResponse of(String error) {
        return new ErrorResponse(new Status(error), 0);
    }

    @Override
    public ErrorResponse withTime(double seconds) {
        return new ErrorResponse(status, seconds);
    }

    /** The response for a failure of {@code kind} at {@code field} (null when no single field is at fault). */
    public static Response response(ErrorKind kind, String field, String rule) {
        String detail = field == null ? rule : field + ": " + rule;
        boolean validation = kind == ErrorKind.VALIDATION || kind == ErrorKind.PATH_VALIDATION
                || kind == ErrorKind.QUERY_VALIDATION;
        // Qdrant lists the broken rules in brackets: "Validation error in JSON body: [limit: ...]".
        String text = ErrorStatus.prefix(kind) + ": " + (validation ? "[" + detail + "]" : detail);
        return response(ErrorStatus.httpStatus(kind), text);
    }

    /** A response with a protocol status that no {@link ErrorKind} covers (404 route, 405, 415, 500). */
    public static Response response(int status, String error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(of(error)).build();
    }
}
