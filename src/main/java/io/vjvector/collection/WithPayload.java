package io.vjvector.collection;

import java.util.List;

/**
 * Which payload to return (Qdrant's {@code with_payload}: true/false, a list of keys to include, or
 * {@code {"exclude": [...]}}). {@code include} and {@code exclude} are null when not given.
 */
public record WithPayload(boolean enabled, List<String> include, List<String> exclude) {

    public static final WithPayload ALL = new WithPayload(true, null, null);
    public static final WithPayload NONE = new WithPayload(false, null, null);
}
