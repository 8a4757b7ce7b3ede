package io.vjvector.security;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Percent-decoding of one path segment, as the router decodes the collection name it hands on. */
final class PathDecoding {

    private PathDecoding() {
    }

    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        try {
            // '+' is literal in a path, unlike in a form; protect it from URLDecoder.
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }
}
