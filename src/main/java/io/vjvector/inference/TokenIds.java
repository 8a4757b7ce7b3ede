package io.vjvector.inference;

import java.nio.charset.StandardCharsets;
import org.apache.lucene.util.StringHelper;

/**
 * Token → sparse index as Qdrant's BM25 computes it (its {@code bm25} crate's {@code token_id}, also
 * what FastEmbed's {@code Qdrant/bm25} does): the 32-bit x86 MurmurHash3 of the token's UTF-8 bytes
 * with seed 0, read as a signed int, absolute value.
 *
 * <p>One hash value differs: -2^31, whose absolute value 2^31 Qdrant stores as an unsigned index
 * but this engine cannot (its indices are non-negative ints). It becomes 2^31 - 1, a collision
 * with the tokens hashing to +-(2^31 - 1), which one token in 2^31 risks.
 */
final class TokenIds {

    private TokenIds() {
    }

    static int of(String token) {
        byte[] utf8 = token.getBytes(StandardCharsets.UTF_8);
        int hash = StringHelper.murmurhash3_x86_32(utf8, 0, utf8.length, 0);
        return hash == Integer.MIN_VALUE ? Integer.MAX_VALUE : Math.abs(hash);
    }
}
