package io.vjvector.api.request;

import io.vjvector.error.VJVectorException;
import java.util.regex.Pattern;

/**
 * Collection name rules. Stricter than Qdrant's (which allows spaces and most symbols) because a
 * name becomes a directory and an etcd key: letters, digits, {@code _ - .}, not starting with a dot.
 */
public final class CollectionNames {

    public static final String FIELD = "collection_name";
    static final String RULE = "must be 1 to 255 characters of letters, digits, '_', '-' and '.', not starting with '.'";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,254}");

    private CollectionNames() {
    }

    public static String requireValid(String name) {
        if (name == null || !VALID.matcher(name).matches()) {
            throw VJVectorException.badRequest(FIELD, RULE);
        }
        return name;
    }
}
