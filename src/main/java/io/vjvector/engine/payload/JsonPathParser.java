package io.vjvector.engine.payload;

import java.util.ArrayList;
import java.util.List;

/** Reads Qdrant's path grammar: {@code key ( "." key | "." "quoted" | "[" digits "]" | "[]" )*}. */
final class JsonPathParser {

    private final String text;
    private int pos;
    private final List<JsonPath.Kind> kinds = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();
    private final List<Integer> indices = new ArrayList<>();

    JsonPathParser(String text) {
        this.text = text;
    }

    JsonPath parse() {
        if (text.isEmpty()) {
            throw fail("a path cannot be empty");
        }
        key();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '.') {
                pos++;
                key();
            } else if (c == '[') {
                pos++;
                bracket();
            } else {
                throw fail("unexpected '" + c + "' at position " + pos);
            }
        }
        int n = kinds.size();
        JsonPath.Kind[] k = kinds.toArray(new JsonPath.Kind[0]);
        String[] s = keys.toArray(new String[0]);
        int[] ix = new int[n];
        for (int i = 0; i < n; i++) {
            ix[i] = indices.get(i);
        }
        return JsonPath.of(k, s, ix);
    }

    private void key() {
        if (pos < text.length() && text.charAt(pos) == '"') {
            int close = pos + 1;
            while (close < text.length() && text.charAt(close) != '"') {
                if (text.charAt(close) == '\\') {
                    throw fail("a quoted key cannot contain '\\' (position " + close + ")");
                }
                close++;
            }
            if (close >= text.length()) {
                throw fail("unterminated quoted key at position " + pos);
            }
            add(JsonPath.Kind.KEY, text.substring(pos + 1, close), -1);
            pos = close + 1;
            return;
        }
        int start = pos;
        while (pos < text.length()) {
            int cp = text.codePointAt(pos);
            if (!isPlainKeyChar(cp)) {
                break;
            }
            pos += Character.charCount(cp);
        }
        if (pos == start) {
            throw fail("expected a key at position " + start
                    + " (letters, digits, '_', '-', or a \"quoted\" key)");
        }
        add(JsonPath.Kind.KEY, text.substring(start, pos), -1);
    }

    private void bracket() {
        if (pos < text.length() && text.charAt(pos) == ']') {
            pos++;
            add(JsonPath.Kind.WILDCARD, null, -1);
            return;
        }
        int start = pos;
        long value = 0;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            value = value * 10 + (text.charAt(pos) - '0');
            if (value > Integer.MAX_VALUE) {
                throw fail("array index too large at position " + start);
            }
            pos++;
        }
        if (pos == start || pos >= text.length() || text.charAt(pos) != ']') {
            throw fail("expected '[]' or '[<index>]' at position " + (start - 1));
        }
        pos++;
        add(JsonPath.Kind.INDEX, null, (int) value);
    }

    private void add(JsonPath.Kind kind, String key, int index) {
        kinds.add(kind);
        keys.add(key);
        indices.add(index);
    }

    private JsonPathException fail(String reason) {
        return new JsonPathException(text, reason);
    }

    /** Unquoted key characters, as Qdrant's grammar: alphanumeric (Unicode), '_' or '-'. */
    static boolean isPlainKeyChar(int cp) {
        if (cp == '_' || cp == '-' || Character.isAlphabetic(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }
}
