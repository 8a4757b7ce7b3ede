package io.vjvector.engine.payload;

/** A string that is not a valid payload path; the message says where and why. */
public final class JsonPathException extends IllegalArgumentException {

    private final String reason;

    public JsonPathException(String path, String reason) {
        super("invalid JSON path '" + path + "': " + reason);
        this.reason = reason;
    }

    /** Why the path is invalid, without the path itself (for callers that name the field themselves). */
    public String reason() {
        return reason;
    }
}
