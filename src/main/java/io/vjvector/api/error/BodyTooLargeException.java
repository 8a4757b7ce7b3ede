package io.vjvector.api.error;

import java.io.IOException;

/**
 * A request body that turned out, while being read, to be longer than
 * {@code vjvector.limits.max-body-size}. An {@link IOException} so that the JSON parser passes it
 * through unwrapped, as it does any failure of the stream it reads.
 */
public class BodyTooLargeException extends IOException {

    public BodyTooLargeException(String message) {
        super(message);
    }
}
