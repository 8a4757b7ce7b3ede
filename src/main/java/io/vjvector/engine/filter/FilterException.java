package io.vjvector.engine.filter;

/** A filter that cannot be parsed: {@link #path()} names the JSON field, the message the rule. */
public final class FilterException extends IllegalArgumentException {

    private final String path;

    public FilterException(String path, String rule) {
        super(path + ": " + rule);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
