package io.vjvector.api.error;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.vjvector.engine.filter.FilterException;
import io.vjvector.engine.payload.JsonPathException;
import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.lang.annotation.Annotation;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps every exception to Qdrant's error body. Statuses of our own failures come only from
 * {@link ErrorStatus}; the others are HTTP protocol errors (unknown route, method, media type).
 * Anything else is a bug of ours: it is logged and answers 500 — client input never should.
 */
public class ExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ExceptionMappers.class);

    @ServerExceptionMapper
    public Response vjvector(VJVectorException e) {
        return ErrorResponse.response(e.kind(), e.field(), e.getMessage());
    }

    /** The rest of the body is never read: the connection is closed so that it is not taken for a next request. */
    @ServerExceptionMapper
    public Response bodyTooLarge(BodyTooLargeException e) {
        return Response.fromResponse(ErrorResponse.response(ErrorStatus.httpStatus(ErrorKind.TOO_LARGE), e.getMessage()))
                .header("Connection", "close").build();
    }

    @ServerExceptionMapper
    public Response filter(FilterException e) {
        return ErrorResponse.response(ErrorKind.BAD_REQUEST, null, e.getMessage());
    }

    /** A payload path the engine could not parse: client input, never a server fault. */
    @ServerExceptionMapper
    public Response payloadPath(JsonPathException e) {
        return ErrorResponse.response(ErrorKind.BAD_REQUEST, null, e.getMessage());
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        // The parser wraps a failure of the body stream it reads from when it is deep in a value.
        if (e.getCause() instanceof BodyTooLargeException tooLarge) {
            return bodyTooLarge(tooLarge);
        }
        return ErrorResponse.response(ErrorKind.FORMAT, jsonPath(e), jsonRule(e));
    }

    /** Declared for its own type so that it, not the framework's default mapper, answers wrong JSON types. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        // Bean constraints stand where Qdrant's request types declare validator rules: 422, its text.
        String text = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> violationPath(v) + ": " + violationRule(v))
                .collect(Collectors.joining("; "));
        return ErrorResponse.response(ErrorKind.VALIDATION, null, text);
    }

    /** Qdrant's wording of a range rule ({@code value 2 invalid, must be 4 or larger}); the validator's otherwise. */
    private static String violationRule(ConstraintViolation<?> v) {
        Annotation a = v.getConstraintDescriptor().getAnnotation();
        String bound = null;
        if (a instanceof Min min) {
            bound = min.value() + " or larger";
        } else if (a instanceof Max max) {
            bound = max.value() + " or smaller";
        } else if (a instanceof Positive) {
            bound = "1 or larger";
        } else if (a instanceof PositiveOrZero) {
            bound = "0 or larger";
        }
        return bound == null ? v.getMessage() : "value " + v.getInvalidValue() + " invalid, must be " + bound;
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        return ErrorResponse.response(status, protocolError(e));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("Unexpected error while handling a request", e);
        return ErrorResponse.response(500, "Service internal error: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }

    private static String protocolError(WebApplicationException e) {
        if (e instanceof NotFoundException) {
            return "Not found: no such endpoint";
        }
        if (e instanceof NotAllowedException) {
            return "Method not allowed on this endpoint";
        }
        if (e instanceof NotSupportedException) {
            return "Unsupported media type: send the body as application/json";
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        return status.getReasonPhrase() == null ? "HTTP " + status.getStatusCode() : status.getReasonPhrase();
    }

    /** {@code searches[2].limit} from Jackson's reference chain; null when the error is not inside a value. */
    private static String jsonPath(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException m) || m.getPath().isEmpty()) {
            return null;
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : m.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    private static String jsonRule(JsonProcessingException e) {
        if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")) {
            return "malformed JSON: content after the end of the body" + at(e.getLocation());
        }
        if (e.getCause() instanceof InputCoercionException c && c.getTargetType() != null) {
            return "expected " + jsonType(c.getTargetType()) + " within its range" + at(e.getLocation());
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "expected " + jsonType(m.getTargetType()) + at(e.getLocation());
        }
        return "malformed JSON: " + e.getOriginalMessage() + at(e.getLocation());
    }

    private static String jsonType(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Float.class || type == float.class || type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** {@code hnsw_config.ef_construct} from {@code create.body.hnswConfig.efConstruct}. */
    private static String violationPath(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        // Drop the resource method and parameter names; keep the path inside the body.
        String[] parts = path.split("\\.", 3);
        String inBody = parts.length == 3 ? parts[2] : parts[parts.length - 1];
        return inBody.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
