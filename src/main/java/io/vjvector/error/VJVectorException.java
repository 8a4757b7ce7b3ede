package io.vjvector.error;

/**
 * The one exception type services throw for expected failures. {@link #field()} names the input
 * field at fault (dotted JSON path such as {@code points[3].vector}) or is null when none is.
 */
public class VJVectorException extends RuntimeException {

    private final ErrorKind kind;
    private final String field;

    public VJVectorException(ErrorKind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public VJVectorException(ErrorKind kind, String field, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.field = field;
    }

    public static VJVectorException badRequest(String field, String message) {
        return new VJVectorException(ErrorKind.BAD_REQUEST, field, message);
    }

    /** A body member of the wrong JSON type, or a body that is not JSON: 400, as Qdrant's deserialisation answers. */
    public static VJVectorException format(String field, String message) {
        return new VJVectorException(ErrorKind.FORMAT, field, message);
    }

    /** A field of the body outside its declared rule: 422, as Qdrant's request validation answers. */
    public static VJVectorException validation(String field, String rule) {
        return new VJVectorException(ErrorKind.VALIDATION, field, rule);
    }

    /** Qdrant's text for a value under its minimum: {@code value 0 invalid, must be 1 or larger}. */
    public static VJVectorException atLeast(String field, Number value, Number min) {
        return validation(field, "value " + value + " invalid, must be " + min + " or larger");
    }

    /** Qdrant's text for a value over its maximum: {@code value 20000 invalid, must be 16384 or smaller}. */
    public static VJVectorException atMost(String field, Number value, Number max) {
        return validation(field, "value " + value + " invalid, must be " + max + " or smaller");
    }

    /** Qdrant's text for a value outside a closed range: {@code value 2 invalid, must be from 0 to 1}. */
    public static VJVectorException between(String field, Number value, Number min, Number max) {
        return validation(field, "value " + value + " invalid, must be from " + min + " to " + max);
    }

    public static VJVectorException notFound(String message) {
        return new VJVectorException(ErrorKind.NOT_FOUND, null, message);
    }

    public static VJVectorException conflict(String message) {
        return new VJVectorException(ErrorKind.CONFLICT, null, message);
    }

    public static VJVectorException unavailable(String message) {
        return new VJVectorException(ErrorKind.UNAVAILABLE, null, message);
    }

    public ErrorKind kind() {
        return kind;
    }

    public String field() {
        return field;
    }

    /** The message with the field at fault in front ({@code field: message}), for texts outside an error body. */
    public String describe() {
        String message = getMessage();
        return field == null || message.startsWith(field) ? message : field + ": " + message;
    }
}
