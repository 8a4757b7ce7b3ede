package io.vjvector.engine.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.engine.payload.JsonPath;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;

/**
 * Tokens → ordinals of the strings holding them; answers full-text matches ({@link Match.Tokens}
 * bound to this index's analyzer). Candidates are the ordinals holding every query token
 * ({@code text}, {@code phrase}) or any ({@code text_any}); the word order of a phrase is left to
 * the exact test, which re-reads the stored string.
 */
final class TextIndex extends FieldIndex {

    private final TextAnalyzer analyzer;
    private final Postings<String> postings = new Postings<>(HashMap::new);

    TextIndex(JsonPath path, TextAnalyzer analyzer) {
        super(path, PayloadSchemaType.TEXT);
        this.analyzer = analyzer;
    }

    TextAnalyzer analyzer() {
        return analyzer;
    }

    @Override
    boolean addValue(JsonNode value, int ordinal) {
        if (!value.isTextual()) {
            return false;
        }
        for (String token : analyzer.documentTokens(value.textValue())) {
            postings.add(token, ordinal);
        }
        return true;
    }

    @Override
    void removeValue(JsonNode value, int ordinal) {
        // The whole point's payload is removed at once, so a token shared with another value of
        // the same point may go: none of them stays indexed.
        if (value.isTextual()) {
            for (String token : analyzer.documentTokens(value.textValue())) {
                postings.remove(token, ordinal);
            }
        }
    }

    @Override
    BitSet candidates(Match match) {
        if (!(match instanceof Match.Tokens t) || !t.analyzer().equals(analyzer)) {
            return null;
        }
        List<String> query = t.query();
        BitSet out = new BitSet();
        if (query.isEmpty()) {
            return out;
        }
        if (t.source() instanceof Match.TextAny) {
            for (String token : query) {
                postings.orInto(token, out);
            }
            return out;
        }
        postings.orInto(rarest(query), out);
        for (String token : query) {
            if (out.isEmpty()) {
                break;
            }
            BitSet next = new BitSet();
            postings.orInto(token, next);
            out.and(next);
        }
        return out;
    }

    @Override
    long estimate(Match match) {
        if (!(match instanceof Match.Tokens t) || !t.analyzer().equals(analyzer)) {
            return -1;
        }
        if (t.query().isEmpty()) {
            return 0;
        }
        if (t.source() instanceof Match.TextAny) {
            return t.query().stream().mapToLong(postings::count).sum();
        }
        return postings.count(rarest(t.query()));
    }

    private String rarest(List<String> tokens) {
        String best = tokens.get(0);
        for (String token : tokens) {
            if (postings.count(token) < postings.count(best)) {
                best = token;
            }
        }
        return best;
    }
}
