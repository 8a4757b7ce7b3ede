package io.vjvector.engine.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.engine.payload.JsonPath;
import java.util.BitSet;
import java.util.HashMap;

/** Strings → ordinals; answers {@code match} {@code value} / {@code any} with strings. */
final class KeywordIndex extends FieldIndex {

    private final Postings<String> postings = new Postings<>(HashMap::new);

    KeywordIndex(JsonPath path) {
        super(path, PayloadSchemaType.KEYWORD);
    }

    @Override
    boolean addValue(JsonNode value, int ordinal) {
        if (!value.isTextual()) {
            return false;
        }
        postings.add(value.textValue(), ordinal);
        return true;
    }

    @Override
    void removeValue(JsonNode value, int ordinal) {
        if (value.isTextual()) {
            postings.remove(value.textValue(), ordinal);
        }
    }

    @Override
    BitSet candidates(Match match) {
        if (match instanceof Match.Keyword k) {
            BitSet out = new BitSet();
            postings.orInto(k.value(), out);
            return out;
        }
        if (match instanceof Match.Any any && any.values().isKeywords()) {
            BitSet out = new BitSet();
            for (String v : any.values().keywordSet()) {
                postings.orInto(v, out);
            }
            return out;
        }
        return null;
    }

    @Override
    long estimate(Match match) {
        if (match instanceof Match.Keyword k) {
            return postings.count(k.value());
        }
        if (match instanceof Match.Any any && any.values().isKeywords()) {
            long total = 0;
            for (String v : any.values().keywordSet()) {
                total += postings.count(v);
            }
            return total;
        }
        return -1;
    }
}
