package io.vjvector.engine.filter;

import io.vjvector.engine.point.PointId;
import java.util.UUID;

/**
 * Strict UUID reading for point ids, accepting the forms Qdrant accepts: hyphenated
 * ({@code 8-4-4-4-12} hex digits), simple (32 hex digits), braced ({@code {...}}) and
 * {@code urn:uuid:...}. {@link UUID#fromString} is not used because it also accepts malformed
 * text such as {@code 1-2-3-4-5}.
 */
final class Uuids {

    private Uuids() {
    }

    /** The UUID point id written in {@code text}, or null if it is not a UUID. */
    static PointId parse(String text) {
        String s = text;
        if (s.startsWith("urn:uuid:")) {
            s = s.substring("urn:uuid:".length());
        } else if (s.length() == 38 && s.charAt(0) == '{' && s.charAt(37) == '}') {
            s = s.substring(1, 37);
        }
        String hex;
        if (s.length() == 36) {
            if (s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-' || s.charAt(23) != '-') {
                return null;
            }
            hex = s.substring(0, 8) + s.substring(9, 13) + s.substring(14, 18) + s.substring(19, 23) + s.substring(24);
        } else if (s.length() == 32 && s == text) {
            hex = s;
        } else {
            return null;
        }
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 32; i++) {
            int digit = hexDigit(hex.charAt(i));
            if (digit < 0) {
                return null;
            }
            if (i < 16) {
                msb = (msb << 4) | digit;
            } else {
                lsb = (lsb << 4) | digit;
            }
        }
        return PointId.of(new UUID(msb, lsb));
    }

    /** ASCII hex only: {@link Character#digit} would also accept other scripts' digits. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
