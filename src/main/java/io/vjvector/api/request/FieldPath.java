package io.vjvector.api.request;

/**
 * Builds the JSON paths that errors name ({@code searches[2].filter}, {@code points[0].vector}).
 * A prefix is empty at the top of a body.
 */
public final class FieldPath {

    private FieldPath() {
    }

    public static String field(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    public static String index(String path, int i) {
        return path + "[" + i + "]";
    }
}
