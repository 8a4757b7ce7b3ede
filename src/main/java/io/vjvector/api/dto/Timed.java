package io.vjvector.api.dto;

/**
 * A response body carrying Qdrant's {@code time} field; the response filter fills it in once the
 * request is done, so resources never measure time themselves.
 */
public interface Timed {

    Timed withTime(double seconds);
}
